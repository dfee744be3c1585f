using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;

namespace ServiceMark.Web.Infrastructure.Auth;

/// <summary>
/// An open browser tab (a Blazor circuit) holds the sign-in it was opened with; cookies are checked per request, but a circuit
/// makes no requests. This re-checks the account's security stamp every ServiceMark:SessionRevalidationSeconds (30 by default:
/// one primary-key read per open tab per interval), so a tab left open ends soon after a sign-out elsewhere, a password change
/// or reset, or deactivation — the route view then sends it to the sign-in page.
/// </summary>
public sealed class CircuitSessionValidation(ILoggerFactory logs, IServiceScopeFactory scopes, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval =>
        TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("ServiceMark:SessionRevalidationSeconds", 30), 1, 3600));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        if (state.User.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        return await signIn.ValidateSecurityStampAsync(state.User) is not null;
    }
}
