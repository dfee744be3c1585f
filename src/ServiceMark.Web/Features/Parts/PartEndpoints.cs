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
        stock.MapGet("/workbench", (Workbench h, CancellationToken ct) => h.GetAsync(ct))
            .WithName("GetWarehouseWorkbench").RequireAuthorization(Policies.ReadParts);
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

        var oldParts = app.MapGroup("/api/v1/old-parts").WithTags("Stock");
        oldParts.MapGet("/", (OldParts h, ClaimsPrincipal user, CancellationToken ct, OldPartScope scope = OldPartScope.All, int? engineerId = null, int page = 1,
                int pageSize = 25) => h.ListAsync(scope, engineerId, user, page, pageSize, ct))
            .WithName("ListOldParts").RequireAuthorization(Policies.ReadOldParts);
        oldParts.MapGet("/{id:int}", async (int id, OldParts h, ClaimsPrincipal user, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.GetAsync(id, user, ct), "Old part"))
            .WithName("GetOldPart").RequireAuthorization(Policies.ReadOldParts);
        oldParts.MapPost("/{id:int}/{action}", async (int id, string action, OldPartStepRequest r, OldParts h, ClaimsPrincipal user, CancellationToken ct) =>
                Enum.TryParse<Domain.Parts.OldPartAction>(action, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(action, out _)
                    ? (await h.ActAsync(id, parsed, r, user, ct)).ToHttp(TypedResults.Ok)
                    : Result<OldPartView>.Refused(Refusal.Invalid("action", "unknown", "action must be receive, inspect or dispose.")).ToHttp(TypedResults.Ok))
            .WithName("ActOnOldPart").RequireAuthorization(Policies.ReadOldParts);

        var claims = app.MapGroup("/api/v1/claims").WithTags("Stock");
        claims.MapGet("/", (Claims h, CancellationToken ct, Domain.Parts.ClaimStatus? status, int? supplierId, bool outstanding = false, int page = 1, int pageSize = 25) =>
                h.ListAsync(status, supplierId, outstanding, page, pageSize, ct))
            .WithName("ListClaims").RequireAuthorization(Policies.ReadParts);
        claims.MapGet("/outstanding", (Claims h, CancellationToken ct) => h.OutstandingAsync(ct))
            .WithName("ListOutstandingClaims").RequireAuthorization(Policies.ReadParts);
        claims.MapGet("/claimable", (Claims h, CancellationToken ct) => h.ClaimableAsync(ct))
            .WithName("ListClaimableOldParts").RequireAuthorization(Policies.ReadParts);
        claims.MapGet("/{id:int}", async (int id, Claims h, CancellationToken ct) => Problems.OkOrNotFound(await h.GetAsync(id, ct), "Claim"))
            .WithName("GetClaim").RequireAuthorization(Policies.ReadParts);
        claims.MapPost("/", async (ClaimRequest r, Claims h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.RaiseAsync(r, user, ct)).ToHttp(c => TypedResults.Created($"/api/v1/claims/{c.Id}", c)))
            .WithName("RaiseClaim").RequireAuthorization(Policies.PostStock);
        claims.MapPost("/{id:int}/{action}", async (int id, string action, ClaimStepRequest r, Claims h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ActAsync(id, action, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ActOnClaim").RequireAuthorization(Policies.ReadParts);

        var takes = app.MapGroup("/api/v1/stock-takes").WithTags("Stock");
        takes.MapGet("/", (StockTakes h, CancellationToken ct, int? locationId, int page = 1, int pageSize = 25) => h.ListAsync(locationId, page, pageSize, ct))
            .WithName("ListStockTakes").RequireAuthorization(Policies.ReadParts);
        takes.MapGet("/{id:int}", async (int id, StockTakes h, CancellationToken ct) => Problems.OkOrNotFound(await h.GetAsync(id, ct), "Stock-take"))
            .WithName("GetStockTake").RequireAuthorization(Policies.ReadParts);
        takes.MapPost("/", async (StockTakeStartRequest r, StockTakes h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.StartAsync(r, user, ct)).ToHttp(t => TypedResults.Created($"/api/v1/stock-takes/{t.Id}", t)))
            .WithName("StartStockTake").RequireAuthorization(Policies.PostStock);
        takes.MapPut("/{id:int}/counts", async (int id, StockTakeCountRequest r, StockTakes h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.CountAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("CountStockTake").RequireAuthorization(Policies.PostStock);
        takes.MapPost("/{id:int}/{action}", async (int id, string action, StockTakeStepRequest r, StockTakes h, ClaimsPrincipal user, CancellationToken ct) =>
                (action switch
                {
                    "submit" => Domain.Parts.StockTakeAction.Submit,
                    "approve" => Domain.Parts.StockTakeAction.Approve,
                    "send-back" => Domain.Parts.StockTakeAction.SendBack,
                    "cancel" => Domain.Parts.StockTakeAction.Cancel,
                    _ => (Domain.Parts.StockTakeAction?)null,
                }) is { } parsed
                    ? (await h.ActAsync(id, parsed, r, user, ct)).ToHttp(TypedResults.Ok)
                    : Result<StockTakeView>.Refused(Refusal.Invalid("action", "unknown", "action must be submit, approve, send-back or cancel.")).ToHttp(TypedResults.Ok))
            .WithName("ActOnStockTake").RequireAuthorization(Policies.ReadParts);

        app.MapGet("/api/v1/tickets/{id:int}/parts", async (int id, OldParts h, ClaimsPrincipal user, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.ForTicketAsync(id, user, ct), "Ticket"))
            .WithTags("Stock").WithName("GetTicketParts").RequireAuthorization();
        return app;
    }
}
