using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ServiceMark.Domain.ServiceLevels;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Calendars;

namespace ServiceMark.Web.Features.Tickets;

/// <summary>
/// What every new ticket reads and what rarely changes: the service-level policies and the default business calendar, kept
/// in memory. Each use asks the database whether they are still current with one small query (the default calendar's id and
/// revision, and the policies' count, highest id and sum of versions) and reloads when it differs — no time-based staleness,
/// so a policy or calendar saved through any app instance is used by every instance on its next ticket
/// (docs/decisions/0003-several-instances.md). Every saved policy change raises that policy's version and an added policy
/// raises the count, so any change the app makes changes the stamp. A singleton, safe to call from any thread.
/// </summary>
public sealed class TicketReferenceData(CalendarStore calendars)
{
    private Snapshot? current;

    /// <summary>
    /// The snapshot checked in the last write transaction: the creations of one batch (TicketWriter) share a transaction, and
    /// the stamp is read once per batch, not once per ticket (on SQLite the batch holds the write lock, so nothing can change
    /// it meanwhile; on PostgreSQL a change committed during the batch is seen by the next batch, milliseconds later). Keyed
    /// by EF Core's transaction object, which is new for every batch: Npgsql reuses its own transaction object per connection,
    /// so keying by that kept one batch's snapshot for every later batch on the writer's connection.
    /// </summary>
    private CheckedIn? checkedIn;

    private sealed record CheckedIn(IDbContextTransaction Transaction, Snapshot Snapshot);

    /// <summary>The policies and calendar as they are now; call inside the creating transaction so the ticket records the revision it was measured under.</summary>
    public async Task<Snapshot> CurrentAsync(AppDbContext db, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction;
        if (transaction is not null && Volatile.Read(ref checkedIn) is { } last && ReferenceEquals(last.Transaction, transaction))
        {
            return last.Snapshot;
        }

        var snapshot = await ReadAsync(db, ct);
        if (transaction is not null)
        {
            Volatile.Write(ref checkedIn, new CheckedIn(transaction, snapshot));
        }

        return snapshot;
    }

    private async Task<Snapshot> ReadAsync(AppDbContext db, CancellationToken ct)
    {
        var stamp = await StampAsync(db, ct)
                    ?? throw new InvalidOperationException("No business calendar is marked default: the first-run seeding did not run.");
        var seen = Volatile.Read(ref current);
        if (seen is not null && seen.Stamp == stamp)
        {
            return seen;
        }

        var policies = await db.ServiceLevelPolicies.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        var calendar = await calendars.GetInForceAsync(db, stamp.CalendarId, stamp.CalendarVersion, ct)
                       ?? throw new InvalidOperationException("The default business calendar was removed while it was read.");

        // The stamp of what was loaded, not of the first query: on PostgreSQL a change may commit in between, and then the
        // next use sees a stamp that differs from this one and loads again.
        var loaded = new ReferenceStamp(calendar.Id, calendar.Version, policies.Count, policies.Count == 0 ? 0 : policies.Max(p => p.Id), policies.Sum(p => p.Version));
        var fresh = new Snapshot(loaded, policies.Where(p => p.IsActive).ToList(), calendar);
        Volatile.Write(ref current, fresh);
        return fresh;
    }

    /// <summary>One statement, the same SQL on SQLite and PostgreSQL (LINQ would send the policy aggregates as queries of their own).</summary>
    internal static async Task<ReferenceStamp?> StampAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Database.SqlQueryRaw<StampRow>(
                """
                SELECT c."Id" AS "CalendarId", c."Version" AS "CalendarVersion",
                       CAST((SELECT COUNT(*) FROM "ServiceLevelPolicies") AS INTEGER) AS "PolicyCount",
                       CAST((SELECT COALESCE(MAX("Id"), 0) FROM "ServiceLevelPolicies") AS INTEGER) AS "PolicyMaxId",
                       CAST((SELECT COALESCE(SUM("Version"), 0) FROM "ServiceLevelPolicies") AS INTEGER) AS "PolicyVersionSum"
                FROM "Calendars" AS c WHERE c."IsDefault" ORDER BY c."Id" LIMIT 1
                """)
            .ToListAsync(ct))
        .Select(r => new ReferenceStamp(r.CalendarId, r.CalendarVersion, r.PolicyCount, r.PolicyMaxId, r.PolicyVersionSum))
        .FirstOrDefault();

    /// <summary>The default calendar's id and revision, and the policies' count, highest id and sum of versions.</summary>
    public sealed record ReferenceStamp(int CalendarId, int CalendarVersion, int PolicyCount, int PolicyMaxId, int PolicyVersionSum);

    internal sealed class StampRow
    {
        public int CalendarId { get; init; }
        public int CalendarVersion { get; init; }
        public int PolicyCount { get; init; }
        public int PolicyMaxId { get; init; }
        public int PolicyVersionSum { get; init; }
    }

    /// <summary>One consistent reading: immutable, shared by the requests that find the same stamp.</summary>
    public sealed record Snapshot(ReferenceStamp Stamp, IReadOnlyList<ServiceLevelPolicy> Active, CalendarInForce Calendar);
}
