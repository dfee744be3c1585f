using System.Security.Claims;
using ServiceMark.Web.Infrastructure.Errors;
using ServiceMark.Web.Infrastructure.Excel;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Budgets;

public static class BudgetEndpoints
{
    public static void MapBudgetEndpoints(this IEndpointRouteBuilder app)
    {
        var budgets = app.MapGroup("/api/v1/budgets").WithTags("Budgets");
        budgets.MapGet("/{year:int}", async (int year, Budgets h, CancellationToken ct) => (await h.CompareAsync(year, ct)).ToHttp(TypedResults.Ok))
            .WithName("CompareBudget").RequireAuthorization(Policies.ReadCosts);
        budgets.MapPut("/{year:int}", async (int year, BudgetRequest r, Budgets h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveAsync(year, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("SetBudget").RequireAuthorization(Policies.ManageBudgets);
        budgets.MapGet("/{year:int}/export", async (int year, BudgetExcel excel, CancellationToken ct) =>
                (await excel.ExportAsync(year, ct)).ToHttpResult(bytes => ImportEndpoint.Template(bytes, $"budget-{year}.xlsx")))
            .ProducesWorkbook().WithName("ExportBudget").RequireAuthorization(Policies.ReadCosts);
        budgets.MapGet("/{year:int}/revisions", (int year, Budgets h, CancellationToken ct) => h.RevisionsAsync(year, ct))
            .WithName("ListBudgetRevisions").RequireAuthorization(Policies.ReadCosts);
    }
}
