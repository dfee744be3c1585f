using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceMark.Domain.Calendars;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.ServiceLevels;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Notifications;
using ServiceMark.Web.Features.Tickets;
using ServiceMark.Web.Infrastructure.Jobs;

namespace ServiceMark.Web.Features.ServiceLevels;

/// <summary>Configuration section <c>ServiceLevels</c>.</summary>
public sealed class SlaMonitorOptions
{
    public const string Section = "ServiceLevels";

    /// <summary>Runs the breach job in this instance; other instances still share the work through the lease.</summary>
    public bool MonitorEnabled { get; set; } = true;

    /// <summary>Seconds between scans; the lease lasts twice this.</summary>
    public int MonitorIntervalSeconds { get; set; } = 60;

    /// <summary>How long before a target falls due its warning goes out; 0 = escalations only.</summary>
    public int WarnBeforeMinutes { get; set; } = 120;

    /// <summary>Open tickets read per query.</summary>
    public int ScanBatchSize { get; set; } = 500;

    public TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, MonitorIntervalSeconds));
}

/// <summary>
/// The service-level breach job (R-SLA-4): every interval, the instance holding the lease reads the clocks of every
/// open ticket exactly as the ticket page does, warns the assignees and the dispatcher before a target falls due and
/// escalates to the supervisor once it is breached. Each alert and its notifications are one transaction, and the
/// alert's unique key makes a second one impossible, so a crash, a late run or two instances never alert twice.
/// </summary>
public sealed partial class SlaMonitor(
    IDbContextFactory<AppDbContext> contexts,
    TicketCalendar calendars,
    JobLeases leases,
    TimeProvider time,
    IOptions<SlaMonitorOptions> options,
    ILogger<SlaMonitor> logger) : LeasedJob(leases, time, logger)
{
    public const string LeaseName = "sla-monitor";

    public const string WarningTitleKey = "Notification.SlaWarning.Title";
    public const string WarningBodyKey = "Notification.SlaWarning.Body";
    public const string EscalationTitleKey = "Notification.SlaEscalation.Title";
    public const string EscalationBodyKey = "Notification.SlaEscalation.Body";

    protected override string Lease => LeaseName;

    protected override bool Enabled => options.Value.MonitorEnabled;

    protected override TimeSpan Interval => options.Value.Interval;

    protected override Task<int> TickAsync(CancellationToken ct) => ScanOnceAsync(ct);

    /// <summary>Reads every open ticket with a service level once and writes the alerts due now; returns how many alerts it wrote.</summary>
    public async Task<int> ScanOnceAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var o = options.Value;
        var now = Time.GetUtcNow().UtcDateTime;
        var warnBefore = TimeSpan.FromMinutes(Math.Max(0, o.WarnBeforeMinutes));
        var batch = Math.Clamp(o.ScanBatchSize, 1, 10_000);
        var calendar = await calendars.GetAsync(ct);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var policies = await db.ServiceLevelPolicies.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        OrgSnapshot? org = null;
        var lastId = 0;
        var scanned = 0;
        var written = 0;
        while (true)
        {
            var page = await db.Tickets.AsNoTracking()
                .Where(t => t.Id > lastId && t.ServiceLevelPolicyId != null
                    && t.Status != TicketStatus.Closed && t.Status != TicketStatus.FollowedUp && t.Status != TicketStatus.Cancelled)
                .OrderBy(t => t.Id)
                .Take(batch)
                .Include(t => t.Assignments)
                .Include(t => t.Events)
                .AsSplitQuery()
                .ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            lastId = page[^1].Id;
            scanned += page.Count;
            var due = Decide(page, policies, calendar, now, warnBefore, await AlertsOfAsync(db, page, ct));
            foreach (var (ticket, reading, kind) in due)
            {
                org ??= await OrgSnapshot.LoadAsync(db, ct);
                if (await WriteAlertAsync(ticket, reading, kind, org, now, ct))
                {
                    written++;
                }
            }

            db.ChangeTracker.Clear();
        }

        LogScan(logger, scanned, written, watch.ElapsedMilliseconds);
        return written;
    }

    private static async Task<HashSet<(int TicketId, SlaTarget Target, SlaAlert Kind)>> AlertsOfAsync(AppDbContext db, List<ServiceTicket> page, CancellationToken ct)
    {
        var ids = page.Select(t => t.Id).ToList();
        var rows = await db.SlaAlerts.AsNoTracking().Where(a => ids.Contains(a.TicketId)).Select(a => new { a.TicketId, a.Target, a.Kind }).ToListAsync(ct);
        return rows.Select(a => (a.TicketId, a.Target, a.Kind)).ToHashSet();
    }

    private static List<(ServiceTicket Ticket, TicketSlaReading Reading, SlaAlert Kind)> Decide(
        List<ServiceTicket> page, Dictionary<int, ServiceLevelPolicy> policies, BusinessCalendar calendar, DateTime now, TimeSpan warnBefore,
        HashSet<(int TicketId, SlaTarget Target, SlaAlert Kind)> alerted)
    {
        var due = new List<(ServiceTicket, TicketSlaReading, SlaAlert)>();
        foreach (var ticket in page)
        {
            if (!policies.TryGetValue(ticket.ServiceLevelPolicyId!.Value, out var policy))
            {
                continue;
            }

            foreach (var reading in TicketServiceLevels.Read(ticket, policy, calendar, now))
            {
                var kind = SlaAlerting.Decide(reading.View.DueUtc, reading.View.MetAtUtc, now, warnBefore,
                    alerted.Contains((ticket.Id, reading.Target, SlaAlert.Warn)), alerted.Contains((ticket.Id, reading.Target, SlaAlert.Escalate)));

                // While paused the due time is only a projection (if the clock resumed now): nothing to warn about yet.
                if (kind == SlaAlert.Escalate || (kind == SlaAlert.Warn && !reading.View.IsPaused))
                {
                    due.Add((ticket, reading, kind));
                }
            }
        }

        return due;
    }

    /// <summary>The alert row and its notifications in one SaveChanges; false when another run wrote that alert first.</summary>
    private async Task<bool> WriteAlertAsync(ServiceTicket ticket, TicketSlaReading reading, SlaAlert kind, OrgSnapshot org, DateTime now, CancellationToken ct)
    {
        var alert = new SlaAlertRecord { TicketId = ticket.Id, Target = reading.Target, Kind = kind, DueAtUtc = reading.View.DueUtc, CreatedAtUtc = now };
        var recipients = kind == SlaAlert.Warn ? org.WarningRecipients(ticket) : org.EscalationRecipients(ticket);
        var parameters = Notification.ToJson(new Dictionary<string, string>
        {
            ["ticketNumber"] = ticket.Number,
            ["target"] = reading.Target.ToString(),
            ["dueUtc"] = reading.View.DueUtc.ToString("O", CultureInfo.InvariantCulture),
        });
        var warning = kind == SlaAlert.Warn;

        await using var db = await contexts.CreateDbContextAsync(ct);
        db.SlaAlerts.Add(alert);
        foreach (var person in recipients)
        {
            alert.Notifications.Add(new Notification
            {
                RecipientPersonId = person,
                Kind = warning ? NotificationKind.SlaWarning : NotificationKind.SlaEscalation,
                TicketId = ticket.Id,
                TitleKey = warning ? WarningTitleKey : EscalationTitleKey,
                BodyKey = warning ? WarningBodyKey : EscalationBodyKey,
                ParametersJson = parameters,
                CreatedAtUtc = now,
            });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (await AlertExistsAsync(ticket.Id, reading.Target, kind, ct))
            {
                return false; // written by a concurrent run: the unique key refused this one, and with it its notifications
            }

            throw;
        }

        LogAlert(logger, kind, ticket.Number, reading.Target, recipients.Count);
        return true;
    }

    private async Task<bool> AlertExistsAsync(int ticketId, SlaTarget target, SlaAlert kind, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SlaAlerts.AnyAsync(a => a.TicketId == ticketId && a.Target == target && a.Kind == kind, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SLA scan: {TicketCount} open tickets, {AlertCount} alerts written, {ElapsedMs} ms.")]
    private static partial void LogScan(ILogger logger, int ticketCount, int alertCount, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "SLA {Kind} for ticket {TicketNumber} ({Target}): {RecipientCount} notified.")]
    private static partial void LogAlert(ILogger logger, SlaAlert kind, string ticketNumber, SlaTarget target, int recipientCount);

}

/// <summary>Who hears of an alert, from the organisation as it is at the start of a scan.</summary>
internal sealed class OrgSnapshot
{
    private readonly Dictionary<int, Member> people;
    private readonly Dictionary<int, int?> parents;
    private readonly ILookup<int, int> supervisorsByUnit;
    private readonly ILookup<int, int> headsByUnit;
    private readonly List<int> allHeads;

    private OrgSnapshot(List<Member> members, Dictionary<int, int?> parents)
    {
        people = members.ToDictionary(m => m.Id);
        this.parents = parents;
        var active = members.Where(m => m.IsActive && m.Status != EmploymentStatus.Left).ToList();
        supervisorsByUnit = active.Where(m => m.Role == RoleNames.Supervisor).ToLookup(m => m.OrgUnitId, m => m.Id);
        headsByUnit = active.Where(m => m.Role == RoleNames.DepartmentHead).ToLookup(m => m.OrgUnitId, m => m.Id);
        allHeads = active.Where(m => m.Role == RoleNames.DepartmentHead).Select(m => m.Id).Order().ToList();
    }

    private sealed record Member(int Id, int? SuperiorId, int OrgUnitId, bool IsActive, EmploymentStatus Status, string Role);

    public static async Task<OrgSnapshot> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var members = await db.People.AsNoTracking()
            .Join(db.Positions.AsNoTracking(), p => p.PositionId, pos => pos.Id, (p, pos) => new Member(p.Id, p.SuperiorId, p.OrgUnitId, p.IsActive, p.Status, pos.Role))
            .ToListAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToDictionaryAsync(u => u.Id, u => u.ParentId, ct);
        return new OrgSnapshot(members, units);
    }

    /// <summary>A warning goes to the assigned engineers and the dispatcher who registered the ticket.</summary>
    public List<int> WarningRecipients(ServiceTicket ticket) =>
        ticket.Assignments.Select(a => a.EngineerId)
            .Append(ticket.ReportedByPersonId ?? 0)
            .Where(people.ContainsKey)
            .Distinct()
            .ToList();

    /// <summary>
    /// An escalation goes to the supervisors of the ticket's lead engineer (or, before dispatch, of the dispatcher): their
    /// direct superior and every supervisor of their unit; when there is none, the department head above that unit.
    /// </summary>
    public List<int> EscalationRecipients(ServiceTicket ticket)
    {
        var anchorId = ticket.LeadEngineerId ?? (ticket.Assignments.Count > 0 ? ticket.Assignments[0].EngineerId : (int?)null) ?? ticket.ReportedByPersonId;
        if (anchorId is not { } id || !people.TryGetValue(id, out var anchor))
        {
            return allHeads;
        }

        var found = new List<int>();
        if (anchor.SuperiorId is { } superior && people.TryGetValue(superior, out var boss) && boss.IsActive)
        {
            found.Add(superior);
        }

        found.AddRange(supervisorsByUnit[anchor.OrgUnitId]);
        found = found.Where(p => p != anchor.Id).Distinct().ToList();
        if (found.Count > 0)
        {
            return found;
        }

        // No supervisor: the department head, looked for from the anchor's unit upwards.
        var seen = new HashSet<int>();
        for (int? unit = anchor.OrgUnitId; unit is { } u && seen.Add(u); unit = parents.GetValueOrDefault(u))
        {
            var heads = headsByUnit[u].Where(p => p != anchor.Id).ToList();
            if (heads.Count > 0)
            {
                return heads;
            }
        }

        return allHeads.Where(p => p != anchor.Id).ToList();
    }
}
