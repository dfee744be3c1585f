using System.Globalization;
using CsCheck;
using ServiceMark.Domain.Assessment;
using static ServiceMark.Domain.Tests.Assessment.ScoringTestSupport;

namespace ServiceMark.Domain.Tests.Assessment;

[Trait("Rule", "R-ASM-3")]
public sealed class BandedTests
{
    /// <summary>Seed 004: "90–95 % → 12–15 points; 80–90 % → 8–12; 60–80 % → 0–8".</summary>
    private static readonly Banded Seed = new(15m, [new Band(90m, 95m, 12m, 15m), new Band(80m, 90m, 8m, 12m), new Band(60m, 80m, 0m, 8m)]);

    [Theory]
    [InlineData("92.5", "13.5")]
    [InlineData("85", "10")]
    [InlineData("95", "15")]
    [InlineData("100", "15")]
    [InlineData("60", "0")]
    [InlineData("59.99", "0")]
    [InlineData("0", "0")]
    [InlineData("80", "8")]
    [InlineData("90", "12")]
    [InlineData("89.99", "12")] // 11.996 → 12.00
    [InlineData("94.99", "14.99")] // 14.994
    [InlineData("70", "4")]
    [InlineData("61", "0.4")]
    public void Seed_004_bands_interpolate_linearly(string measured, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), Seed.Score(decimal.Parse(measured, CultureInfo.InvariantCulture)).Points);

    [Fact]
    public void The_arithmetic_shows_the_band_and_the_interpolation()
    {
        Assert.Equal("92.5 in 90–95 % → 12–15: 12 + (92.5 − 90) ÷ (95 − 90) × (15 − 12) = 13.5", Seed.Score(92.5m).Arithmetic);
        Assert.Equal("100 ≥ 95 % (top of the bands) → 15", Seed.Score(100m).Arithmetic);
        Assert.Equal("59.99 < 60 % (below the bands) → 0", Seed.Score(59.99m).Arithmetic);
    }

    [Fact]
    public void Below_the_lowest_band_gives_the_configured_points()
    {
        var rule = Seed with { PointsOutsideBands = 1m };
        Assert.Equal(1m, rule.Score(10m).Points);
        Assert.Equal(0m, rule.Score(60m).Points);
    }

    /// <summary>Seed 004 invalid-service ratio: "≤ 2 % → 8–10; 2–5 % → 5–7; 5–10 % → 2–4; > 10 % → 0–1" (lower is better).</summary>
    private static readonly Banded LowerIsBetter = new(10m,
        [new Band(0m, 2m, 10m, 8m), new Band(2m, 5m, 7m, 5m), new Band(5m, 10m, 4m, 2m), new Band(10m, 100m, 1m, 0m)], LowerIsBetter: true);

    [Theory]
    [InlineData("0", "10")]
    [InlineData("1", "9")]
    [InlineData("2", "8")]
    [InlineData("2.01", "6.99")] // 7 − 0.01 ÷ 3 × 2 = 6.9933
    [InlineData("5", "5")]
    [InlineData("7.5", "3")]
    [InlineData("10", "2")]
    [InlineData("55", "0.5")]
    [InlineData("100", "0")]
    public void Seed_004_lower_is_better_bands_include_their_upper_bound(string measured, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), LowerIsBetter.Score(decimal.Parse(measured, CultureInfo.InvariantCulture)).Points);

    [Fact]
    public void Lower_is_better_outside_the_bands()
    {
        var rule = new Banded(10m, [new Band(2m, 5m, 10m, 5m)], 1m, LowerIsBetter: true);
        Assert.Equal(10m, rule.Score(0m).Points);
        Assert.Equal(1m, rule.Score(5.01m).Points);
        Assert.Equal("5.01 > 5 % (above the bands, lower is better) → 1", rule.Score(5.01m).Arithmetic);
        Assert.False(LowerIsBetter.Check().Any);
    }

    /// <summary>
    /// Exactly at the top band's upper bound a lower-is-better score is still in the band ((From, To]): its PointsAtTo, not the
    /// points outside the bands — the seed's top band ends at 100 % with 0 points either way, so only this rule tells them apart.
    /// </summary>
    [Fact]
    public void Lower_is_better_scored_exactly_at_its_upper_bound_is_in_the_band()
    {
        var rule = new Banded(10m, [new Band(2m, 5m, 10m, 5m)], 1m, LowerIsBetter: true);
        var atBound = rule.Score(5m);
        Assert.Equal(5m, atBound.Points);
        Assert.Equal("5 in 2–5 % → 10–5: 10 + (5 − 2) ÷ (5 − 2) × (5 − 10) = 5", atBound.Arithmetic);
        Assert.Equal(10m, rule.Score(2m).Points); // at the lower bound: the bottom of the bands, lower is better
        Assert.Equal(9.98m, rule.Score(2.01m).Points); // just inside: 10 − 0.01 ÷ 3 × 5 = 9.983
    }

    [Fact]
    public void Lower_is_better_bands_never_give_fewer_points_for_less() =>
        Gen.Select(Percent, Percent).Sample((a, b) => LowerIsBetter.Score(Math.Max(a, b)).Points <= LowerIsBetter.Score(Math.Min(a, b)).Points);

    [Fact]
    public void Nothing_measured_is_not_scored() => Assert.Equal(ScoreResult.NotScored, Seed.Score(null));

    [Fact]
    public void A_measured_value_outside_0_to_100_is_an_argument_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Seed.Score(-1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Seed.Score(100.01m));
    }

    [Fact]
    public void Check_accepts_the_seed() => Assert.False(Seed.Check().Any);

    [Fact]
    public void Check_finds_a_gap() =>
        Assert.Equal(["bands[1].fromPercent:gap"], Codes(new Banded(15m, [new Band(60m, 80m, 0m, 8m), new Band(81m, 90m, 8m, 12m)]).Check()));

    [Fact]
    public void Check_finds_an_overlap() =>
        Assert.Equal(["bands[0].fromPercent:overlap"], Codes(new Banded(15m, [new Band(79m, 90m, 8m, 12m), new Band(60m, 80m, 0m, 8m)]).Check()));

    [Fact]
    public void Check_finds_empty_and_missing_bands()
    {
        Assert.Equal(["bands:required"], Codes(new Banded(15m, []).Check()));
        Assert.Equal(["bands:required"], Codes(new Banded(15m, null!).Check()));
    }

    [Fact]
    public void Check_finds_bad_bounds_and_points() =>
        Assert.Equal(
        [
            "bands[0].fromPercent:out_of_range", "bands[0].toPercent:not_above_from", "bands[0].pointsAtFrom:out_of_range",
            "bands[0].pointsAtTo:out_of_range", "bands[1].toPercent:out_of_range", "pointsOutsideBands:out_of_range",
        ],
        Codes(new Banded(15m, [new Band(101m, 100m, 16m, -1m), new Band(100m, 101m, 0m, 0m)], -2m).Check()));

    [Fact]
    public void Negative_points_are_refused() =>
        Assert.Contains("points:negative", Codes(new Banded(-1m, [new Band(60m, 80m, 0m, 0m)]).Check()));

    [Fact]
    public void Points_above_the_indicator_maximum_are_refused() =>
        Assert.Equal(["bands[0].pointsAtTo:out_of_range"], Codes(new Banded(15m, [new Band(90m, 95m, 12m, 15.01m)]).Check()));

    [Fact]
    public void An_invalid_rule_refuses_to_score() => Assert.Throws<InvalidOperationException>(() => new Banded(15m, []).Score(90m));

    [Fact]
    public void More_measured_never_gives_fewer_points_for_rising_bands() =>
        Gen.Select(Percent, Percent).Sample((a, b) => Seed.Score(Math.Min(a, b)).Points <= Seed.Score(Math.Max(a, b)).Points);

    /// <summary>Random rising, touching bands over 0–100 with points within 0–Points.</summary>
    private static readonly Gen<Banded> RisingRules =
        Gen.Int[1, 100].Array[1, 6].SelectMany(cuts =>
        {
            var bounds = cuts.Distinct().Order().Where(c => c < 100).Prepend(0).Append(100).Select(c => (decimal)c).ToArray();
            return Gen.Int[0, 2000].Array[bounds.Length].Select(levels =>
            {
                var points = levels.Order().Select(l => l / 100m).ToArray();
                var bands = Enumerable.Range(0, bounds.Length - 1)
                    .Select(i => new Band(bounds[i], bounds[i + 1], points[i], points[i + 1])).ToList();
                return new Banded(20m, bands);
            });
        });

    [Fact]
    public void Random_rising_bands_are_valid_monotonic_within_points_and_rounded() =>
        Gen.Select(RisingRules, Percent, Percent).Sample((rule, a, b) =>
        {
            var low = rule.Score(Math.Min(a, b)).Points!.Value;
            var high = rule.Score(Math.Max(a, b)).Points!.Value;
            return !rule.Check().Any && low <= high && low >= 0 && high <= rule.Points && HasAtMostTwoDecimals(low) && HasAtMostTwoDecimals(high);
        });
}
