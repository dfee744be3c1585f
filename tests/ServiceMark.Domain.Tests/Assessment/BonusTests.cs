using CsCheck;
using ServiceMark.Domain.Assessment;
using static ServiceMark.Domain.Tests.Assessment.ScoringTestSupport;

namespace ServiceMark.Domain.Tests.Assessment;

[Trait("Rule", "R-ASM-3")]
public sealed class PerIncidentBonusTests
{
    [Fact]
    public void Ten_per_customer_stamped_commissioning_report()
    {
        var rule = new PerIncidentBonus(10m);
        Assert.Equal(0m, rule.Score(0).Points);
        Assert.Equal(30m, rule.Score(3).Points);
        Assert.Null(rule.MaxPoints);
        Assert.Equal("3 × 10 = 30", rule.Score(3).Arithmetic);
    }

    [Fact]
    public void The_cap_limits_the_bonus()
    {
        var rule = new PerIncidentBonus(10m, 20m);
        Assert.Equal(10m, rule.Score(1).Points);
        Assert.Equal(20m, rule.Score(2).Points);
        Assert.Equal(20m, rule.Score(3).Points);
        Assert.Equal("3 × 10 = 30, capped at 20 → 20", rule.Score(3).Arithmetic);
        Assert.Equal(20m, rule.MaxPoints);
    }

    [Fact]
    public void Rounds_once_at_the_end()
    {
        var result = new PerIncidentBonus(0.333m).Score(3);
        Assert.Equal(1m, result.Points);
        Assert.Equal("3 × 0.333 = 0.999 ≈ 1", result.Arithmetic);
    }

    [Fact]
    public void No_count_is_not_scored_and_a_negative_count_is_an_argument_error()
    {
        Assert.Equal(ScoreResult.NotScored, new PerIncidentBonus(10m).Score(null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerIncidentBonus(10m).Score(-1));
    }

    [Fact]
    public void Check_lists_every_invalid_parameter()
    {
        Assert.False(new PerIncidentBonus(10m, 0m).Check().Any);
        Assert.Equal(["perIncident:negative", "cap:negative"], Codes(new PerIncidentBonus(-10m, -1m).Check()));
        Assert.Throws<InvalidOperationException>(() => new PerIncidentBonus(-10m).Score(1));
    }

    [Fact]
    public void More_incidents_never_give_fewer_points_and_never_exceed_the_cap() =>
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 10_000].Nullable(), Gen.Int[0, 500], Gen.Int[0, 500]).Sample((per, cap, a, b) =>
        {
            var rule = new PerIncidentBonus(per / 1000m, cap / 100m);
            var fewer = rule.Score(Math.Min(a, b)).Points!.Value;
            var more = rule.Score(Math.Max(a, b)).Points!.Value;
            return fewer <= more && fewer >= 0 && (rule.Cap is null || more <= rule.Cap) && HasAtMostTwoDecimals(more);
        });
}

[Trait("Rule", "R-ASM-3")]
public sealed class ProportionalBonusTests
{
    private static readonly ProportionalBonus Seed = new(20_000m, 2m);

    [Theory]
    [InlineData("0", "0")]
    [InlineData("20000", "2")]
    [InlineData("50000", "5")]
    [InlineData("19999", "2")] // 1.9999 → 2.00
    [InlineData("10000", "1")]
    [InlineData("1234.56", "0.12")] // 0.123456
    [InlineData("1250", "0.13")] // 0.125 → 0.13 half away from zero
    public void Contract_amount_over_20000_times_2(string amount, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Seed.Score(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).Points);

    [Fact]
    public void The_arithmetic_shows_the_division()
    {
        Assert.Equal("50000 ÷ 20000 × 2 = 5", Seed.Score(50_000m).Arithmetic);
        Assert.Equal("⌊50000 ÷ 20000⌋ = 2 units × 2 = 4", (Seed with { WholeUnitsOnly = true }).Score(50_000m).Arithmetic);
        Assert.Equal("50000 ÷ 20000 × 2 = 5, capped at 4 → 4", (Seed with { Cap = 4m }).Score(50_000m).Arithmetic);
    }

    [Fact]
    public void Whole_units_only_counts_complete_units()
    {
        var rule = Seed with { WholeUnitsOnly = true };
        Assert.Equal(0m, rule.Score(19_999.99m).Points);
        Assert.Equal(2m, rule.Score(20_000m).Points);
        Assert.Equal(4m, rule.Score(59_999m).Points);
    }

    [Fact]
    public void The_cap_limits_the_bonus()
    {
        var rule = Seed with { Cap = 10m };
        Assert.Equal(10m, rule.Score(100_000m).Points);
        Assert.Equal(10m, rule.Score(1_000_000m).Points);
        Assert.Equal(9.9m, rule.Score(99_000m).Points);
    }

    [Fact]
    public void No_amount_is_not_scored_and_a_negative_amount_is_an_argument_error()
    {
        Assert.Equal(ScoreResult.NotScored, Seed.Score(null));
        Assert.Throws<ArgumentOutOfRangeException>(() => Seed.Score(-0.01m));
    }

    [Fact]
    public void Check_lists_every_invalid_parameter()
    {
        Assert.False(Seed.Check().Any);
        Assert.Equal(["unitAmount:not_positive", "pointsPerUnit:negative", "cap:negative"], Codes(new ProportionalBonus(0m, -2m, -1m).Check()));
        Assert.Equal(["unitAmount:not_positive"], Codes(new ProportionalBonus(-1m, 2m).Check()));
        Assert.Throws<InvalidOperationException>(() => new ProportionalBonus(0m, 2m).Score(1m));
    }

    [Fact]
    public void More_amount_never_gives_fewer_points_and_never_exceeds_the_cap() =>
        Gen.Select(Gen.Int[1, 10_000_000], Gen.Int[0, 1_000], Gen.Int[0, 10_000].Nullable(), Gen.Bool, Amount, Amount)
            .Sample((unit, per, cap, whole, a, b) =>
            {
                var rule = new ProportionalBonus(unit / 100m, per / 100m, cap / 100m, whole);
                var less = rule.Score(Math.Min(a, b)).Points!.Value;
                var more = rule.Score(Math.Max(a, b)).Points!.Value;
                return less <= more && less >= 0 && (rule.Cap is null || more <= rule.Cap) && HasAtMostTwoDecimals(more);
            });
}
