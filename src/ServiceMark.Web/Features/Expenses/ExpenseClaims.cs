using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Expenses;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Attachments;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.Parts;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Expenses;

/// <summary>
/// A line as the claimant writes it. A per-diem line names the allowance row and the last day of the trip; its amount is
/// computed here (days × the row's rate), whatever was sent.
/// </summary>
public sealed record ExpenseLineRequest(ExpenseCategory Category, DateOnly? Date, decimal Amount, string? Description, int Receipts, DateOnly? Until = null,
    int? AllowanceId = null, int? TicketId = null);

/// <summary>A claim's lines and the advances it settles; the version read when changing one.</summary>
public sealed record ExpenseClaimRequest(IReadOnlyList<ExpenseLineRequest>? Lines, IReadOnlyList<int>? AdvanceIds, int Version = 0);

public sealed record ExpenseLineView(ExpenseCategory Category, DateOnly Date, DateOnly? Until, int? Days, decimal Amount, string? Description, int Receipts,
    string? Allowance, decimal? RatePerDay, int? TicketId, string? TicketNumber);

public sealed record AdvanceRef(int Id, string Purpose, decimal Amount, AdvanceStatus Status);

public sealed record ExpenseClaimView(int Id, ExpenseClaimStatus Status, int PersonId, string PersonName, IReadOnlyList<ExpenseLineView> Lines, decimal Total,
    IReadOnlyList<AdvanceRef> Advances, decimal Advanced, decimal ToPay, decimal ToReturn, DateTime CreatedAtUtc, DateTime? SubmittedAtUtc, string? DecidedBy,
    DateTime? DecidedAtUtc, string? DecisionNote, string? PaidBy, DateTime? PaidAtUtc, int Photos, int Version);

/// <summary>
/// 报销 (R-EXP-1, issue 14 point 1): the claimant drafts the lines (with receipt photos) and names the advances it settles,
/// submits it → their superior (or the department head) approves or returns it with the reason → HR records the payment
/// of the balance, or the return of the surplus, and the advances are settled in the same transaction.
/// </summary>
public sealed class ExpenseClaims(IDbContextFactory<AppDbContext> contexts, TimeProvider time)
{
    private DateTime Now => time.StoredUtcNow();

    public async Task<Result<ExpenseClaimView>> DraftAsync(ExpenseClaimRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.PersonId() is not { } me)
        {
            return Refusal.Forbidden("Only a person files an expense claim.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var (lines, advances, errors) = await ReadAsync(db, r, me, null, user.Can(Policies.ReadTickets), ct);
        var drafted = ExpenseClaim.Draft(Now, me, lines, advances);
        if (Merge(errors, drafted.Refusal) is { } refused)
        {
            return refused;
        }

        db.ExpenseClaims.Add(drafted.Value!);
        await db.TrySaveAsync(user, ct);
        return (await GetAsync(drafted.Value!.Id, user, ct))!;
    }

    public async Task<Result<ExpenseClaimView>> EditAsync(int id, ExpenseClaimRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var claim = await ExpenseAccess.Visible(db, db.ExpenseClaims, user).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null)
        {
            return Refusal.NotFound("Expense claim");
        }

        if (claim.PersonId != user.PersonId())
        {
            return Refusal.Forbidden("Only the claimant changes a claim.");
        }

        db.Entry(claim).Property(c => c.Version).OriginalValue = r.Version;
        var (lines, advances, errors) = await ReadAsync(db, r, claim.PersonId, claim.Id, user.Can(Policies.ReadTickets), ct);
        if (Merge(errors, errors.Any ? null : claim.Edit(lines, advances)) is { } refused)
        {
            return refused;
        }

        return await db.TrySaveAsync(user, ct) ? (await GetAsync(id, user, ct))! : Refusal.StaleVersion();
    }

    public async Task<PageOf<ExpenseClaimView>> ListAsync(ExpenseScope scope, ClaimsPrincipal user, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = user.PersonId() ?? -1;
        var all = db.ExpenseClaims.AsNoTracking();
        var chosen = scope switch
        {
            ExpenseScope.Mine => all.Where(c => c.PersonId == me),
            ExpenseScope.ToDecide => ExpenseAccess.Decidable(db, all, user).Where(c => c.Status == ExpenseClaimStatus.Submitted),
            ExpenseScope.ToPay => user.Can(Policies.PayExpenses) ? all.Where(c => c.Status == ExpenseClaimStatus.Approved && c.PersonId != me) : all.Where(_ => false),
            ExpenseScope.Outstanding => ExpenseAccess.Visible(db, all, user).Where(c => c.Status == ExpenseClaimStatus.Submitted || c.Status == ExpenseClaimStatus.Approved),
            // A draft is the claimant's own work until submitted: others' lists leave it out.
            _ => ExpenseAccess.Visible(db, all, user).Where(c => c.Status != ExpenseClaimStatus.Draft || c.PersonId == me),
        };
        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(page, 1);
        var total = await chosen.CountAsync(ct);
        var ids = await chosen.OrderByDescending(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize).Select(c => c.Id).ToListAsync(ct);
        return new PageOf<ExpenseClaimView>(await ViewsAsync(db, ids, ct), total, page, pageSize);
    }

    public async Task<ExpenseClaimView?> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ExpenseAccess.Visible(db, db.ExpenseClaims.AsNoTracking(), user).AnyAsync(c => c.Id == id, ct)
            ? (await ViewsAsync(db, [id], ct)).Single()
            : null;
    }

    public async Task<Result<ExpenseClaimView>> ActAsync(int id, string action, ExpenseStepRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var claim = await ExpenseAccess.Visible(db, db.ExpenseClaims, user).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null)
        {
            return Refusal.NotFound("Expense claim");
        }

        db.Entry(claim).Property(c => c.Version).OriginalValue = r.Version;
        var me = user.PersonId();
        var now = Now;
        Refusal? refusal;
        switch (action)
        {
            case "submit" or "cancel":
                if (me != claim.PersonId)
                {
                    return Refusal.Forbidden("Only the claimant submits or withdraws a claim.");
                }

                refusal = action == "cancel" ? claim.Cancel() : await CheckAdvancesAsync(db, claim.AdvanceIds, claim.PersonId, claim.Id, ct) ?? claim.Submit(now);
                break;
            case "approve" or "return":
                refusal = await ExpenseAccess.CheckDeciderAsync(db, user, claim.PersonId, "deciding on your own expense claim", ct)
                          ?? claim.Decide(now, me!.Value, action == "approve", r.Note);
                break;
            case "pay":
                if (!user.Can(Policies.PayExpenses) || me is not { } payer)
                {
                    return Refusal.Forbidden("HR records the payment of an expense claim.");
                }

                refusal = claim.Pay(now, payer) ?? await SettleAdvancesAsync(db, claim, now, ct);
                break;
            default:
                return Refusal.Invalid("action", "unknown", "action must be submit, approve, return, pay or cancel.");
        }

        if (refusal is not null)
        {
            return refusal;
        }

        return await db.TrySaveAsync(user, ct) ? (await GetAsync(id, user, ct))! : Refusal.StaleVersion();
    }

    /// <summary>Paying the claim settles its advances in the same save: an advance settled meanwhile by another claim refuses both.</summary>
    private static async Task<Refusal?> SettleAdvancesAsync(AppDbContext db, ExpenseClaim claim, DateTime now, CancellationToken ct)
    {
        var advances = await db.TravelAdvances.Where(a => claim.AdvanceIds.Contains(a.Id)).ToListAsync(ct);
        foreach (var advance in advances)
        {
            if (advance.Settle(now, claim.Id) is not null)
            {
                return Refusal.Conflict("advance_settled", $"Advance {advance.Id} is {advance.Status}: it can no longer be settled by this claim.");
            }
        }

        return null;
    }

    private static Refusal? Merge(FieldErrors errors, Refusal? domain)
    {
        if (domain is { Kind: not RefusalKind.Validation })
        {
            return domain;
        }

        foreach (var e in domain?.Errors ?? [])
        {
            if (!errors.All.Any(x => x.Field == e.Field))
            {
                errors.Add(e.Field, e.Code, e.Message);
            }
        }

        return errors.Any ? errors.ToRefusal() : null;
    }

    /// <summary>
    /// The request's lines with per-diem amounts computed from the allowance table, their tickets and the advances checked.
    /// A line is charged to a ticket the claimant worked on (was assigned to), or any ticket for those who read all tickets.
    /// </summary>
    private static async Task<(List<ExpenseLine> Lines, List<int> Advances, FieldErrors Errors)> ReadAsync(AppDbContext db, ExpenseClaimRequest r, int personId,
        int? claimId, bool anyTicket, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var requested = (r.Lines ?? []).Select(l => l ?? new ExpenseLineRequest(ExpenseCategory.Other, null, 0m, null, 0)).ToList();
        var allowanceIds = requested.Select(l => l.AllowanceId).OfType<int>().Distinct().ToList();
        var allowances = await db.PerDiemAllowances.AsNoTracking().Where(a => allowanceIds.Contains(a.Id) && a.IsActive).ToDictionaryAsync(a => a.Id, ct);
        var ticketIds = requested.Select(l => l.TicketId).OfType<int>().Distinct().ToList();
        var chargeable = await db.Tickets.Where(t => ticketIds.Contains(t.Id) && (anyTicket || t.Assignments.Any(a => a.EngineerId == personId)))
            .Select(t => t.Id).ToListAsync(ct);
        var lines = new List<ExpenseLine>();
        for (var i = 0; i < requested.Count; i++)
        {
            var l = requested[i];
            if (l.TicketId is { } ticket && !chargeable.Contains(ticket))
            {
                errors.Add($"lines[{i}].ticketId", "unknown", "ticketId does not name a ticket you worked on.");
            }

            if (l.Date is null)
            {
                errors.Add($"lines[{i}].date", "required", "Each line says the day of the expense.");
            }

            // Every line is kept, so the domain's errors name the same index as the request's.
            var date = l.Date ?? DateOnly.MinValue;
            if (l.Category != ExpenseCategory.PerDiem)
            {
                lines.Add(new ExpenseLine(l.Category, date, l.Amount, l.Description, l.Receipts, TicketId: l.TicketId));
                continue;
            }

            PerDiemAllowance? allowance = null;
            if (l.AllowanceId is { } a && !allowances.TryGetValue(a, out allowance))
            {
                errors.Add($"lines[{i}].allowanceId", "unknown", "allowanceId does not name an active row of the allowance table.");
            }

            var amount = allowance is not null && l.Until is { } until && PerDiem.Days(date, until) is not null
                ? PerDiem.Amount(date, until, allowance.RatePerDay)
                : l.Amount;
            lines.Add(new ExpenseLine(l.Category, date, amount, l.Description, l.Receipts, l.Until, allowance?.RatePerDay, allowance?.Name, l.TicketId));
        }

        var advances = (r.AdvanceIds ?? []).Distinct().ToList();
        if (await CheckAdvancesAsync(db, advances, personId, claimId, ct) is { } refused)
        {
            errors.Add("advanceIds", refused.Code, refused.Message);
        }

        return (lines, advances, errors);
    }

    /// <summary>A claim settles only the claimant's own advances that are paid and not named by another open claim.</summary>
    private static async Task<Refusal?> CheckAdvancesAsync(AppDbContext db, List<int> advanceIds, int personId, int? claimId, CancellationToken ct)
    {
        if (advanceIds.Count == 0)
        {
            return null;
        }

        if (advanceIds.Count > 20)
        {
            return Refusal.Invalid("advanceIds", "range", "A claim settles at most 20 advances.");
        }

        var usable = await db.TravelAdvances.CountAsync(a => advanceIds.Contains(a.Id) && a.PersonId == personId && a.Status == AdvanceStatus.Paid, ct);
        if (usable != advanceIds.Count)
        {
            return Refusal.Invalid("advanceIds", "not_outstanding", "advanceIds names an advance that is not your own paid, unsettled advance.");
        }

        var taken = await db.ExpenseClaims.AnyAsync(c => c.Id != (claimId ?? 0) && c.Status != ExpenseClaimStatus.Cancelled && c.Status != ExpenseClaimStatus.Paid
                                                         && c.AdvanceIds.Any(a => advanceIds.Contains(a)), ct);
        return taken ? Refusal.Invalid("advanceIds", "taken", "advanceIds names an advance another open claim already settles.") : null;
    }

    private static async Task<IReadOnlyList<ExpenseClaimView>> ViewsAsync(AppDbContext db, IReadOnlyList<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var claims = await db.ExpenseClaims.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        var names = await PersonNames.OfAsync(db, claims.SelectMany(c => new[] { (int?)c.PersonId, c.DecidedById, c.PaidById }), ct);
        var advanceIds = claims.SelectMany(c => c.AdvanceIds).Distinct().ToList();
        var advances = await db.TravelAdvances.AsNoTracking().Where(a => advanceIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => new AdvanceRef(a.Id, a.Purpose, a.Amount, a.Status), ct);
        var lineTickets = claims.SelectMany(c => c.Lines.Select(l => l.TicketId)).OfType<int>().Distinct().ToList();
        var tickets = await db.Tickets.Where(t => lineTickets.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Number, ct);
        var photos = await db.Attachments.Where(a => a.OwnerType == AttachmentOwners.ExpenseClaim && ids.Contains(a.OwnerId))
            .GroupBy(a => a.OwnerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        string? Name(int? id) => id is { } i ? names.GetValueOrDefault(i) : null;
        var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return claims.OrderBy(c => position[c.Id]).Select(c =>
        {
            var settled = c.AdvanceIds.Where(advances.ContainsKey).Select(a => advances[a]).ToList();
            var settlement = ExpenseSettlement.Of(c.Total, settled.Select(a => a.Amount));
            return new ExpenseClaimView(c.Id, c.Status, c.PersonId, Name(c.PersonId) ?? "",
                c.Lines.OrderBy(l => l.Date).Select(l => new ExpenseLineView(l.Category, l.Date, l.Until, l.Until is { } u ? PerDiem.Days(l.Date, u) : null, l.Amount,
                    l.Description, l.Receipts, l.Allowance, l.RatePerDay, l.TicketId, l.TicketId is { } t ? tickets.GetValueOrDefault(t) : null)).ToList(),
                c.Total, settled, settlement.Advanced, settlement.ToPay, settlement.ToReturn, c.CreatedAtUtc, c.SubmittedAtUtc, Name(c.DecidedById), c.DecidedAtUtc,
                c.DecisionNote, Name(c.PaidById), c.PaidAtUtc, photos.GetValueOrDefault(c.Id), c.Version);
        }).ToList();
    }
}
