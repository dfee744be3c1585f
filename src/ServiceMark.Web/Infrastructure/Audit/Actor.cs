using System.Security.Claims;

namespace ServiceMark.Web.Infrastructure.Audit;

/// <summary>Who makes a change: written into every audit row of that change.</summary>
public sealed record Actor(string? UserId, string Name)
{
    public static readonly Actor System = new(null, "system");

    public static Actor From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "anonymous");
}
