using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Parts;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Infrastructure.Audit;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Parts;

public sealed record RequisitionLineRequest(int PartId, decimal Quantity);

/// <summary>A requisition as raised: from which store, for which ticket (if any), why, which parts.</summary>
public sealed record RequisitionRequest(int FromLocationId, int? TicketId, string? Purpose, IReadOnlyList<RequisitionLineRequest>? Lines);

public sealed record RequisitionStepRequest(int Version, string? Note = null, string? Reason = null);

public sealed record RequisitionLineView(int PartId, string PartCode, string PartName, string Unit, decimal Quantity);

public sealed record RequisitionView(int Id, RequisitionStatus Status, int RequesterId, string RequesterName, int? TicketId, string? TicketNumber,
    int FromLocationId, string FromLocation, int ToLocationId, string ToLocation, string Purpose, DateTime RequestedAtUtc, string? DecidedBy,
    DateTime? DecidedAtUtc, string? DecisionNote, string? IssuedBy, DateTime? IssuedAtUtc, int Version, IReadOnlyList<RequisitionLineView> Lines);

public enum RequisitionScope
{
    /// <summary>The ones I raised.</summary>
    Mine,

    /// <summary>Waiting for my decision: my team's (a supervisor) or everyone's (the department head).</summary>
    ToApprove,

    /// <summary>Approved and waiting to be issued (the warehouse keeper).</summary>
    ToIssue,

    /// <summary>All I may see.</summary>
    All,
}

/// <summary>
/// 领料单 (R-PRT-2, issue 13 point 3): raised by an engineer into their personal stock → approved by their superior or the
/// department head (never their own) → issued by the warehouse keeper, which posts the movements and changes the requisition
/// in one transaction, so a shortage leaves it approved and nothing moved.
/// </summary>
public sealed class Requisitions(IDbContextFactory<AppDbContext> contexts, TimeProvider time, StockLedger ledger)
{
    private DateTime Now => time.StoredUtcNow();

    public async Task<Result<RequisitionView>> SubmitAsync(RequisitionRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.PersonId() is not { } me)
        {
            return Refusal.Forbidden("Only a person raises a requisition.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var errors = new FieldErrors();
        var personal = await db.StockLocations.Where(l => l.PersonId == me && l.IsActive).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct);
        if (personal is null)
        {
            errors.Add("fromLocationId", "no_personal_stock", "You have no personal stock to receive parts into; ask the warehouse keeper to make one.");
        }

        if (!await db.StockLocations.AnyAsync(l => l.Id == r.FromLocationId && l.IsActive
                && (l.Kind == LocationKind.CentralWarehouse || l.Kind == LocationKind.ServiceStation), ct))
        {
            errors.Add("fromLocationId", "unknown", "fromLocationId does not name an active warehouse or station store.");
        }

        if (r.TicketId is { } ticket && !await db.Tickets.AnyAsync(t => t.Id == ticket, ct))
        {
            errors.Add("ticketId", "unknown", "ticketId does not name a ticket.");
        }

        var lines = (r.Lines ?? []).Select(l => l ?? new RequisitionLineRequest(0, 0)).ToList();
        var partIds = lines.Select(l => l.PartId).Distinct().ToList();
        var known = await db.SpareParts.Where(p => partIds.Contains(p.Id) && p.IsActive).Select(p => p.Id).ToListAsync(ct);
        for (var i = 0; i < lines.Count; i++)
        {
            if (!known.Contains(lines[i].PartId))
            {
                errors.Add($"lines[{i}].partId", "unknown", "partId does not name an active part.");
            }
        }

        var submitted = PartRequisition.Submit(Now, me, r.TicketId, r.FromLocationId, personal ?? 0, r.Purpose, lines.Select(l => (l.PartId, l.Quantity)).ToList());
        if (submitted.Refusal is { } refused)
        {
            // The locations are checked above by what they are; the lines' own checks name quantities, parts and the purpose.
            foreach (var e in refused.Errors.Where(e => !errors.All.Any(x => x.Field == e.Field) && !e.Field.EndsWith("LocationId", StringComparison.Ordinal)))
            {
                errors.Add(e.Field, e.Code, e.Message);
            }
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        db.PartRequisitions.Add(submitted.Value!);
        await db.TrySaveAsync(user, ct);
        return (await GetAsync(submitted.Value!.Id, user, ct))!;
    }

    public async Task<PageOf<RequisitionView>> ListAsync(RequisitionScope scope, ClaimsPrincipal user, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = user.PersonId() ?? 0;
        var visible = Visible(db, user);
        visible = scope switch
        {
            RequisitionScope.Mine => visible.Where(r => r.RequesterId == me),
            RequisitionScope.ToApprove => visible.Where(r => r.Status == RequisitionStatus.Submitted && r.RequesterId != me),
            RequisitionScope.ToIssue => visible.Where(r => r.Status == RequisitionStatus.Approved),
            _ => visible,
        };
        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(page, 1);
        var total = await visible.CountAsync(ct);
        var ids = await visible.OrderByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).Select(r => r.Id).ToListAsync(ct);
        return new PageOf<RequisitionView>(await ViewsAsync(db, ids, ct), total, page, pageSize);
    }

    public async Task<RequisitionView?> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Visible(db, user).AnyAsync(r => r.Id == id, ct) ? (await ViewsAsync(db, [id], ct)).Single() : null;
    }

    /// <summary>The requisitions of a ticket this user may see, newest first, in one read.</summary>
    public async Task<IReadOnlyList<RequisitionView>> ForTicketAsync(int ticketId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ids = await Visible(db, user).Where(r => r.TicketId == ticketId).OrderByDescending(r => r.Id).Select(r => r.Id).ToListAsync(ct);
        return await ViewsAsync(db, ids, ct);
    }

    /// <summary>The requester sees theirs, a supervisor their team's, the head, the warehouse keeper and the administrator all.</summary>
    private static IQueryable<PartRequisition> Visible(AppDbContext db, ClaimsPrincipal user)
    {
        var all = db.PartRequisitions.AsNoTracking();
        if (user.IsInRole(RoleNames.DepartmentHead) || user.IsInRole(RoleNames.WarehouseKeeper) || user.IsInRole(RoleNames.Admin))
        {
            return all;
        }

        var me = user.PersonId() ?? 0;
        return all.Where(r => r.RequesterId == me || db.People.Any(p => p.Id == r.RequesterId && p.SuperiorId == me));
    }

    public async Task<Result<RequisitionView>> ActAsync(int id, RequisitionAction action, RequisitionStepRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await Visible(db, user).AnyAsync(x => x.Id == id, ct))
        {
            return Refusal.NotFound("Requisition");
        }

        var requisition = await db.PartRequisitions.FirstAsync(x => x.Id == id, ct);
        db.Entry(requisition).Property(x => x.Version).OriginalValue = r.Version;
        var me = user.PersonId();
        var now = Now;
        Refusal? refusal;
        switch (action)
        {
            case RequisitionAction.Approve or RequisitionAction.Reject:
                if (!user.Can(Policies.ApproveRequisitions) || me is not { } approver)
                {
                    return Refusal.Forbidden("Only the requester's superior or the department head decides on a requisition.");
                }

                // The self rule first, so one's own requisition is refused as such whatever the team.
                if (SegregationOfDuties.RefuseSelf(approver, requisition.RequesterId, "deciding on your own requisition") is { } self)
                {
                    return self;
                }

                if (!user.IsInRole(RoleNames.DepartmentHead) && !await db.People.AnyAsync(p => p.Id == requisition.RequesterId && p.SuperiorId == approver, ct))
                {
                    return Refusal.Forbidden("Only the requester's superior or the department head decides on a requisition.");
                }

                refusal = action == RequisitionAction.Approve ? requisition.Approve(now, approver, r.Note) : requisition.Reject(now, approver, r.Reason);
                break;
            case RequisitionAction.Issue:
                if (!user.Can(Policies.PostStock) || me is not { } keeper)
                {
                    return Refusal.Forbidden("The warehouse keeper issues requisitions.");
                }

                refusal = requisition.Issue(now, keeper);
                if (refusal is null)
                {
                    return await IssueAsync(db, requisition, user, ct);
                }

                break;
            default:
                refusal = me is { } requester ? requisition.Cancel(now, requester) : Refusal.Forbidden("Only the requester withdraws a requisition.");
                break;
        }

        if (refusal is not null)
        {
            return refusal;
        }

        return await db.TrySaveAsync(user, ct) ? (await GetAsync(id, user, ct))! : Refusal.StaleVersion();
    }

    /// <summary>The requisition issued and its movements posted in one transaction; a shortage or a stale version changes neither.</summary>
    private async Task<Result<RequisitionView>> IssueAsync(AppDbContext db, PartRequisition requisition, ClaimsPrincipal user, CancellationToken ct)
    {
        db.Actor = Actor.From(user);
        db.ChangeReason = null;
        try
        {
            var posted = await ledger.PostAsync(db, requisition.IssueMovements(), user.PersonId(), user.DisplayName(), ct);
            if (posted.Refusal is { } shortage)
            {
                return shortage;
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.StaleVersion();
        }

        return (await GetAsync(requisition.Id, user, ct))!;
    }

    private static async Task<IReadOnlyList<RequisitionView>> ViewsAsync(AppDbContext db, IReadOnlyList<int> ids, CancellationToken ct)
    {
        var requisitions = await db.PartRequisitions.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        var people = requisitions.SelectMany(r => new[] { (int?)r.RequesterId, r.DecidedById, r.IssuedById }).OfType<int>().Distinct().ToList();
        var names = await db.People.Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var locationIds = requisitions.SelectMany(r => new[] { r.FromLocationId, r.ToLocationId }).Distinct().ToList();
        var locations = await db.StockLocations.Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var ticketIds = requisitions.Select(r => r.TicketId).OfType<int>().Distinct().ToList();
        var tickets = await db.Tickets.Where(t => ticketIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Number, ct);
        var partIds = requisitions.SelectMany(r => r.Lines.Select(l => l.PartId)).Distinct().ToList();
        var parts = await db.SpareParts.Where(p => partIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new { p.Code, p.Name, p.Unit }, ct);
        string? Name(int? id) => id is { } i ? names.GetValueOrDefault(i) : null;
        var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return requisitions.OrderBy(r => position[r.Id]).Select(r => new RequisitionView(r.Id, r.Status, r.RequesterId, Name(r.RequesterId) ?? "",
                r.TicketId, r.TicketId is { } t ? tickets.GetValueOrDefault(t) : null, r.FromLocationId, locations.GetValueOrDefault(r.FromLocationId) ?? "",
                r.ToLocationId, locations.GetValueOrDefault(r.ToLocationId) ?? "", r.Purpose, r.RequestedAtUtc, Name(r.DecidedById), r.DecidedAtUtc, r.DecisionNote,
                Name(r.IssuedById), r.IssuedAtUtc, r.Version,
                r.Lines.Select(l => new RequisitionLineView(l.PartId, parts[l.PartId].Code, parts[l.PartId].Name, parts[l.PartId].Unit, l.Quantity)).ToList()))
            .ToList();
    }
}
