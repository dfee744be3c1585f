using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.ServiceLevels;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Calendars;

namespace ServiceMark.Web.Features.Tickets;

/// <summary>
/// One service-level target of a ticket as last measured (R-SLA-1..3): when it fell due and when it was met, on the
/// calendar recorded on the ticket. Derived data, kept so that reports over many tickets (the service facts) read
/// flat rows instead of rebuilding every ticket's clocks from its events. Not audited: the ticket change it follows is.
/// </summary>
public sealed class TicketServiceLevelOutcome
{
    public int TicketId { get; set; }
    public SlaTarget Target { get; set; }

    /// <summary>When the target fell (or falls) due. For a target not met yet it is the due time as of the last measurement.</summary>
    public DateTime DueUtc { get; set; }

    public DateTime? MetAtUtc { get; set; }
    public bool MetOnTime { get; set; }
}

internal sealed class TicketServiceLevelOutcomeConfiguration : IEntityTypeConfiguration<TicketServiceLevelOutcome>
{
    public void Configure(EntityTypeBuilder<TicketServiceLevelOutcome> b)
    {
        b.ToTable("TicketServiceLevelOutcomes");
        b.HasKey(o => new { o.TicketId, o.Target });

        // The facts read whether each target was met and met on time, ticket by ticket: from this index alone.
        b.HasIndex(o => new { o.TicketId, o.Target, o.MetOnTime, o.MetAtUtc });
        b.HasOne<ServiceTicket>().WithMany().HasForeignKey(o => o.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Keeps <see cref="TicketServiceLevelOutcome"/> rows and the ticket's calendar stamp in step with the ticket:
/// <list type="bullet">
/// <item>every ticket change saved through <see cref="TicketHandlers"/> re-measures the tickets it touched, in the same transaction;</item>
/// <item>the demo history measures the tickets it generates;</item>
/// <item>a saved calendar change re-measures the open tickets (their clocks still run on the calendar in force);
/// a closed or cancelled ticket keeps what it was measured under (R-SLA-2);</item>
/// <item>at startup, tickets never measured (rows from before this table existed) are measured in batches.</item>
/// </list>
/// The reading itself is <see cref="TicketServiceLevels.Read"/>, the same the ticket page and the breach job use.
/// </summary>
public sealed class TicketOutcomes(IDbContextFactory<AppDbContext> contexts, CalendarStore calendars, TimeProvider time)
{
    /// <summary>Tickets loaded with their events per batch when measuring many.</summary>
    public const int BatchSize = 500;

    /// <summary>
    /// The tracked tickets the pending changes should re-measure, read before saving while the original values are known:
    /// new ones, and changed ones that were not already closed or cancelled when loaded (those keep their measurement).
    /// </summary>
    public static List<ServiceTicket> ToMeasure(AppDbContext db) =>
        db.ChangeTracker.Entries<ServiceTicket>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && !(e.Entity.ServiceLevelCalendarVersion is not null && WasFinished(e))))
            .Select(e => e.Entity)
            .ToList();

    private static bool WasFinished(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<ServiceTicket> e) =>
        e.Property(t => t.ClosedAtUtc).OriginalValue is not null || e.Property(t => t.Status).OriginalValue == TicketStatus.Cancelled;

    /// <summary>
    /// Replaces the outcome rows of these tickets (saved already, so they have ids; events loaded) and stamps the calendar
    /// on them. Call inside the transaction of the change: rows and stamp commit with it.
    /// </summary>
    public async Task MeasureAsync(AppDbContext db, IReadOnlyCollection<ServiceTicket> tickets, CancellationToken ct)
    {
        if (tickets.Count == 0)
        {
            return;
        }

        var calendar = await calendars.GetDefaultInForceAsync(ct);
        await WriteAsync(db, tickets, calendar, ct);
    }

    /// <summary>
    /// Measures the tickets never measured (e.g. recorded before outcomes were stored), on the startup's own context.
    /// Idempotent; returns how many.
    /// </summary>
    public async Task<int> BackfillAsync(AppDbContext db, CancellationToken ct)
    {
        if (!await db.Tickets.AnyAsync(t => t.ServiceLevelCalendarVersion == null, ct))
        {
            return 0; // the usual start: nothing to do, and no calendar needed yet (first run seeds it later)
        }

        return await MeasureWhereAsync(db, _ => t => t.ServiceLevelCalendarVersion == null, ct);
    }

    /// <summary>After a calendar change: re-measures the open tickets measured under another calendar or revision.</summary>
    public async Task<int> RefreshOpenAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await MeasureWhereAsync(db, c => t => t.ClosedAtUtc == null && t.Status != TicketStatus.Cancelled
                                                     && (t.ServiceLevelCalendarId != c.Id || t.ServiceLevelCalendarVersion != c.Version || t.ServiceLevelCalendarVersion == null), ct);
    }

    /// <summary>Measures every ticket matching the filter, in id order and batches, each batch its own transaction.</summary>
    private async Task<int> MeasureWhereAsync(AppDbContext db, Func<CalendarInForce, Expression<Func<ServiceTicket, bool>>> which, CancellationToken ct)
    {
        var calendar = await calendars.GetDefaultInForceAsync(ct);
        var filter = which(calendar);
        var lastId = 0;
        var measured = 0;
        while (true)
        {
            db.ChangeTracker.Clear(); // the previous batch's rows are saved: keep the context small
            var batch = await db.Tickets.AsNoTracking().Where(filter).Where(t => t.Id > lastId).OrderBy(t => t.Id).Take(BatchSize)
                .Include(t => t.Events).AsSplitQuery().ToListAsync(ct);
            if (batch.Count == 0)
            {
                return measured;
            }

            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                await WriteAsync(db, batch, calendar, ct);
                await transaction.CommitAsync(ct);
            }

            lastId = batch[^1].Id;
            measured += batch.Count;
        }
    }

    /// <summary>The stored rows of one ticket's readings (a new ticket passes the readings its answer shows).</summary>
    public static IEnumerable<TicketServiceLevelOutcome> RowsOf(int ticketId, IEnumerable<TicketSlaReading> readings) =>
        readings.Select(r => new TicketServiceLevelOutcome
        {
            TicketId = ticketId,
            Target = r.Target,
            DueUtc = r.View.DueUtc,
            MetAtUtc = r.View.MetAtUtc,
            MetOnTime = r.View.MetAtUtc is { } met && met <= r.View.DueUtc,
        });

    /// <summary>The ticket's <see cref="ServiceTicket.NextDueAtUtc"/>: the earliest unmet target's due time while it is open.</summary>
    public static DateTime? NextDue(ServiceTicket t, IEnumerable<TicketServiceLevelOutcome> rows) =>
        t.ClosedAtUtc is not null || t.Status == TicketStatus.Cancelled ? null : rows.Where(r => r.MetAtUtc is null).Min(r => (DateTime?)r.DueUtc);

    private async Task WriteAsync(AppDbContext db, IReadOnlyCollection<ServiceTicket> tickets, CalendarInForce calendar, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ids = tickets.Select(t => t.Id).ToList();
        var policyIds = tickets.Where(t => t.ServiceLevelPolicyId is not null).Select(t => t.ServiceLevelPolicyId!.Value).Distinct().ToList();
        var policies = await db.ServiceLevelPolicies.AsNoTracking().Where(p => policyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var rows = new List<TicketServiceLevelOutcome>();
        var nextDue = new Dictionary<int, DateTime?>();
        foreach (var t in tickets)
        {
            if (t.ServiceLevelPolicyId is not { } pid || !policies.TryGetValue(pid, out var policy))
            {
                nextDue[t.Id] = null;
                continue; // no targets: nothing to measure, but the calendar stamp still says it was looked at
            }

            var ofTicket = RowsOf(t.Id, TicketServiceLevels.Read(t, policy, calendar.Calendar, now)).ToList();
            nextDue[t.Id] = NextDue(t, ofTicket);
            rows.AddRange(ofTicket);
        }

        // Set-based statements: the stamp is derived data, so it neither bumps the ticket's edit version nor writes audit rows.
        // One statement per distinct next due time: the tickets of a change are one or two, a backfill's mostly closed (null).
        var outcomes = db.Set<TicketServiceLevelOutcome>();
        await outcomes.Where(o => ids.Contains(o.TicketId)).ExecuteDeleteAsync(ct);
        foreach (var group in nextDue.GroupBy(p => p.Value, p => p.Key))
        {
            var groupIds = group.ToList();
            var due = group.Key;
            await db.Tickets.Where(t => groupIds.Contains(t.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.ServiceLevelCalendarId, calendar.Id)
                .SetProperty(t => t.ServiceLevelCalendarVersion, calendar.Version)
                .SetProperty(t => t.NextDueAtUtc, due), ct);
        }

        outcomes.AddRange(rows);
        await db.SaveChangesAsync(ct);
    }
}
