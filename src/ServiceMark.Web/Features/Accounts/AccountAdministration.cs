using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Audit;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Accounts;

public sealed record AccountView(string UserName, bool IsLockedOut, bool IsAdministrator);

public sealed record CreateAccountRequest(string? UserName);

/// <summary>A reset always says why: the reason goes into the audit log with who reset whose sign-in and when.</summary>
public sealed record ResetPasswordRequest(string? Reason);

/// <summary>
/// A generated one-time password, shown to the administrator once and never stored in clear. It works only to choose a new
/// password at the first sign-in (<see cref="MustChangePassword"/>).
/// </summary>
public sealed record IssuedPassword(string UserName, string Password, bool MustChangePassword = true);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Sign-in accounts of people: created and reset by admins and HR; each person changes their own password.</summary>
public sealed class AccountAdministration(UserManager<AppUser> users, IDbContextFactory<AppDbContext> contexts, AppDbContext identityDb, TimeProvider clock)
{
    public const int ReasonMaxLength = 500;

    public async Task<AccountView?> ForPersonAsync(int personId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.PersonId == personId, ct);
        return account is null ? null : new AccountView(account.UserName!, account.LockoutEnd > clock.GetUtcNow(), account.IsAdministrator);
    }

    public async Task<Result<IssuedPassword>> CreateAsync(int personId, CreateAccountRequest request, ClaimsPrincipal by, CancellationToken ct = default)
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

        if (await RefuseAuthorityAsync(db, by, personId, isAdministrator: false, ct) is { } refused)
        {
            return refused;
        }

        var userName = string.IsNullOrWhiteSpace(request.UserName) ? person.EmployeeNumber : request.UserName.Trim();
        var password = AdminAccounts.GeneratePassword();
        var account = new AppUser
        {
            UserName = userName, DisplayName = person.Name, PersonId = personId, LockoutEnabled = true, MustChangePassword = true,
        };

        // The audit row is saved by the same SaveChanges as the account (UserManager uses this scope's context).
        identityDb.AuditEntries.Add(AuditOf(by, personId, "AccountCreated", userName, reason: null));
        var result = await users.CreateAsync(account, password);
        if (!result.Succeeded)
        {
            identityDb.ChangeTracker.Clear();
            return Invalid("userName", result);
        }

        return new IssuedPassword(userName, password);
    }

    /// <summary>
    /// Issues a one-time password that must be changed at the next sign-in, ends the person's sessions (new security stamp)
    /// and writes who reset whose sign-in, when and why to the audit log — in one save.
    /// </summary>
    public async Task<Result<IssuedPassword>> ResetPasswordAsync(int personId, ResetPasswordRequest request, ClaimsPrincipal by, CancellationToken ct = default)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > ReasonMaxLength)
        {
            return Refusal.Invalid("reason", "required", $"reason is required: say why the password is reset (at most {ReasonMaxLength} characters).");
        }

        if (by.PersonId() == personId)
        {
            return Refusal.Conflict("own_account", "Change your own password on the password page, with your current password.");
        }

        var account = await users.Users.FirstOrDefaultAsync(u => u.PersonId == personId, ct);
        if (account is null)
        {
            return Refusal.NotFound("Sign-in");
        }

        await identityDb.Entry(account).ReloadAsync(ct); // a page's scope lives long: never reset from a stale copy
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await RefuseAuthorityAsync(db, by, personId, account.IsAdministrator, ct) is { } refused)
        {
            return refused;
        }

        if (!await db.People.AnyAsync(p => p.Id == personId && p.IsActive, ct))
        {
            // Deactivation blocks the sign-in; lifting that block belongs to reactivation, not to a reset.
            return Refusal.Conflict("person_inactive", "The person is deactivated: reactivate them before resetting the password.");
        }

        var password = AdminAccounts.GeneratePassword();
        var token = await users.GeneratePasswordResetTokenAsync(account);

        // ResetPasswordAsync writes a new security stamp (ending every session) and saves these with it.
        account.MustChangePassword = true;
        account.LockoutEnd = null; // a reset also lifts a lockout after failed attempts
        account.AccessFailedCount = 0;
        identityDb.AuditEntries.Add(AuditOf(by, personId, "PasswordReset", account.UserName!, reason));
        var result = await users.ResetPasswordAsync(account, token, password);
        if (!result.Succeeded)
        {
            identityDb.ChangeTracker.Clear();
            return Invalid("password", result);
        }

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

        var mustChange = account.MustChangePassword;
        account.MustChangePassword = false; // saved with the new hash and stamp, or put back below
        var result = await users.ChangePasswordAsync(account, request.CurrentPassword!, request.NewPassword!);
        if (result.Succeeded)
        {
            return account;
        }

        account.MustChangePassword = mustChange;

        var field = result.Errors.Any(e => e.Code == "PasswordMismatch") ? "currentPassword" : "newPassword";
        return Invalid(field, result);
    }

    /// <summary>
    /// HR may not take over the sign-in of someone above them (the GM, a VP, the department head, an administrator): the
    /// person's position decides, whatever their status. Admins may manage every account.
    /// </summary>
    private static async Task<Refusal?> RefuseAuthorityAsync(AppDbContext db, ClaimsPrincipal by, int personId, bool isAdministrator, CancellationToken ct)
    {
        var roles = await db.People.Where(p => p.Id == personId)
            .Join(db.Positions, p => p.PositionId, pos => pos.Id, (_, pos) => pos.Role)
            .ToListAsync(ct);
        if (isAdministrator)
        {
            roles.Add(Domain.Organisation.RoleNames.Admin);
        }

        return Policies.MayManageAccountWith(by, roles)
            ? null
            : new Refusal(RefusalKind.Forbidden, "account_above_you",
                "This sign-in belongs to someone above you (general manager, vice president, department head or administrator): ask an administrator.", []);
    }

    private AuditEntry AuditOf(ClaimsPrincipal by, int personId, string action, string userName, string? reason)
    {
        var actor = Actor.From(by);
        return new AuditEntry
        {
            OccurredAtUtc = clock.GetUtcNow().UtcDateTime,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            EntityType = "Account",
            EntityId = personId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Action = action,

            // Never the password: only whose sign-in it was and that a change is due.
            AfterJson = System.Text.Json.JsonSerializer.Serialize(new { PersonId = personId, UserName = userName, MustChangePassword = true }),
            Reason = reason,
            CorrelationId = System.Diagnostics.Activity.Current?.TraceId.ToString(),
        };
    }

    private static Refusal Invalid(string field, IdentityResult result) =>
        Refusal.Invalid(result.Errors.Select(e => new FieldError(field, CodeOf(e), e.Description)).ToList());

    private static string CodeOf(IdentityError error) => error.Code switch
    {
        "DuplicateUserName" => "duplicate",
        "InvalidUserName" => "format",
        "PasswordMismatch" => "wrong_password",
        PersonalPasswordValidator.SameAsCurrent => "same_as_current",
        PersonalPasswordValidator.ContainsName => "contains_name",
        _ => "password_rule",
    };
}
