using System.Security.Claims;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Features.Returns;

public static class ReturnEndpoints
{
    public static IEndpointRouteBuilder MapReturnEndpoints(this IEndpointRouteBuilder app)
    {
        var returns = app.MapGroup("/api/v1/returns").WithTags("Returns");
        returns.MapGet("/", (ProductReturns h, ClaimsPrincipal user, CancellationToken ct, ReturnFilter filter = ReturnFilter.Open, string? search = null,
                int? personId = null, int page = 1, int pageSize = 25) => h.ListAsync(filter, search, personId, user, page, pageSize, ct))
            .WithName("ListReturns").RequireAuthorization(Policies.ReadReturns);
        returns.MapGet("/{id:int}", async (int id, ProductReturns h, ClaimsPrincipal user, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.GetAsync(id, user, ct), "Return"))
            .WithName("GetReturn").RequireAuthorization(Policies.ReadReturns);
        returns.MapPost("/", async (ReturnRequest r, ProductReturns h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ReceiveAsync(r, user, ct)).ToHttp(x => TypedResults.Created($"/api/v1/returns/{x.Id}", x)))
            .WithName("ReceiveReturn").RequireAuthorization(Policies.ManageReturns);
        returns.MapPost("/{id:int}/{action}", async (int id, string action, ReturnStepRequest r, ProductReturns h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ActAsync(id, action, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ActOnReturn").RequireAuthorization(Policies.ReadReturns);
        return app;
    }
}
