using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Customers;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Audit;

namespace ServiceMark.Web.Features.Customers;

public sealed record CustomerRequest(string? Code, string? Name, string? Region, string? Notes, bool IsActive = true, int Version = 0);

public sealed record ContactRequest(string? Name, string? Phone, string? Title);

public sealed record SiteRequest(string? Name, string? Address, decimal DistanceKm, int? NearestStationId);

public sealed record ProductModelRequest(string? Code, string? Name, string? Category, int WarrantyMonths, decimal? WarrantyMileageKm, bool IsActive = true, int Version = 0);

public sealed record ProductUnitRequest(string? SerialNumber, int ProductModelId, int CustomerId, DateOnly? SaleDate, int? WarrantyMonths, decimal? WarrantyMileageKm);

public sealed record CustomerSummary(int Id, string Code, string Name, string? Region, bool IsActive, int Units);

public sealed record ContactView(int Id, string Name, string? Phone, string? Title);

public sealed record SiteView(int Id, string Name, string Address, decimal DistanceKm, int? NearestStationId, string? NearestStationName);

public sealed record UnitView(int Id, string SerialNumber, int ProductModelId, string ModelName, int CustomerId, string CustomerName, DateOnly SaleDate,
    int WarrantyMonths, decimal? WarrantyMileageKm);

public sealed record CustomerView(int Id, string Code, string Name, string? Region, string? Notes, bool IsActive, int Version,
    IReadOnlyList<ContactView> Contacts, IReadOnlyList<SiteView> Sites, IReadOnlyList<UnitView> Units);

public sealed record ProductModelView(int Id, string Code, string Name, string? Category, int WarrantyMonths, decimal? WarrantyMileageKm, bool IsActive, int Version);

/// <summary>Customers with their contacts and sites, product models and sold units (R-TKT-2).</summary>
public sealed class CustomerHandlers(IDbContextFactory<AppDbContext> contexts, CompanyClock clock)
{
    public async Task<PageOf<CustomerSummary>> SearchAsync(string? search, bool includeInactive, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var customers = db.Customers.AsNoTracking();
        if (!includeInactive)
        {
            customers = customers.Where(c => c.IsActive);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            customers = customers.Where(c => c.Name.Contains(term) || c.Code.Contains(term));
        }

        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(page, 1);
        var total = await customers.CountAsync(ct);
        var items = await customers.OrderBy(c => c.Code).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new CustomerSummary(c.Id, c.Code, c.Name, c.Region, c.IsActive, db.ProductUnits.Count(u => u.CustomerId == c.Id)))
            .ToListAsync(ct);
        return new PageOf<CustomerSummary>(items, total, page, pageSize);
    }

    public async Task<CustomerView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().Include(c => c.Contacts).Include(c => c.Sites).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
        {
            return null;
        }

        var stations = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var units = await Units(db, db.ProductUnits.Where(u => u.CustomerId == id)).ToListAsync(ct);
        return new CustomerView(customer.Id, customer.Code, customer.Name, customer.Region, customer.Notes, customer.IsActive, customer.Version,
            customer.Contacts.OrderBy(c => c.Id).Select(c => new ContactView(c.Id, c.Name, c.Phone, c.Title)).ToList(),
            customer.Sites.OrderBy(s => s.Id).Select(s => new SiteView(s.Id, s.Name, s.Address, s.DistanceKm, s.NearestStationId,
                s.NearestStationId is { } st ? stations.GetValueOrDefault(st) : null)).ToList(),
            units);
    }

    public async Task<Result<CustomerView>> SaveAsync(int? id, CustomerRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var errors = CustomerRules.CheckCustomer(r.Code, r.Name, r.Region, r.Notes);
        var code = r.Code?.Trim() ?? "";
        var duplicate = code.Length > 0 && await db.Customers.AnyAsync(c => c.Code == code && c.Id != id, ct)
            ? Refusal.Duplicate("code", $"Customer code {code} is already in use.")
            : null;

        Customer? customer = null;
        if (id is { } existing && (customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == existing, ct)) is null)
        {
            return Refusal.NotFound("Customer");
        }

        if (errors.Refuse(duplicate) is { } refused)
        {
            return refused;
        }

        if (customer is null)
        {
            customer = Customer.Create(r.Code!, r.Name!, r.Region, r.Notes);
            db.Customers.Add(customer);
        }
        else
        {
            db.Entry(customer).Property(c => c.Version).OriginalValue = r.Version;
            customer.Update(r.Code!, r.Name!, r.Region, r.Notes, r.IsActive);
        }

        return await SaveAndLoadAsync(db, user, () => customer.Id, ct);
    }

    public async Task<Result<CustomerView>> AddContactAsync(int customerId, ContactRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = CustomerRules.CheckContact(r.Name, r.Phone);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var customer = await db.Customers.Include(c => c.Contacts).FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
        {
            return Refusal.NotFound("Customer");
        }

        customer.AddContact(r.Name!, r.Phone, r.Title);
        return await SaveAndLoadAsync(db, user, () => customerId, ct);
    }

    public async Task<Result<CustomerView>> AddSiteAsync(int customerId, SiteRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var errors = CustomerRules.CheckSite(r.Name, r.Address, r.DistanceKm);
        if (r.NearestStationId is { } station && !await db.OrgUnits.AnyAsync(u => u.Id == station && u.Kind == Domain.Organisation.OrgUnitKind.ServiceStation, ct))
        {
            errors.Add("nearestStationId", "unknown", "nearestStationId must name a service station.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var customer = await db.Customers.Include(c => c.Sites).FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
        {
            return Refusal.NotFound("Customer");
        }

        customer.AddSite(r.Name!, r.Address!, r.DistanceKm, r.NearestStationId);
        return await SaveAndLoadAsync(db, user, () => customerId, ct);
    }

    public async Task<IReadOnlyList<ProductModelView>> ListModelsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ProductModels.AsNoTracking().OrderBy(m => m.Code)
            .Select(m => new ProductModelView(m.Id, m.Code, m.Name, m.Category, m.WarrantyMonths, m.WarrantyMileageKm, m.IsActive, m.Version))
            .ToListAsync(ct);
    }

    public async Task<Result<ProductModelView>> SaveModelAsync(int? id, ProductModelRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var errors = CustomerRules.CheckModel(r.Code, r.Name, r.WarrantyMonths, r.WarrantyMileageKm);
        var code = r.Code?.Trim() ?? "";
        var duplicate = code.Length > 0 && await db.ProductModels.AnyAsync(m => m.Code == code && m.Id != id, ct)
            ? Refusal.Duplicate("code", $"Model code {code} is already in use.")
            : null;

        ProductModel? model = null;
        if (id is { } existing && (model = await db.ProductModels.FirstOrDefaultAsync(m => m.Id == existing, ct)) is null)
        {
            return Refusal.NotFound("Product model");
        }

        if (errors.Refuse(duplicate) is { } refused)
        {
            return refused;
        }

        if (model is null)
        {
            model = ProductModel.Create(r.Code!, r.Name!, r.Category, r.WarrantyMonths, r.WarrantyMileageKm);
            db.ProductModels.Add(model);
        }
        else
        {
            db.Entry(model).Property(m => m.Version).OriginalValue = r.Version;
            model.Update(r.Code!, r.Name!, r.Category, r.WarrantyMonths, r.WarrantyMileageKm, r.IsActive);
        }

        if (!await db.TrySaveAsync(user, ct))
        {
            return Refusal.StaleVersion();
        }

        return (await ListModelsAsync(ct)).Single(m => m.Id == model.Id);
    }

    public async Task<Result<UnitView>> CreateUnitAsync(ProductUnitRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var errors = await CheckUnitAsync(db, r, ct);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var unit = ProductUnit.Create(r.SerialNumber!, r.ProductModelId, r.CustomerId, r.SaleDate!.Value, r.WarrantyMonths, r.WarrantyMileageKm);
        db.ProductUnits.Add(unit);
        await db.TrySaveAsync(user, ct);
        return await Units(db, db.ProductUnits.Where(u => u.Id == unit.Id)).FirstAsync(ct);
    }

    /// <summary>The unit with this serial number, for the ticket form's warranty check.</summary>
    public async Task<UnitView?> FindUnitAsync(string serialNumber, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var serial = serialNumber.Trim().ToUpperInvariant();
        return await Units(db, db.ProductUnits.Where(u => u.SerialNumber == serial)).FirstOrDefaultAsync(ct);
    }

    internal async Task<FieldErrors> CheckUnitAsync(AppDbContext db, ProductUnitRequest r, CancellationToken ct)
    {
        var errors = CustomerRules.CheckUnit(r.SerialNumber, r.SaleDate, clock.Today, r.WarrantyMonths);
        var serial = r.SerialNumber?.Trim().ToUpperInvariant() ?? "";
        if (serial.Length > 0 && await db.ProductUnits.AnyAsync(u => u.SerialNumber == serial, ct))
        {
            errors.Add("serialNumber", "duplicate", $"Serial number {serial} is already registered.");
        }

        if (!await db.ProductModels.AnyAsync(m => m.Id == r.ProductModelId && m.IsActive, ct))
        {
            errors.Add("productModelId", "unknown", "productModelId does not name an active product model.");
        }

        if (!await db.Customers.AnyAsync(c => c.Id == r.CustomerId && c.IsActive, ct))
        {
            errors.Add("customerId", "unknown", "customerId does not name an active customer.");
        }

        return errors;
    }

    private static IQueryable<UnitView> Units(AppDbContext db, IQueryable<ProductUnit> units) =>
        from u in units.AsNoTracking()
        join m in db.ProductModels on u.ProductModelId equals m.Id
        join c in db.Customers on u.CustomerId equals c.Id
        orderby u.SerialNumber
        select new UnitView(u.Id, u.SerialNumber, m.Id, m.Name, c.Id, c.Name, u.SaleDate,
            u.WarrantyMonthsOverride ?? m.WarrantyMonths, u.WarrantyMileageKmOverride ?? m.WarrantyMileageKm);

    private async Task<Result<CustomerView>> SaveAndLoadAsync(AppDbContext db, ClaimsPrincipal user, Func<int> id, CancellationToken ct)
    {
        if (!await db.TrySaveAsync(user, ct))
        {
            return Refusal.StaleVersion();
        }

        return (await GetAsync(id(), ct))!;
    }
}
