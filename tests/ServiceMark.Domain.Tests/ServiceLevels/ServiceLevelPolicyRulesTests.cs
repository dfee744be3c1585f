using ServiceMark.Domain.ServiceLevels;

namespace ServiceMark.Domain.Tests.ServiceLevels;

[Trait("Rule", "R-SLA-1")]
public sealed class ServiceLevelPolicyRulesTests
{
    private static readonly ServiceLevelPolicyDetails Valid = new("Body near", FaultCategory: "Body", MaxDistanceKm: 100m,
        Arrival: TimeSpan.FromHours(24));

    private static IEnumerable<(string Field, string Code)> Errors(ServiceLevelPolicyDetails d) =>
        ServiceLevelPolicyRules.Check(d).All.Select(e => (e.Field, e.Code));

    [Fact]
    public void A_valid_policy_has_no_errors() => Assert.Empty(Errors(Valid));

    [Fact]
    public void A_policy_without_any_target_is_refused() =>
        Assert.Equal([("targets", "required")], Errors(Valid with { Arrival = null }));

    [Fact]
    public void Every_problem_is_reported_at_once() =>
        Assert.Equal(
            [
                ("name", "required"), ("faultCategory", "unknown"), ("urgency", "unknown"), ("minDistanceKm", "negative"),
                ("firstResponse", "must_be_positive"), ("arrival", "must_be_positive"), ("resolution", "must_be_positive"),
                ("writtenContact", "must_be_positive"),
            ],
            Errors(new ServiceLevelPolicyDetails(" ", FaultCategory: "Paint", Urgency: "Soon", MinDistanceKm: -1m,
                FirstResponse: TimeSpan.Zero, Arrival: TimeSpan.FromHours(-1), Resolution: TimeSpan.FromTicks(-1),
                WrittenContact: TimeSpan.Zero)));

    [Theory]
    [InlineData(100, 100, true)]
    [InlineData(150, 100, true)]
    [InlineData(99, 100, false)]
    public void The_minimum_distance_must_be_below_the_maximum(int min, int max, bool refused) =>
        Assert.Equal(refused, Errors(Valid with { MinDistanceKm = min, MaxDistanceKm = max }).Contains(("maxDistanceKm", "not_above_min")));

    [Fact]
    public void A_negative_maximum_distance_is_refused() =>
        Assert.Contains(("maxDistanceKm", "negative"), Errors(Valid with { MaxDistanceKm = -5m }));

    [Fact]
    public void The_clock_of_each_target_is_read_from_its_flag()
    {
        var policy = ServiceLevelPolicy.Create(new("x", FirstResponse: TimeSpan.FromHours(8), Resolution: TimeSpan.FromHours(72),
            CountsWorkingTime: true, ResolutionCountsWorkingTime: false));
        Assert.True(policy.UsesWorkingTime(SlaTarget.FirstResponse));
        Assert.True(policy.UsesWorkingTime(SlaTarget.Arrival));
        Assert.True(policy.UsesWorkingTime(SlaTarget.WrittenContact));
        Assert.False(policy.UsesWorkingTime(SlaTarget.Resolution));
        Assert.Null(policy.TargetFor(SlaTarget.Arrival));
        Assert.Equal(TimeSpan.FromHours(72), policy.TargetFor(SlaTarget.Resolution));
    }

    [Fact]
    public void Update_replaces_the_details_and_keeps_the_id()
    {
        var policy = ServiceLevelPolicy.Create(Valid, 3);
        policy.Update(Valid with { Name = "  Renamed ", Description = " ", Priority = 4, IsActive = false });
        Assert.Equal((3, "Renamed", null, 4, false), (policy.Id, policy.Name, policy.Description, policy.Priority, policy.IsActive));
        policy.Activate();
        Assert.True(policy.IsActive);
        Assert.Equal(Valid with { Name = "Renamed", Priority = 4 }, policy.ToDetails());
    }
}
