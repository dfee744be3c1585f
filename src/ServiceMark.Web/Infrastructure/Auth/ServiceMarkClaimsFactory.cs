using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Infrastructure.Auth;

/// <summary>Adds the roles that follow from the person's position (R-ORG-3) and the person id to the sign-in.</summary>
internal sealed class ServiceMarkClaimsFactory(
    UserManager<AppUser> userManager,
    IOptions<IdentityOptions> options,
    AppDbContext db) : UserClaimsPrincipalFactory<AppUser>(userManager, options)
{
    public const string PersonIdClaim = "servicemark:person";
    public const string DisplayNameClaim = "servicemark:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        if (user.IsAdministrator)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, RoleNames.Admin));
        }

        if (user.PersonId is { } personId)
        {
            identity.AddClaim(new Claim(PersonIdClaim, personId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var role = await db.People.Where(p => p.Id == personId && p.IsActive && p.Status != EmploymentStatus.Left)
                .Join(db.Positions, p => p.PositionId, pos => pos.Id, (p, pos) => pos.Role)
                .FirstOrDefaultAsync();
            if (role is not null)
            {
                identity.AddClaim(new Claim(ClaimTypes.Role, role));
            }
        }

        return identity;
    }
}

public static class ClaimsPrincipalExtensions
{
    public static int? PersonId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ServiceMarkClaimsFactory.PersonIdClaim), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(ServiceMarkClaimsFactory.DisplayNameClaim) is { Length: > 0 } name ? name : user.Identity?.Name ?? "";

    public static IReadOnlyCollection<string> Roles(this ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The 403 <c>self</c> refusal when the signed-in user is the person a write is about (any role, admin included), else
    /// null: every handler that writes about a person asks this one rule (<see cref="SegregationOfDuties"/>).
    /// </summary>
    public static Refusal? RefuseSelf(this ClaimsPrincipal user, int subjectPersonId, string what) =>
        SegregationOfDuties.RefuseSelf(user.PersonId(), subjectPersonId, what);

    public static bool Can(this ClaimsPrincipal user, string policy) =>
        Policies.Roles.TryGetValue(policy, out var roles) && roles.Any(user.IsInRole);
}
