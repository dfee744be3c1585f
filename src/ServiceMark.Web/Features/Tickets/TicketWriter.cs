using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Tickets;

/// <summary>
/// The write transaction of a ticket creation (ADR 0005, decisions 7 and 9).
/// <para>
/// Creations are <b>group-committed</b>: one writer takes every creation queued while the previous batch was
/// committing, writes each under a savepoint of its own on one connection, commits once (one fsync for the batch, still
/// <c>synchronous=FULL</c>) and only then answers every request of the batch. A creation refused by the database (a number
/// found taken, the same idempotency key twice) is rolled back to its savepoint without touching the others, and its failure
/// reaches its request after the commit, so that a retry sees what the batch committed. Only one process serves a SQLite file
/// (docs/operations.md), so this orders every creation; other writers wait on SQLite's busy timeout as before.
/// </para>
/// <para>PostgreSQL batches the same way (ADR 0005, decision 10): the day's number counter row is locked from a creation's
/// draw to its commit, so with a transaction per creation every other creation, in every instance, queued on that row while
/// the holder ran its remaining statements and round trips — 62 of 64 sessions waiting, ≈ 130 tickets/s at 1 M. A batch
/// takes the lock once for all its creations; several instances take turns per batch.</para>
/// </summary>
public sealed class TicketWriter : IAsyncDisposable
{
    /// <summary>At most this many creations per commit: bounds how long one batch holds SQLite's write lock.</summary>
    internal const int MaxBatch = 64;

    private readonly IDbContextFactory<AppDbContext> contexts;
    private readonly Channel<Item> queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> loop;

    /// <summary>Owns the writer's connection, opened through EF Core so that it has the PRAGMAs and EF's SQL functions.</summary>
    private AppDbContext? holder;

    public TicketWriter(IDbContextFactory<AppDbContext> contexts)
    {
        this.contexts = contexts;
        loop = new Lazy<Task>(() => Task.Run(RunAsync));
    }

    /// <summary>The number of commits so far: tests see several creations share one.</summary>
    internal long Commits { get; private set; }

    /// <summary>
    /// Runs <paramref name="write"/> in a write transaction and returns its result once that transaction has committed. The
    /// context it is given is not <paramref name="db"/> but one on the writer's connection, valid only during the call; what
    /// it throws is thrown here after the batch committed, with nothing of it written.
    /// </summary>
    public async Task<T> WriteAsync<T>(AppDbContext db, Func<AppDbContext, CancellationToken, Task<T>> write, CancellationToken ct)
    {
        var item = new Item<T>(write, ct);
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(item), this);
        _ = loop.Value;

        // Not abandoned on cancellation: once its batch has begun, the creation commits or not with it, and the caller learns which.
        return await item.Completion.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Item>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            Exception? failure = null;
            try
            {
                await WriteBatchAsync(batch);
            }
            catch (Exception e)
            {
                failure = e; // nothing of the batch is committed: every creation in it fails with this
                await DropConnectionAsync();
            }

            foreach (var item in batch)
            {
                item.Complete(failure);
            }
        }
    }

    private async Task WriteBatchAsync(List<Item> batch)
    {
        var connection = await ConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(); // BEGIN IMMEDIATE: takes the write lock now

        // One context for the batch, emptied after each creation: building a context per creation was a tenth of the writer's time.
        await using var db = await contexts.CreateDbContextAsync();
        db.Database.SetDbConnection(connection, contextOwnsConnection: false);
        await db.Database.UseTransactionAsync(transaction);
        db.Database.AutoSavepointsEnabled = false; // the writer's savepoint around each whole creation is the one needed
        foreach (var item in batch)
        {
            await transaction.SaveAsync("creation");
            var written = await item.StartAsync(db);
            db.ForgetPendingWork();
            if (written)
            {
                await transaction.ReleaseAsync("creation");
            }
            else
            {
                await transaction.RollbackAsync("creation");
                await transaction.ReleaseAsync("creation");
            }
        }

        await transaction.CommitAsync();
        Commits++;
    }

    private async Task<DbConnection> ConnectionAsync()
    {
        if (holder is null)
        {
            holder = await contexts.CreateDbContextAsync();
            await holder.Database.OpenConnectionAsync();
        }

        return holder.Database.GetDbConnection();
    }

    private async Task DropConnectionAsync()
    {
        if (holder is not null)
        {
            await holder.DisposeAsync();
            holder = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (loop.IsValueCreated)
        {
            await loop.Value;
        }

        await DropConnectionAsync();
    }

    private abstract class Item
    {
        /// <summary>The request's flow (its trace, its log scope): the creation's commands belong to the request, not to the writer.</summary>
        private readonly ExecutionContext? flow = ExecutionContext.Capture();

        public Task<bool> StartAsync(AppDbContext db)
        {
            if (flow is null)
            {
                return RunAsync(db);
            }

            Task<bool>? started = null;
            ExecutionContext.Run(flow, _ => started = RunAsync(db), null);
            return started!;
        }

        /// <summary>Runs the creation on the batch's context (the writer's connection and transaction); false when it failed (and must be rolled back).</summary>
        protected abstract Task<bool> RunAsync(AppDbContext db);

        /// <summary>Answers the request once its batch has committed, or with the batch's failure.</summary>
        public abstract void Complete(Exception? batchFailure);
    }

    private sealed class Item<T>(Func<AppDbContext, CancellationToken, Task<T>> write, CancellationToken ct) : Item
    {
        private T? result;
        private Exception? failure;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<bool> RunAsync(AppDbContext db)
        {
            try
            {
                ct.ThrowIfCancellationRequested();
                result = await write(db, ct);
                return true;
            }
            catch (Exception e)
            {
                failure = e;
                return false;
            }
        }

        public override void Complete(Exception? batchFailure)
        {
            switch (failure ?? batchFailure)
            {
                case OperationCanceledException:
                    Completion.TrySetCanceled(ct.IsCancellationRequested ? ct : CancellationToken.None);
                    break;
                case { } e:
                    Completion.TrySetException(e);
                    break;
                default:
                    Completion.TrySetResult(result!);
                    break;
            }
        }
    }
}
