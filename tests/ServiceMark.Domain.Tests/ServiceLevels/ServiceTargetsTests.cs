using ServiceMark.Domain.ServiceLevels;

namespace ServiceMark.Domain.Tests.ServiceLevels;

[Trait("Rule", "R-SLA-5")]
public sealed class ServiceTargetsTests
{
    private static readonly ServiceTargets T = ServiceTargets.Default;

    [Fact]
    public void Defaults_are_the_seed_targets()
    {
        Assert.Equal((90m, 85m, 3m), (T.TimelinessRatePercentMin, T.SatisfactionRatePercentMin, T.ServiceComplaintRatePercentBelow));
        Assert.Equal((90m, 24m, 72m, 5m), (T.ComplaintEngineerSatisfactionPercentMin, T.ComplaintEngineerResponseHoursMax,
            T.ComplaintEngineerResolutionHoursMax, T.ComplaintEngineerComplaintRatePercentMax));
        Assert.False(ServiceTargets.Check(T).Any);
    }

    [Fact]
    public void Each_target_compares_the_way_the_seed_says()
    {
        Assert.True(T.TimelinessMet(90m));
        Assert.False(T.TimelinessMet(89.99m));
        Assert.True(T.SatisfactionMet(85m));
        Assert.False(T.SatisfactionMet(84.99m));
        Assert.True(T.ServiceComplaintRateMet(2.99m));
        Assert.False(T.ServiceComplaintRateMet(3m)); // "< 3 %": exactly 3 % misses
        Assert.True(T.ComplaintEngineerSatisfactionMet(90m));
        Assert.False(T.ComplaintEngineerSatisfactionMet(89.99m));
        Assert.True(T.ComplaintEngineerResponseMet(24m));
        Assert.False(T.ComplaintEngineerResponseMet(24.01m));
        Assert.True(T.ComplaintEngineerResolutionMet(72m));
        Assert.False(T.ComplaintEngineerResolutionMet(72.01m));
        Assert.True(T.ComplaintEngineerComplaintRateMet(5m)); // "≤ 5 %": exactly 5 % meets
        Assert.False(T.ComplaintEngineerComplaintRateMet(5.01m));
    }

    [Fact]
    public void Targets_are_data_an_admin_can_change_within_range()
    {
        var changed = T with { TimelinessRatePercentMin = 95m };
        Assert.False(changed.TimelinessMet(94m));
        var errors = ServiceTargets.Check(T with { SatisfactionRatePercentMin = 101m, ComplaintEngineerResponseHoursMax = 0m });
        Assert.Equal(["satisfactionRatePercentMin", "complaintEngineerResponseHoursMax"], errors.All.Select(e => e.Field));
    }
}
