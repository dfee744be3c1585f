using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ServiceMark.Web.Infrastructure.Auth;

/// <summary>
/// Sign-in that does not tell known user names from unknown ones by its timing (issue 10, point 7): for a name that has no
/// account the password is still checked, against a hash of a random password, so both take one password hash.
/// </summary>
public sealed class ServiceMarkSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>Longer names are refused before any lookup (and never logged whole): no account has one.</summary>
    public const int MaxUserNameLength = 256;

    private static readonly AppUser Nobody = new() { UserName = "", SecurityStamp = "" };
    private static string? nobodysHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = userName.Length > MaxUserNameLength ? null : await UserManager.FindByNameAsync(userName);
        if (user is not null)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }

        // The same work as a wrong password for a real account, and the same answer.
        nobodysHash ??= UserManager.PasswordHasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        UserManager.PasswordHasher.VerifyHashedPassword(Nobody, nobodysHash, password);
        return SignInResult.Failed;
    }
}
