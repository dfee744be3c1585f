using System.Security.Claims;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Features.Installations;

public static class InstallationEndpoints
{
    public static IEndpointRouteBuilder MapInstallationEndpoints(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/v1/installations").WithTags("Installations");
        plans.MapGet("/", (InstallationPlans h, ClaimsPrincipal user, CancellationToken ct, InstallationFilter filter = InstallationFilter.Open, string? search = null,
                int page = 1, int pageSize = 25) => h.ListAsync(filter, search, user, page, pageSize, ct))
            .WithName("ListInstallations").RequireAuthorization(Policies.ReadInstallations);
        plans.MapGet("/{id:int}", async (int id, InstallationPlans h, ClaimsPrincipal user, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.GetAsync(id, user, ct), "Installation plan"))
            .WithName("GetInstallation").RequireAuthorization(Policies.ReadInstallations);
        plans.MapPost("/", async (InstallationRequest r, InstallationPlans h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.PlanAsync(r, user, ct)).ToHttp(x => TypedResults.Created($"/api/v1/installations/{x.Id}", x)))
            .WithName("PlanInstallation").RequireAuthorization(Policies.ManageInstallations);
        plans.MapPut("/{id:int}", async (int id, InstallationRequest r, InstallationPlans h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.EditAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("EditInstallation").RequireAuthorization(Policies.ManageInstallations);
        plans.MapPost("/{id:int}/release", async (int id, InstallationStepRequest r, InstallationPlans h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ReleaseAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ReleaseInstallation").RequireAuthorization(Policies.ManageInstallations);
        plans.MapPost("/{id:int}/cancel", async (int id, InstallationStepRequest r, InstallationPlans h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.CancelAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("CancelInstallation").RequireAuthorization(Policies.ManageInstallations);
        return app;
    }
}
