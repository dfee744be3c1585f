using CsCheck;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Tests.Assessment;

internal static class ScoringTestSupport
{
    /// <summary>Percentages 0–100 with up to 4 decimals.</summary>
    public static readonly Gen<decimal> Percent = Gen.Int[0, 1_000_000].Select(i => i / 10_000m);

    /// <summary>Non-negative amounts with up to 2 decimals.</summary>
    public static readonly Gen<decimal> Amount = Gen.Long[0, 100_000_000].Select(i => i / 100m);

    public static bool HasAtMostTwoDecimals(decimal value) => value == Rounding.Round(value);

    public static IEnumerable<string> Codes(FieldErrors errors) => errors.All.Select(e => $"{e.Field}:{e.Code}");
}
