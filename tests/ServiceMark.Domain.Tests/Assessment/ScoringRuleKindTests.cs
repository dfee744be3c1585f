using ServiceMark.Domain.Assessment;

namespace ServiceMark.Domain.Tests.Assessment;

[Trait("Rule", "R-ASM-3")]
public sealed class ScoringRuleKindTests
{
    private static readonly ScoringRule[] OneOfEach =
    [
        new BelowTargetLinearDeduction(15m, 95m, 1m),
        new Banded(15m, [new Band(60m, 80m, 0m, 8m)]),
        new Threshold(80m, 5m),
        new PerIncidentDeduction(15m, 5m),
        new PerIncidentBonus(10m),
        new ProportionalBonus(20_000m, 2m),
        new RatingScale(8m, RatingScaleKind.FourPoint),
        new ManualScore(-10m, 10m),
        new PerErrorDeduction(10m),
    ];

    [Fact]
    public void Every_rule_has_its_own_kind_and_the_list_names_them_all()
    {
        Assert.Equal(ScoringRuleKind.All, OneOfEach.Select(r => r.Kind));
        Assert.Equal(ScoringRuleKind.All.Count, ScoringRuleKind.All.Distinct().Count());
        Assert.All(OneOfEach, r => Assert.False(r.Check().Any));
    }

    [Fact]
    public void A_deduction_of_nothing_shows_no_negative_zero()
    {
        Assert.Equal("0 incidents × 5 = 0 → 15 − 0 = 15", new PerIncidentDeduction(15m, 5m).Score(0).Arithmetic);
        Assert.Equal("95 − 94.5 = 0.5 pp below, whole points 0 × 1 = 0 → 15 − 0 = 15",
            new BelowTargetLinearDeduction(15m, 95m, 1m, WholePointsOnly: true).Score(94.5m).Arithmetic);
    }
}
