namespace ServiceMark.Web.Features.Parts;

/// <summary>The instant the parts documents record.</summary>
internal static class PartsTime
{
    /// <summary>Now in UTC, to the microsecond: what PostgreSQL keeps, so a saved instant reads back equal on both providers.</summary>
    public static DateTime StoredUtcNow(this TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % 10));
    }
}
