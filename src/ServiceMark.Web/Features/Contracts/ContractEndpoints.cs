using System.Security.Claims;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;
using ServiceMark.Web.Infrastructure.Excel;

namespace ServiceMark.Web.Features.Contracts;

public static class ContractEndpoints
{
    public static IEndpointRouteBuilder MapContractEndpoints(this IEndpointRouteBuilder app)
    {
        var contracts = app.MapGroup("/api/v1/maintenance-contracts").WithTags("Contracts");
        contracts.MapGet("/", (MaintenanceContracts h, ClaimsPrincipal user, CancellationToken ct, ContractFilter filter = ContractFilter.All, string? search = null,
                int page = 1, int pageSize = 25) => h.ListAsync(filter, search, user, page, pageSize, ct))
            .WithName("ListContracts").RequireAuthorization(Policies.ReadContracts);
        contracts.MapGet("/{id:int}", async (int id, MaintenanceContracts h, ClaimsPrincipal user, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.GetAsync(id, user, ct), "Contract"))
            .WithName("GetContract").RequireAuthorization(Policies.ReadContracts);
        contracts.MapPost("/", async (ContractRequest r, MaintenanceContracts h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.DraftAsync(r, user, ct)).ToHttp(c => TypedResults.Created($"/api/v1/maintenance-contracts/{c.Id}", c)))
            .WithName("DraftContract").RequireAuthorization(Policies.ManageContracts);
        contracts.MapPut("/{id:int}", async (int id, ContractRequest r, MaintenanceContracts h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.EditAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("EditContract").RequireAuthorization(Policies.ManageContracts);
        contracts.MapGet("/{id:int}/renewal", async (int id, MaintenanceContracts h, ClaimsPrincipal user, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.RenewalAsync(id, user, ct), "Contract"))
            .WithName("GetContractRenewalTerms").RequireAuthorization(Policies.ManageContracts);
        contracts.MapPost("/{id:int}/payments", async (int id, PaymentRequest r, ContractReceipts h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.RecordPaymentAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("RecordContractPayment").RequireAuthorization(Policies.RecordReceipts);
        contracts.MapPut("/{id:int}/instalments/{sequence:int}/invoice", async (int id, int sequence, InvoiceRequest r, ContractReceipts h, ClaimsPrincipal user,
                CancellationToken ct) => (await h.InvoiceAsync(id, sequence, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("InvoiceInstalment").RequireAuthorization(Policies.RecordReceipts);
        contracts.MapPost("/{id:int}/{action}", async (int id, string action, ContractStepRequest r, MaintenanceContracts h, ClaimsPrincipal user,
                CancellationToken ct) => (await h.ActAsync(id, action, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ActOnContract").RequireAuthorization(Policies.ReadContracts);

        var checklists = app.MapGroup("/api/v1/maintenance-checklists").WithTags("Contracts");
        checklists.MapGet("/", (MaintenanceRecords h, CancellationToken ct) => h.ChecklistsAsync(ct))
            .WithName("ListMaintenanceChecklists").RequireAuthorization(Policies.ReadContracts);
        checklists.MapPut("/{productModelId:int}", async (int productModelId, ChecklistRequest r, MaintenanceRecords h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveChecklistAsync(productModelId, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("SetMaintenanceChecklist").RequireAuthorization(Policies.ManageContracts);
        app.MapGet("/api/v1/tickets/{id:int}/maintenance-record", async (int id, MaintenanceRecords h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.GetAsync(id, user, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Contracts").WithName("GetMaintenanceRecord").RequireAuthorization(Policies.WorkOnTickets);
        app.MapPut("/api/v1/tickets/{id:int}/maintenance-record", async (int id, MaintenanceRecordRequest r, MaintenanceRecords h, ClaimsPrincipal user,
                CancellationToken ct) => (await h.SaveAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Contracts").WithName("SaveMaintenanceRecord").RequireAuthorization(Policies.WorkOnTickets);

        var receivables = app.MapGroup("/api/v1/receivables").WithTags("Contracts");
        receivables.MapGet("/", (ContractReceipts h, ClaimsPrincipal user, CancellationToken ct, bool overdueOnly = false, int? personId = null, int page = 1,
                int pageSize = 50) => h.ReceivablesAsync(overdueOnly, personId, user, page, pageSize, ct))
            .WithName("ListReceivables").RequireAuthorization(Policies.ReadContracts);
        receivables.MapGet("/export", async (ReceivablesExcel excel, ClaimsPrincipal user, CancellationToken ct, bool overdueOnly = false) =>
                (await excel.ExportAsync(overdueOnly, user, ct)).ToHttpResult(bytes => ImportEndpoint.Template(bytes, "receivables.xlsx")))
            .ProducesWorkbook().WithName("ExportReceivables").RequireAuthorization(Policies.ReadContracts);
        receivables.MapGet("/collection", async (ContractReceipts h, ClaimsPrincipal user, CancellationToken ct, DateOnly? from, DateOnly? to) =>
                (await h.CollectionAsync(from, to, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ListCollectionRates").RequireAuthorization(Policies.ReadContracts);
        return app;
    }
}
