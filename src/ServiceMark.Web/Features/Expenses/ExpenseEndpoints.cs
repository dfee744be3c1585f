using System.Security.Claims;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;
using ServiceMark.Web.Infrastructure.Excel;

namespace ServiceMark.Web.Features.Expenses;

public static class ExpenseEndpoints
{
    public static IEndpointRouteBuilder MapExpenseEndpoints(this IEndpointRouteBuilder app)
    {
        var allowances = app.MapGroup("/api/v1/allowances").WithTags("Expenses");
        allowances.MapGet("/", (Allowances h, CancellationToken ct, bool includeInactive = false) => h.ListAsync(includeInactive, ct))
            .WithName("ListAllowances").RequireAuthorization(Policies.ReadExpenses);
        allowances.MapPost("/", async (AllowanceRequest r, Allowances h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveAsync(null, r, user, ct)).ToHttp(a => TypedResults.Created($"/api/v1/allowances/{a.Id}", a)))
            .WithName("CreateAllowance").RequireAuthorization(Policies.ManageAllowances);
        allowances.MapPut("/{id:int}", async (int id, AllowanceRequest r, Allowances h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdateAllowance").RequireAuthorization(Policies.ManageAllowances);

        var rates = app.MapGroup("/api/v1/labour-rates").WithTags("Expenses");
        rates.MapGet("/", (TicketCosts h, CancellationToken ct) => h.ListRatesAsync(ct))
            .WithName("ListLabourRates").RequireAuthorization(Policies.ReadCosts);
        rates.MapPut("/", async (LabourRateRequest r, TicketCosts h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveRateAsync(r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("SetLabourRate").RequireAuthorization(Policies.ManageAllowances);
        var standards = app.MapGroup("/api/v1/standard-costs").WithTags("Expenses");
        standards.MapGet("/", (StandardCosts h, CancellationToken ct) => h.ListAsync(ct))
            .WithName("ListStandardCosts").RequireAuthorization(Policies.ReadCosts);
        standards.MapPut("/", async (StandardCostRequest r, StandardCosts h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveAsync(r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("SetStandardCost").RequireAuthorization(Policies.ManageBudgets);
        app.MapGet("/api/v1/tickets/{id:int}/cost", async (int id, TicketCosts h, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.ForTicketAsync(id, ct), "Ticket"))
            .WithTags("Expenses").WithName("GetTicketCost").RequireAuthorization(Policies.ReadCosts);
        app.MapGet("/api/v1/service-costs", async (CostSummaries h, CancellationToken ct, DateOnly? from, DateOnly? to, CostGrouping by = CostGrouping.Month,
                int page = 1, int pageSize = 50) => (await h.SummariseAsync(from, to, by, page, pageSize, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Expenses").WithName("SummariseServiceCosts").RequireAuthorization(Policies.ReadCosts);
        app.MapGet("/api/v1/service-costs/export", async (CostSummaryExcel excel, CancellationToken ct, DateOnly? from, DateOnly? to, CostGrouping by = CostGrouping.Month) =>
                (await excel.ExportAsync(from, to, by, ct)).ToHttpResult(bytes => ImportEndpoint.Template(bytes, "service-costs.xlsx")))
            .WithTags("Expenses").ProducesWorkbook().WithName("ExportServiceCosts").RequireAuthorization(Policies.ReadCosts);

        app.MapGet("/api/v1/tickets/{id:int}/paid-service", async (int id, PaidServices h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ForTicketAsync(id, user, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Expenses").WithName("GetTicketPaidService").RequireAuthorization(Policies.WorkOnTickets);
        app.MapPost("/api/v1/tickets/{id:int}/paid-service", async (int id, PaidServiceRequest r, PaidServices h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.RequestAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Expenses").WithName("RequestPaidService").RequireAuthorization(Policies.WorkOnTickets);
        app.MapPost("/api/v1/tickets/{id:int}/cash-hand-overs", async (int id, CashHandOverRequest r, PaidServices h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.HandOverAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Expenses").WithName("HandOverCash").RequireAuthorization(Policies.WorkOnTickets);
        var paid = app.MapGroup("/api/v1/paid-services").WithTags("Expenses");
        paid.MapGet("/to-decide", (PaidServices h, ClaimsPrincipal user, CancellationToken ct) => h.ToDecideAsync(user, ct))
            .WithName("ListPaidServicesToDecide").RequireAuthorization(Policies.WorkOnTickets);
        paid.MapPost("/{id:int}/{action}", async (int id, string action, ExpenseStepRequest r, PaidServices h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ActAsync(id, action, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ActOnPaidService").RequireAuthorization(Policies.WorkOnTickets);
        var cash = app.MapGroup("/api/v1/cash-hand-overs").WithTags("Expenses");
        cash.MapGet("/unconfirmed", (PaidServices h, ClaimsPrincipal user, CancellationToken ct) => h.UnconfirmedAsync(user, ct))
            .WithName("ListUnconfirmedCash").RequireAuthorization(Policies.ReadExpenses);
        cash.MapPost("/{id:int}/confirm", async (int id, ExpenseStepRequest r, PaidServices h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ConfirmAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ConfirmCash").RequireAuthorization(Policies.PayExpenses);

        var advances = app.MapGroup("/api/v1/advances").WithTags("Expenses");
        advances.MapGet("/", (Advances h, ClaimsPrincipal user, CancellationToken ct, ExpenseScope scope = ExpenseScope.All, int page = 1, int pageSize = 25) =>
                h.ListAsync(scope, user, page, pageSize, ct))
            .WithName("ListAdvances").RequireAuthorization(Policies.ReadExpenses);
        advances.MapGet("/outstanding", (Advances h, ClaimsPrincipal user, CancellationToken ct) => h.OutstandingByPersonAsync(user, ct))
            .WithName("ListOutstandingAdvances").RequireAuthorization(Policies.ReadExpenses);
        advances.MapGet("/{id:int}", async (int id, Advances h, ClaimsPrincipal user, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.GetAsync(id, user, ct), "Advance"))
            .WithName("GetAdvance").RequireAuthorization(Policies.ReadExpenses);
        advances.MapPost("/", async (AdvanceRequest r, Advances h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.RequestAsync(r, user, ct)).ToHttp(a => TypedResults.Created($"/api/v1/advances/{a.Id}", a)))
            .WithName("RequestAdvance").RequireAuthorization(Policies.FileExpenses);
        advances.MapPost("/{id:int}/{action}", async (int id, string action, ExpenseStepRequest r, Advances h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ActAsync(id, action, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ActOnAdvance").RequireAuthorization(Policies.ReadExpenses);

        var claims = app.MapGroup("/api/v1/expense-claims").WithTags("Expenses");
        claims.MapGet("/", (ExpenseClaims h, ClaimsPrincipal user, CancellationToken ct, ExpenseScope scope = ExpenseScope.All, int page = 1, int pageSize = 25) =>
                h.ListAsync(scope, user, page, pageSize, ct))
            .WithName("ListExpenseClaims").RequireAuthorization(Policies.ReadExpenses);
        claims.MapGet("/export", async (ExpenseClaimsExcel excel, ClaimsPrincipal user, CancellationToken ct, DateOnly? from, DateOnly? to,
                Domain.Expenses.ExpenseClaimStatus? status) =>
                (await excel.ExportAsync(from, to, status, user, ct)).ToHttpResult(bytes => ImportEndpoint.Template(bytes, "expense-claims.xlsx")))
            .ProducesWorkbook().WithName("ExportExpenseClaims").RequireAuthorization(Policies.ReadExpenses);
        claims.MapGet("/{id:int}", async (int id, ExpenseClaims h, ClaimsPrincipal user, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.GetAsync(id, user, ct), "Expense claim"))
            .WithName("GetExpenseClaim").RequireAuthorization(Policies.ReadExpenses);
        claims.MapPost("/", async (ExpenseClaimRequest r, ExpenseClaims h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.DraftAsync(r, user, ct)).ToHttp(c => TypedResults.Created($"/api/v1/expense-claims/{c.Id}", c)))
            .WithName("DraftExpenseClaim").RequireAuthorization(Policies.FileExpenses);
        claims.MapPut("/{id:int}", async (int id, ExpenseClaimRequest r, ExpenseClaims h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.EditAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("EditExpenseClaim").RequireAuthorization(Policies.FileExpenses);
        claims.MapPost("/{id:int}/{action}", async (int id, string action, ExpenseStepRequest r, ExpenseClaims h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ActAsync(id, action, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ActOnExpenseClaim").RequireAuthorization(Policies.ReadExpenses);
        return app;
    }
}
