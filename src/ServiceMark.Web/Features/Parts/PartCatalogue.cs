using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Parts;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Infrastructure;

namespace ServiceMark.Web.Features.Parts;

public sealed record SupplierRequest(string? Code, string? Name, string? ContactName, string? ContactPhone, int? ClaimWindowDays, string? ClaimTerms,
    bool IsActive = true, int Version = 0)
{
    public SupplierDetails ToDetails() => new(Code, Name, ContactName, ContactPhone, ClaimWindowDays, ClaimTerms, IsActive);
}

public sealed record SupplierView(int Id, string Code, string Name, string? ContactName, string? ContactPhone, int? ClaimWindowDays, string? ClaimTerms,
    bool IsActive, int Version);

/// <summary>A part as entered: its price of today when given (a new price from <see cref="PriceFrom"/>, today when empty).</summary>
public sealed record SparePartRequest(string? Code, string? Name, string? Specification, string? Unit, int? SupplierId, decimal? UnitPrice,
    DateOnly? PriceFrom, IReadOnlyList<int>? ProductModelIds, bool ReturnRequired = false, bool IsActive = true, int Version = 0);

public sealed record PriceView(DateOnly EffectiveFrom, decimal UnitPrice);

public sealed record SparePartSummary(int Id, string Code, string Name, string? Specification, string Unit, string? SupplierName, decimal? UnitPrice,
    decimal OnHand, bool IsActive);

public sealed record SparePartView(int Id, string Code, string Name, string? Specification, string Unit, int? SupplierId, string? SupplierName,
    bool ReturnRequired, bool IsActive, int Version, decimal? UnitPrice, IReadOnlyList<PriceView> Prices, IReadOnlyList<int> ProductModelIds,
    IReadOnlyList<StockOnHandView> Stock);

/// <summary>The parts catalogue (备件目录, R-PRT-1): suppliers, parts with effective-dated prices and the models they fit.</summary>
public sealed class PartCatalogue(IDbContextFactory<AppDbContext> contexts, CompanyClock clock)
{
    public async Task<IReadOnlyList<SupplierView>> ListSuppliersAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Suppliers.AsNoTracking().OrderBy(s => s.Code)
            .Select(s => new SupplierView(s.Id, s.Code, s.Name, s.ContactName, s.ContactPhone, s.ClaimWindowDays, s.ClaimTerms, s.IsActive, s.Version))
            .ToListAsync(ct);
    }

    public async Task<Result<SupplierView>> SaveSupplierAsync(int? id, SupplierRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var details = r.ToDetails();
        var errors = Supplier.Check(details);
        var code = r.Code?.Trim() ?? "";
        var duplicate = code.Length > 0 && await db.Suppliers.AnyAsync(s => s.Code == code && s.Id != id, ct)
            ? Refusal.Duplicate("code", $"Supplier code {code} is already in use.")
            : null;
        Supplier? supplier = null;
        if (id is { } existing && (supplier = await db.Suppliers.FirstOrDefaultAsync(s => s.Id == existing, ct)) is null)
        {
            return Refusal.NotFound("Supplier");
        }

        if (errors.Refuse(duplicate) is { } refused)
        {
            return refused;
        }

        if (supplier is null)
        {
            supplier = Supplier.Create(details);
            db.Suppliers.Add(supplier);
        }
        else
        {
            db.Entry(supplier).Property(s => s.Version).OriginalValue = r.Version;
            supplier.Update(details);
        }

        if (!await db.TrySaveAsync(user, ct))
        {
            return Refusal.StaleVersion();
        }

        return (await ListSuppliersAsync(ct)).Single(s => s.Id == supplier.Id);
    }

    /// <summary>Parts by code, with the price of today and the stock on hand over all locations; search by code, name or specification.</summary>
    public async Task<PageOf<SparePartSummary>> SearchAsync(string? search, bool includeInactive, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var parts = db.SpareParts.AsNoTracking();
        if (!includeInactive)
        {
            parts = parts.Where(p => p.IsActive);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            parts = parts.Where(p => p.Code.Contains(term) || p.Name.Contains(term) || (p.Specification != null && p.Specification.Contains(term)));
        }

        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(page, 1);
        var total = await parts.CountAsync(ct);
        var today = clock.Today;
        var rows = await (from p in parts
                          join s in db.Suppliers on p.SupplierId equals s.Id into ss
                          from s in ss.DefaultIfEmpty()
                          orderby p.Code
                          select new
                          {
                              p.Id, p.Code, p.Name, p.Specification, p.Unit, Supplier = s != null ? s.Name : null, p.IsActive,
                              Price = p.Prices.Where(x => x.EffectiveFrom <= today).OrderByDescending(x => x.EffectiveFrom).Select(x => (decimal?)x.UnitPrice).FirstOrDefault(),
                              OnHand = db.StockBalances.Where(b => b.PartId == p.Id).Sum(b => (long?)b.OnHandHundredths) ?? 0,
                          }).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PageOf<SparePartSummary>(
            rows.Select(r => new SparePartSummary(r.Id, r.Code, r.Name, r.Specification, r.Unit, r.Supplier, r.Price, Quantities.FromHundredths(r.OnHand), r.IsActive)).ToList(),
            total, page, pageSize);
    }

    public async Task<SparePartView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var part = await db.SpareParts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (part is null)
        {
            return null;
        }

        var supplier = part.SupplierId is { } sid ? await db.Suppliers.Where(s => s.Id == sid).Select(s => s.Name).FirstOrDefaultAsync(ct) : null;
        var stock = await StockQueries.OnHandAsync(db, db.StockBalances.Where(b => b.PartId == id), ct);
        return new SparePartView(part.Id, part.Code, part.Name, part.Specification, part.Unit, part.SupplierId, supplier, part.ReturnRequired, part.IsActive,
            part.Version, part.PriceOn(clock.Today), part.Prices.OrderByDescending(p => p.EffectiveFrom).Select(p => new PriceView(p.EffectiveFrom, p.UnitPrice)).ToList(),
            part.Fits.Select(f => f.ProductModelId).Order().ToList(), stock);
    }

    public async Task<Result<SparePartView>> SaveAsync(int? id, SparePartRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var details = new SparePartDetails(r.Code, r.Name, r.Specification, r.Unit, r.SupplierId, r.ReturnRequired, r.IsActive);
        var errors = SparePart.Check(details);
        if (r.SupplierId is > 0 && !await db.Suppliers.AnyAsync(s => s.Id == r.SupplierId && s.IsActive, ct))
        {
            errors.Add("supplierId", "unknown", "supplierId does not name an active supplier.");
        }

        var models = (r.ProductModelIds ?? []).Distinct().ToList();
        if (models.Count > 0 && await db.ProductModels.CountAsync(m => models.Contains(m.Id), ct) != models.Count)
        {
            errors.Add("productModelIds", "unknown", "Every productModelIds entry must name a product model.");
        }

        if (r.UnitPrice is { } price)
        {
            Amounts.CheckMoney(errors, "unitPrice", price);
        }

        var code = r.Code?.Trim() ?? "";
        var duplicate = code.Length > 0 && await db.SpareParts.AnyAsync(p => p.Code == code && p.Id != id, ct)
            ? Refusal.Duplicate("code", $"Part code {code} is already in use.")
            : null;
        SparePart? part = null;
        if (id is { } existing && (part = await db.SpareParts.FirstOrDefaultAsync(p => p.Id == existing, ct)) is null)
        {
            return Refusal.NotFound("Spare part");
        }

        if (errors.Refuse(duplicate) is { } refused)
        {
            return refused;
        }

        if (part is null)
        {
            part = SparePart.Create(details);
            db.SpareParts.Add(part);
        }
        else
        {
            db.Entry(part).Property(p => p.Version).OriginalValue = r.Version;
            part.Update(details);
            db.Entry(part).Property(p => p.Version).IsModified = true; // a price or fit change alone is a change of the part
        }

        part.FitModels(models);
        if (r.UnitPrice is { } unitPrice && part.PriceOn(r.PriceFrom ?? clock.Today) != unitPrice)
        {
            part.SetPrice(r.PriceFrom ?? clock.Today, unitPrice);
        }

        if (!await db.TrySaveAsync(user, ct))
        {
            return Refusal.StaleVersion();
        }

        return (await GetAsync(part.Id, ct))!;
    }
}
