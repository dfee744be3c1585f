using System.Security.Claims;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Expenses;

/// <summary>
/// A setting kept once per key (a labour rate per grade, a standard cost per job type), created or changed under the version
/// its reader saw. A stored one starts at version 1, as every saved change counts up from there: a second "first" one
/// (version 0), or two firsts at once (the key's unique index), is then stale — a 409, never a silent overwrite.
/// </summary>
internal static class KeyedSettings
{
    /// <summary>Saves the new setting (<paramref name="create"/>) or the change of <paramref name="existing"/>; the refusal, if any.</summary>
    public static async Task<Refusal?> SaveAsync<T>(AppDbContext db, T? existing, Func<Result<T>> create, Func<T, Refusal?> change, int version,
        ClaimsPrincipal user, CancellationToken ct)
        where T : class, IVersioned
    {
        if (existing is null)
        {
            var created = create();
            if (created.Refusal is { } refused)
            {
                return refused;
            }

            created.Value!.Version = 1;
            db.Add(created.Value!);
        }
        else
        {
            db.Entry(existing).Property(nameof(IVersioned.Version)).OriginalValue = version;
            if (change(existing) is { } refused)
            {
                return refused;
            }
        }

        return await db.TrySaveAsync(user, ct) ? null : Refusal.StaleVersion();
    }
}
