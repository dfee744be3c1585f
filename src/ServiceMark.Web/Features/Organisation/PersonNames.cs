using Microsoft.EntityFrameworkCore;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Organisation;

/// <summary>People shown by name on the documents that mention them by id.</summary>
public static class PersonNames
{
    /// <summary>Names of the people a page of documents mentions, in one read.</summary>
    public static async Task<Dictionary<int, string>> OfAsync(AppDbContext db, IEnumerable<int?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<int>().Distinct().ToList();
        return await db.People.Where(p => wanted.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
    }
}
