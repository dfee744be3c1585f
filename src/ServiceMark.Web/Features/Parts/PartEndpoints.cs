using System.Security.Claims;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;
using ServiceMark.Web.Infrastructure.Excel;

namespace ServiceMark.Web.Features.Parts;

public static class PartEndpoints
{
    public static IEndpointRouteBuilder MapPartEndpoints(this IEndpointRouteBuilder app)
    {
        var suppliers = app.MapGroup("/api/v1/suppliers").WithTags("Parts");
        suppliers.MapGet("/", (PartCatalogue h, CancellationToken ct) => h.ListSuppliersAsync(ct))
            .WithName("ListSuppliers").RequireAuthorization(Policies.ReadParts);
        suppliers.MapPost("/", async (SupplierRequest r, PartCatalogue h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveSupplierAsync(null, r, user, ct)).ToHttp(s => TypedResults.Created($"/api/v1/suppliers/{s.Id}", s)))
            .WithName("CreateSupplier").RequireAuthorization(Policies.ManageParts);
        suppliers.MapPut("/{id:int}", async (int id, SupplierRequest r, PartCatalogue h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveSupplierAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdateSupplier").RequireAuthorization(Policies.ManageParts);

        var parts = app.MapGroup("/api/v1/parts").WithTags("Parts");
        parts.MapGet("/", (PartCatalogue h, CancellationToken ct, string? search, bool includeInactive = false, int page = 1, int pageSize = 25) =>
                h.SearchAsync(search, includeInactive, page, pageSize, ct))
            .WithName("SearchParts").RequireAuthorization(Policies.ReadParts);
        parts.MapGet("/{id:int}", async (int id, PartCatalogue h, CancellationToken ct) => Problems.OkOrNotFound(await h.GetAsync(id, ct), "Spare part"))
            .WithName("GetPart").RequireAuthorization(Policies.ReadParts);
        parts.MapPost("/", async (SparePartRequest r, PartCatalogue h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveAsync(null, r, user, ct)).ToHttp(p => TypedResults.Created($"/api/v1/parts/{p.Id}", p)))
            .WithName("CreatePart").RequireAuthorization(Policies.ManageParts);
        parts.MapPut("/{id:int}", async (int id, SparePartRequest r, PartCatalogue h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdatePart").RequireAuthorization(Policies.ManageParts);

        parts.MapGet("/import-template", () => ImportEndpoint.Template(PartCatalogueExcel.Template(), "parts-import-template.xlsx"))
            .ProducesWorkbook().WithName("GetPartImportTemplate").RequireAuthorization(Policies.ManageParts);
        parts.MapGet("/export", async (PartCatalogueExcel excel, CancellationToken ct) =>
                ImportEndpoint.Template(await excel.ExportAsync(ct), "parts.xlsx"))
            .ProducesWorkbook().WithName("ExportParts").RequireAuthorization(Policies.ReadParts);
        parts.MapPost("/import", (HttpRequest request, PartCatalogueExcel excel, ClaimsPrincipal user, CancellationToken ct) =>
                ImportEndpoint.HandleAsync(request, stream => excel.ImportAsync(stream, user, ct), ct))
            .ProducesImportReport().WithName("ImportParts").RequireAuthorization(Policies.ManageParts).DisableAntiforgery();

        var stock = app.MapGroup("/api/v1/stock").WithTags("Stock");
        stock.MapGet("/locations", (StockQueries h, CancellationToken ct) => h.ListLocationsAsync(ct))
            .WithName("ListStockLocations").RequireAuthorization(Policies.ReadParts);
        stock.MapPost("/locations", async (StockLocationRequest r, StockQueries h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.CreateLocationAsync(r, user, ct)).ToHttp(l => TypedResults.Created($"/api/v1/stock/locations/{l.Id}", l)))
            .WithName("CreateStockLocation").RequireAuthorization(Policies.ManageParts);
        stock.MapGet("/on-hand", (StockQueries h, CancellationToken ct, int? locationId, int? partId, bool belowMinimum = false, int page = 1, int pageSize = 50) =>
                h.OnHandAsync(locationId, partId, belowMinimum, page, pageSize, ct))
            .WithName("ListStockOnHand").RequireAuthorization(Policies.ReadParts);
        stock.MapGet("/mine", (StockQueries h, ClaimsPrincipal user, CancellationToken ct) => h.MineAsync(user, ct))
            .WithName("ListMyStock").RequireAuthorization(Policies.WorkOnTickets);
        stock.MapPut("/limits", async (StockLimitRequest r, StockQueries h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SetLimitAsync(r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("SetStockLimit").RequireAuthorization(Policies.ManageParts);
        stock.MapGet("/ledger", (StockQueries h, CancellationToken ct, int? partId, int? locationId, long? before, int pageSize = 50) =>
                h.HistoryAsync(partId, locationId, before, pageSize, ct))
            .WithName("ListLedgerEntries").RequireAuthorization(Policies.ReadParts);
        stock.MapPost("/movements", async (PostMovementsRequest r, StockLedger h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.PostAsync(r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("PostStockMovements").RequireAuthorization(Policies.PostStock);
        stock.MapGet("/book-check", (StockQueries h, CancellationToken ct) => h.CheckBookAsync(ct))
            .WithName("CheckStockBook").RequireAuthorization(Policies.ReadParts);

        var requisitions = app.MapGroup("/api/v1/requisitions").WithTags("Stock");
        requisitions.MapGet("/", (Requisitions h, ClaimsPrincipal user, CancellationToken ct, RequisitionScope scope = RequisitionScope.All, int page = 1, int pageSize = 25) =>
                h.ListAsync(scope, user, page, pageSize, ct))
            .WithName("ListRequisitions").RequireAuthorization(Policies.ReadRequisitions);
        requisitions.MapGet("/{id:int}", async (int id, Requisitions h, ClaimsPrincipal user, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.GetAsync(id, user, ct), "Requisition"))
            .WithName("GetRequisition").RequireAuthorization(Policies.ReadRequisitions);
        requisitions.MapPost("/", async (RequisitionRequest r, Requisitions h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SubmitAsync(r, user, ct)).ToHttp(v => TypedResults.Created($"/api/v1/requisitions/{v.Id}", v)))
            .WithName("RaiseRequisition").RequireAuthorization(Policies.RaiseRequisitions);
        requisitions.MapPost("/{id:int}/{action}", async (int id, string action, RequisitionStepRequest r, Requisitions h, ClaimsPrincipal user, CancellationToken ct) =>
                Enum.TryParse<Domain.Parts.RequisitionAction>(action, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(action, out _)
                    ? (await h.ActAsync(id, parsed, r, user, ct)).ToHttp(TypedResults.Ok)
                    : Result<RequisitionView>.Refused(Refusal.Invalid("action", "unknown", "action must be approve, reject, issue or cancel.")).ToHttp(TypedResults.Ok))
            .WithName("ActOnRequisition").RequireAuthorization(Policies.ReadRequisitions);
        return app;
    }
}
