using System.Linq.Expressions;
using System.Security.Claims;

namespace ServiceMark.Web.Infrastructure.Auth;

/// <summary>
/// Who sees which records of a kind that belongs to people (contracts, returns, installation plans): the roles that see
/// them all, and for everyone else their own — the records the filter relates to them. The server applies it to every read.
/// </summary>
public sealed class RoleScope<T>(IReadOnlyList<string> seeAll, Func<int, Expression<Func<T, bool>>> own)
{
    public bool SeesAll(ClaimsPrincipal user) => seeAll.Any(user.IsInRole);

    /// <summary>The records the user may see: all of them, or their own (nothing when they are no person).</summary>
    public IQueryable<T> Visible(IQueryable<T> all, ClaimsPrincipal user) => SeesAll(user) ? all : all.Where(own(user.PersonId() ?? -1));
}
