using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Infrastructure.Auth;

/// <summary>
/// Ends sessions on the server (issue 10): every request's token or cookie must carry the account's current security stamp.
/// Sign-out, a password change or reset and deactivation each write a new stamp, so what was issued before stops working at
/// once, on every instance — the check is one primary-key read of the account, no cache to invalidate.
/// </summary>
public static class SessionValidation
{
    private const string MustChangePasswordKey = "ServiceMark.MustChangePassword";

    /// <summary>Bearer tokens: the handler has no post-validation event, so the token is read here and its stamp checked.</summary>
    public static async Task OnBearerMessageReceived(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return;
        }

        var ticket = context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..]);
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires)
        {
            return; // the handler refuses unreadable and expired tokens itself
        }

        if (await CurrentAccountAsync(context.HttpContext, ticket.Principal) is null)
        {
            context.Fail("The session has ended.");
        }
    }

    /// <summary>Cookies: the stamp on every request; Identity's validator then re-issues the roles at its own interval.</summary>
    public static async Task OnCookieValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || await CurrentAccountAsync(context.HttpContext, context.Principal) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>Whether this request's account must change its password before doing anything else.</summary>
    public static bool MustChangePassword(HttpContext context) => context.Items.ContainsKey(MustChangePasswordKey);

    private static async Task<AppUser?> CurrentAccountAsync(HttpContext http, ClaimsPrincipal principal)
    {
        var signIn = http.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        var account = await signIn.ValidateSecurityStampAsync(principal);
        if (account is { MustChangePassword: true })
        {
            http.Items[MustChangePasswordKey] = true;
        }

        return account;
    }

    /// <summary>
    /// While the password must be changed, the API answers 403 (code password_change_required) except for changing it,
    /// reading who one is and signing out; pages redirect to the password page, which explains why.
    /// </summary>
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!MustChangePassword(context) || IsAllowedWhileChangeIsDue(context.Request))
            {
                await next(context);
                return;
            }

            if (context.Request.Path.StartsWithSegments("/api"))
            {
                var refusal = new Refusal(RefusalKind.Forbidden, PasswordChangeRequired,
                    "Your password was issued by someone else: change it (POST /api/v1/account/password) before doing anything else.", []);
                await Problems.From(refusal).ExecuteAsync(context);
                return;
            }

            context.Response.Redirect(PasswordPage);
        });

    public const string PasswordChangeRequired = "password_change_required";
    public const string PasswordPage = "/account/password";

    private static bool IsAllowedWhileChangeIsDue(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/api"))
        {
            return (HttpMethods.IsPost(request.Method) && (path.Equals("/api/v1/account/password", StringComparison.OrdinalIgnoreCase)
                    || path.StartsWithSegments("/api/v1/auth", StringComparison.OrdinalIgnoreCase)))
                || (HttpMethods.IsGet(request.Method) && path.Equals("/api/v1/me", StringComparison.OrdinalIgnoreCase));
        }

        // The sign-in and password pages, sign-out, the language switch, and the files the pages load (scripts, styles, the Blazor runtime).
        return path.StartsWithSegments("/account") || path.StartsWithSegments("/culture") || path.StartsWithSegments("/_framework")
            || path.StartsWithSegments("/_content") || path.StartsWithSegments("/_blazor") || Path.HasExtension(path.Value);
    }
}
