using Microsoft.AspNetCore.Identity;

namespace ServiceMark.Web.Infrastructure.Auth;

/// <summary>A sign-in account. Its roles come from the linked person's position (R-ORG-3), plus admin when granted.</summary>
public sealed class AppUser : IdentityUser
{
    public int? PersonId { get; set; }
    public bool IsAdministrator { get; set; }
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// Set when an administrator or HR issued the password (a new account or a reset): until the person chooses their own,
    /// they may only change it, read who they are and sign out — nobody keeps working on a password somebody else knows.
    /// </summary>
    public bool MustChangePassword { get; set; }
}
