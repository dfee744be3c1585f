using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Expenses;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.Parts;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Expenses;

/// <summary>An advance as requested: why, for which tickets (their numbers' ids), how much.</summary>
public sealed record AdvanceRequest(string? Purpose, IReadOnlyList<int>? TicketIds, decimal Amount);

/// <summary>A step on an advance: the version read and, for a decision, the note (required to reject).</summary>
public sealed record ExpenseStepRequest(int Version, string? Note = null);

public sealed record TicketRef(int Id, string Number);

public sealed record AdvanceView(int Id, AdvanceStatus Status, int PersonId, string PersonName, string Purpose, IReadOnlyList<TicketRef> Tickets, decimal Amount,
    DateTime RequestedAtUtc, string? DecidedBy, DateTime? DecidedAtUtc, string? DecisionNote, string? PaidBy, DateTime? PaidAtUtc, int? SettledByClaimId,
    DateTime? SettledAtUtc, int? AgeDays, int Version);

/// <summary>What one person holds in advances not yet accounted for: how many, how much, and the oldest one's age in days.</summary>
public sealed record OutstandingAdvances(int PersonId, string PersonName, int Advances, decimal Amount, int OldestAgeDays);

/// <summary>
/// 借款 (R-EXP-1, issue 14 point 1): an engineer asks for money before a trip → their superior (or the department head)
/// approves → HR records the payment → a paid expense claim settles it. Nobody decides on or pays their own.
/// </summary>
public sealed class Advances(IDbContextFactory<AppDbContext> contexts, TimeProvider time, CompanyClock clock)
{
    private DateTime Now => time.StoredUtcNow();

    public async Task<Result<AdvanceView>> RequestAsync(AdvanceRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.PersonId() is not { } me)
        {
            return Refusal.Forbidden("Only a person requests an advance.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticketIds = (r.TicketIds ?? []).Distinct().ToList();
        var errors = new FieldErrors();
        if (ticketIds.Count > 50)
        {
            errors.Add("ticketIds", "range", "An advance names at most 50 tickets.");
        }
        else if (await db.Tickets.CountAsync(t => ticketIds.Contains(t.Id), ct) != ticketIds.Count)
        {
            errors.Add("ticketIds", "unknown", "ticketIds names a ticket that does not exist.");
        }

        var requested = TravelAdvance.Request(Now, me, r.Purpose, ticketIds, r.Amount);
        if (requested.Refusal is { } refused)
        {
            foreach (var e in refused.Errors)
            {
                errors.Add(e.Field, e.Code, e.Message);
            }
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        db.TravelAdvances.Add(requested.Value!);
        await db.TrySaveAsync(user, ct);
        return (await GetAsync(requested.Value!.Id, user, ct))!;
    }

    public async Task<PageOf<AdvanceView>> ListAsync(ExpenseScope scope, ClaimsPrincipal user, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = user.PersonId() ?? -1;
        var all = db.TravelAdvances.AsNoTracking();
        var chosen = scope switch
        {
            ExpenseScope.Mine => all.Where(a => a.PersonId == me),
            ExpenseScope.ToDecide => ExpenseAccess.Decidable(db, all, user).Where(a => a.Status == AdvanceStatus.Requested),
            ExpenseScope.ToPay => user.Can(Policies.PayExpenses) ? all.Where(a => a.Status == AdvanceStatus.Approved && a.PersonId != me) : all.Where(_ => false),
            ExpenseScope.Outstanding => ExpenseAccess.Visible(db, all, user).Where(a => a.Status == AdvanceStatus.Paid),
            _ => ExpenseAccess.Visible(db, all, user),
        };
        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(page, 1);
        var total = await chosen.CountAsync(ct);
        var ordered = scope == ExpenseScope.Outstanding ? chosen.OrderBy(a => a.PaidAtUtc).ThenBy(a => a.Id) : chosen.OrderByDescending(a => a.Id);
        var ids = await ordered.Skip((page - 1) * pageSize).Take(pageSize).Select(a => a.Id).ToListAsync(ct);
        return new PageOf<AdvanceView>(await ViewsAsync(db, ids, ct), total, page, pageSize);
    }

    public async Task<AdvanceView?> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ExpenseAccess.Visible(db, db.TravelAdvances.AsNoTracking(), user).AnyAsync(a => a.Id == id, ct)
            ? (await ViewsAsync(db, [id], ct)).Single()
            : null;
    }

    /// <summary>Per person, the advances paid and not yet settled and the oldest one's age, oldest first (the list finance chases).</summary>
    public async Task<IReadOnlyList<OutstandingAdvances>> OutstandingByPersonAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Outstanding advances are the few held right now: grouped here, so the fen sums agree exactly on both providers.
        var rows = await ExpenseAccess.Visible(db, db.TravelAdvances.AsNoTracking(), user).Where(a => a.Status == AdvanceStatus.Paid)
            .Select(a => new { a.PersonId, a.Amount, a.PaidAtUtc }).ToListAsync(ct);
        var names = await PersonNames.OfAsync(db, rows.Select(r => (int?)r.PersonId), ct);
        var today = clock.Today;
        return rows.GroupBy(r => r.PersonId)
            .Select(g => new OutstandingAdvances(g.Key, names.GetValueOrDefault(g.Key) ?? "", g.Count(), g.Sum(r => r.Amount),
                g.Max(r => r.PaidAtUtc is { } paid ? today.DayNumber - LocalDate(paid).DayNumber : 0)))
            .OrderByDescending(x => x.OldestAgeDays).ThenBy(x => x.PersonName, StringComparer.Ordinal).ToList();
    }

    public async Task<Result<AdvanceView>> ActAsync(int id, string action, ExpenseStepRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await ExpenseAccess.Visible(db, db.TravelAdvances.AsNoTracking(), user).AnyAsync(a => a.Id == id, ct))
        {
            return Refusal.NotFound("Advance");
        }

        var advance = await db.TravelAdvances.FirstAsync(a => a.Id == id, ct);
        db.Entry(advance).Property(a => a.Version).OriginalValue = r.Version;
        var me = user.PersonId();
        Refusal? refusal;
        switch (action)
        {
            case "approve" or "reject":
                refusal = await ExpenseAccess.CheckDeciderAsync(db, user, advance.PersonId, "deciding on your own advance", ct)
                          ?? advance.Decide(Now, me!.Value, action == "approve", r.Note);
                break;
            case "pay":
                refusal = user.Can(Policies.PayExpenses) && me is { } payer
                    ? advance.Pay(Now, payer)
                    : Refusal.Forbidden("HR records the payment of an advance.");
                break;
            case "cancel":
                refusal = me == advance.PersonId ? advance.Cancel() : Refusal.Forbidden("Only the person who asked withdraws an advance.");
                break;
            default:
                return Refusal.Invalid("action", "unknown", "action must be approve, reject, pay or cancel.");
        }

        if (refusal is not null)
        {
            return refusal;
        }

        return await db.TrySaveAsync(user, ct) ? (await GetAsync(id, user, ct))! : Refusal.StaleVersion();
    }

    private DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(clock.ToLocal(utc));

    internal async Task<IReadOnlyList<AdvanceView>> ViewsAsync(AppDbContext db, IReadOnlyList<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var advances = await db.TravelAdvances.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        var names = await PersonNames.OfAsync(db, advances.SelectMany(a => new[] { (int?)a.PersonId, a.DecidedById, a.PaidById }), ct);
        var ticketIds = advances.SelectMany(a => a.TicketIds).Distinct().ToList();
        var tickets = await db.Tickets.Where(t => ticketIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Number, ct);
        string? Name(int? id) => id is { } i ? names.GetValueOrDefault(i) : null;
        var today = clock.Today;
        var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return advances.OrderBy(a => position[a.Id]).Select(a => new AdvanceView(a.Id, a.Status, a.PersonId, Name(a.PersonId) ?? "", a.Purpose,
                a.TicketIds.Select(t => new TicketRef(t, tickets.GetValueOrDefault(t) ?? "")).ToList(), a.Amount, a.RequestedAtUtc, Name(a.DecidedById),
                a.DecidedAtUtc, a.DecisionNote, Name(a.PaidById), a.PaidAtUtc, a.SettledByClaimId, a.SettledAtUtc,
                a.AgeInDays(today, LocalDate), a.Version))
            .ToList();
    }
}
