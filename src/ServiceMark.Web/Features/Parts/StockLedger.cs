using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Parts;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Parts;

public sealed record MovementRequest(string? Kind, int PartId, int FromLocationId, int ToLocationId, decimal Quantity, string? Reason);

public sealed record PostMovementsRequest(IReadOnlyList<MovementRequest>? Lines, string? Reason);

public sealed record LedgerEntryView(long Id, DateTime PostedAtUtc, MovementKind Kind, int PartId, string PartCode, string PartName, int FromLocationId,
    string FromLocation, int ToLocationId, string ToLocation, decimal Quantity, decimal? UnitPrice, string? DocumentType, int? DocumentId, string ActorName,
    string? Reason);

/// <summary>
/// Posts movements to the ledger (R-PRT-1): all lines of a request in one transaction, each an insert-only ledger entry, and
/// the balance rows of the locations that hold stock changed in the same transaction. A take is one conditional UPDATE
/// ("only if enough is on hand"), so two people taking the last unit at the same moment cannot both succeed: the second finds
/// the row already at zero and gets 409 naming the shortage (docs/decisions/0010-parts-ledger.md).
/// </summary>
public sealed class StockLedger(IDbContextFactory<AppDbContext> contexts, TimeProvider time, CompanyClock clock)
{
    public const int MaxLines = 200;

    public async Task<Result<IReadOnlyList<LedgerEntryView>>> PostAsync(PostMovementsRequest request, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var lines = (request.Lines ?? []).Select(l => l ?? new MovementRequest(null, 0, 0, 0, 0, null)).ToList();
        var errors = new FieldErrors();
        if (lines.Count is 0 or > MaxLines)
        {
            errors.Add("lines", lines.Count == 0 ? "required" : "range", $"Give 1–{MaxLines} lines.");
            return errors.ToRefusal();
        }

        errors.MaxLength("reason", request.Reason, LedgerEntry.ReasonMaxLength);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var locationIds = lines.SelectMany(l => new[] { l.FromLocationId, l.ToLocationId }).Distinct().ToList();
        var kinds = await db.StockLocations.Where(l => locationIds.Contains(l.Id) && l.IsActive).ToDictionaryAsync(l => l.Id, l => l.Kind, ct);
        var partIds = lines.Select(l => l.PartId).Distinct().ToList();
        var parts = await db.SpareParts.Where(p => partIds.Contains(p.Id) && p.IsActive).Select(p => p.Id).ToListAsync(ct);
        var movements = new List<StockMovement>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var prefix = $"lines[{i}].";
            MovementKind? kind = Enum.TryParse<MovementKind>(line.Kind, ignoreCase: true, out var k) && Enum.IsDefined(k) && !int.TryParse(line.Kind, out _) ? k : null;
            if (kind is null)
            {
                errors.Add($"{prefix}kind", string.IsNullOrWhiteSpace(line.Kind) ? "required" : "unknown",
                    $"kind must be one of: {string.Join(", ", Enum.GetNames<MovementKind>())}.");
            }

            if (!parts.Contains(line.PartId))
            {
                errors.Add($"{prefix}partId", "unknown", "partId does not name an active part.");
            }

            var movement = new StockMovement(kind ?? MovementKind.Transfer, line.PartId, line.FromLocationId, line.ToLocationId, line.Quantity,
                line.Reason ?? request.Reason);
            StockRules.Check(errors, movement, kinds.TryGetValue(line.FromLocationId, out var f) ? f : null, kinds.TryGetValue(line.ToLocationId, out var t) ? t : null, prefix);
            movements.Add(movement);
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var posted = await PostAsync(db, movements, user.PersonId(), user.DisplayName(), ct, kinds);
        if (posted.Refusal is { } refused)
        {
            return refused;
        }

        var ids = posted.Value!;
        return Result<IReadOnlyList<LedgerEntryView>>.Ok(await HistoryAsync(db, e => ids.Contains(e.Id), int.MaxValue, ct));
    }

    /// <summary>
    /// Writes <paramref name="movements"/> (checked already) in one transaction on <paramref name="db"/>; a shortage in any line
    /// rolls back all of them. Other features (requisitions, reports, stock-takes) post through here with their document.
    /// Inside a transaction the caller began (signing a report: the signature, the consumption and the old parts commit
    /// together), it neither saves nor commits: the caller does both, or disposes the transaction on a refusal; the ids are then
    /// known only after the caller's save, so none are returned.
    /// </summary>
    /// <param name="kinds">The locations' kinds when the caller has read them already (checking the request).</param>
    public async Task<Result<IReadOnlyList<long>>> PostAsync(AppDbContext db, IReadOnlyList<StockMovement> movements, int? actorPersonId, string actorName,
        CancellationToken ct, IReadOnlyDictionary<int, LocationKind>? kinds = null)
    {
        var locationIds = movements.SelectMany(m => new[] { m.FromLocationId, m.ToLocationId }).Distinct().ToList();
        kinds ??= await db.StockLocations.Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Kind, ct);
        var holding = kinds.Where(k => locationIds.Contains(k.Key) && StockRules.HoldsStock(k.Value)).Select(k => k.Key).ToHashSet();
        // 盘点: a location being counted takes no movement but the count's own adjustments (R-PRT-6).
        var counting = await db.StockTakes.Where(t => holding.Contains(t.LocationId) && (t.Status == StockTakeStatus.Counting || t.Status == StockTakeStatus.Submitted))
            .Select(t => new { t.Id, t.LocationId }).ToListAsync(ct);
        foreach (var take in counting)
        {
            if (movements.Any(m => (m.FromLocationId == take.LocationId || m.ToLocationId == take.LocationId)
                    && !(m.DocumentType == nameof(StockTake) && m.DocumentId == take.Id)))
            {
                var name = await db.StockLocations.Where(l => l.Id == take.LocationId).Select(l => l.Name).FirstAsync(ct);
                return Refusal.Conflict("location_frozen", $"{name} is being counted (stock-take {take.Id}): no movement until the count is posted or cancelled.");
            }
        }

        var partIds = movements.Select(m => m.PartId).Distinct().ToList();
        var today = clock.Today;
        var prices = (await db.SpareParts.AsNoTracking().Where(p => partIds.Contains(p.Id)).ToListAsync(ct)).ToDictionary(p => p.Id, p => p.PriceOn(today));
        var now = time.StoredUtcNow();

        // On SQLite this takes the write lock at once (BEGIN IMMEDIATE); on PostgreSQL the conditional UPDATE takes the row lock and
        // re-checks its condition after waiting for another taker. Rows are touched in (location, part) order: no deadlock between two posts.
        var callers = db.Database.CurrentTransaction is not null;
        await using var transaction = callers ? null : await db.Database.BeginTransactionAsync(ct);
        var changes = movements.SelectMany(m => new[] { (Location: m.FromLocationId, m.PartId, Delta: -m.Quantity), (Location: m.ToLocationId, m.PartId, Delta: m.Quantity) })
            .Where(c => holding.Contains(c.Location))
            .GroupBy(c => (c.Location, c.PartId)).Select(g => (g.Key.Location, g.Key.PartId, Delta: g.Sum(c => c.Delta)))
            .Where(c => c.Delta != 0).OrderBy(c => c.Location).ThenBy(c => c.PartId).ToList();
        foreach (var (location, part, delta) in changes)
        {
            var hundredths = Quantities.ToHundredths(delta);
            if (hundredths < 0)
            {
                var take = -hundredths;
                var taken = await db.StockBalances.Where(b => b.LocationId == location && b.PartId == part && b.OnHandHundredths >= take)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.OnHandHundredths, b => b.OnHandHundredths - take).SetProperty(b => b.Version, b => b.Version + 1), ct);
                if (taken != 1)
                {
                    var available = await db.StockBalances.Where(b => b.LocationId == location && b.PartId == part).Select(b => (long?)b.OnHandHundredths).FirstOrDefaultAsync(ct) ?? 0;
                    if (transaction is not null)
                    {
                        await transaction.RollbackAsync(ct);
                    }

                    return await ShortageAsync(db, new Shortage(part, location, -delta, Quantities.FromHundredths(available)), ct);
                }
            }
            else
            {
                // Adds to the row, or makes it on the first stock of this part here; a parallel first receipt adds to the row the other made.
                await db.Database.ExecuteSqlRawAsync(
                    """
                    INSERT INTO "StockBalances" ("LocationId", "PartId", "OnHandHundredths", "Version") VALUES ({0}, {1}, {2}, 1)
                    ON CONFLICT ("LocationId", "PartId") DO UPDATE SET "OnHandHundredths" = "StockBalances"."OnHandHundredths" + excluded."OnHandHundredths",
                        "Version" = "StockBalances"."Version" + 1
                    """, [location, part, hundredths], ct);
            }
        }

        var entries = movements.Select(m => LedgerEntry.Post(now, m, prices.GetValueOrDefault(m.PartId), actorPersonId, actorName)).ToList();
        db.LedgerEntries.AddRange(entries);
        if (transaction is null)
        {
            return Result<IReadOnlyList<long>>.Ok([]);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result<IReadOnlyList<long>>.Ok(entries.Select(e => e.Id).ToList());
    }

    internal static async Task<Refusal> ShortageAsync(AppDbContext db, Shortage s, CancellationToken ct)
    {
        var part = await db.SpareParts.Where(p => p.Id == s.PartId).Select(p => new { p.Code, p.Name, p.Unit }).FirstAsync(ct);
        var location = await db.StockLocations.Where(l => l.Id == s.LocationId).Select(l => l.Name).FirstAsync(ct);
        return Refusal.Conflict("insufficient_stock",
            $"Not enough {part.Code} {part.Name} at {location}: {s.Wanted:0.##} {part.Unit} wanted, {s.Available:0.##} on hand.");
    }

    /// <summary>Ledger entries newest first, with the names of the part and the locations.</summary>
    internal static async Task<IReadOnlyList<LedgerEntryView>> HistoryAsync(AppDbContext db, System.Linq.Expressions.Expression<Func<LedgerEntry, bool>> filter, int take,
        CancellationToken ct) =>
        await (from e in db.LedgerEntries.AsNoTracking().Where(filter)
               join p in db.SpareParts on e.PartId equals p.Id
               join f in db.StockLocations on e.FromLocationId equals f.Id
               join t in db.StockLocations on e.ToLocationId equals t.Id
               orderby e.Id descending
               select new LedgerEntryView(e.Id, e.PostedAtUtc, e.Kind, e.PartId, p.Code, p.Name, e.FromLocationId, f.Name, e.ToLocationId, t.Name, e.Quantity,
                   e.UnitPrice, e.DocumentType, e.DocumentId, e.ActorName, e.Reason))
            .Take(take).ToListAsync(ct);
}
