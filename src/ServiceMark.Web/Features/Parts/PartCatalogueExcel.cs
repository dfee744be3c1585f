using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Parts;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Excel;

namespace ServiceMark.Web.Features.Parts;

/// <summary>
/// The catalogue in Excel (issue 13 point 1): exported and imported in the same layout, so the warehouse keeper can export,
/// edit prices or names and import back. A code already in the catalogue updates that part (a different price is added from
/// its date, earlier prices kept); a new code adds a part. All or nothing: any wrong row imports nothing.
/// </summary>
public sealed class PartCatalogueExcel(IDbContextFactory<AppDbContext> contexts, CompanyClock clock)
{
    public static readonly string[] Columns = ["备件编码", "备件名称", "规格", "单位", "供应商编码", "单价", "价格生效日期", "适用车型", "旧件需回收"];

    private static readonly string[] RequiredColumns = ["备件编码", "备件名称", "单位"];

    private static readonly Dictionary<string, string> HeaderOfField = new()
    {
        ["code"] = "备件编码", ["name"] = "备件名称", ["specification"] = "规格", ["unit"] = "单位", ["supplierId"] = "供应商编码", ["unitPrice"] = "单价",
    };

    public static byte[] Template() => ExcelRows.Template(new Dictionary<string, object?>
    {
        ["备件编码"] = "CM-2001", ["备件名称"] = "车门气泵", ["规格"] = "DN20 双作用", ["单位"] = "个", ["供应商编码"] = "SUP-CM", ["单价"] = 380.5m,
        ["价格生效日期"] = "2026-01-01", ["适用车型"] = "ZK6126, ZK6108", ["旧件需回收"] = "是",
    });

    /// <summary>Every part in the import layout, with its price of today and the date that price took effect.</summary>
    public async Task<byte[]> ExportAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var suppliers = await db.Suppliers.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var models = await db.ProductModels.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Code, ct);
        var today = clock.Today;
        var rows = (await db.SpareParts.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct)).Select(p =>
        {
            var price = p.Prices.Where(x => x.EffectiveFrom <= today).MaxBy(x => x.EffectiveFrom);
            return new Dictionary<string, object?>
            {
                ["备件编码"] = p.Code, ["备件名称"] = p.Name, ["规格"] = p.Specification, ["单位"] = p.Unit,
                ["供应商编码"] = p.SupplierId is { } s ? suppliers.GetValueOrDefault(s) : null, ["单价"] = price?.UnitPrice,
                ["价格生效日期"] = price?.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["适用车型"] = string.Join(", ", p.Fits.Select(f => models.GetValueOrDefault(f.ProductModelId)).Order(StringComparer.Ordinal)),
                ["旧件需回收"] = p.ReturnRequired ? "是" : "否",
            };
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Count > 0 ? rows : [Columns.ToDictionary(c => c, _ => (object?)null)], excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public async Task<ImportReport> ImportAsync(Stream file, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = new List<ImportRowError>();
        var rows = ExcelRows.Read(await ExcelRows.SeekableAsync(file, ct), RequiredColumns, errors);
        if (errors.Count > 0)
        {
            return new ImportReport(0, errors);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var suppliers = await db.Suppliers.Where(s => s.IsActive).ToDictionaryAsync(s => s.Code, s => s.Id, StringComparer.OrdinalIgnoreCase, ct);
        var models = await db.ProductModels.ToDictionaryAsync(m => m.Code, m => m.Id, StringComparer.OrdinalIgnoreCase, ct);
        var parts = await db.SpareParts.ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var changes = new List<(SparePart? Existing, SparePartDetails Details, IReadOnlyList<int> Models, decimal? Price, DateOnly From)>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var code = row.Required("备件编码");
            int? supplier = null;
            if (row.Text("供应商编码") is { } supplierCode)
            {
                if (suppliers.TryGetValue(supplierCode, out var id))
                {
                    supplier = id;
                }
                else
                {
                    row.Error("供应商编码", "unknown", $"No active supplier has code {supplierCode}.");
                }
            }

            var fits = new List<int>();
            foreach (var model in (row.Text("适用车型") ?? "").Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (models.TryGetValue(model, out var id))
                {
                    fits.Add(id);
                }
                else
                {
                    row.Error("适用车型", "unknown", $"No product model has code {model}.");
                }
            }

            var returnRequired = row.Text("旧件需回收") switch
            {
                null or "否" or "N" or "n" or "0" => false,
                "是" or "Y" or "y" or "1" => true,
                var other => Invalid(row, other),
            };
            var price = row.Amount("单价");
            var from = row.Date("价格生效日期") ?? clock.Today;
            var details = new SparePartDetails(code, row.Text("备件名称"), row.Text("规格"), row.Text("单位"), supplier, returnRequired);
            var check = SparePart.Check(details);
            if (price is { } p)
            {
                Amounts.CheckMoney(check, "unitPrice", p);
            }

            foreach (var e in check.All.Where(e => !(e.Field == "code" && e.Code == "required")))
            {
                row.Error(HeaderOfField.GetValueOrDefault(e.Field, e.Field), e.Code, e.Message);
            }

            if (code is not null && !seen.Add(code))
            {
                row.Error("备件编码", "duplicate", $"Part code {code} repeats in this file.");
            }

            if (errors.Count == before)
            {
                changes.Add((parts.GetValueOrDefault(code!), details, fits, price, from));
            }
        }

        if (errors.Count > 0)
        {
            return new ImportReport(0, errors.OrderBy(e => e.Row).ToList());
        }

        foreach (var (existing, details, fits, price, from) in changes)
        {
            var part = existing ?? SparePart.Create(details);
            if (existing is null)
            {
                db.SpareParts.Add(part);
            }
            else
            {
                part.Update(details with { IsActive = existing.IsActive });
            }

            part.FitModels(fits);
            if (price is { } unitPrice && part.PriceOn(from) != unitPrice)
            {
                part.SetPrice(from, unitPrice);
            }
        }

        // A part edited on its page since the file was read is a stale write: nothing of the file is saved (409 as a row error).
        if (!await db.TrySaveAsync(user, ct, "Excel import"))
        {
            return new ImportReport(0, [new ImportRowError(0, "", "stale_version", "A part changed while the file was imported; import it again.")]);
        }

        return new ImportReport(changes.Count, []);
    }

    private static bool Invalid(ExcelRow row, string value)
    {
        row.Error("旧件需回收", "format", $"'{value}' is neither 是 nor 否.");
        return false;
    }
}
