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

public sealed record StockLocationRequest(string? Code, string? Name, string? Kind, int? OrgUnitId, int? PersonId);

public sealed record StockLocationView(int Id, string Code, string Name, LocationKind Kind, bool HoldsStock, int? OrgUnitId, string? OrgUnitName,
    int? PersonId, string? PersonName, bool IsActive);

public sealed record StockOnHandView(int LocationId, string LocationName, LocationKind LocationKind, int PartId, string PartCode, string PartName, string Unit,
    decimal OnHand, decimal? Minimum, decimal? Maximum)
{
    /// <summary>补货建议 (issue 13 point 7): below its minimum, what brings it back to its maximum; otherwise nothing.</summary>
    public decimal? SuggestedOrder => Minimum is { } min && OnHand < min ? (Maximum ?? min) - OnHand : null;
}

public sealed record StockLimitRequest(int LocationId, int PartId, decimal Minimum, decimal Maximum);

/// <summary>A (location, part) whose balance row differs from the sum of its ledger entries; the check lists none when book equals stock.</summary>
public sealed record BookDifference(int LocationId, int PartId, decimal Balance, decimal Ledger);

public sealed record BookCheckView(DateTime CheckedAtUtc, int Balances, long Entries, IReadOnlyList<BookDifference> Differences)
{
    public bool BookEqualsStock => Differences.Count == 0;
}

/// <summary>Stock locations, what is on hand where, a part's or location's movements, and the book check (帐物一致).</summary>
public sealed class StockQueries(IDbContextFactory<AppDbContext> contexts, TimeProvider time)
{
    /// <summary>The virtual ends every installation has: a receipt comes from a supplier, a fitted part goes to the customer …</summary>
    private static readonly (string Code, string Name, LocationKind Kind)[] VirtualLocations =
    [
        ("V-SUPPLIER", "供应商", LocationKind.Supplier), ("V-CUSTOMER", "客户车辆", LocationKind.Customer), ("V-SCRAP", "报废", LocationKind.Scrap),
        ("V-ADJUST", "盘点差异", LocationKind.Adjustment),
    ];

    public static async Task SeedAsync(AppDbContext db, CancellationToken ct)
    {
        var existing = await db.StockLocations.Select(l => l.Code).ToListAsync(ct);
        var missing = VirtualLocations.Where(v => !existing.Contains(v.Code)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        db.StockLocations.AddRange(missing.Select(v => StockLocation.Create(v.Code, v.Name, v.Kind, null, null)));
        db.Actor = Actor.System;
        db.ChangeReason = "stock ledger's virtual locations";
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<StockLocationView>> ListLocationsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Locations(db, db.StockLocations).ToListAsync(ct);
    }

    private static IQueryable<StockLocationView> Locations(AppDbContext db, IQueryable<StockLocation> locations) =>
        from l in locations.AsNoTracking()
        join u in db.OrgUnits on l.OrgUnitId equals u.Id into us
        from u in us.DefaultIfEmpty()
        join p in db.People on l.PersonId equals p.Id into ps
        from p in ps.DefaultIfEmpty()
        orderby l.Kind, l.Code
        select new StockLocationView(l.Id, l.Code, l.Name, l.Kind, l.Kind == LocationKind.CentralWarehouse || l.Kind == LocationKind.ServiceStation || l.Kind == LocationKind.PersonalStock,
            l.OrgUnitId, u != null ? u.Name : null, l.PersonId, p != null ? p.Name : null, l.IsActive);

    /// <summary>The service stations and the active engineers without a personal stock yet: what a new location may belong to.</summary>
    public async Task<(IReadOnlyList<(int Id, string Name)> Stations, IReadOnlyList<(int Id, string Name)> Engineers)> LocationOwnersAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stations = await db.OrgUnits.Where(u => u.IsActive && u.Kind == OrgUnitKind.ServiceStation).OrderBy(u => u.Code).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var engineers = await (from p in db.People
                               join pos in db.Positions on p.PositionId equals pos.Id
                               where p.IsActive && pos.Role == RoleNames.Engineer && !db.StockLocations.Any(l => l.PersonId == p.Id)
                               orderby p.EmployeeNumber
                               select new { p.Id, p.Name }).ToListAsync(ct);
        return (stations.Select(s => (s.Id, s.Name)).ToList(), engineers.Select(e => (e.Id, e.Name)).ToList());
    }

    /// <summary>A warehouse, a station's store (with its station) or an engineer's personal stock (one each); virtual ones are fixed.</summary>
    public async Task<Result<StockLocationView>> CreateLocationAsync(StockLocationRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var errors = new FieldErrors();
        errors.RequiredText("code", r.Code, StockLocation.CodeMaxLength);
        errors.RequiredText("name", r.Name, StockLocation.NameMaxLength);
        LocationKind? kind = Enum.TryParse<LocationKind>(r.Kind, ignoreCase: true, out var k) && StockRules.HoldsStock(k) && !int.TryParse(r.Kind, out _) ? k : null;
        if (kind is null)
        {
            errors.Add("kind", string.IsNullOrWhiteSpace(r.Kind) ? "required" : "unknown", "kind must be CentralWarehouse, ServiceStation or PersonalStock.");
        }

        if (kind == LocationKind.ServiceStation && (r.OrgUnitId is not { } unit || !await db.OrgUnits.AnyAsync(u => u.Id == unit && u.IsActive && u.Kind == OrgUnitKind.ServiceStation, ct)))
        {
            errors.Add("orgUnitId", r.OrgUnitId is null ? "required" : "unknown", "A station's store names its active service station.");
        }

        if (kind == LocationKind.PersonalStock)
        {
            if (r.PersonId is not { } person || !await db.People.AnyAsync(p => p.Id == person && p.IsActive, ct))
            {
                errors.Add("personId", r.PersonId is null ? "required" : "unknown", "A personal stock names its active engineer.");
            }
            else if (await db.StockLocations.AnyAsync(l => l.PersonId == person, ct))
            {
                errors.Add("personId", "duplicate", "This person has a personal stock already.");
            }
        }

        var code = r.Code?.Trim() ?? "";
        var duplicate = code.Length > 0 && await db.StockLocations.AnyAsync(l => l.Code == code, ct) ? Refusal.Duplicate("code", $"Location code {code} is already in use.") : null;
        if (errors.Refuse(duplicate) is { } refused)
        {
            return refused;
        }

        var location = StockLocation.Create(r.Code!, r.Name!, kind!.Value, kind == LocationKind.PersonalStock ? null : r.OrgUnitId,
            kind == LocationKind.PersonalStock ? r.PersonId : null);
        db.StockLocations.Add(location);
        await db.TrySaveAsync(user, ct);
        return await Locations(db, db.StockLocations.Where(l => l.Id == location.Id)).FirstAsync(ct);
    }

    /// <summary>What is on hand in a location (or of a part everywhere), with its limits; zero rows are left out.</summary>
    public async Task<PageOf<StockOnHandView>> OnHandAsync(int? locationId, int? partId, bool belowMinimum, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var balances = db.StockBalances.AsNoTracking();
        if (locationId is { } l)
        {
            balances = balances.Where(b => b.LocationId == l);
        }

        if (partId is { } p)
        {
            balances = balances.Where(b => b.PartId == p);
        }

        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(page, 1);
        if (belowMinimum)
        {
            // From the limits (a part with none left has no balance row to start from), compared in memory: a location has a
            // limit per part it stocks, a few thousand at most, and decimals are not compared in SQLite's SQL.
            var limits = db.StockLimits.AsNoTracking();
            limits = locationId is { } ll ? limits.Where(x => x.LocationId == ll) : limits;
            limits = partId is { } pp ? limits.Where(x => x.PartId == pp) : limits;
            var low = (await (from x in limits
                              join loc in db.StockLocations on x.LocationId equals loc.Id
                              join part in db.SpareParts on x.PartId equals part.Id
                              join b in db.StockBalances on new { x.LocationId, x.PartId } equals new { b.LocationId, b.PartId } into bs
                              from b in bs.DefaultIfEmpty()
                              orderby loc.Code, part.Code
                              select new Row(x.LocationId, loc.Name, loc.Kind, x.PartId, part.Code, part.Name, part.Unit, b != null ? b.OnHandHundredths : 0, x.Minimum, x.Maximum))
                    .ToListAsync(ct))
                .Where(r => r.OnHand < r.Minimum).ToList();
            return new PageOf<StockOnHandView>(low.Skip((page - 1) * pageSize).Take(pageSize).Select(r => r.ToView()).ToList(), low.Count, page, pageSize);
        }

        var rows = Rows(db, balances.Where(b => b.OnHandHundredths > 0));
        var total = await rows.CountAsync(ct);
        var items = await rows.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PageOf<StockOnHandView>(items.Select(r => r.ToView()).ToList(), total, page, pageSize);
    }

    internal static async Task<IReadOnlyList<StockOnHandView>> OnHandAsync(AppDbContext db, IQueryable<StockBalance> balances, CancellationToken ct) =>
        (await Rows(db, balances.Where(b => b.OnHandHundredths > 0)).ToListAsync(ct)).Select(r => r.ToView()).ToList();

    private sealed record Row(int LocationId, string LocationName, LocationKind Kind, int PartId, string Code, string Name, string Unit, long Hundredths,
        decimal? Minimum, decimal? Maximum)
    {
        public decimal OnHand => Quantities.FromHundredths(Hundredths);

        public StockOnHandView ToView() => new(LocationId, LocationName, Kind, PartId, Code, Name, Unit, OnHand, Minimum, Maximum);
    }

    private static IQueryable<Row> Rows(AppDbContext db, IQueryable<StockBalance> balances) =>
        from b in balances
        join l in db.StockLocations on b.LocationId equals l.Id
        join p in db.SpareParts on b.PartId equals p.Id
        join m in db.StockLimits on new { b.LocationId, b.PartId } equals new { m.LocationId, m.PartId } into ms
        from m in ms.DefaultIfEmpty()
        orderby l.Code, p.Code
        select new Row(b.LocationId, l.Name, l.Kind, b.PartId, p.Code, p.Name, p.Unit, b.OnHandHundredths, m != null ? m.Minimum : null, m != null ? m.Maximum : null);

    /// <summary>The engineer's own stock: what they carry.</summary>
    public Task<IReadOnlyList<StockOnHandView>> MineAsync(ClaimsPrincipal user, CancellationToken ct = default) =>
        user.PersonId() is { } me ? PersonalAsync(me, inStockOnly: false, ct) : Task.FromResult<IReadOnlyList<StockOnHandView>>([]);

    /// <summary>What an engineer carries: the parts a service report of theirs can write off (the report editor's choices).</summary>
    public async Task<IReadOnlyList<StockOnHandView>> PersonalAsync(int personId, bool inStockOnly, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var location = await db.StockLocations.Where(l => l.PersonId == personId).Select(l => (int?)l.Id).FirstOrDefaultAsync(ct);
        return location is { } id ? await OnHandAsync(db, db.StockBalances.Where(b => b.LocationId == id && (!inStockOnly || b.OnHandHundredths > 0)), ct) : [];
    }

    /// <summary>Movements newest first: of a part, of a location (from or to), or all; a page of at most 200.</summary>
    public async Task<IReadOnlyList<LedgerEntryView>> HistoryAsync(int? partId, int? locationId, long? before, int pageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var cursor = before ?? long.MaxValue;
        pageSize = Math.Clamp(pageSize, 1, 200);
        return (partId, locationId) switch
        {
            ({ } p, { } l) => await StockLedger.HistoryAsync(db, e => e.PartId == p && (e.FromLocationId == l || e.ToLocationId == l) && e.Id < cursor, pageSize, ct),
            ({ } p, null) => await StockLedger.HistoryAsync(db, e => e.PartId == p && e.Id < cursor, pageSize, ct),
            (null, { } l) => await LocationHistoryAsync(db, l, cursor, pageSize, ct),
            _ => await StockLedger.HistoryAsync(db, e => e.Id < cursor, pageSize, ct),
        };
    }

    /// <summary>
    /// A location's movements newest first: the newest page out of it and the newest page into it, each read backwards along
    /// its own index, merged. "From = l OR To = l" in one statement makes the database collect and sort every movement the
    /// location ever had (the central warehouse at 1 M entries: 530 ms p50 against ≈ 3 ms this way, bench/README.md).
    /// </summary>
    private static async Task<IReadOnlyList<LedgerEntryView>> LocationHistoryAsync(AppDbContext db, int location, long cursor, int pageSize, CancellationToken ct)
    {
        var from = await StockLedger.HistoryAsync(db, e => e.FromLocationId == location && e.Id < cursor, pageSize, ct);
        var to = await StockLedger.HistoryAsync(db, e => e.ToLocationId == location && e.Id < cursor, pageSize, ct);
        return from.Concat(to).OrderByDescending(e => e.Id).Take(pageSize).ToList();
    }

    public async Task<Result<StockOnHandView?>> SetLimitAsync(StockLimitRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var errors = new FieldErrors();
        if (!await db.StockLocations.AnyAsync(l => l.Id == r.LocationId && l.IsActive && (l.Kind == LocationKind.CentralWarehouse || l.Kind == LocationKind.ServiceStation || l.Kind == LocationKind.PersonalStock), ct))
        {
            errors.Add("locationId", "unknown", "locationId does not name an active location that holds stock.");
        }

        if (!await db.SpareParts.AnyAsync(p => p.Id == r.PartId, ct))
        {
            errors.Add("partId", "unknown", "partId does not name a part.");
        }

        Amounts.CheckQuantity(errors, "minimum", r.Minimum, StockRules.MaxQuantity);
        Amounts.CheckQuantity(errors, "maximum", r.Maximum, StockRules.MaxQuantity);
        if (r.Maximum < r.Minimum)
        {
            errors.Add("maximum", "below_minimum", "maximum must be at least the minimum.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var limit = await db.StockLimits.FirstOrDefaultAsync(x => x.LocationId == r.LocationId && x.PartId == r.PartId, ct);
        if (limit is null)
        {
            db.StockLimits.Add(new StockLimit { LocationId = r.LocationId, PartId = r.PartId, Minimum = r.Minimum, Maximum = r.Maximum });
        }
        else
        {
            (limit.Minimum, limit.Maximum) = (r.Minimum, r.Maximum);
        }

        await db.TrySaveAsync(user, ct);
        return (await Rows(db, db.StockBalances.Where(b => b.LocationId == r.LocationId && b.PartId == r.PartId)).FirstOrDefaultAsync(ct))?.ToView();
    }

    /// <summary>
    /// 帐物一致: every balance row equals the sum of its ledger entries (in minus out), and no (location, part) with entries lacks
    /// its row. Reads the whole ledger in two GROUP BYs; run it at any time.
    /// </summary>
    public async Task<BookCheckView> CheckBookAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var holding = await db.StockLocations.Where(l => l.Kind == LocationKind.CentralWarehouse || l.Kind == LocationKind.ServiceStation || l.Kind == LocationKind.PersonalStock)
            .Select(l => l.Id).ToListAsync(ct);
        var sums = await db.Database.SqlQueryRaw<LedgerSum>(
            """
            SELECT "LocationId", "PartId", CAST(SUM("Delta") AS BIGINT) AS "Hundredths", COUNT(*) AS "Entries" FROM (
              SELECT "ToLocationId" AS "LocationId", "PartId", "Quantity" AS "Delta" FROM "LedgerEntries"
              UNION ALL
              SELECT "FromLocationId", "PartId", -"Quantity" FROM "LedgerEntries") AS m
            GROUP BY "LocationId", "PartId"
            """).ToListAsync(ct);
        var ledger = sums.Where(s => holding.Contains(s.LocationId)).ToDictionary(s => (s.LocationId, s.PartId), s => s.Hundredths);
        var balances = await db.StockBalances.AsNoTracking().ToDictionaryAsync(b => (b.LocationId, b.PartId), b => b.OnHandHundredths, ct);
        var differences = ledger.Keys.Union(balances.Keys)
            .Where(k => ledger.GetValueOrDefault(k) != balances.GetValueOrDefault(k))
            .Select(k => new BookDifference(k.Item1, k.Item2, Quantities.FromHundredths(balances.GetValueOrDefault(k)), Quantities.FromHundredths(ledger.GetValueOrDefault(k))))
            .OrderBy(d => d.LocationId).ThenBy(d => d.PartId).ToList();
        return new BookCheckView(time.GetUtcNow().UtcDateTime, balances.Count, sums.Sum(s => s.Entries) / 2, differences);
    }

}

/// <summary>One row of the book check's GROUP BY.</summary>
internal sealed record LedgerSum(int LocationId, int PartId, long Hundredths, long Entries);
