using ServiceMark.Domain.Calendars;
using ServiceMark.Domain.ServiceLevels;
using static ServiceMark.Domain.Tests.Calendars.Cn;

namespace ServiceMark.Domain.Tests.ServiceLevels;

/// <summary>
/// The edges of the service-level rules that a mutation run (tools/mutation.sh) showed untested: each limit is allowed at
/// its value and refused just past it, and the clock's answers at the instants where its comparisons switch.
/// </summary>
[Trait("Rule", "R-SLA-3")]
public sealed class RuleBoundaryTests
{
    private const string Waiting = "等待客户确认";

    [Theory]
    [InlineData("timelinessRatePercentMin")]
    [InlineData("satisfactionRatePercentMin")]
    [InlineData("serviceComplaintRatePercentBelow")]
    [InlineData("complaintEngineerSatisfactionPercentMin")]
    [InlineData("complaintEngineerComplaintRatePercentMax")]
    public void A_percentage_target_is_allowed_from_0_to_100_and_refused_outside(string field)
    {
        ServiceTargets With(decimal v) => field switch
        {
            "timelinessRatePercentMin" => ServiceTargets.Default with { TimelinessRatePercentMin = v },
            "satisfactionRatePercentMin" => ServiceTargets.Default with { SatisfactionRatePercentMin = v },
            "serviceComplaintRatePercentBelow" => ServiceTargets.Default with { ServiceComplaintRatePercentBelow = v },
            "complaintEngineerSatisfactionPercentMin" => ServiceTargets.Default with { ComplaintEngineerSatisfactionPercentMin = v },
            _ => ServiceTargets.Default with { ComplaintEngineerComplaintRatePercentMax = v },
        };

        Assert.False(ServiceTargets.Check(With(0m)).Any);
        Assert.False(ServiceTargets.Check(With(100m)).Any);
        Assert.Equal([$"{field}:out_of_range"], ServiceTargets.Check(With(-0.01m)).All.Select(e => $"{e.Field}:{e.Code}"));
        Assert.Equal([$"{field}:out_of_range"], ServiceTargets.Check(With(100.01m)).All.Select(e => $"{e.Field}:{e.Code}"));
    }

    [Fact]
    public void An_hours_target_must_be_above_zero()
    {
        Assert.Equal(["complaintEngineerResponseHoursMax:must_be_positive"],
            ServiceTargets.Check(ServiceTargets.Default with { ComplaintEngineerResponseHoursMax = 0m }).All.Select(e => $"{e.Field}:{e.Code}"));
        Assert.Equal(["complaintEngineerResolutionHoursMax:must_be_positive"],
            ServiceTargets.Check(ServiceTargets.Default with { ComplaintEngineerResolutionHoursMax = 0m }).All.Select(e => $"{e.Field}:{e.Code}"));
        Assert.False(ServiceTargets.Check(ServiceTargets.Default with { ComplaintEngineerResolutionHoursMax = 0.01m }).Any);
    }

    [Fact]
    public void A_policy_may_start_at_zero_km_name_a_known_urgency_and_not_run_on_past_its_description_limit()
    {
        var hour = TimeSpan.FromHours(1);
        Assert.False(ServiceLevelPolicyRules.Check(new ServiceLevelPolicyDetails("近距离", MinDistanceKm: 0m, MaxDistanceKm: 50m, Urgency: "High", FirstResponse: hour)).Any);
        Assert.False(ServiceLevelPolicyRules.Check(new ServiceLevelPolicyDetails("零公里", MaxDistanceKm: 0m, FirstResponse: hour)).Any);
        Assert.Equal(["urgency:unknown"], ServiceLevelPolicyRules.Check(new ServiceLevelPolicyDetails("x", Urgency: "Soon", FirstResponse: hour)).All.Select(e => $"{e.Field}:{e.Code}"));
        Assert.Equal(["description"], ServiceLevelPolicyRules.Check(new ServiceLevelPolicyDetails("x",
            Description: new string('述', ServiceLevelPolicyRules.DescriptionMaxLength + 1), FirstResponse: hour)).All.Select(e => e.Field));
        Assert.False(ServiceLevelPolicyRules.Check(new ServiceLevelPolicyDetails("x", Description: new string('述', ServiceLevelPolicyRules.DescriptionMaxLength), FirstResponse: hour)).Any);
    }

    [Fact]
    public void A_clock_is_paused_from_the_instant_its_wait_begins_in_whichever_of_its_waits()
    {
        var first = new ClockPause(At(2026, 3, 10, 10, 0), At(2026, 3, 10, 11, 0), Waiting);
        var second = new ClockPause(At(2026, 3, 10, 14, 0), null, Waiting);
        var clock = new ServiceLevelClock(At(2026, 3, 10, 9, 0), TimeSpan.FromHours(8), ServiceLevelBasis.ClockTime, null, [first, second]);
        Assert.True(clock.IsPaused(At(2026, 3, 10, 10, 0)));
        Assert.True(clock.IsPaused(At(2026, 3, 10, 10, 30)));
        Assert.False(clock.IsPaused(At(2026, 3, 10, 11, 0)));
        Assert.True(clock.IsPaused(At(2026, 3, 10, 14, 0)));
    }

    [Fact]
    public void A_reading_at_the_due_instant_is_on_time_and_a_moment_later_breached()
    {
        var clock = new ServiceLevelClock(At(2026, 3, 10, 9, 0), TimeSpan.FromHours(1), ServiceLevelBasis.ClockTime);
        Assert.False(clock.Read(At(2026, 3, 10, 10, 0)).IsBreached);
        Assert.True(clock.Read(At(2026, 3, 10, 10, 1)).IsBreached);
        Assert.False(clock.Read(At(2026, 3, 10, 9, 59)).IsBreached);
    }

    [Fact]
    public void A_wait_of_no_length_is_allowed_and_leaves_no_trace()
    {
        var instant = At(2026, 3, 10, 9, 30);
        var clock = new ServiceLevelClock(At(2026, 3, 10, 9, 0), TimeSpan.FromHours(1), ServiceLevelBasis.ClockTime, null, [new ClockPause(instant, instant, Waiting)]);
        Assert.Equal(TimeSpan.Zero, clock.PausedTime(At(2026, 3, 10, 12, 0)));
        Assert.DoesNotContain(clock.Timeline(At(2026, 3, 10, 12, 0)), s => s.Kind == ClockSegmentKind.Paused);
        Assert.Equal(At(2026, 3, 10, 10, 0), clock.DueUtc(At(2026, 3, 10, 12, 0)));
    }

    [Fact]
    public void A_wait_that_began_before_the_clock_counts_only_from_the_clocks_start()
    {
        var clock = new ServiceLevelClock(At(2026, 3, 10, 9, 0), TimeSpan.FromHours(1), ServiceLevelBasis.ClockTime, null,
            [new ClockPause(At(2026, 3, 10, 8, 0), At(2026, 3, 10, 10, 0), Waiting)]);
        Assert.Equal(TimeSpan.FromHours(1), clock.PausedTime(At(2026, 3, 10, 12, 0)));
        Assert.Equal(At(2026, 3, 10, 11, 0), clock.DueUtc(At(2026, 3, 10, 12, 0)));
    }

    [Fact]
    public void A_clock_time_clock_read_before_its_start_has_nothing_elapsed_and_needs_no_pauses()
    {
        var clock = new ServiceLevelClock(At(2026, 3, 10, 9, 0), TimeSpan.FromHours(1), ServiceLevelBasis.ClockTime, null, pauses: null);
        Assert.Equal(TimeSpan.Zero, clock.Elapsed(At(2026, 3, 10, 8, 0)));
        Assert.Empty(clock.Pauses);
    }

    [Fact]
    public void Every_instant_a_clock_is_given_must_be_utc()
    {
        var local = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Local);
        var unspecified = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Unspecified);
        Assert.Throws<ArgumentException>(() => new ServiceLevelClock(local, TimeSpan.FromHours(1), ServiceLevelBasis.ClockTime));
        Assert.Throws<ArgumentException>(() => new ServiceLevelClock(At(2026, 3, 10, 9, 0), TimeSpan.FromHours(1), ServiceLevelBasis.ClockTime, null,
            [new ClockPause(unspecified, null, Waiting)]));
        var clock = new ServiceLevelClock(At(2026, 3, 10, 9, 0), TimeSpan.FromHours(1), ServiceLevelBasis.ClockTime);
        Assert.Throws<ArgumentException>(() => clock.IsPaused(unspecified));
        Assert.Throws<ArgumentException>(() => clock.DueUtc(unspecified));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceLevelClock(At(2026, 3, 10, 9, 0), TimeSpan.FromHours(1), (ServiceLevelBasis)7));
    }
}
