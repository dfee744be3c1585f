using Microsoft.AspNetCore.Identity;

namespace ServiceMark.Web.Infrastructure.Auth;

/// <summary>A sign-in account. Its roles come from the linked person's position (R-ORG-3), plus admin when granted.</summary>
public sealed class AppUser : IdentityUser
{
    public int? PersonId { get; set; }
    public bool IsAdministrator { get; set; }
    public string DisplayName { get; set; } = "";
}
