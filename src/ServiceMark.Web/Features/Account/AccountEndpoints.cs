using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;
using ServiceMark.Web.Infrastructure.Localization;

namespace ServiceMark.Web.Features.Account;

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record MeView(string UserName, string DisplayName, IReadOnlyList<string> Roles, PersonView? Person);

public static partial class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Sign-in");

        // Bearer tokens for API clients; the response is written by the bearer handler (access + refresh token).
        auth.MapPost("/token", async (TokenRequest request, SignInManager<AppUser> signIn, ILoggerFactory logs, HttpContext http) =>
            {
                var errors = new FieldErrors();
                errors.Required("userName", request.UserName);
                errors.Required("password", request.Password);
                if (request.UserName is { Length: > ServiceMarkSignInManager.MaxUserNameLength })
                {
                    errors.Add("userName", "too_long", $"userName must be at most {ServiceMarkSignInManager.MaxUserNameLength} characters.");
                }

                if (errors.Any)
                {
                    return Problems.From(errors.ToRefusal());
                }

                signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
                var result = await signIn.PasswordSignInAsync(request.UserName!, request.Password!, isPersistent: false, lockoutOnFailure: true);
                if (result.Succeeded)
                {
                    return Results.Empty;
                }

                LogSignInFailed(logs.CreateLogger("ServiceMark.SignIn"), ForLog(request.UserName!), http.Connection.RemoteIpAddress?.ToString(), result.IsLockedOut);
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                    detail: result.IsLockedOut ? "The account is locked after repeated failures. Try again later." : "Wrong user name or password.");
            })
            .Produces<AccessTokenResponse>(StatusCodes.Status200OK).WithName("CreateToken").AllowAnonymous();

        // A bearer token cannot be deleted from the client's hands: a new security stamp makes every token and cookie of this
        // account stop working at once (all devices).
        auth.MapPost("/logout", async (ClaimsPrincipal user, UserManager<AppUser> users) =>
            {
                if (await users.GetUserAsync(user) is { } account)
                {
                    await users.UpdateSecurityStampAsync(account);
                }

                return TypedResults.NoContent();
            })
            .WithName("SignOut").RequireAuthorization();

        app.MapGet("/api/v1/me", async (ClaimsPrincipal user, PeopleHandlers people, CancellationToken ct) =>
                new MeView(
                    user.Identity!.Name!,
                    user.DisplayName(),
                    user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
                    user.PersonId() is { } id ? await people.GetAsync(id, ct) : null))
            .WithTags("Sign-in").WithName("GetMe").RequireAuthorization();

        app.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<AppUser> signIn, ClaimsPrincipal user) =>
            {
                // As the API's sign-out: a copy of this cookie (or a token of this account) stops working too.
                if (await signIn.UserManager.GetUserAsync(user) is { } account)
                {
                    await signIn.UserManager.UpdateSecurityStampAsync(account);
                }

                await signIn.SignOutAsync();
                return Results.LocalRedirect("/account/login");
            })
            .ExcludeFromDescription().RequireAuthorization();

        // Language switch: a cookie read by request localisation; only local return addresses are followed.
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
            {
                var chosen = Cultures.Supported.Contains(culture) ? culture : Cultures.Default;
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
                return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
            })
            .ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    /// <summary>
    /// A plain path on this site: one leading slash, not "//host" or "/\\host", and no control characters (a tab or line
    /// break after the slash would make browsers read "/\t/evil.example" as another host, and LocalRedirect throws on it).
    /// The language switch and the sign-in page both follow a return address only when this says so.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);

    /// <summary>What a failed sign-in logs of the typed name: short, and no control characters that could forge log lines.</summary>
    public static string ForLog(string userName)
    {
        const int Shown = 64;
        var shown = userName.Length > Shown ? string.Concat(userName.AsSpan(0, Shown), $"…({userName.Length} chars)") : userName;
        return string.Create(shown.Length, shown, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '?' : s[i];
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in failed for {UserName} from {Address} (locked out: {LockedOut})")]
    public static partial void LogSignInFailed(ILogger logger, string userName, string? address, bool lockedOut);
}
