using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Expenses;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Expenses;

/// <summary>Which money documents a list shows.</summary>
public enum ExpenseScope
{
    /// <summary>My own.</summary>
    Mine,

    /// <summary>Waiting for my decision: my team's (a superior) or everyone's but mine (the department head).</summary>
    ToDecide,

    /// <summary>Approved and waiting to be paid (HR).</summary>
    ToPay,

    /// <summary>Advances paid and not yet settled by a claim (money held).</summary>
    Outstanding,

    /// <summary>All I may see.</summary>
    All,
}

/// <summary>
/// Who sees and decides on a person's advances and claims. Money is personal: a person sees their own, a leader their direct
/// reports', and the department head, HR, the GM and the administrator everyone's — never a colleague's. A decision is the
/// person's superior's, or the department head's for anyone but the head; nobody decides or pays their own.
/// </summary>
internal static class ExpenseAccess
{
    private static bool SeesAll(ClaimsPrincipal user) =>
        user.IsInRole(RoleNames.DepartmentHead) || user.IsInRole(RoleNames.Hr) || user.IsInRole(RoleNames.GeneralManager) || user.IsInRole(RoleNames.Admin);

    public static IQueryable<T> Visible<T>(AppDbContext db, IQueryable<T> all, ClaimsPrincipal user) where T : class, IExpenseDocument
    {
        if (SeesAll(user))
        {
            return all;
        }

        var me = user.PersonId() ?? -1;
        return all.Where(d => d.PersonId == me || db.People.Any(p => p.Id == d.PersonId && p.SuperiorId == me));
    }

    /// <summary>The documents waiting for this user's decision: their reports' (a superior), everyone else's (the department head).</summary>
    public static IQueryable<T> Decidable<T>(AppDbContext db, IQueryable<T> all, ClaimsPrincipal user) where T : class, IExpenseDocument
    {
        if (!user.Can(Policies.ApproveExpenses) || user.PersonId() is not { } me)
        {
            return all.Where(_ => false);
        }

        return user.IsInRole(RoleNames.DepartmentHead)
            ? all.Where(d => d.PersonId != me)
            : all.Where(d => d.PersonId != me && db.People.Any(p => p.Id == d.PersonId && p.SuperiorId == me));
    }

    /// <summary>Null when this user may decide on <paramref name="personId"/>'s document; the self rule is answered as such.</summary>
    public static async Task<Refusal?> CheckDeciderAsync(AppDbContext db, ClaimsPrincipal user, int personId, string what, CancellationToken ct)
    {
        if (!user.Can(Policies.ApproveExpenses) || user.PersonId() is not { } me)
        {
            return Refusal.Forbidden("Only the person's superior or the department head decides.");
        }

        if (SegregationOfDuties.RefuseSelf(me, personId, what) is { } self)
        {
            return self;
        }

        return user.IsInRole(RoleNames.DepartmentHead) || await db.People.AnyAsync(p => p.Id == personId && p.SuperiorId == me, ct)
            ? null
            : Refusal.Forbidden("Only the person's superior or the department head decides.");
    }
}
