using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Web.Infrastructure.Audit;

namespace ServiceMark.Web.Data;

public static class SaveExtensions
{
    /// <summary>
    /// Saves as this user (the audit rows name them and the reason); false when a row's version was stale,
    /// i.e. someone else saved it first — the caller answers 409 and nothing was written.
    /// </summary>
    public static async Task<bool> TrySaveAsync(this AppDbContext db, ClaimsPrincipal user, CancellationToken ct, string? reason = null)
    {
        db.Actor = Actor.From(user);
        db.ChangeReason = reason;
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
