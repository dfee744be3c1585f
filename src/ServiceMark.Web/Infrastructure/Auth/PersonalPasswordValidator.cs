using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Infrastructure.Auth;

/// <summary>
/// A new password must differ from the current one and must not contain the user name or the employee number: both are
/// known to colleagues and are the first guesses (issue 10, point 7).
/// </summary>
internal sealed class PersonalPasswordValidator(AppDbContext db) : IPasswordValidator<AppUser>
{
    public const string SameAsCurrent = "PasswordSameAsCurrent";
    public const string ContainsName = "PasswordContainsName";

    /// <summary>Shorter names ("hr", "gm") occur by chance inside ordinary passphrases; refusing them would only annoy.</summary>
    private const int ShortestNameChecked = 3;

    public async Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return IdentityResult.Success; // the length rule speaks for an empty password
        }

        var errors = new List<IdentityError>();

        // Validation runs before the new hash is stored, so the hash here is still the current password's.
        if (user.PasswordHash is { } hash && manager.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed)
        {
            errors.Add(new IdentityError { Code = SameAsCurrent, Description = "The new password must differ from the current one." });
        }

        var employeeNumber = user.PersonId is { } personId
            ? await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.EmployeeNumber).FirstOrDefaultAsync()
            : null;
        if (Contains(password, user.UserName) || Contains(password, employeeNumber))
        {
            errors.Add(new IdentityError { Code = ContainsName, Description = "The password must not contain your user name or employee number." });
        }

        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    private static bool Contains(string password, string? name) =>
        name is { Length: >= ShortestNameChecked } && password.Contains(name.Trim(), StringComparison.OrdinalIgnoreCase);
}
