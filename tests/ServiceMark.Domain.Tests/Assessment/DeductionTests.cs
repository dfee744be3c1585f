using CsCheck;
using ServiceMark.Domain.Assessment;
using static ServiceMark.Domain.Tests.Assessment.ScoringTestSupport;

namespace ServiceMark.Domain.Tests.Assessment;

[Trait("Rule", "R-ASM-3")]
public sealed class PerIncidentDeductionTests
{
    [Fact]
    public void Five_per_valid_complaint_until_none_left()
    {
        var rule = new PerIncidentDeduction(15m, 5m);
        Assert.Equal(15m, rule.Score(0).Points);
        Assert.Equal(10m, rule.Score(1).Points);
        Assert.Equal(0m, rule.Score(3).Points);
        Assert.Equal(0m, rule.Score(4).Points);
        Assert.Equal("1 incident × 5 = −5 → 15 − 5 = 10", rule.Score(1).Arithmetic);
        Assert.Equal("4 incidents × 5 = −20 → 15 − 20 = −5, not below 0 → 0", rule.Score(4).Arithmetic);
    }

    [Fact]
    public void Two_and_a_half_per_occurrence()
    {
        var rule = new PerIncidentDeduction(10m, 2.5m);
        Assert.Equal(7.5m, rule.Score(1).Points);
        Assert.Equal(2.5m, rule.Score(3).Points);
        Assert.Equal(0m, rule.Score(4).Points);
        Assert.Equal(0m, rule.Score(5).Points);
    }

    [Fact]
    public void More_than_3_a_quarter_costs_one_for_each_above_3()
    {
        var rule = new PerIncidentDeduction(5m, 1m, AllowanceCount: 3);
        Assert.Equal(5m, rule.Score(0).Points);
        Assert.Equal(5m, rule.Score(3).Points);
        Assert.Equal(4m, rule.Score(4).Points);
        Assert.Equal(0m, rule.Score(8).Points);
        Assert.Equal(0m, rule.Score(20).Points);
        Assert.Equal("4 incidents, 3 allowed → 1 counted × 1 = −1 → 5 − 1 = 4", rule.Score(4).Arithmetic);
    }

    [Fact]
    public void A_negative_floor_lets_the_plan_go_below_0_down_to_it()
    {
        var rule = new PerIncidentDeduction(5m, 2m, Floor: -3m);
        Assert.Equal(-1m, rule.Score(3).Points);
        Assert.Equal(-3m, rule.Score(10).Points);
    }

    [Fact]
    public void Rounds_once_at_the_end() => Assert.Equal(9.67m, new PerIncidentDeduction(10m, 0.333m).Score(1).Points);

    [Fact]
    public void No_count_is_not_scored_and_a_negative_count_is_an_argument_error()
    {
        var rule = new PerIncidentDeduction(15m, 5m);
        Assert.Equal(ScoreResult.NotScored, rule.Score(null));
        Assert.Throws<ArgumentOutOfRangeException>(() => rule.Score(-1));
    }

    [Fact]
    public void Check_lists_every_invalid_parameter()
    {
        Assert.False(new PerIncidentDeduction(15m, 5m, 3).Check().Any);
        Assert.Equal(["points:negative", "perIncident:negative", "allowanceCount:negative", "floor:above_points"],
            Codes(new PerIncidentDeduction(-1m, -5m, -1, 0m).Check()));
        Assert.Equal(["floor:above_points"], Codes(new PerIncidentDeduction(5m, 1m, Floor: 6m).Check()));
        Assert.Throws<InvalidOperationException>(() => new PerIncidentDeduction(5m, -1m).Score(1));
    }

    private static readonly Gen<PerIncidentDeduction> Rules =
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 1_000], Gen.Int[0, 5])
            .Select((p, d, allowance) => new PerIncidentDeduction(p / 100m, d / 100m, allowance));

    [Fact]
    public void More_incidents_never_give_more_points_and_results_stay_within_0_and_Points() =>
        Gen.Select(Rules, Gen.Int[0, 200], Gen.Int[0, 200]).Sample((rule, a, b) =>
        {
            var fewer = rule.Score(Math.Min(a, b)).Points!.Value;
            var more = rule.Score(Math.Max(a, b)).Points!.Value;
            return more <= fewer && more >= 0 && fewer <= rule.Points && HasAtMostTwoDecimals(fewer) && HasAtMostTwoDecimals(more);
        });
}

[Trait("Rule", "R-ASM-3")]
public sealed class PerErrorDeductionTests
{
    [Fact]
    public void Each_work_error_costs_3_until_none_left()
    {
        var rule = new PerErrorDeduction(10m);
        Assert.Equal(3m, rule.PerError);
        Assert.Equal(10m, rule.Score(0).Points);
        Assert.Equal(7m, rule.Score(1).Points);
        Assert.Equal(1m, rule.Score(3).Points);
        Assert.Equal(0m, rule.Score(4).Points);
        Assert.Equal("2 errors × 3 = −6 → 10 − 6 = 4", rule.Score(2).Arithmetic);
        Assert.Equal("4 errors × 3 = −12 → 10 − 12 = −2, not below 0 → 0", rule.Score(4).Arithmetic);
        Assert.Equal(0m, new PerErrorDeduction(9m).Score(3).Points);
    }

    [Fact]
    public void No_count_is_not_scored_and_a_negative_count_is_an_argument_error()
    {
        Assert.Equal(ScoreResult.NotScored, new PerErrorDeduction(10m).Score(null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerErrorDeduction(10m).Score(-1));
    }

    [Fact]
    public void Check_lists_every_invalid_parameter()
    {
        Assert.False(new PerErrorDeduction(10m).Check().Any);
        Assert.Equal(["points:negative", "perError:negative"], Codes(new PerErrorDeduction(-1m, -3m).Check()));
        Assert.Throws<InvalidOperationException>(() => new PerErrorDeduction(-1m).Score(0));
    }

    [Fact]
    public void More_errors_never_give_more_points_and_results_stay_within_0_and_Points() =>
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 1_000], Gen.Int[0, 100], Gen.Int[0, 100]).Sample((p, d, a, b) =>
        {
            var rule = new PerErrorDeduction(p / 100m, d / 100m);
            var fewer = rule.Score(Math.Min(a, b)).Points!.Value;
            var more = rule.Score(Math.Max(a, b)).Points!.Value;
            return more <= fewer && more >= 0 && fewer <= rule.Points && HasAtMostTwoDecimals(more);
        });
}
