using System.Globalization;

namespace ServiceMark.Domain.Grading;

/// <summary>A technical-grade certificate (技术等级证书, <c>GradeCertificate</c>): issued after approval and filing (R-GRD-4).</summary>
public sealed record GradeCertificate(
    string Number, int PersonId, string SchemeCode, string LevelCode, DateOnly IssuedOn, DateOnly EffectiveFrom);

/// <summary>
/// Certificate numbers: <c>{prefix}-{year}-{sequence}</c>, the sequence counting from 1 within the year of issue and written
/// with 4 digits — "ZS-2026-0001" (ZS for 证书). Deterministic and sortable as text within a year. A sequence beyond 9999 is
/// refused rather than widened, so that every number of a year has the same length.
/// </summary>
public static class GradeCertificateNumber
{
    public const string DefaultPrefix = "ZS";
    public const int MaxSequence = 9999;

    /// <summary>The number of the <paramref name="sequence"/>-th certificate issued in <paramref name="year"/>.</summary>
    public static string Format(int year, int sequence, string prefix = DefaultPrefix)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxSequence);
        if (string.IsNullOrWhiteSpace(prefix) || !prefix.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException("The prefix is one or more capital letters A–Z.", nameof(prefix));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year:0000}-{sequence:0000}");
    }

    /// <summary>The year and sequence of a number in this format, or null.</summary>
    public static (string Prefix, int Year, int Sequence)? Parse(string? number)
    {
        var parts = number?.Split('-');
        if (parts is not { Length: 3 } || parts[0].Length == 0 || !parts[0].All(char.IsAsciiLetterUpper)
            || parts[1].Length != 4 || parts[2].Length != 4
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || year < 2000 || sequence < 1)
        {
            return null;
        }

        return (parts[0], year, sequence);
    }

    /// <summary>The next number in <paramref name="year"/>: one above the highest sequence already issued that year with the prefix.</summary>
    public static string Next(IEnumerable<string> issued, int year, string prefix = DefaultPrefix)
    {
        var highest = issued.Select(Parse)
            .Where(p => p is { } v && v.Year == year && v.Prefix == prefix)
            .Select(p => p!.Value.Sequence)
            .DefaultIfEmpty(0)
            .Max();
        return Format(year, highest + 1, prefix);
    }
}
