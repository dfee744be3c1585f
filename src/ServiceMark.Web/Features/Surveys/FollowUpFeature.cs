using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Surveys;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Infrastructure;

namespace ServiceMark.Web.Features.Surveys;

/// <summary>Which follow-ups a list shows: still due (closed, not followed up), done, or both.</summary>
public enum FollowUpState
{
    Due,
    Done,
    All,
}

/// <summary>
/// The follow-up list's filters. Dates are the company's local calendar days, both ends included; the list is ordered
/// newest due first, so a ticket closed a minute ago is on the first page.
/// </summary>
public sealed record FollowUpQuery(
    FollowUpState State = FollowUpState.Due,
    bool? Overdue = null,
    int? TeamId = null,
    int? EngineerId = null,
    DateOnly? ClosedFrom = null,
    DateOnly? ClosedTo = null,
    string? Search = null,
    int Page = 1,
    int PageSize = 20);

/// <summary>
/// One ticket's follow-up: due at <see cref="DueAtUtc"/> (its service level, fixed at closing); overdue while it is
/// still due after that, or when it was done late.
/// </summary>
public sealed record FollowUpDue(int TicketId, string TicketNumber, string CustomerName, string ContactName, string ContactPhone, DateTime? ClosedAtUtc,
    DateTime? OpenLinkExpiresAtUtc, DateTime? DueAtUtc = null, bool IsOverdue = false, TicketStatus Status = TicketStatus.Closed,
    DateTime? FollowedUpAtUtc = null, int? EngineerId = null, string? EngineerName = null, string? TeamName = null);

/// <summary>One ticket's follow-up with what its page needs: the fault, the work done and, once answered, the answers.</summary>
public sealed record FollowUpDetail(FollowUpDue FollowUp, string FaultDescription, string? WorkDone, SatisfactionSummary? Satisfaction);

public sealed record FollowUpSettingsView(int DueWithinHours, int LinkValidForDays, int Version);

public sealed record FollowUpSettingsRequest(int? DueWithinHours, int? LinkValidForDays, int Version);

/// <summary>The follow-up list (回访, R-CMP-2), one ticket's follow-up, and the follow-up's service level.</summary>
public sealed class FollowUpHandlers(IDbContextFactory<AppDbContext> contexts, TimeProvider time, CompanyClock clock)
{
    public const int MaxPageSize = 100;

    /// <summary>Counting stops here: the list says "more than" instead of counting a decade of followed-up tickets.</summary>
    public const int CountCap = 10_000;

    public async Task<Result<PageOf<FollowUpDue>>> ListAsync(FollowUpQuery q, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!Enum.IsDefined(q.State))
        {
            errors.Add("state", "invalid", "state must be Due, Done or All.");
        }

        foreach (var (field, date) in new[] { ("closedFrom", q.ClosedFrom), ("closedTo", q.ClosedTo) })
        {
            if (date is { Year: < 1900 or > 2999 })
            {
                errors.Add(field, "range", $"{field} must be a date between 1900-01-01 and 2999-12-31.");
            }
        }

        if (q.ClosedFrom is { } from && q.ClosedTo is { } to && to < from)
        {
            errors.Add("closedTo", "range", "closedTo must not be before closedFrom.");
        }

        if (q.Page < 1)
        {
            errors.Add("page", "range", "page must be 1 or more.");
        }

        if (q.PageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", "range", $"pageSize must be between 1 and {MaxPageSize}.");
        }

        if ((long)(q.Page - 1) * q.PageSize >= CountCap)
        {
            errors.Add("page", "range", $"page reaches past the first {CountCap} follow-ups: narrow the filters.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var tickets = db.Tickets.AsNoTracking();
        tickets = q.State switch
        {
            FollowUpState.Due => tickets.Where(t => t.Status == TicketStatus.Closed),
            FollowUpState.Done => tickets.Where(t => t.Status == TicketStatus.FollowedUp),
            _ => tickets.Where(t => t.Status == TicketStatus.Closed || t.Status == TicketStatus.FollowedUp),
        };

        if (q.Overdue is { } overdue)
        {
            // Overdue means still due and past its due time; a follow-up done late is shown as such but is no longer work to do.
            tickets = overdue
                ? tickets.Where(t => t.Status == TicketStatus.Closed && t.FollowUpDueAtUtc < now)
                : tickets.Where(t => !(t.Status == TicketStatus.Closed && t.FollowUpDueAtUtc < now));
        }

        if (q.ClosedFrom is { } closedFrom)
        {
            var fromUtc = clock.ToUtc(closedFrom.ToDateTime(TimeOnly.MinValue));
            tickets = tickets.Where(t => t.ClosedAtUtc >= fromUtc);
        }

        if (q.ClosedTo is { } closedTo)
        {
            var toUtc = clock.ToUtc(closedTo.AddDays(1).ToDateTime(TimeOnly.MinValue));
            tickets = tickets.Where(t => t.ClosedAtUtc < toUtc);
        }

        if (q.EngineerId is { } engineerId)
        {
            tickets = tickets.Where(t => t.Assignments.Any(a => a.IsLead && a.EngineerId == engineerId));
        }

        if (q.TeamId is { } teamId)
        {
            tickets = tickets.Where(t => t.Assignments.Any(a => a.IsLead && db.People.Any(p => p.Id == a.EngineerId && p.OrgUnitId == teamId)));
        }

        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var term = q.Search.Trim();
            tickets = tickets.Where(t => t.Number.StartsWith(term) || t.ContactPhone.StartsWith(term)
                || db.Customers.Any(c => c.Id == t.CustomerId && c.Name.Contains(term)));
        }

        var total = await tickets.Take(CountCap + 1).CountAsync(ct);
        var ids = await tickets.OrderByDescending(t => t.FollowUpDueAtUtc).ThenByDescending(t => t.Id)
            .Skip((q.Page - 1) * q.PageSize).Take(q.PageSize).Select(t => t.Id).ToListAsync(ct);
        var rows = await RowsAsync(db, ids, now, ct);
        return new PageOf<FollowUpDue>(ids.Select(id => rows[id]).ToList(), total, q.Page, q.PageSize);
    }

    /// <summary>One ticket's follow-up; not found for a ticket that is not closed yet (or was cancelled).</summary>
    public async Task<Result<FollowUpDetail>> GetAsync(int ticketId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId)
            .Select(t => new { t.Status, t.FaultDescription, WorkDone = t.Reports.OrderByDescending(r => r.Revision).Select(r => r.WorkDone).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (ticket is null || ticket.Status is not (TicketStatus.Closed or TicketStatus.FollowedUp))
        {
            return Refusal.NotFound("Follow-up");
        }

        var rows = await RowsAsync(db, [ticketId], time.GetUtcNow().UtcDateTime, ct);
        return new FollowUpDetail(rows[ticketId], ticket.FaultDescription, ticket.WorkDone, await SurveyHandlers.SummaryAsync(db, ticketId, ct));
    }

    private static async Task<Dictionary<int, FollowUpDue>> RowsAsync(AppDbContext db, IReadOnlyCollection<int> ids, DateTime now, CancellationToken ct)
    {
        var rows = await (
            from t in db.Tickets.AsNoTracking()
            join c in db.Customers on t.CustomerId equals c.Id
            where ids.Contains(t.Id)
            let lead = t.Assignments.Where(a => a.IsLead).Select(a => (int?)a.EngineerId).FirstOrDefault()
            select new
            {
                t.Id, t.Number, CustomerName = c.Name, t.ContactName, t.ContactPhone, t.ClosedAtUtc, t.FollowUpDueAtUtc, t.Status,
                FollowedUpAtUtc = t.Events.Where(e => e.Action == TicketAction.RecordFollowUp).Select(e => (DateTime?)e.AtUtc).FirstOrDefault(),
                Lead = lead,
                LeadName = db.People.Where(p => p.Id == lead).Select(p => p.Name).FirstOrDefault(),
                TeamName = (from p in db.People join u in db.OrgUnits on p.OrgUnitId equals u.Id where p.Id == lead select u.Name).FirstOrDefault(),
                OpenLink = db.SurveyLinks.Where(l => l.TicketId == t.Id && l.UsedAtUtc == null && l.ExpiresAtUtc > now)
                    .OrderByDescending(l => l.ExpiresAtUtc).Select(l => (DateTime?)l.ExpiresAtUtc).FirstOrDefault(),
            }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new FollowUpDue(r.Id, r.Number, r.CustomerName, r.ContactName, r.ContactPhone, r.ClosedAtUtc, r.OpenLink,
            r.FollowUpDueAtUtc, r.FollowUpDueAtUtc is { } due && (r.FollowedUpAtUtc ?? now) > due, r.Status, r.FollowedUpAtUtc, r.Lead, r.LeadName, r.TeamName));
    }

    public async Task<FollowUpSettingsView> GetSettingsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return ViewOf(await CurrentAsync(db, ct));
    }

    public async Task<Result<FollowUpSettingsView>> SaveSettingsAsync(FollowUpSettingsRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = FollowUpSettings.Check(r.DueWithinHours, r.LinkValidForDays);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var settings = await db.FollowUpSettings.FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            // Never saved: the defaults are version 0, and the first save stores the row.
            if (r.Version != 0)
            {
                return Refusal.StaleVersion();
            }

            settings = FollowUpSettings.Default();
            settings.Version = 1; // the defaults were version 0
            db.FollowUpSettings.Add(settings);
        }
        else
        {
            db.Entry(settings).Property(s => s.Version).OriginalValue = r.Version;
        }

        settings.Update(r.DueWithinHours!.Value, r.LinkValidForDays!.Value);
        return await db.TrySaveAsync(user, ct, "follow-up service level") ? ViewOf(settings) : Refusal.StaleVersion();
    }

    /// <summary>The stored settings, or the defaults while none were saved.</summary>
    internal static async Task<FollowUpSettings> CurrentAsync(AppDbContext db, CancellationToken ct) =>
        await db.FollowUpSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? FollowUpSettings.Default();

    private static FollowUpSettingsView ViewOf(FollowUpSettings s) => new((int)s.DueWithin.TotalHours, (int)s.LinkValidFor.TotalDays, s.Version);
}

internal sealed class FollowUpSettingsConfiguration : IEntityTypeConfiguration<FollowUpSettings>
{
    public void Configure(EntityTypeBuilder<FollowUpSettings> b)
    {
        b.ToTable("FollowUpSettings");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}
