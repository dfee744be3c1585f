using CsCheck;
using ServiceMark.Domain.ServiceLevels;

namespace ServiceMark.Domain.Tests.ServiceLevels;

[Trait("Rule", "R-SLA-1")]
public sealed class ServiceLevelSelectorTests
{
    private static readonly IReadOnlyList<ServiceLevelPolicy> Seeds = ServiceLevelDefaults.Seed();

    private static ServiceLevelPolicy P(int id, ServiceLevelPolicyDetails d) => ServiceLevelPolicy.Create(d, id);

    private static ServiceLevelPolicyDetails Any(string name, int priority = 0) =>
        new(name, FirstResponse: TimeSpan.FromHours(24), Priority: priority);

    [Theory]
    [InlineData("Body", "80", false, ServiceLevelDefaults.BodyNearId)]
    [InlineData("Body", "100", false, ServiceLevelDefaults.BodyNearId)]
    [InlineData("Body", "100.01", false, ServiceLevelDefaults.BodyFarId)]
    [InlineData("Body", "150", false, ServiceLevelDefaults.BodyFarId)]
    [InlineData("Body", "50", true, ServiceLevelDefaults.BodySupplierId)]
    [InlineData("Body", "0", false, ServiceLevelDefaults.BodyNearId)]
    [InlineData("ChassisEngine", "20", false, ServiceLevelDefaults.ChassisEngineId)]
    [InlineData("ChassisEngine", "500", true, ServiceLevelDefaults.ChassisEngineId)]
    [InlineData("Electrical", "10", false, ServiceLevelDefaults.GeneralId)]
    [InlineData("Consultation", "0", false, ServiceLevelDefaults.GeneralId)]
    public void Seeds_choose_the_policy_of_the_seed_rules(string category, string km, bool supplier, int expectedId)
    {
        var facts = new TicketFacts(category, decimal.Parse(km, System.Globalization.CultureInfo.InvariantCulture), supplier, "Normal");
        Assert.Equal(expectedId, ServiceLevelSelector.Choose(Seeds, facts)!.Policy.Id);
    }

    [Fact]
    public void Seed_targets_are_those_of_the_seed_rules()
    {
        var byId = Seeds.ToDictionary(p => p.Id);
        Assert.Equal([(SlaTarget.Arrival, TimeSpan.FromHours(24), false)], byId[ServiceLevelDefaults.BodyNearId].TargetsFor(resolvedRemotely: false));
        Assert.Equal([(SlaTarget.FirstResponse, TimeSpan.FromHours(12), false)], byId[ServiceLevelDefaults.BodyFarId].TargetsFor(resolvedRemotely: false));
        Assert.Equal([(SlaTarget.FirstResponse, TimeSpan.FromHours(12), false)], byId[ServiceLevelDefaults.BodySupplierId].TargetsFor(resolvedRemotely: false));
        Assert.Equal([(SlaTarget.WrittenContact, TimeSpan.FromHours(12), false)], byId[ServiceLevelDefaults.ChassisEngineId].TargetsFor(resolvedRemotely: false));
        Assert.Equal(
            [(SlaTarget.FirstResponse, TimeSpan.FromHours(8), true), (SlaTarget.Resolution, TimeSpan.FromHours(72), false)],
            byId[ServiceLevelDefaults.GeneralId].TargetsFor(resolvedRemotely: false));
    }

    [Fact]
    public void Seeds_pass_their_own_rules_are_active_and_described()
    {
        Assert.Equal(5, Seeds.Select(p => p.Id).Distinct().Count());
        Assert.All(Seeds, p =>
        {
            Assert.False(ServiceLevelPolicyRules.Check(p.ToDetails()).Any);
            Assert.True(p.IsActive);
            Assert.False(string.IsNullOrWhiteSpace(p.Description));
        });
    }

    [Fact]
    public void Every_ticket_gets_a_seed_policy() =>
        Gen.Select(Gen.OneOf([.. ServiceLevelCriteria.FaultCategories]), Gen.Decimal[0m, 3000m], Gen.Bool,
                Gen.OneOf([.. ServiceLevelCriteria.Urgencies]))
            .Sample((c, km, s, u) => ServiceLevelSelector.Choose(Seeds, new TicketFacts(c, km, s, u)) is not null);

    [Fact]
    public void The_most_specific_match_wins_and_says_why()
    {
        var policies = new[]
        {
            P(1, Any("default", priority: 100)),
            P(2, Any("body") with { FaultCategory = "Body" }),
            P(3, Any("body urgent") with { FaultCategory = "Body", Urgency = "Critical" }),
        };

        var choice = ServiceLevelSelector.Choose(policies, new TicketFacts("Body", 10m, false, "Critical"))!;

        Assert.Equal(3, choice.Policy.Id);
        Assert.Equal(ChoiceTieBreak.MostSpecific, choice.TieBreak);
        Assert.Equal(2, choice.OtherMatches);
        Assert.Equal(["faultCategory", "urgency"], choice.Matched.Select(m => m.Criterion));
        Assert.Equal("\"body urgent\": it matched fault category Body, urgency Critical; the most specific of 3 matching policies (2 criteria)",
            choice.Reason);
    }

    [Fact]
    public void Equally_specific_matches_go_to_the_higher_priority_then_the_lower_id()
    {
        var a = P(7, Any("a", priority: 1) with { FaultCategory = "Body" });
        var b = P(4, Any("b", priority: 5) with { Urgency = "High" });
        var c = P(9, Any("c", priority: 5) with { RequiresSupplier = false });
        var facts = new TicketFacts("Body", 10m, false, "High");

        var byPriority = ServiceLevelSelector.Choose([a, b], facts)!;
        Assert.Equal(4, byPriority.Policy.Id);
        Assert.Equal(ChoiceTieBreak.HigherPriority, byPriority.TieBreak);
        Assert.Contains("higher priority (5 > 1)", byPriority.Reason);

        var byId = ServiceLevelSelector.Choose([c, a, b], facts)!;
        Assert.Equal(4, byId.Policy.Id);
        Assert.Equal(ChoiceTieBreak.LowerId, byId.TieBreak);
        Assert.Contains("id 4 < 9", byId.Reason);
    }

    [Fact]
    public void The_only_match_is_chosen_as_such() =>
        Assert.Equal(ChoiceTieBreak.OnlyMatch, ServiceLevelSelector.Choose([P(1, Any("x"))], new TicketFacts("Other", 0, false, "Low"))!.TieBreak);

    [Fact]
    public void Inactive_policies_are_never_chosen()
    {
        var specific = P(1, Any("body") with { FaultCategory = "Body" });
        specific.Deactivate();
        var general = P(2, Any("general"));
        var facts = new TicketFacts("Body", 10m, false, "Normal");

        Assert.Equal(2, ServiceLevelSelector.Choose([specific, general], facts)!.Policy.Id);
        general.Deactivate();
        Assert.Null(ServiceLevelSelector.Choose([specific, general], facts));
    }

    [Theory]
    [InlineData("50", false)]
    [InlineData("100", false)]
    [InlineData("100.01", true)]
    [InlineData("200", true)]
    [InlineData("200.01", false)]
    public void Distance_bands_exclude_the_minimum_and_include_the_maximum(string km, bool matches)
    {
        var band = P(1, Any("band") with { MinDistanceKm = 100m, MaxDistanceKm = 200m });
        var d = decimal.Parse(km, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(matches, ServiceLevelSelector.Matches(band, new TicketFacts("Body", d, false, "Normal")));
    }

    [Fact]
    public void Criteria_compare_names_without_case()
    {
        var policy = P(1, Any("x") with { FaultCategory = "body", Urgency = "HIGH" });
        Assert.Equal("Body", policy.FaultCategory);
        Assert.Equal("High", policy.Urgency);
        Assert.True(ServiceLevelSelector.Matches(policy, new TicketFacts("BODY", 1m, true, "high")));
    }

    [Fact]
    public void The_choice_does_not_depend_on_the_order_of_the_policies()
    {
        ServiceLevelPolicy[] all = [.. Seeds, P(6, Any("body, any distance") with { FaultCategory = "Body" }), P(8, Any("catch-all"))];
        Gen.Select(Gen.Shuffle(all), Gen.OneOf([.. ServiceLevelCriteria.FaultCategories]), Gen.Decimal[0m, 300m], Gen.Bool)
            .Sample((shuffled, c, km, s) =>
            {
                var facts = new TicketFacts(c, km, s, "Normal");
                return ServiceLevelSelector.Choose(shuffled, facts)!.Policy.Id == ServiceLevelSelector.Choose(all, facts)!.Policy.Id;
            });
    }
}
