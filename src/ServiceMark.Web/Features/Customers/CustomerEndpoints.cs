using System.Security.Claims;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;
using ServiceMark.Web.Infrastructure.Excel;

namespace ServiceMark.Web.Features.Customers;

public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/v1/customers").WithTags("Customers");
        customers.MapGet("/", (CustomerHandlers h, CancellationToken ct, string? search, bool includeInactive = false, int page = 1, int pageSize = 25) =>
                h.SearchAsync(search, includeInactive, page, pageSize, ct))
            .WithName("SearchCustomers").RequireAuthorization(Policies.ReadCustomers);
        customers.MapGet("/{id:int}", async (int id, CustomerHandlers h, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.GetAsync(id, ct), "Customer"))
            .WithName("GetCustomer").RequireAuthorization(Policies.ReadCustomers);
        customers.MapPost("/", async (CustomerRequest r, CustomerHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveAsync(null, r, user, ct)).ToHttp(c => TypedResults.Created($"/api/v1/customers/{c.Id}", c)))
            .WithName("CreateCustomer").RequireAuthorization(Policies.ManageCustomers);
        customers.MapPut("/{id:int}", async (int id, CustomerRequest r, CustomerHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdateCustomer").RequireAuthorization(Policies.ManageCustomers);
        customers.MapPost("/{id:int}/contacts", async (int id, ContactRequest r, CustomerHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.AddContactAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("AddCustomerContact").RequireAuthorization(Policies.ManageCustomers);
        customers.MapPost("/{id:int}/sites", async (int id, SiteRequest r, CustomerHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.AddSiteAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("AddCustomerSite").RequireAuthorization(Policies.ManageCustomers);
        customers.MapGet("/import-template", () => ImportEndpoint.Template(CustomerImports.CustomerTemplate(), "customers-import-template.xlsx"))
            .ProducesWorkbook().WithName("GetCustomerImportTemplate").RequireAuthorization(Policies.ManageCustomers);
        customers.MapPost("/import", (HttpRequest request, CustomerImports imports, ClaimsPrincipal user, CancellationToken ct) =>
                ImportEndpoint.HandleAsync(request, stream => imports.ImportCustomersAsync(stream, user, ct), ct))
            .ProducesImportReport().WithName("ImportCustomers").RequireAuthorization(Policies.ManageCustomers).DisableAntiforgery();

        var models = app.MapGroup("/api/v1/product-models").WithTags("Products");
        models.MapGet("/", (CustomerHandlers h, CancellationToken ct) => h.ListModelsAsync(ct))
            .WithName("ListProductModels").RequireAuthorization(Policies.ReadCustomers);
        models.MapPost("/", async (ProductModelRequest r, CustomerHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveModelAsync(null, r, user, ct)).ToHttp(m => TypedResults.Created($"/api/v1/product-models/{m.Id}", m)))
            .WithName("CreateProductModel").RequireAuthorization(Policies.ManageCustomers);
        models.MapPut("/{id:int}", async (int id, ProductModelRequest r, CustomerHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveModelAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdateProductModel").RequireAuthorization(Policies.ManageCustomers);

        var units = app.MapGroup("/api/v1/units").WithTags("Products");
        units.MapGet("/{serialNumber}", async (string serialNumber, CustomerHandlers h, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.FindUnitAsync(serialNumber, ct), "Unit"))
            .WithName("FindUnit").RequireAuthorization(Policies.ReadCustomers);
        units.MapPost("/", async (ProductUnitRequest r, CustomerHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.CreateUnitAsync(r, user, ct)).ToHttp(u => TypedResults.Created($"/api/v1/units/{u.SerialNumber}", u)))
            .WithName("CreateUnit").RequireAuthorization(Policies.ManageCustomers);
        units.MapGet("/import-template", () => ImportEndpoint.Template(CustomerImports.UnitTemplate(), "units-import-template.xlsx"))
            .ProducesWorkbook().WithName("GetUnitImportTemplate").RequireAuthorization(Policies.ManageCustomers);
        units.MapPost("/import", (HttpRequest request, CustomerImports imports, ClaimsPrincipal user, CancellationToken ct) =>
                ImportEndpoint.HandleAsync(request, stream => imports.ImportUnitsAsync(stream, user, ct), ct))
            .ProducesImportReport().WithName("ImportUnits").RequireAuthorization(Policies.ManageCustomers).DisableAntiforgery();
        return app;
    }
}
