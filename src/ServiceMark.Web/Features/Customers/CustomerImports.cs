using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Customers;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Excel;

namespace ServiceMark.Web.Features.Customers;

/// <summary>Excel imports of customers (with a first contact and site) and of sold units (R-RPT-3). All or nothing.</summary>
public sealed class CustomerImports(IDbContextFactory<AppDbContext> contexts, CompanyClock clock)
{
    public static readonly string[] CustomerColumns = ["客户编码", "客户名称", "地区", "联系人", "联系电话", "站点名称", "站点地址", "距离km"];
    public static readonly string[] UnitColumns = ["序列号", "型号编码", "客户编码", "销售日期", "三包月数", "三包里程km"];

    public static byte[] CustomerTemplate() => ExcelRows.Template(new()
    {
        ["客户编码"] = "C1001", ["客户名称"] = "洛阳公交集团", ["地区"] = "河南", ["联系人"] = "王经理", ["联系电话"] = "13800000000",
        ["站点名称"] = "西工车场", ["站点地址"] = "洛阳市西工区", ["距离km"] = 130,
    });

    public static byte[] UnitTemplate() => ExcelRows.Template(new()
    {
        ["序列号"] = "LZYTBGCK0R1000001", ["型号编码"] = "ZK6126", ["客户编码"] = "C1001", ["销售日期"] = "2025-06-18", ["三包月数"] = "", ["三包里程km"] = "",
    });

    public async Task<ImportReport> ImportCustomersAsync(Stream file, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = new List<ImportRowError>();
        var rows = ExcelRows.Read(await ExcelRows.SeekableAsync(file, ct), ["客户编码", "客户名称"], errors);
        if (errors.Count > 0)
        {
            return new ImportReport(0, errors);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var codes = (await db.Customers.Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var customers = new List<Customer>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var (code, name, region) = (row.Required("客户编码"), row.Required("客户名称"), row.Text("地区"));
            foreach (var e in CustomerRules.CheckCustomer(code, name, region, null).All.Where(e => e.Code != "required"))
            {
                row.Error(e.Field == "code" ? "客户编码" : "客户名称", e.Code, e.Message);
            }

            if (code is not null && !codes.Add(code))
            {
                row.Error("客户编码", "duplicate", $"Customer code {code} already exists or repeats in this file.");
            }

            var siteAddress = row.Text("站点地址");
            var distance = row.Amount("距离km");
            if (siteAddress is not null && (distance is null or < 0 or > CustomerRules.MaxDistanceKm))
            {
                row.Error("距离km", "range", "距离km is required with a site and must be 0–5000.");
            }

            if (errors.Count > before)
            {
                continue;
            }

            var customer = Customer.Create(code!, name!, region, null);
            if (row.Text("联系人") is { } contact)
            {
                customer.AddContact(contact, row.Text("联系电话"), null);
            }

            if (siteAddress is not null)
            {
                customer.AddSite(row.Text("站点名称") ?? name!, siteAddress, distance!.Value, null);
            }

            customers.Add(customer);
        }

        if (errors.Count > 0)
        {
            return new ImportReport(0, errors);
        }

        db.Customers.AddRange(customers);
        await db.TrySaveAsync(user, ct, "Excel import");
        return new ImportReport(customers.Count, []);
    }

    public async Task<ImportReport> ImportUnitsAsync(Stream file, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = new List<ImportRowError>();
        var rows = ExcelRows.Read(await ExcelRows.SeekableAsync(file, ct), ["序列号", "型号编码", "客户编码", "销售日期"], errors);
        if (errors.Count > 0)
        {
            return new ImportReport(0, errors);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var models = await db.ProductModels.Where(m => m.IsActive).ToDictionaryAsync(m => m.Code, m => m.Id, ct);
        var customers = await db.Customers.Where(c => c.IsActive).ToDictionaryAsync(c => c.Code, c => c.Id, ct);
        var serials = (await db.ProductUnits.Select(u => u.SerialNumber).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var units = new List<ProductUnit>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var serial = row.Required("序列号")?.ToUpperInvariant();
            var modelCode = row.Required("型号编码");
            var customerCode = row.Required("客户编码");
            var saleDate = row.Date("销售日期");
            var months = row.Amount("三包月数");
            var mileage = row.Amount("三包里程km");
            foreach (var e in CustomerRules.CheckUnit(serial, saleDate, clock.Today, (int?)months).All.Where(e => !(e.Code == "required" && e.Field == "serialNumber")))
            {
                row.Error(e.Field switch { "saleDate" => "销售日期", "warrantyMonths" => "三包月数", _ => "序列号" }, e.Code, e.Message);
            }

            if (serial is not null && !serials.Add(serial))
            {
                row.Error("序列号", "duplicate", $"Serial number {serial} is already registered or repeats in this file.");
            }

            if (modelCode is not null && !models.ContainsKey(modelCode))
            {
                row.Error("型号编码", "unknown", $"No active product model has code {modelCode}.");
            }

            if (customerCode is not null && !customers.ContainsKey(customerCode))
            {
                row.Error("客户编码", "unknown", $"No active customer has code {customerCode}.");
            }

            if (errors.Count == before)
            {
                units.Add(ProductUnit.Create(serial!, models[modelCode!], customers[customerCode!], saleDate!.Value, (int?)months, mileage));
            }
        }

        if (errors.Count > 0)
        {
            return new ImportReport(0, errors.OrderBy(e => e.Row).ToList());
        }

        db.ProductUnits.AddRange(units);
        await db.TrySaveAsync(user, ct, "Excel import");
        return new ImportReport(units.Count, []);
    }
}
