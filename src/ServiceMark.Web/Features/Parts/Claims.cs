using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Parts;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Parts;

/// <summary>A claim as raised: for which old part, and the labour and freight to claim besides the part (priced from the catalogue when not given).</summary>
public sealed record ClaimRequest(int OldPartId, decimal? PartAmount, decimal LabourAmount, decimal FreightAmount, string? Note);

/// <summary>A step on a claim: the version read and what the step needs.</summary>
public sealed record ClaimStepRequest(int Version, string? Carrier = null, string? TrackingNumber = null, decimal ShippingCost = 0m, decimal? AcceptedAmount = null,
    decimal RecoveredAmount = 0m, string? Note = null);

public sealed record ClaimView(int Id, ClaimStatus Status, int SupplierId, string SupplierName, int TicketId, string TicketNumber, int OldPartId, string PartName,
    decimal PartAmount, decimal LabourAmount, decimal FreightAmount, decimal ClaimAmount, string? Note, DateTime RaisedAtUtc, int RaisedById, string RaisedBy, DateTime? SentAtUtc,
    string? Carrier, string? TrackingNumber, decimal ShippingCost, string? ShippingApprovedBy, decimal? AcceptedAmount, string? DecisionNote, DateTime? SettledAtUtc,
    decimal RecoveredAmount, int AgeDays, int Version);

/// <summary>What a supplier still owes an answer or money for: how many claims, how much, and the oldest one's age in days.</summary>
public sealed record SupplierClaimsOutstanding(int SupplierId, string SupplierName, int Claims, decimal Claimed, decimal Accepted, int OldestAgeDays);

/// <summary>An old part that can be claimed: inspected (or kept for a claim), of a catalogue part with a supplier, not claimed yet.</summary>
public sealed record ClaimableOldPart(int OldPartId, string TicketNumber, string PartName, string SupplierName, decimal SuggestedPartAmount, bool ShowsSignsOfDisassembly);

/// <summary>
/// 二次索赔 (R-PRT-4/5, issue 13 point 5): the warehouse keeper raises a claim from an inspected old part against its part's
/// supplier, sends it with the part (carrier, tracking number, postage — signed off by a leader, never the raiser), records
/// the supplier's answer and the money recovered. One claim per old part.
/// </summary>
public sealed class Claims(IDbContextFactory<AppDbContext> contexts, TimeProvider time, CompanyClock clock)
{
    private DateTime Now => time.StoredUtcNow();

    public async Task<Result<ClaimView>> RaiseAsync(ClaimRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.PersonId() is not { } me)
        {
            return Refusal.Forbidden("Only a person raises a claim.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await (from o in db.OldParts
                           join p in db.SpareParts on o.PartId equals p.Id
                           where o.Id == r.OldPartId
                           select new { o, p }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return Refusal.Invalid("oldPartId", "unknown", "oldPartId does not name an old part of a catalogue part.");
        }

        if (found.p.SupplierId is not { } supplier)
        {
            return Refusal.Invalid("oldPartId", "no_supplier", "The part has no supplier to claim from.");
        }

        if (found.o.Status is not (OldPartStatus.Inspected or OldPartStatus.Disposed) || found.o.Disposal is OldPartDisposal.Scrapped)
        {
            // The claim's evidence is the inspected part: scrapped, it can no longer go to the supplier.
            return Refusal.Conflict("not_claimable", "Only an inspected old part that was not scrapped can be claimed.");
        }

        if (await db.SupplierClaims.AnyAsync(c => c.OldPartId == r.OldPartId, ct))
        {
            return Refusal.Conflict("duplicate", "This old part is claimed already.");
        }

        var partAmount = r.PartAmount ?? Rounding.Round((found.p.PriceOn(clock.Today) ?? 0m) * found.o.Quantity);
        var raised = SupplierClaim.Raise(Now, me, supplier, found.o.TicketId, found.o.Id, partAmount, r.LabourAmount, r.FreightAmount, r.Note);
        if (raised.Refusal is { } refused)
        {
            return refused;
        }

        db.SupplierClaims.Add(raised.Value!);
        await db.TrySaveAsync(user, ct); // a parallel raise of the same part: the unique index answers 409 (ADR 0002)
        return (await GetAsync(raised.Value!.Id, ct))!;
    }

    public async Task<PageOf<ClaimView>> ListAsync(ClaimStatus? status, int? supplierId, bool outstandingOnly, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var claims = db.SupplierClaims.AsNoTracking();
        claims = status is { } s ? claims.Where(c => c.Status == s) : claims;
        claims = supplierId is { } sup ? claims.Where(c => c.SupplierId == sup) : claims;
        claims = outstandingOnly
            ? claims.Where(c => c.Status == ClaimStatus.Sent || c.Status == ClaimStatus.Accepted || c.Status == ClaimStatus.PartlyAccepted)
            : claims;
        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(page, 1);
        var total = await claims.CountAsync(ct);
        var ids = await claims.OrderByDescending(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize).Select(c => c.Id).ToListAsync(ct);
        return new PageOf<ClaimView>(await ViewsAsync(db, ids, ct), total, page, pageSize);
    }

    public async Task<ClaimView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await ViewsAsync(db, [id], ct)).SingleOrDefault();
    }

    /// <summary>Per supplier, what is still outstanding and since when (from the day it was sent).</summary>
    public async Task<IReadOnlyList<SupplierClaimsOutstanding>> OutstandingAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await (from c in db.SupplierClaims.AsNoTracking()
                          where c.Status == ClaimStatus.Sent || c.Status == ClaimStatus.Accepted || c.Status == ClaimStatus.PartlyAccepted
                          join s in db.Suppliers on c.SupplierId equals s.Id
                          select new { c.SupplierId, s.Name, c.ClaimAmount, c.AcceptedAmount, c.SentAtUtc, c.RaisedAtUtc }).ToListAsync(ct);
        var today = clock.Today;
        return rows.GroupBy(r => (r.SupplierId, r.Name))
            .Select(g => new SupplierClaimsOutstanding(g.Key.SupplierId, g.Key.Name, g.Count(), g.Sum(r => r.ClaimAmount), g.Sum(r => r.AcceptedAmount ?? 0m),
                g.Max(r => Age(r.SentAtUtc ?? r.RaisedAtUtc, today))))
            .OrderByDescending(x => x.OldestAgeDays).ToList();
    }

    /// <summary>Old parts a claim can be raised from, newest first.</summary>
    public async Task<IReadOnlyList<ClaimableOldPart>> ClaimableAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await (from o in db.OldParts.AsNoTracking()
                          where (o.Status == OldPartStatus.Inspected || (o.Status == OldPartStatus.Disposed && o.Disposal == OldPartDisposal.KeptForClaim))
                                && !db.SupplierClaims.Any(c => c.OldPartId == o.Id)
                          join p in db.SpareParts on o.PartId equals p.Id
                          join s in db.Suppliers on p.SupplierId equals s.Id
                          join t in db.Tickets on o.TicketId equals t.Id
                          orderby o.Id descending
                          select new { o.Id, t.Number, o.Name, Supplier = s.Name, o.Quantity, Part = p, o.ShowsSignsOfDisassembly }).Take(200).ToListAsync(ct);
        return rows.Select(r => new ClaimableOldPart(r.Id, r.Number, r.Name, r.Supplier, Rounding.Round((r.Part.PriceOn(clock.Today) ?? 0m) * r.Quantity),
            r.ShowsSignsOfDisassembly == true)).ToList();
    }

    public async Task<Result<ClaimView>> ActAsync(int id, string action, ClaimStepRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var claim = await db.SupplierClaims.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null)
        {
            return Refusal.NotFound("Claim");
        }

        db.Entry(claim).Property(c => c.Version).OriginalValue = r.Version;
        var me = user.PersonId();
        Refusal? refusal;
        if (action == "approve-shipping")
        {
            // A leader signs the postage off (seed 001 §3.6.3): the supervisor or the department head, never the raiser.
            if (!user.Can(Policies.ApproveRequisitions) || me is not { } leader)
            {
                return Refusal.Forbidden("A supervisor or the department head signs the shipping off.");
            }

            refusal = claim.ApproveShipping(Now, leader);
        }
        else
        {
            if (!user.Can(Policies.PostStock) || me is null)
            {
                return Refusal.Forbidden("The warehouse keeper follows claims up.");
            }

            refusal = action switch
            {
                "send" => claim.Send(Now, r.Carrier, r.TrackingNumber, r.ShippingCost),
                "accept" => claim.Decide(Now, ClaimAction.Accept, null, r.Note),
                "accept-partly" => claim.Decide(Now, ClaimAction.AcceptPartly, r.AcceptedAmount, r.Note),
                "reject" => claim.Decide(Now, ClaimAction.Reject, null, r.Note),
                "settle" => claim.Settle(Now, r.RecoveredAmount),
                "cancel" => claim.Cancel(),
                _ => Refusal.Invalid("action", "unknown", "action must be send, approve-shipping, accept, accept-partly, reject, settle or cancel."),
            };
        }

        if (refusal is not null)
        {
            return refusal;
        }

        return await db.TrySaveAsync(user, ct) ? (await GetAsync(id, ct))! : Refusal.StaleVersion();
    }

    /// <summary>Whole company days since an instant (0 the same day).</summary>
    private int Age(DateTime sinceUtc, DateOnly today) => Math.Max(0, today.DayNumber - DateOnly.FromDateTime(clock.ToLocal(sinceUtc)).DayNumber);

    private async Task<IReadOnlyList<ClaimView>> ViewsAsync(AppDbContext db, IReadOnlyList<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await (from c in db.SupplierClaims.AsNoTracking().Where(c => ids.Contains(c.Id))
                          join s in db.Suppliers on c.SupplierId equals s.Id
                          join t in db.Tickets on c.TicketId equals t.Id
                          join o in db.OldParts on c.OldPartId equals o.Id
                          join p in db.People on c.RaisedById equals p.Id
                          join a in db.People on c.ShippingApprovedById equals a.Id into approvers
                          from a in approvers.DefaultIfEmpty()
                          select new { c, Supplier = s.Name, t.Number, Part = o.Name, RaisedBy = p.Name, ApprovedBy = a == null ? null : a.Name }).ToListAsync(ct);
        var today = clock.Today;
        var order = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return rows.OrderBy(x => order[x.c.Id]).Select(x => new ClaimView(x.c.Id, x.c.Status, x.c.SupplierId, x.Supplier, x.c.TicketId, x.Number, x.c.OldPartId, x.Part,
            x.c.PartAmount, x.c.LabourAmount, x.c.FreightAmount, x.c.ClaimAmount, x.c.Note, x.c.RaisedAtUtc, x.c.RaisedById, x.RaisedBy, x.c.SentAtUtc, x.c.Carrier, x.c.TrackingNumber,
            x.c.ShippingCost, x.ApprovedBy, x.c.AcceptedAmount, x.c.DecisionNote, x.c.SettledAtUtc, x.c.RecoveredAmount,
            Age(x.c.SentAtUtc ?? x.c.RaisedAtUtc, today), x.c.Version)).ToList();
    }
}
