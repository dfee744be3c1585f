using System.Security.Claims;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Features.Accounts;

public static class AccountAdministrationEndpoints
{
    public static IEndpointRouteBuilder MapAccountAdministrationEndpoints(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/v1/people/{id:int}/account").WithTags("Sign-in");
        people.MapGet("/", async (int id, AccountAdministration accounts, CancellationToken ct) =>
                Problems.OkOrNotFound(await accounts.ForPersonAsync(id, ct), "Sign-in"))
            .WithName("GetPersonAccount").RequireAuthorization(Policies.ManageAccounts);
        people.MapPost("/", async (int id, CreateAccountRequest request, AccountAdministration accounts, ClaimsPrincipal user, CancellationToken ct) =>
                (await accounts.CreateAsync(id, request, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("CreatePersonAccount").RequireAuthorization(Policies.ManageAccounts);
        people.MapPost("/reset-password", async (int id, ResetPasswordRequest? request, AccountAdministration accounts, ClaimsPrincipal user, CancellationToken ct) =>
                (await accounts.ResetPasswordAsync(id, request ?? new ResetPasswordRequest(null), user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ResetPersonPassword").RequireAuthorization(Policies.ManageAccounts);

        app.MapPost("/api/v1/account/password", async (ChangePasswordRequest request, AccountAdministration accounts, ClaimsPrincipal user) =>
                (await accounts.ChangeOwnPasswordAsync(user, request)).ToHttp(_ => TypedResults.NoContent()))
            .WithTags("Sign-in").WithName("ChangeOwnPassword").RequireAuthorization();
        return app;
    }
}
