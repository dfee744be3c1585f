namespace ServiceMark.Web.Infrastructure.Jobs;

/// <summary>
/// A background job that runs on one instance at a time (SLA alerts, assessment reminders, grading windows): every
/// <see cref="Interval"/>, the instance holding the job's lease runs one <see cref="TickAsync"/>. The lease lasts two
/// intervals, so a crashed holder is replaced after at most that long; the ticks themselves must be safe to repeat
/// (each job writes its effects under a unique key in one transaction). The first tick waits one interval: startup
/// (migrations, seeding) finishes first, and tests drive <see cref="RunOnceAsync"/> themselves.
/// </summary>
public abstract partial class LeasedJob(JobLeases leases, TimeProvider time, ILogger logger) : BackgroundService
{
    private volatile bool holdsLease;

    /// <summary>The clock of the job's ticks, for the job's own "now".</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>This instance's name on the lease.</summary>
    public string InstanceId { get; } = JobLeases.NewHolderId();

    /// <summary>The lease's name, shared by every instance running this job.</summary>
    protected abstract string Lease { get; }

    /// <summary>False when configuration turns the job off in this instance.</summary>
    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>One run of the job's work; returns how many things it wrote (alerts, reminders…).</summary>
    protected abstract Task<int> TickAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            LogDisabled(logger, Lease);
            return;
        }

        using var timer = new PeriodicTimer(Interval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!holdsLease)
        {
            return;
        }

        try
        {
            await leases.ReleaseAsync(Lease, InstanceId, cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            // the host is already gone (a test host stopping): the lease expires by itself
        }
#pragma warning disable CA1031 // shutting down: the lease expires by itself anyway
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogReleaseFailed(logger, e, Lease);
        }
    }

    /// <summary>One tick: take or renew the lease, then run. Never throws except for cancellation: the job outlives a bad run.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        try
        {
            holdsLease = await leases.TryAcquireAsync(Lease, InstanceId, Interval * 2, ct);
            return holdsLease ? await TickAsync(ct) : 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // the loop must survive any failure of one run; it is logged and retried next tick
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRunFailed(logger, e, Lease);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The job {Job} is disabled by configuration.")]
    private static partial void LogDisabled(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Error, Message = "The job {Job} failed; retrying next interval.")]
    private static partial void LogRunFailed(ILogger logger, Exception e, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the lease of the job {Job} on shutdown.")]
    private static partial void LogReleaseFailed(ILogger logger, Exception e, string job);
}
