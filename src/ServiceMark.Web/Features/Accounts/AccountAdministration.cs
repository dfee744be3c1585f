using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Accounts;

public sealed record AccountView(string UserName, bool IsLockedOut, bool IsAdministrator);

public sealed record CreateAccountRequest(string? UserName);

/// <summary>A generated password, shown to the administrator once and never stored in clear.</summary>
public sealed record IssuedPassword(string UserName, string Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Sign-in accounts of people: created and reset by admins and HR; each person changes their own password.</summary>
public sealed class AccountAdministration(UserManager<AppUser> users, IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public async Task<AccountView?> ForPersonAsync(int personId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.PersonId == personId, ct);
        return account is null ? null : new AccountView(account.UserName!, account.LockoutEnd > clock.GetUtcNow(), account.IsAdministrator);
    }

    public async Task<Result<IssuedPassword>> CreateAsync(int personId, CreateAccountRequest request, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return Refusal.NotFound("Person");
        }

        if (!person.IsActive)
        {
            return Refusal.Conflict("person_inactive", "A deactivated person cannot get a sign-in.");
        }

        if (await db.Users.AnyAsync(u => u.PersonId == personId, ct))
        {
            return Refusal.Conflict("account_exists", "This person already has a sign-in; reset its password instead.");
        }

        var userName = string.IsNullOrWhiteSpace(request.UserName) ? person.EmployeeNumber : request.UserName.Trim();
        var password = AdminAccounts.GeneratePassword();
        var account = new AppUser { UserName = userName, DisplayName = person.Name, PersonId = personId, LockoutEnabled = true };
        var result = await users.CreateAsync(account, password);
        return result.Succeeded ? new IssuedPassword(userName, password) : Invalid("userName", result);
    }

    public async Task<Result<IssuedPassword>> ResetPasswordAsync(int personId, ClaimsPrincipal by, CancellationToken ct = default)
    {
        if (by.PersonId() == personId)
        {
            return Refusal.Conflict("own_account", "Change your own password on the password page, with your current password.");
        }

        var account = await users.Users.FirstOrDefaultAsync(u => u.PersonId == personId, ct);
        if (account is null)
        {
            return Refusal.NotFound("Sign-in");
        }

        var password = AdminAccounts.GeneratePassword();
        var token = await users.GeneratePasswordResetTokenAsync(account);
        var result = await users.ResetPasswordAsync(account, token, password);
        if (!result.Succeeded)
        {
            return Invalid("password", result);
        }

        await users.SetLockoutEndDateAsync(account, null); // a reset also lifts a lockout after failed attempts
        await users.ResetAccessFailedCountAsync(account);
        return new IssuedPassword(account.UserName!, password);
    }

    /// <summary>Changes the signed-in user's password; the new security stamp ends their other sessions.</summary>
    public async Task<Result<AppUser>> ChangeOwnPasswordAsync(ClaimsPrincipal user, ChangePasswordRequest request)
    {
        var errors = new FieldErrors();
        errors.Required("currentPassword", request.CurrentPassword);
        errors.Required("newPassword", request.NewPassword);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var account = await users.GetUserAsync(user);
        if (account is null)
        {
            return Refusal.NotFound("Sign-in");
        }

        var result = await users.ChangePasswordAsync(account, request.CurrentPassword!, request.NewPassword!);
        if (result.Succeeded)
        {
            return account;
        }

        var field = result.Errors.Any(e => e.Code == "PasswordMismatch") ? "currentPassword" : "newPassword";
        return Invalid(field, result);
    }

    private static Refusal Invalid(string field, IdentityResult result) =>
        Refusal.Invalid(result.Errors.Select(e => new FieldError(field, CodeOf(e), e.Description)).ToList());

    private static string CodeOf(IdentityError error) => error.Code switch
    {
        "DuplicateUserName" => "duplicate",
        "InvalidUserName" => "format",
        "PasswordMismatch" => "wrong_password",
        _ => "password_rule",
    };
}
