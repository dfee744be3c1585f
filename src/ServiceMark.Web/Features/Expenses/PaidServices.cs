using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Expenses;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Notifications;
using ServiceMark.Web.Features.Parts;
using ServiceMark.Web.Features.Tickets;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Expenses;

public sealed record PaidServiceRequest(decimal Amount, string? ChargedFor);

public sealed record CashHandOverRequest(decimal Amount, DateOnly? CollectedOn, string? ReceiptNumber);

public sealed record PaidServiceView(int Id, int TicketId, string TicketNumber, decimal Amount, string Description, PaidServiceStatus Status, string RequestedBy,
    DateTime RequestedAtUtc, string? DecidedBy, DateTime? DecidedAtUtc, string? DecisionNote, string Reference, int Version);

public sealed record CashHandOverView(int Id, int TicketId, string TicketNumber, int PersonId, string PersonName, decimal Amount, DateOnly CollectedOn,
    string? ReceiptNumber, bool Confirmed, string? ConfirmedBy, DateTime? ConfirmedAtUtc, int? AgeDays, int Version);

/// <summary>A ticket's paid service: its requests and the cash handed over for it.</summary>
public sealed record TicketPaidServiceView(IReadOnlyList<PaidServiceView> Requests, IReadOnlyList<CashHandOverView> HandOvers, decimal Approved);

/// <summary>
/// Paid service and cash (R-TKT-5, issue 14 point 2): the engineer or the dispatcher asks on the ticket to charge the customer,
/// a leader approves it before the work (notified), the report charges at most what was approved; cash collected on site is
/// handed over and confirmed by finance (HR, notified), and what is not yet confirmed is listed with its age.
/// </summary>
public sealed class PaidServices(IDbContextFactory<AppDbContext> contexts, TimeProvider time, CompanyClock clock)
{
    public const string RequestTitleKey = "Notification.PaidService.Title";
    public const string RequestBodyKey = "Notification.PaidService.Body";
    public const string HandOverTitleKey = "Notification.CashHandOver.Title";
    public const string HandOverBodyKey = "Notification.CashHandOver.Body";

    private DateTime Now => time.StoredUtcNow();

    public async Task<Result<TicketPaidServiceView>> ForTicketAsync(int ticketId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await TicketHandlers.Visible(db, user).AnyAsync(t => t.Id == ticketId, ct))
        {
            return Refusal.NotFound("Ticket");
        }

        var requests = await RequestViewsAsync(db, db.PaidServiceApprovals.Where(p => p.TicketId == ticketId), ct);
        var handOvers = await HandOverViewsAsync(db, db.CashHandOvers.Where(h => h.TicketId == ticketId), ct);
        return new TicketPaidServiceView(requests, handOvers, requests.Where(r => r.Status == PaidServiceStatus.Approved).Sum(r => r.Amount));
    }

    public async Task<Result<TicketPaidServiceView>> RequestAsync(int ticketId, PaidServiceRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await LoadAsync(db, ticketId, user, ct);
        if (ticket is null)
        {
            return Refusal.NotFound("Ticket");
        }

        if (!TicketHandlers.MayAct(user, ticket, TicketAction.SignReport) || user.PersonId() is not { } me)
        {
            return Refusal.Forbidden("Only an assigned engineer or a dispatcher asks to charge for service.");
        }

        if (ticket.Status is TicketStatus.Closed or TicketStatus.Cancelled || ticket.Report is { IsSigned: true })
        {
            return Refusal.Conflict("invalid_transition", "Paid service is approved before the work: not on a signed, closed or cancelled ticket.");
        }

        var requested = PaidServiceApproval.Request(Now, ticketId, me, r.Amount, r.ChargedFor);
        if (requested.Refusal is { } refused)
        {
            return refused;
        }

        db.PaidServiceApprovals.Add(requested.Value!);
        var superior = await db.People.Where(p => p.Id == me).Select(p => p.SuperiorId).FirstOrDefaultAsync(ct);
        foreach (var leader in superior is { } s ? [s] : await PeopleInRoleAsync(db, RoleNames.DepartmentHead, ct))
        {
            db.Notifications.Add(new Notification
            {
                RecipientPersonId = leader, Kind = NotificationKind.PaidServiceRequested, TicketId = ticketId, TitleKey = RequestTitleKey, BodyKey = RequestBodyKey,
                ParametersJson = Notification.ToJson(new Dictionary<string, string> { ["0"] = ticket.Number, ["1"] = Yuan.Format(r.Amount) }), CreatedAtUtc = Now,
            });
        }

        await db.TrySaveAsync(user, ct);
        return await ForTicketAsync(ticketId, user, ct);
    }

    /// <summary>approve / reject (a leader, never the requester) or cancel (the requester, before the decision).</summary>
    public async Task<Result<TicketPaidServiceView>> ActAsync(int id, string action, ExpenseStepRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var request = await db.PaidServiceApprovals.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (request is null || !await TicketHandlers.Visible(db, user).AnyAsync(t => t.Id == request.TicketId, ct))
        {
            return Refusal.NotFound("Paid-service request");
        }

        db.Entry(request).Property(p => p.Version).OriginalValue = r.Version;
        var me = user.PersonId();
        var refusal = action switch
        {
            "approve" or "reject" => user.Can(Policies.ApproveReports) && me is { } leader
                ? request.Decide(Now, leader, action == "approve", r.Note)
                : Refusal.Forbidden("A supervisor or the department head decides on paid service."),
            "cancel" => me == request.RequestedById ? request.Cancel() : Refusal.Forbidden("Only the person who asked withdraws the request."),
            _ => Refusal.Invalid("action", "unknown", "action must be approve, reject or cancel."),
        };
        if (refusal is not null)
        {
            return refusal;
        }

        return await db.TrySaveAsync(user, ct) ? await ForTicketAsync(request.TicketId, user, ct) : Refusal.StaleVersion();
    }

    /// <summary>The engineer assigned to the ticket hands over cash collected on site; HR is told.</summary>
    public async Task<Result<TicketPaidServiceView>> HandOverAsync(int ticketId, CashHandOverRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await LoadAsync(db, ticketId, user, ct);
        if (ticket is null)
        {
            return Refusal.NotFound("Ticket");
        }

        if (user.PersonId() is not { } me || ticket.Assignments.All(a => a.EngineerId != me))
        {
            return Refusal.Forbidden("The engineer who collected the cash on the ticket hands it over.");
        }

        var approved = await db.PaidServiceApprovals.Where(p => p.TicketId == ticketId && p.Status == PaidServiceStatus.Approved).Select(p => p.Amount).ToListAsync(ct);
        var handed = await db.CashHandOvers.Where(h => h.TicketId == ticketId).Select(h => h.Amount).ToListAsync(ct);
        if (r.CollectedOn is not { } collectedOn)
        {
            return Refusal.Invalid("collectedOn", "required", "collectedOn is required.");
        }

        var recorded = CashHandOver.Record(Now, clock.Today, ticketId, me, r.Amount, collectedOn, r.ReceiptNumber);
        if (recorded.Refusal is { } refused)
        {
            return refused;
        }

        if (handed.Sum() + r.Amount > approved.Sum())
        {
            return Refusal.Invalid("amount", "over_approved", $"Cash handed over on this ticket would exceed the {approved.Sum():0.00} approved.");
        }

        db.CashHandOvers.Add(recorded.Value!);
        var name = user.FindFirstValue(ServiceMarkClaimsFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "";
        foreach (var finance in await PeopleInRoleAsync(db, RoleNames.Hr, ct))
        {
            db.Notifications.Add(new Notification
            {
                RecipientPersonId = finance, Kind = NotificationKind.CashHandOver, TicketId = ticketId, TitleKey = HandOverTitleKey, BodyKey = HandOverBodyKey,
                ParametersJson = Notification.ToJson(new Dictionary<string, string> { ["0"] = ticket.Number, ["1"] = Yuan.Format(r.Amount), ["2"] = name }),
                CreatedAtUtc = Now,
            });
        }

        await db.TrySaveAsync(user, ct);
        return await ForTicketAsync(ticketId, user, ct);
    }

    public async Task<Result<CashHandOverView>> ConfirmAsync(int id, ExpenseStepRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!user.Can(Policies.PayExpenses) || user.PersonId() is not { } me)
        {
            return Refusal.Forbidden("Finance (HR) confirms cash handed over.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var handOver = await db.CashHandOvers.FirstOrDefaultAsync(h => h.Id == id, ct);
        if (handOver is null)
        {
            return Refusal.NotFound("Cash hand-over");
        }

        db.Entry(handOver).Property(h => h.Version).OriginalValue = r.Version;
        if (handOver.Confirm(Now, me) is { } refused)
        {
            return refused;
        }

        return await db.TrySaveAsync(user, ct)
            ? (await HandOverViewsAsync(db, db.CashHandOvers.Where(h => h.Id == id), ct)).Single()
            : Refusal.StaleVersion();
    }

    /// <summary>Cash handed over and not yet confirmed, oldest first: HR and leaders see everyone's, a person their own.</summary>
    public async Task<IReadOnlyList<CashHandOverView>> UnconfirmedAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await HandOverViewsAsync(db, ExpenseAccess.Visible(db, db.CashHandOvers.AsNoTracking(), user).Where(h => !h.Confirmed), ct);
    }

    /// <summary>Requests waiting for this leader's decision (not their own).</summary>
    public async Task<IReadOnlyList<PaidServiceView>> ToDecideAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!user.Can(Policies.ApproveReports))
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = user.PersonId() ?? -1;
        return await RequestViewsAsync(db, db.PaidServiceApprovals.Where(p => p.Status == PaidServiceStatus.Requested && p.RequestedById != me), ct);
    }

    private static Task<ServiceTicket?> LoadAsync(AppDbContext db, int ticketId, ClaimsPrincipal user, CancellationToken ct) =>
        TicketHandlers.Visible(db, user).AsNoTracking().Include(t => t.Assignments).Include(t => t.Reports).FirstOrDefaultAsync(t => t.Id == ticketId, ct);

    /// <summary>The active people whose position carries <paramref name="role"/> (a sign-in's role is its person's position's).</summary>
    private static Task<List<int>> PeopleInRoleAsync(AppDbContext db, string role, CancellationToken ct) =>
        db.People.Where(p => p.IsActive && p.Status != EmploymentStatus.Left && db.Positions.Any(pos => pos.Id == p.PositionId && pos.Role == role))
            .Select(p => p.Id).ToListAsync(ct);

    private static async Task<IReadOnlyList<PaidServiceView>> RequestViewsAsync(AppDbContext db, IQueryable<PaidServiceApproval> chosen, CancellationToken ct)
    {
        var rows = await chosen.AsNoTracking().OrderBy(p => p.Id).Take(200).ToListAsync(ct);
        var names = await PersonNames.OfAsync(db, rows.SelectMany(p => new[] { (int?)p.RequestedById, p.DecidedById }), ct);
        var ticketIds = rows.Select(p => p.TicketId).Distinct().ToList();
        var numbers = await db.Tickets.Where(t => ticketIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Number, ct);
        string? Name(int? id) => id is { } i ? names.GetValueOrDefault(i) : null;
        return rows.Select(p => new PaidServiceView(p.Id, p.TicketId, numbers.GetValueOrDefault(p.TicketId, ""), p.Amount, p.Description, p.Status,
            Name(p.RequestedById) ?? "", p.RequestedAtUtc, Name(p.DecidedById), p.DecidedAtUtc, p.DecisionNote, p.Reference, p.Version)).ToList();
    }

    private async Task<IReadOnlyList<CashHandOverView>> HandOverViewsAsync(AppDbContext db, IQueryable<CashHandOver> chosen, CancellationToken ct)
    {
        var rows = await chosen.AsNoTracking().OrderBy(h => h.CollectedOn).ThenBy(h => h.Id).Take(500).ToListAsync(ct);
        var names = await PersonNames.OfAsync(db, rows.SelectMany(h => new[] { (int?)h.PersonId, h.ConfirmedById }), ct);
        var ticketIds = rows.Select(h => h.TicketId).Distinct().ToList();
        var numbers = await db.Tickets.Where(t => ticketIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Number, ct);
        var today = clock.Today;
        return rows.Select(h => new CashHandOverView(h.Id, h.TicketId, numbers.GetValueOrDefault(h.TicketId, ""), h.PersonId, names.GetValueOrDefault(h.PersonId, ""),
            h.Amount, h.CollectedOn, h.ReceiptNumber, h.Confirmed, h.ConfirmedById is { } c ? names.GetValueOrDefault(c) : null, h.ConfirmedAtUtc,
            h.AgeInDays(today), h.Version)).ToList();
    }

    /// <summary>
    /// The report's paid amount against the approvals: null when nothing is charged or the approved requests cover it (then the
    /// reference is theirs), else the field error. A report may not charge the customer for service nobody approved.
    /// </summary>
    internal static async Task<(Refusal? Refusal, string? Reference)> CheckChargeAsync(AppDbContext db, int ticketId, decimal charged, CancellationToken ct)
    {
        if (charged <= 0m)
        {
            return (null, null);
        }

        var approved = await db.PaidServiceApprovals.AsNoTracking().Where(p => p.TicketId == ticketId && p.Status == PaidServiceStatus.Approved)
            .OrderBy(p => p.Id).ToListAsync(ct);
        return approved.Sum(p => p.Amount) >= charged
            ? (null, string.Join(",", approved.Select(p => p.Reference)))
            : (Refusal.Invalid("paidServiceAmount", "not_approved",
                $"Paid service of {charged.ToString("0.00", CultureInfo.InvariantCulture)} needs approval first; approved on this ticket: {approved.Sum(p => p.Amount).ToString("0.00", CultureInfo.InvariantCulture)}."), null);
    }
}
