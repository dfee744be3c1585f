using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Parts;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Parts;

namespace ServiceMark.Web.Features.Demo;

/// <summary>
/// The demo company's parts: suppliers, a small catalogue, the central warehouse, the two stations' stores and each engineer's
/// personal stock, and the receipts, transfers and issues that put parts there — written as ledger entries with their balance
/// rows computed by <see cref="StockBook"/>, so book equals stock from the first start.
/// </summary>
internal static class DemoParts
{
    private static readonly (string Code, string Name, string Contact, string Phone, int Days, string Terms)[] SupplierRows =
    [
        ("SUP-ZD", "瑞立制动系统有限公司", "陈工", "13905770001", 180, "三包期内制动部件旧件返厂鉴定，按件价加两小时工时费结算，运费由供应商承担"),
        ("SUP-CM", "宁波车门系统有限公司", "王经理", "13905740002", 90, "门泵、门阀类三包件凭旧件和服务报告索赔，件价全额"),
        ("SUP-DQ", "华域汽车电气有限公司", "刘工", "13902120003", 120, "电气件凭故障照片和旧件索赔，人为损坏不予受理"),
        ("SUP-YC", "玉柴动力股份有限公司", "黄经理", "13907750004", 365, "发动机内部故障由玉柴服务站处理，外围件旧件返厂索赔"),
    ];

    private static readonly (string Code, string Name, string Spec, string Unit, string Supplier, decimal Price, bool Return, string[] Models, int Central, int Station)[] PartRows =
    [
        ("ZD-1001", "前制动片", "ZK6126 前桥 盘式", "套", "SUP-ZD", 420m, true, ["ZK6126", "ZK6108"], 30, 6),
        ("ZD-1002", "后制动片", "ZK6126 后桥 盘式", "套", "SUP-ZD", 460m, true, ["ZK6126", "ZK6108"], 24, 4),
        ("ZD-1010", "制动气室", "24/24 弹簧制动", "个", "SUP-ZD", 680m, true, ["ZK6126", "ZK6128H"], 8, 1),
        ("CM-2001", "车门气泵", "DN20 双作用", "个", "SUP-CM", 380.5m, true, ["ZK6126", "ZK6108", "ZK6816"], 12, 3),
        ("CM-2002", "车门电磁阀", "24V 二位五通", "个", "SUP-CM", 165m, true, ["ZK6126", "ZK6108"], 20, 5),
        ("CM-2010", "车门防夹胶条", "1.9 米", "根", "SUP-CM", 58m, false, ["ZK6126", "ZK6108", "ZK6816"], 40, 10),
        ("DQ-3001", "前大灯总成", "LED 左", "个", "SUP-DQ", 1280m, true, ["ZK6128H"], 4, 1),
        ("DQ-3005", "雨刮电机", "24V 120W", "个", "SUP-DQ", 540m, true, ["ZK6126", "ZK6128H"], 6, 2),
        ("DQ-3010", "继电器", "24V 40A", "个", "SUP-DQ", 12.8m, false, ["ZK6126", "ZK6108", "ZK6128H", "ZK6816"], 100, 20),
        ("YC-4001", "机油滤清器", "JX0818", "个", "SUP-YC", 46m, false, ["ZK6128H"], 50, 12),
        ("YC-4002", "燃油粗滤器", "CX1012", "个", "SUP-YC", 88m, false, ["ZK6128H"], 30, 8),
        ("YC-4010", "发动机机油", "CI-4 15W-40", "升", "SUP-YC", 32.5m, false, ["ZK6128H", "ZK6126"], 200, 36),
    ];

    /// <summary>Who carries what (employee number, part code, quantity).</summary>
    private static readonly (string Engineer, string Part, int Quantity)[] Carried =
    [
        ("E0011", "CM-2001", 1), ("E0011", "CM-2002", 2), ("E0011", "CM-2010", 2), ("E0011", "DQ-3010", 5),
        ("E0015", "ZD-1001", 1), ("E0015", "YC-4001", 2), ("E0020", "DQ-3005", 1), ("E0020", "YC-4010", 8),
    ];

    public static async Task SeedAsync(AppDbContext db, IReadOnlyDictionary<string, OrgUnit> units, IReadOnlyDictionary<string, Person> people, DateTime nowUtc,
        CancellationToken ct)
    {
        var models = await db.ProductModels.ToDictionaryAsync(m => m.Code, m => m.Id, ct);
        var suppliers = SupplierRows.ToDictionary(s => s.Code, s => Supplier.Create(new SupplierDetails(s.Code, s.Name, s.Contact, s.Phone, s.Days, s.Terms)));
        db.Suppliers.AddRange(suppliers.Values);
        await db.SaveChangesAsync(ct);

        var today = DateOnly.FromDateTime(nowUtc.AddHours(8));
        var parts = new Dictionary<string, SparePart>();
        foreach (var row in PartRows)
        {
            var part = SparePart.Create(new SparePartDetails(row.Code, row.Name, row.Spec, row.Unit, suppliers[row.Supplier].Id, row.Return));
            part.SetPrice(new DateOnly(today.Year, 1, 1), row.Price);
            part.FitModels(row.Models.Select(m => models[m]));
            parts[row.Code] = part;
        }

        db.SpareParts.AddRange(parts.Values);
        var central = StockLocation.Create("WH-CENTRAL", "中心库", LocationKind.CentralWarehouse, units["T-PARTS"].Id, null);
        var zhengzhou = StockLocation.Create("ST-ZZ", "郑州服务站库", LocationKind.ServiceStation, units["S-ZZ"].Id, null);
        var chengdu = StockLocation.Create("ST-CD", "成都服务站库", LocationKind.ServiceStation, units["S-CD"].Id, null);
        db.StockLocations.AddRange(central, zhengzhou, chengdu);
        var engineers = people.Values.Where(p => p.IsActive && Carried.Any(c => c.Engineer == p.EmployeeNumber)).ToList();
        var personal = engineers.ToDictionary(p => p.EmployeeNumber, p => StockLocation.Create($"PS-{p.EmployeeNumber}", $"{p.Name}随车备件", LocationKind.PersonalStock, null, p.Id));
        db.StockLocations.AddRange(personal.Values);
        await db.SaveChangesAsync(ct);

        var locations = await db.StockLocations.ToDictionaryAsync(l => l.Id, l => l.Kind, ct);
        var supplier = await db.StockLocations.Where(l => l.Kind == LocationKind.Supplier).Select(l => l.Id).FirstAsync(ct);
        var movements = new List<StockMovement>();
        foreach (var row in PartRows)
        {
            var id = parts[row.Code].Id;
            movements.Add(new StockMovement(MovementKind.Receipt, id, supplier, central.Id, row.Central + (2 * row.Station), "年度备件到货"));
            movements.Add(new StockMovement(MovementKind.Transfer, id, central.Id, zhengzhou.Id, row.Station, "服务站补库"));
            movements.Add(new StockMovement(MovementKind.Transfer, id, central.Id, chengdu.Id, row.Station, "服务站补库"));
            db.StockLimits.Add(new StockLimit { LocationId = central.Id, PartId = id, Minimum = Math.Max(2, row.Central / 2), Maximum = row.Central * 2 });
            db.StockLimits.Add(new StockLimit { LocationId = zhengzhou.Id, PartId = id, Minimum = Math.Max(1, row.Station), Maximum = row.Station * 3 });
        }

        foreach (var (engineer, code, quantity) in Carried.Where(c => personal.ContainsKey(c.Engineer)))
        {
            movements.Add(new StockMovement(MovementKind.Issue, parts[code].Id, central.Id, personal[engineer].Id, quantity, "出车前领用随车备件"));
        }

        // 郑州 has used what a busy month uses: two of its lines are below their minimum, to be replenished.
        movements.Add(new StockMovement(MovementKind.Transfer, parts["CM-2001"].Id, zhengzhou.Id, chengdu.Id, 2, "成都服务站借调"));
        movements.Add(new StockMovement(MovementKind.Scrap, parts["ZD-1010"].Id, zhengzhou.Id, await db.StockLocations.Where(l => l.Kind == LocationKind.Scrap).Select(l => l.Id).FirstAsync(ct),
            1, "运输中气室外壳破裂"));

        var book = new StockBook(locations);
        if (book.Apply(movements) is { } shortage)
        {
            throw new InvalidOperationException($"The demo parts history takes more than it receives: {shortage}.");
        }

        var keeper = people["E0023"];
        db.LedgerEntries.AddRange(movements.Select(m => LedgerEntry.Post(nowUtc, m, parts.Values.First(p => p.Id == m.PartId).PriceOn(today), keeper.Id, keeper.Name)));
        db.StockBalances.AddRange(book.Balances.Where(b => StockRules.HoldsStock(locations[b.Location]) && b.OnHand != 0)
            .Select(b => new StockBalance { LocationId = b.Location, PartId = b.Part, OnHandHundredths = Quantities.ToHundredths(b.OnHand), Version = 1 }));
        await db.SaveChangesAsync(ct);
    }
}
