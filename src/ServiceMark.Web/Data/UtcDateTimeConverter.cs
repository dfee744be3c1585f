using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ServiceMark.Web.Data;

/// <summary>
/// Every DateTime in the model is a UTC instant. SQLite hands values back without a kind; the rules (calendar,
/// SLA clocks) refuse non-UTC input, so values are marked UTC on the way out of the database.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

/// <summary>
/// Reads a UTC instant from a data reader without the provider's general parser where that is the cost: SQLite hands
/// DateTime back as text ("yyyy-MM-dd HH:mm:ss.FFFFFFF", EF Core's format) and Microsoft.Data.Sqlite parses it with
/// DateTime.Parse, which was a third of scoring a quarter (bench/README.md). Same ticks, same UTC kind as the converter.
/// </summary>
internal static class UtcReader
{
    public static DateTime? Read(System.Data.Common.DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        return reader.GetFieldType(ordinal) == typeof(string)
            ? ParseText(reader.GetString(ordinal))
            : DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
    }

    /// <summary>EF Core's SQLite text format, exactly; anything else goes through DateTime.Parse as before.</summary>
    public static DateTime ParseText(string s)
    {
        if (s.Length is >= 19 and <= 27 && s[4] == '-' && s[7] == '-' && s[10] is ' ' or 'T' && s[13] == ':' && s[16] == ':'
            && (s.Length == 19 || (s[19] == '.' && s.Length > 20))
            && TryDigits(s, 0, 4, out var year) && TryDigits(s, 5, 2, out var month) && TryDigits(s, 8, 2, out var day)
            && TryDigits(s, 11, 2, out var hour) && TryDigits(s, 14, 2, out var minute) && TryDigits(s, 17, 2, out var second)
            && (s.Length == 19 || TryDigits(s, 20, s.Length - 20, out _))
            && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year is >= 1 and <= 9999 ? year : 1, month)
            && hour < 24 && minute < 60 && second < 60)
        {
            var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks;
            if (s.Length > 19)
            {
                TryDigits(s, 20, s.Length - 20, out var fraction);
                for (var i = s.Length - 20; i < 7; i++)
                {
                    fraction *= 10;
                }

                ticks += fraction;
            }

            return new DateTime(ticks, DateTimeKind.Utc);
        }

        return DateTime.SpecifyKind(DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
    }

    private static bool TryDigits(string s, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            if (s[i] is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
