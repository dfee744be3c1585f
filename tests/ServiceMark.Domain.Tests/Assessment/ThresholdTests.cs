using CsCheck;
using ServiceMark.Domain.Assessment;
using static ServiceMark.Domain.Tests.Assessment.ScoringTestSupport;

namespace ServiceMark.Domain.Tests.Assessment;

[Trait("Rule", "R-ASM-3")]
public sealed class ThresholdTests
{
    private static readonly Threshold Seed = new(80m, 5m);

    [Fact]
    public void At_or_above_the_threshold_gives_the_points_and_below_gives_the_other()
    {
        Assert.Equal(5m, Seed.Score(80m).Points);
        Assert.Equal(5m, Seed.Score(100m).Points);
        Assert.Equal(0m, Seed.Score(79.99m).Points);
        Assert.Equal(0m, Seed.Score(0m).Points);
        Assert.Equal(2m, (Seed with { PointsOtherwise = 2m }).Score(79.99m).Points);
        Assert.Equal("80 ≥ 80 % → 5", Seed.Score(80m).Arithmetic);
        Assert.Equal("79.99 < 80 % → 0", Seed.Score(79.99m).Arithmetic);
    }

    [Fact]
    public void Nothing_measured_is_not_scored_and_out_of_range_is_an_argument_error()
    {
        Assert.Equal(ScoreResult.NotScored, Seed.Score(null));
        Assert.Throws<ArgumentOutOfRangeException>(() => Seed.Score(100.5m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Seed.Score(-0.5m));
    }

    [Fact]
    public void Check_lists_every_invalid_parameter()
    {
        Assert.False(Seed.Check().Any);
        Assert.Equal(["thresholdPercent:out_of_range", "pointsIfMet:negative", "pointsOtherwise:negative"], Codes(new Threshold(101m, -1m, -2m).Check()));
        Assert.Equal(["pointsOtherwise:above_points_if_met"], Codes(new Threshold(80m, 5m, 6m).Check()));
        Assert.Throws<InvalidOperationException>(() => new Threshold(80m, 5m, 6m).Score(90m));
    }

    private static readonly Gen<Threshold> Rules =
        Gen.Select(Percent, Gen.Int[0, 2000], Gen.Int[0, 2000])
            .Select((t, a, b) => new Threshold(t, Math.Max(a, b) / 100m, Math.Min(a, b) / 100m));

    [Fact]
    public void More_measured_never_gives_fewer_points_and_results_stay_within_0_and_the_points() =>
        Gen.Select(Rules, Percent, Percent).Sample((rule, a, b) =>
        {
            var low = rule.Score(Math.Min(a, b)).Points!.Value;
            var high = rule.Score(Math.Max(a, b)).Points!.Value;
            return low <= high && low >= 0 && high <= rule.PointsIfMet && HasAtMostTwoDecimals(low) && HasAtMostTwoDecimals(high);
        });
}
