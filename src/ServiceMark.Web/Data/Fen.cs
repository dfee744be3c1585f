using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ServiceMark.Web.Data;

/// <summary>Money stored as whole fen (分): exact, and an integer every database sums and compares as a number (SQLite keeps decimals as text).</summary>
internal static class Fen
{
    public static readonly ValueConverter<decimal, long> Converter = new(v => (long)(v * 100m), f => f / 100m);

    public static readonly ValueConverter<decimal?, long?> NullableConverter =
        new(v => v == null ? null : (long)(v.Value * 100m), f => f == null ? null : f.Value / 100m);
}
