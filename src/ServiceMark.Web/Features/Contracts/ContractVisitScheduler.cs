using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceMark.Domain.Contracts;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Tickets;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Jobs;

namespace ServiceMark.Web.Features.Contracts;

public sealed class ContractVisitOptions
{
    public const string Section = "ContractVisits";

    /// <summary>Runs the scheduler in this instance; other instances still share the work through the lease.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between runs; the lease lasts twice this.</summary>
    public int IntervalSeconds { get; set; } = 300;

    /// <summary>Visits opened per run at most: a backlog (a contract entered late) is worked off over several runs.</summary>
    public int BatchSize { get; set; } = 200;
}

/// <summary>
/// Opens each planned maintenance visit as a ticket on its opening day (R-EXP-2). Exactly once: the ticket is created under
/// an idempotency key named after the visit, so a run that crashed between creating the ticket and marking the visit, a
/// second run, or a second instance finds the ticket the first one made instead of making another; only then is the visit
/// marked with it. The ticket is an ordinary one — 维保巡检, opened by the system — dispatched, worked and closed as any other.
/// </summary>
public sealed partial class ContractVisitScheduler(
    IServiceScopeFactory scopes,
    IDbContextFactory<AppDbContext> contexts,
    JobLeases leases,
    TimeProvider time,
    CompanyClock clock,
    IOptions<ContractVisitOptions> options,
    ILogger<ContractVisitScheduler> logger) : LeasedJob(leases, time, logger)
{
    public const string LeaseName = "contract-visits";

    /// <summary>Whom the tickets are created by, in the audit log and the idempotency records.</summary>
    internal const string SchedulerUserId = "system:contract-visits";

    private static readonly ClaimsPrincipal Scheduler = PlannedTickets.SystemUser(SchedulerUserId);

    protected override string Lease => LeaseName;

    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(options.Value.IntervalSeconds, 1));

    protected override Task<int> TickAsync(CancellationToken ct) => OpenDueAsync(ct);

    /// <summary>Opens the visits whose day has come and that have no ticket yet; returns how many it opened.</summary>
    public async Task<int> OpenDueAsync(CancellationToken ct)
    {
        // The ticket records its warranty verdict in words, in the company's language: a background job has no reader's culture.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var today = clock.Today;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var due = await (from v in db.PlannedVisits
                         join c in db.MaintenanceContracts on v.ContractId equals c.Id
                         where v.TicketId == null && v.OpensOn <= today
                               && (c.Status == ContractStatus.Active || c.Status == ContractStatus.Terminated && v.DueOn < c.TerminatedOn)
                         orderby v.OpensOn, v.Id
                         select v).Take(Math.Max(options.Value.BatchSize, 1)).ToListAsync(ct);
        var opened = 0;
        await using var scope = scopes.CreateAsyncScope();
        var creation = scope.ServiceProvider.GetRequiredService<TicketCreation>();
        foreach (var visit in due)
        {
            var contract = await db.MaintenanceContracts.AsNoTracking().FirstAsync(c => c.Id == visit.ContractId, ct);
            var request = await RequestAsync(db, contract, visit, ct);
            if (request is null)
            {
                LogNotVisitable(logger, contract.Number);
                continue;
            }

            var created = await creation.CreateAsync(request, Scheduler, visit.TicketKey, ct);
            await using var lookup = await contexts.CreateDbContextAsync(ct);
            if (created.Refusal is { } refused || await TicketCreation.ExistingAsync(lookup, SchedulerUserId, visit.TicketKey, ct) is not { } ticketId)
            {
                LogRefused(logger, contract.Number, visit.DueOn, created.Refusal?.Message ?? "no ticket");
                continue;
            }

            visit.Opened(ticketId, Time.GetUtcNow().UtcDateTime);
            db.Actor = Infrastructure.Audit.Actor.System;
            await db.SaveChangesAsync(ct);
            opened++;
        }

        return opened;
    }

    /// <summary>The ticket of a visit: the customer's first contact with a phone and first site, the first unit covered (all of them in the description).</summary>
    private static Task<CreateTicketRequest?> RequestAsync(AppDbContext db, MaintenanceContract contract, PlannedVisit visit, CancellationToken ct)
    {
        var index = contract.VisitDates().ToList().IndexOf(visit.DueOn) + 1;
        return PlannedTickets.RequestAsync(db, contract.CustomerId, contract.UnitIds, FaultCategory.Maintenance, serials =>
            $"维保合同 {contract.Number} 第 {index} 次定期维保巡检，应于 {visit.DueOn:yyyy-MM-dd} 前完成。"
            + (serials.Count > 0 ? $"覆盖设备：{string.Join("、", serials)}。" : ""), ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Contract {Contract}: the customer has no contact with a phone or no site; its visits wait.")]
    private static partial void LogNotVisitable(ILogger logger, string contract);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Contract {Contract}: the visit due {DueOn} could not be opened: {Reason}")]
    private static partial void LogRefused(ILogger logger, string contract, DateOnly dueOn, string reason);
}
