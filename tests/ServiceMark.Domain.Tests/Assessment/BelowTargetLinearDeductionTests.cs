using CsCheck;
using ServiceMark.Domain.Assessment;
using static ServiceMark.Domain.Tests.Assessment.ScoringTestSupport;

namespace ServiceMark.Domain.Tests.Assessment;

[Trait("Rule", "R-ASM-3")]
public sealed class BelowTargetLinearDeductionTests
{
    private static readonly BelowTargetLinearDeduction Seed = new(15m, 95m, 1m);

    [Theory]
    [InlineData("100", "15")]
    [InlineData("95", "15")]
    [InlineData("94.99", "14.99")]
    [InlineData("93.5", "13.5")]
    [InlineData("90", "10")]
    [InlineData("80", "0")]
    [InlineData("79", "0")]
    [InlineData("0", "0")]
    public void Seed_004_each_point_below_95_costs_one_with_part_points(string measured, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Seed.Score(decimal.Parse(measured, System.Globalization.CultureInfo.InvariantCulture)).Points);

    [Fact]
    public void The_arithmetic_shows_the_shortfall_and_the_deduction()
    {
        Assert.Equal("95 − 93.5 = 1.5 pp below × 1 = −1.5 → 15 − 1.5 = 13.5", Seed.Score(93.5m).Arithmetic);
        Assert.Equal("96 ≥ 95 target → full 15", Seed.Score(96m).Arithmetic);
    }

    [Theory]
    [InlineData("93.5", "14")]
    [InlineData("94.99", "15")]
    [InlineData("94", "14")]
    [InlineData("93.99", "14")]
    [InlineData("93", "13")]
    public void Whole_points_only_counts_the_floor_of_the_shortfall(string measured, string expected)
    {
        var rule = Seed with { WholePointsOnly = true };
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            rule.Score(decimal.Parse(measured, System.Globalization.CultureInfo.InvariantCulture)).Points);
    }

    [Fact]
    public void Whole_points_arithmetic_names_the_counted_points() =>
        Assert.Equal("95 − 93.5 = 1.5 pp below, whole points 1 × 1 = −1 → 15 − 1 = 14", (Seed with { WholePointsOnly = true }).Score(93.5m).Arithmetic);

    [Fact]
    public void Never_below_zero_unless_the_plan_allows_it()
    {
        var rule = Seed with { DeductionPerPoint = 2m };
        Assert.Equal(0m, rule.Score(80m).Points);
        Assert.EndsWith("= −15, not below 0 → 0", rule.Score(80m).Arithmetic);
        Assert.Equal(-15m, (rule with { AllowNegative = true }).Score(80m).Points);
        Assert.Equal(0m, rule.Score(87.5m).Points); // exactly 0
    }

    [Fact]
    public void Rounds_once_at_the_end()
    {
        var rule = new BelowTargetLinearDeduction(10m, 95m, 0.333m);
        var result = rule.Score(94m); // 10 − 0.333 = 9.667
        Assert.Equal(9.67m, result.Points);
        Assert.EndsWith("= 9.667 ≈ 9.67", result.Arithmetic);
    }

    [Fact]
    public void Nothing_measured_is_not_scored() => Assert.Equal(ScoreResult.NotScored, Seed.Score(null));

    [Theory]
    [InlineData("-0.01")]
    [InlineData("100.01")]
    public void A_measured_value_outside_0_to_100_is_an_argument_error(string measured) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Seed.Score(decimal.Parse(measured, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Check_lists_every_invalid_parameter()
    {
        Assert.False(Seed.Check().Any);
        Assert.Equal(["points:negative", "targetPercent:out_of_range", "deductionPerPoint:negative"],
            Codes(new BelowTargetLinearDeduction(-1m, 100.5m, -1m).Check()));
        Assert.Equal(["targetPercent:out_of_range"], Codes(new BelowTargetLinearDeduction(1m, -0.1m, 1m).Check()));
        Assert.False(new BelowTargetLinearDeduction(0m, 0m, 0m).Check().Any);
        Assert.False(new BelowTargetLinearDeduction(0m, 100m, 0m).Check().Any);
    }

    [Fact]
    public void An_invalid_rule_refuses_to_score() =>
        Assert.Throws<InvalidOperationException>(() => new BelowTargetLinearDeduction(-1m, 95m, 1m).Score(90m));

    private static readonly Gen<BelowTargetLinearDeduction> Rules =
        Gen.Select(Gen.Int[0, 10_000], Percent, Gen.Int[0, 1_000], Gen.Bool, Gen.Bool)
            .Select((p, t, d, whole, negative) => new BelowTargetLinearDeduction(p / 100m, t, d / 100m, whole, negative));

    [Fact]
    public void More_measured_never_gives_fewer_points() =>
        Gen.Select(Rules, Percent, Percent).Sample((rule, a, b) =>
            rule.Score(Math.Min(a, b)).Points <= rule.Score(Math.Max(a, b)).Points);

    [Fact]
    public void Results_are_within_0_and_Points_unless_negative_is_allowed_and_have_at_most_2_decimals() =>
        Gen.Select(Rules, Percent).Sample((rule, m) =>
        {
            var points = rule.Score(m).Points!.Value;
            return HasAtMostTwoDecimals(points) && points <= rule.Points && (rule.AllowNegative || points >= 0);
        });
}
