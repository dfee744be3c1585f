using Microsoft.EntityFrameworkCore;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Infrastructure.Jobs;

/// <summary>
/// Saving what a job may write once only (a reminder, an alert): the row's unique key is what makes it once, across restarts,
/// crashes and two instances. A refused insert takes the rows saved with it (its notifications) along.
/// </summary>
public static class SaveOnce
{
    /// <summary>
    /// Saves the changes of <paramref name="db"/>; false when the save was refused because a concurrent run had already saved
    /// the same (<paramref name="alreadySaved"/>, asked on a context of its own, says so); any other failure is thrown.
    /// </summary>
    public static async Task<bool> SaveOnceAsync(this IDbContextFactory<AppDbContext> contexts, AppDbContext db,
        Func<AppDbContext, CancellationToken, Task<bool>> alreadySaved, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            await using var check = await contexts.CreateDbContextAsync(ct);
            if (await alreadySaved(check, ct))
            {
                return false;
            }

            throw;
        }
    }
}
