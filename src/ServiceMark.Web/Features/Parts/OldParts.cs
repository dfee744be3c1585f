using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Parts;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.Tickets;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Parts;

/// <summary>A step on an old part: the version read, and what the step needs (the receiving store; the inspection's finding; the disposal).</summary>
public sealed record OldPartStepRequest(int Version, int? LocationId = null, bool? ShowsSignsOfDisassembly = null, string? Disposal = null, string? Note = null);

public sealed record OldPartView(int Id, int TicketId, string TicketNumber, int? PartId, string? PartCode, string Name, decimal Quantity, int EngineerId,
    string EngineerName, DateTime CreatedAtUtc, DateOnly DueOn, bool IsOverdue, OldPartStatus Status, DateTime? ReceivedAtUtc, string? ReceivedAt,
    bool? ReturnedOnTime, DateTime? InspectedAtUtc, bool? ShowsSignsOfDisassembly, string? InspectionNote, DateTime? DisposedAtUtc, OldPartDisposal? Disposal,
    string? DisposalNote, int Version);

public enum OldPartScope
{
    /// <summary>Everything I may see.</summary>
    All,

    /// <summary>Still with the engineer.</summary>
    AwaitingReturn,

    /// <summary>Still with the engineer after their due day.</summary>
    Overdue,

    /// <summary>Received and not inspected yet.</summary>
    ToInspect,

    /// <summary>Inspected and not disposed of yet: the month's disposal list (seed 001 §3.7.5).</summary>
    ToDispose,

    /// <summary>Disposed of.</summary>
    Disposed,
}

/// <summary>What a ticket used: the parts written off against its signed report with their value, its old parts and its requisitions.</summary>
public sealed record TicketPartsView(IReadOnlyList<LedgerEntryView> Consumed, decimal PartsCost, IReadOnlyList<OldPartView> OldParts,
    IReadOnlyList<RequisitionView> Requisitions);

/// <summary>
/// 旧件 (R-PRT-3, issue 13 point 4): the old parts signed reports created, followed from the engineer back to the warehouse,
/// inspected and disposed of. The engineer sees their own, a supervisor their team's, the head, the warehouse keeper and the
/// administrator all; only the warehouse keeper moves them on.
/// </summary>
public sealed class OldParts(IDbContextFactory<AppDbContext> contexts, TimeProvider time, CompanyClock clock, TicketHandlers tickets, Requisitions requisitions)
{
    public async Task<PageOf<OldPartView>> ListAsync(OldPartScope scope, int? engineerId, ClaimsPrincipal user, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var today = clock.Today;
        var visible = Visible(db, user);
        if (engineerId is { } engineer)
        {
            visible = visible.Where(o => o.EngineerId == engineer);
        }

        visible = scope switch
        {
            OldPartScope.AwaitingReturn => visible.Where(o => o.Status == OldPartStatus.AwaitingReturn),
            OldPartScope.Overdue => visible.Where(o => o.Status == OldPartStatus.AwaitingReturn && o.DueOn < today),
            OldPartScope.ToInspect => visible.Where(o => o.Status == OldPartStatus.Returned),
            OldPartScope.ToDispose => visible.Where(o => o.Status == OldPartStatus.Inspected),
            OldPartScope.Disposed => visible.Where(o => o.Status == OldPartStatus.Disposed),
            _ => visible,
        };
        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(page, 1);
        var total = await visible.CountAsync(ct);

        // The oldest due first: what is most overdue is what the warehouse chases.
        var ids = await visible.OrderBy(o => o.DueOn).ThenBy(o => o.Id).Skip((page - 1) * pageSize).Take(pageSize).Select(o => o.Id).ToListAsync(ct);
        return new PageOf<OldPartView>(await ViewsAsync(db, ids, today, ct), total, page, pageSize);
    }

    public async Task<OldPartView?> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Visible(db, user).AnyAsync(o => o.Id == id, ct) ? (await ViewsAsync(db, [id], clock.Today, ct)).Single() : null;
    }

    public async Task<Result<OldPartView>> ActAsync(int id, OldPartAction action, OldPartStepRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await Visible(db, user).AnyAsync(o => o.Id == id, ct))
        {
            return Refusal.NotFound("Old part");
        }

        if (!user.Can(Policies.PostStock) || user.PersonId() is not { } keeper)
        {
            return Refusal.Forbidden("The warehouse keeper receives, inspects and disposes of old parts.");
        }

        var part = await db.OldParts.FirstAsync(o => o.Id == id, ct);
        db.Entry(part).Property(o => o.Version).OriginalValue = r.Version;
        var now = time.StoredUtcNow();
        Refusal? refusal;
        switch (action)
        {
            case OldPartAction.Receive:
                if (r.LocationId is not { } location || !await db.StockLocations.AnyAsync(l => l.Id == location && l.IsActive
                        && (l.Kind == LocationKind.CentralWarehouse || l.Kind == LocationKind.ServiceStation), ct))
                {
                    return Refusal.Invalid("locationId", r.LocationId is null ? "required" : "unknown", "locationId must name an active warehouse or station store.");
                }

                refusal = part.Receive(now, clock.Today, keeper, location);
                break;
            case OldPartAction.Inspect:
                refusal = part.Inspect(now, keeper, r.ShowsSignsOfDisassembly, r.Note);
                break;
            default:
                OldPartDisposal? disposal = Enum.TryParse<OldPartDisposal>(r.Disposal, ignoreCase: true, out var d) && Enum.IsDefined(d) && !int.TryParse(r.Disposal, out _)
                    ? d
                    : null;
                if (disposal is null && !string.IsNullOrWhiteSpace(r.Disposal))
                {
                    return Refusal.Invalid("disposal", "unknown", $"disposal must be one of: {string.Join(", ", Enum.GetNames<OldPartDisposal>())}.");
                }

                refusal = part.Dispose(now, keeper, disposal, r.Note);
                break;
        }

        if (refusal is not null)
        {
            return refusal;
        }

        return await db.TrySaveAsync(user, ct) ? (await GetAsync(id, user, ct))! : Refusal.StaleVersion();
    }

    /// <summary>A ticket's parts, for whoever may see the ticket.</summary>
    public async Task<TicketPartsView?> ForTicketAsync(int ticketId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (await tickets.GetAsync(ticketId, user, ct) is null)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        const string document = nameof(Domain.Tickets.ServiceTicket);
        var consumed = await StockLedger.HistoryAsync(db, e => e.DocumentType == document && e.DocumentId == ticketId, int.MaxValue, ct);
        var fen = await db.LedgerEntries.Where(e => e.DocumentType == document && e.DocumentId == ticketId && e.Kind == MovementKind.Consumption)
            .SumAsync(e => e.ValueFen ?? 0, ct);
        var oldIds = await db.OldParts.Where(o => o.TicketId == ticketId).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        // Through the requisitions' own visibility: an engineer sees the ticket's requisitions they may see anyway.
        var views = await requisitions.ForTicketAsync(ticketId, user, ct);
        return new TicketPartsView(consumed, fen / 100m, await ViewsAsync(db, oldIds, clock.Today, ct), views);
    }

    /// <summary>The engineer sees theirs, a supervisor their team's; the head, the warehouse keeper, the general manager and the administrator all.</summary>
    private static IQueryable<OldPart> Visible(AppDbContext db, ClaimsPrincipal user)
    {
        var all = db.OldParts.AsNoTracking();
        if (user.IsInRole(RoleNames.DepartmentHead) || user.IsInRole(RoleNames.WarehouseKeeper) || user.IsInRole(RoleNames.Admin)
            || user.IsInRole(RoleNames.GeneralManager))
        {
            return all;
        }

        var me = user.PersonId() ?? 0;
        return all.Where(o => o.EngineerId == me || db.People.Any(p => p.Id == o.EngineerId && p.SuperiorId == me));
    }

    private static async Task<IReadOnlyList<OldPartView>> ViewsAsync(AppDbContext db, IReadOnlyList<int> ids, DateOnly today, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await (from o in db.OldParts.AsNoTracking().Where(o => ids.Contains(o.Id))
                          join t in db.Tickets on o.TicketId equals t.Id
                          join e in db.People on o.EngineerId equals e.Id
                          join p in db.SpareParts on o.PartId equals p.Id into parts
                          from p in parts.DefaultIfEmpty()
                          join l in db.StockLocations on o.ReceivedAtLocationId equals l.Id into locations
                          from l in locations.DefaultIfEmpty()
                          select new { o, t.Number, Engineer = e.Name, PartCode = p == null ? null : p.Code, Location = l == null ? null : l.Name })
            .ToListAsync(ct);
        var order = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return rows.OrderBy(x => order[x.o.Id]).Select(x => new OldPartView(x.o.Id, x.o.TicketId, x.Number, x.o.PartId, x.PartCode, x.o.Name, x.o.Quantity,
            x.o.EngineerId, x.Engineer, x.o.CreatedAtUtc, x.o.DueOn, x.o.IsOverdue(today), x.o.Status, x.o.ReceivedAtUtc, x.Location, x.o.ReturnedOnTime,
            x.o.InspectedAtUtc, x.o.ShowsSignsOfDisassembly, x.o.InspectionNote, x.o.DisposedAtUtc, x.o.Disposal, x.o.DisposalNote, x.o.Version)).ToList();
    }
}
