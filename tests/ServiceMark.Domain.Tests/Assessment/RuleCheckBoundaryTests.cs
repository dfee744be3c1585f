using ServiceMark.Domain.Assessment;
using static ServiceMark.Domain.Tests.Assessment.ScoringTestSupport;

namespace ServiceMark.Domain.Tests.Assessment;

/// <summary>Each configuration limit of a scoring rule allowed at its value and refused just past it (found by tools/mutation.sh).</summary>
[Trait("Rule", "R-ASM-3")]
public sealed class RuleCheckBoundaryTests
{
    [Fact]
    public void A_threshold_may_give_the_same_points_either_way_but_not_more_when_missed()
    {
        Assert.False(new Threshold(80m, 5m, 5m).Check().Any);
        Assert.Equal(["pointsOtherwise:above_points_if_met"], Codes(new Threshold(80m, 5m, 5.01m).Check()));
    }

    [Fact]
    public void A_per_incident_floor_may_equal_the_points_but_not_exceed_them()
    {
        Assert.False(new PerIncidentDeduction(10m, 2m, 0, 10m).Check().Any);
        Assert.Equal(["floor:above_points"], Codes(new PerIncidentDeduction(10m, 2m, 0, 10.01m).Check()));
    }

    [Fact]
    public void A_band_of_no_width_is_refused()
    {
        Assert.Contains("bands[0].toPercent:not_above_from", Codes(new Banded(10m, [new Band(50m, 50m, 5m, 5m)]).Check()));
        Assert.False(new Banded(10m, [new Band(50m, 50.01m, 5m, 5m)]).Check().Any);
    }
}
