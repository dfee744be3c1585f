using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Parts;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Infrastructure.Audit;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Parts;

public sealed record StockTakeStartRequest(int LocationId);

public sealed record StockTakeCountLine(int PartId, decimal? CountedQuantity, string? Explanation);

public sealed record StockTakeCountRequest(int Version, IReadOnlyList<StockTakeCountLine>? Lines);

public sealed record StockTakeStepRequest(int Version, string? Note = null);

public sealed record StockTakeLineView(int PartId, string PartCode, string PartName, string Specification, string Unit, decimal BookQuantity, decimal? CountedQuantity,
    decimal? Difference, string? Explanation);

public sealed record StockTakeView(int Id, int LocationId, string LocationName, StockTakeStatus Status, DateTime StartedAtUtc, string StartedBy, DateTime? SubmittedAtUtc,
    string? DecidedBy, DateTime? DecidedAtUtc, string? DecisionNote, decimal? Accuracy, int Version, IReadOnlyList<StockTakeLineView> Lines);

/// <summary>
/// 盘点 (R-PRT-6, issue 13 point 6): the warehouse keeper starts a count of a location (its book as it is then), counts and
/// explains each difference, submits; a supervisor or the department head — never the one who counted — approves, which posts
/// the differences as adjustment entries in the same transaction, or sends it back. While a count is open the location takes
/// no other movement (<see cref="StockLedger"/> refuses them with 409 <c>location_frozen</c>).
/// </summary>
public sealed class StockTakes(IDbContextFactory<AppDbContext> contexts, TimeProvider time, StockLedger ledger)
{
    private DateTime Now => time.StoredUtcNow();

    public async Task<Result<StockTakeView>> StartAsync(StockTakeStartRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!user.Can(Policies.PostStock) || user.PersonId() is not { } keeper)
        {
            return Refusal.Forbidden("The warehouse keeper counts stock.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var location = await db.StockLocations.FirstOrDefaultAsync(l => l.Id == r.LocationId && l.IsActive, ct);
        if (location is null || !location.HoldsStock)
        {
            return Refusal.Invalid("locationId", "unknown", "locationId does not name an active location that holds stock.");
        }

        if (await db.StockTakes.AnyAsync(t => t.LocationId == r.LocationId && (t.Status == StockTakeStatus.Counting || t.Status == StockTakeStatus.Submitted), ct))
        {
            return Refusal.Conflict("duplicate", "A count of this location is open already.");
        }

        // The book: every part on hand there, and every part with a limit there (its shelf is counted even when empty).
        var onHand = await db.StockBalances.Where(b => b.LocationId == r.LocationId && b.OnHandHundredths > 0)
            .Select(b => new { b.PartId, b.OnHandHundredths }).ToListAsync(ct);
        var limited = await db.StockLimits.Where(x => x.LocationId == r.LocationId).Select(x => x.PartId).ToListAsync(ct);
        var book = onHand.Select(b => (PartId: b.PartId, OnHand: Quantities.FromHundredths(b.OnHandHundredths)))
            .Concat(limited.Where(p => onHand.All(b => b.PartId != p)).Select(p => (PartId: p, OnHand: 0m))).ToList();
        var ids = book.Select(b => b.PartId).ToList();
        var codes = await db.SpareParts.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        book = book.OrderBy(b => codes[b.PartId], StringComparer.Ordinal).ToList(); // the sheet in part-code order, as it is printed and counted
        var take = StockTake.Start(Now, keeper, r.LocationId, book);
        db.StockTakes.Add(take);
        await db.TrySaveAsync(user, ct); // two starts at once: the filtered unique index answers 409 (ADR 0002)
        return (await GetAsync(take.Id, ct))!;
    }

    public async Task<Result<StockTakeView>> CountAsync(int id, StockTakeCountRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!user.Can(Policies.PostStock))
        {
            return Refusal.Forbidden("The warehouse keeper counts stock.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var take = await db.StockTakes.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (take is null)
        {
            return Refusal.NotFound("Stock-take");
        }

        var lines = (r.Lines ?? []).Select(l => l ?? new StockTakeCountLine(0, null, null)).ToList();
        var partIds = lines.Select(l => l.PartId).Distinct().ToList();
        var known = await db.SpareParts.Where(p => partIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        var errors = new FieldErrors();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!known.Contains(lines[i].PartId))
            {
                errors.Add($"lines[{i}].partId", "unknown", "partId does not name a part.");
            }
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        db.Entry(take).Property(t => t.Version).OriginalValue = r.Version;
        if (take.Count(lines.Select(l => (l.PartId, l.CountedQuantity, l.Explanation)).ToList()) is { } refused)
        {
            return refused;
        }

        db.Entry(take).Property(t => t.Version).IsModified = true; // new lines alone would not bump the sheet's version
        return await db.TrySaveAsync(user, ct) ? (await GetAsync(id, ct))! : Refusal.StaleVersion();
    }

    public async Task<Result<StockTakeView>> ActAsync(int id, StockTakeAction action, StockTakeStepRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var take = await db.StockTakes.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (take is null)
        {
            return Refusal.NotFound("Stock-take");
        }

        db.Entry(take).Property(t => t.Version).OriginalValue = r.Version;
        var me = user.PersonId();
        Refusal? refusal;
        switch (action)
        {
            case StockTakeAction.Approve or StockTakeAction.SendBack:
                if (!user.Can(Policies.ApproveRequisitions) || me is not { } leader)
                {
                    return Refusal.Forbidden("A supervisor or the department head approves a stock-take.");
                }

                refusal = take.Decide(Now, leader, action == StockTakeAction.Approve, r.Note);
                if (refusal is null && action == StockTakeAction.Approve)
                {
                    return await PostAsync(db, take, user, ct);
                }

                break;
            default:
                if (!user.Can(Policies.PostStock))
                {
                    return Refusal.Forbidden("The warehouse keeper submits or cancels a count.");
                }

                refusal = action == StockTakeAction.Submit ? take.Submit(Now) : take.Cancel();
                break;
        }

        if (refusal is not null)
        {
            return refusal;
        }

        return await db.TrySaveAsync(user, ct) ? (await GetAsync(id, ct))! : Refusal.StaleVersion();
    }

    /// <summary>Approved: the differences posted as adjustments with the stock-take in one transaction; a book that moved since the count refuses both.</summary>
    private async Task<Result<StockTakeView>> PostAsync(AppDbContext db, StockTake take, ClaimsPrincipal user, CancellationToken ct)
    {
        db.Actor = Actor.From(user);
        db.ChangeReason = null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var partIds = take.Lines.Select(l => l.PartId).ToList();
        var now = await db.StockBalances.Where(b => b.LocationId == take.LocationId && partIds.Contains(b.PartId)).ToDictionaryAsync(b => b.PartId, b => b.OnHand, ct);
        if (take.Lines.Any(l => now.GetValueOrDefault(l.PartId) != l.BookQuantity))
        {
            // The location was frozen; a movement that slipped in while the count was starting still must not be overwritten.
            return Refusal.Conflict("book_changed", "The book of the location changed since the count began: count it again.");
        }

        var adjustment = await db.StockLocations.Where(l => l.Kind == LocationKind.Adjustment).Select(l => l.Id).FirstAsync(ct);
        try
        {
            var posted = await ledger.PostAsync(db, take.Adjustments(adjustment), user.PersonId(), user.DisplayName(), ct);
            if (posted.Refusal is { } shortage)
            {
                return shortage;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.StaleVersion();
        }

        return (await GetAsync(take.Id, ct))!;
    }

    public async Task<PageOf<StockTakeView>> ListAsync(int? locationId, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var takes = db.StockTakes.AsNoTracking();
        takes = locationId is { } l ? takes.Where(t => t.LocationId == l) : takes;
        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(page, 1);
        var total = await takes.CountAsync(ct);
        var ids = await takes.OrderByDescending(t => t.Id).Skip((page - 1) * pageSize).Take(pageSize).Select(t => t.Id).ToListAsync(ct);
        var views = new List<StockTakeView>();
        foreach (var id in ids)
        {
            views.Add((await ViewAsync(db, id, ct))!);
        }

        return new PageOf<StockTakeView>(views, total, page, pageSize);
    }

    public async Task<StockTakeView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ViewAsync(db, id, ct);
    }

    private static async Task<StockTakeView?> ViewAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var take = await db.StockTakes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (take is null)
        {
            return null;
        }

        var partIds = take.Lines.Select(l => l.PartId).ToList();
        var parts = await db.SpareParts.Where(p => partIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new { p.Code, p.Name, p.Specification, p.Unit }, ct);
        var location = await db.StockLocations.Where(l => l.Id == take.LocationId).Select(l => l.Name).FirstAsync(ct);
        var people = new[] { (int?)take.StartedById, take.DecidedById }.OfType<int>().ToList();
        var names = await db.People.Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        // The sheet's own order: a line's errors are named by its place in it (lines[i]).
        var lines = take.Lines
            .Select(l => new StockTakeLineView(l.PartId, parts[l.PartId].Code, parts[l.PartId].Name, parts[l.PartId].Specification ?? "", parts[l.PartId].Unit,
                l.BookQuantity, l.CountedQuantity, l.Difference, l.Explanation)).ToList();
        return new StockTakeView(take.Id, take.LocationId, location, take.Status, take.StartedAtUtc, names.GetValueOrDefault(take.StartedById, ""), take.SubmittedAtUtc,
            take.DecidedById is { } d ? names.GetValueOrDefault(d) : null, take.DecidedAtUtc, take.DecisionNote, take.Accuracy, take.Version, lines);
    }
}
