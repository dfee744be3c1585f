using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Assessment.Plans;
using static ServiceMark.Domain.Tests.Assessment.Plans.PlanTestSupport;

namespace ServiceMark.Domain.Tests.Assessment.Plans;

[Trait("Rule", "R-ASM-1")]
public sealed class AssessmentPlanJsonTests
{
    public static TheoryData<string> PlanCodes() => [.. SeedPlans.All.Select(p => p.Code)];

    [Theory]
    [MemberData(nameof(PlanCodes))]
    public void Every_shipped_plan_round_trips(string code)
    {
        var plan = SeedPlans.ByCode(code);
        var json = AssessmentPlanJson.Serialize(plan);
        var back = AssessmentPlanJson.Deserialize(json);
        Assert.True(back.Succeeded, Describe(back.Refusal));

        // Records compare lists by reference, so equality is checked structurally and on the written text.
        Assert.Equivalent(plan, back.Value!, strict: true);
        Assert.Equal(json, AssessmentPlanJson.Serialize(back.Value!));
        Assert.Equal(plan.Categories.SelectMany(c => c.Indicators).Select(i => i.Rule), back.Value!.Categories.SelectMany(c => c.Indicators).Select(i => i.Rule),
            new RuleComparer());
    }

    [Fact]
    public void Every_rule_kind_round_trips()
    {
        ScoringRule[] rules =
        [
            new BelowTargetLinearDeduction(15m, 95m, 1m, WholePointsOnly: true), new Banded(15m, [new Band(90m, 95m, 12m, 15m)], 1m, true),
            new Threshold(80m, 3m, 1m), new PerIncidentDeduction(15m, 1m, 3, -5m), new PerIncidentBonus(10m, 20m), new ProportionalBonus(20_000m, 2m, 10m, true),
            new RatingScale(8m, RatingScaleKind.FourPoint), new ManualScore(-5m, 10m), new PerErrorDeduction(20m, 3m),
        ];
        Assert.Equal(ScoringRuleKind.All.Order(), rules.Select(r => r.Kind).Order());
        foreach (var rule in rules)
        {
            var plan = ReplaceRule(SeedPlans.ByCode("service_manager_monthly"), "temporary_tasks", rule);
            var back = AssessmentPlanJson.Deserialize(AssessmentPlanJson.Serialize(plan));
            Assert.True(back.Succeeded, Describe(back.Refusal));
            Assert.Equal(rule, Indicator(back.Value!, "temporary_tasks").Rule, new RuleComparer());
        }
    }

    [Fact]
    public void The_format_is_snake_case_with_a_kind_discriminator_and_no_computed_fields()
    {
        var json = AssessmentPlanJson.Serialize(SeedPlans.ByCode("service_manager_monthly"));
        Assert.Contains("\"kind\": \"banded\"", json, StringComparison.Ordinal);
        Assert.Contains("\"points_at_from\": 12", json, StringComparison.Ordinal);
        Assert.Contains("\"period_kind\": \"monthly\"", json, StringComparison.Ordinal);
        Assert.Contains("\"scale\": \"four_point\"", json, StringComparison.Ordinal);
        Assert.Contains("工作业绩", json, StringComparison.Ordinal);
        Assert.DoesNotContain("max_points", json, StringComparison.Ordinal);
        Assert.DoesNotContain("scale_max", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kind_may_come_after_the_parameters() =>
        Assert.True(AssessmentPlanJson.Deserialize(Minimal("""{ "points": 10, "scale": "ten_point", "kind": "rating_scale" }""")).Succeeded);

    [Theory]
    [InlineData("{ not json", "json:invalid_json")]
    [InlineData("null", "json:not_object")]
    public void Unreadable_json_is_a_field_error(string json, string expected) =>
        Assert.Equal([expected], Codes(AssessmentPlanJson.Deserialize(json).Refusal));

    [Fact]
    public void An_unknown_rule_kind_names_the_rule() =>
        Assert.Equal(["categories[0].indicators[0].rule.kind:unknown_kind"],
            Codes(AssessmentPlanJson.Deserialize(Minimal("""{ "kind": "sliding_scale", "points": 10 }""")).Refusal));

    [Fact]
    public void A_rule_without_kind_names_the_rule() =>
        Assert.Equal(["categories[0].indicators[0].rule.kind:required"],
            Codes(AssessmentPlanJson.Deserialize(Minimal("""{ "points": 10, "scale": "ten_point" }""")).Refusal));

    [Fact]
    public void A_missing_rule_parameter_names_the_field() =>
        Assert.Equal(["categories[0].indicators[0].rule.scale:required"],
            Codes(AssessmentPlanJson.Deserialize(Minimal("""{ "kind": "rating_scale", "points": 10 }""")).Refusal));

    [Fact]
    public void A_missing_plan_field_names_the_field()
    {
        var json = Minimal("""{ "kind": "rating_scale", "points": 10, "scale": "ten_point" }""").Replace("\"name\": \"示例\",", "", StringComparison.Ordinal);
        Assert.Equal(["name:required"], Codes(AssessmentPlanJson.Deserialize(json).Refusal));
    }

    [Fact]
    public void An_unknown_field_is_refused_not_ignored()
    {
        var refusal = AssessmentPlanJson.Deserialize(Minimal("""{ "kind": "rating_scale", "points": 10, "scale": "ten_point", "pionts": 3 }""")).Refusal;
        Assert.Equal(["categories[0].indicators[0].rule.pionts:unknown_field"], Codes(refusal));
    }

    [Fact]
    public void A_wrong_type_names_the_field() =>
        Assert.Equal(["categories[0].indicators[0].rule.points:invalid_type"],
            Codes(AssessmentPlanJson.Deserialize(Minimal("""{ "kind": "rating_scale", "points": "ten", "scale": "ten_point" }""")).Refusal));

    [Fact]
    public void An_unknown_enum_value_names_the_field() =>
        Assert.Equal(["categories[0].indicators[0].rule.scale:invalid_type"],
            Codes(AssessmentPlanJson.Deserialize(Minimal("""{ "kind": "rating_scale", "points": 10, "scale": "five_point" }""")).Refusal));

    [Fact]
    public void A_null_name_names_the_field() =>
        Assert.Equal(["name:required"],
            Codes(AssessmentPlanJson.Deserialize(Minimal("""{ "kind": "rating_scale", "points": 10, "scale": "ten_point" }""")
                .Replace("\"name\": \"示例\"", "\"name\": null", StringComparison.Ordinal)).Refusal));

    [Fact]
    public void A_null_band_is_a_field_error_not_an_exception() =>
        Assert.Equal(["categories[0].indicators[0].rule.bands:required"],
            Codes(AssessmentPlanJson.DeserializeValid(Minimal("""{ "kind": "banded", "points": 100, "bands": [null] }""")).Refusal));

    [Fact]
    public void A_null_category_is_a_field_error() =>
        Assert.Contains("categories[0]:required",
            Codes(AssessmentPlanJson.DeserializeValid(Minimal("""{ "kind": "rating_scale", "points": 100, "scale": "ten_point" }""")
                .Replace("\"categories\": [", "\"categories\": [null, ", StringComparison.Ordinal)).Refusal));

    [Fact]
    public void Deserialize_valid_also_runs_the_validator() =>
        Assert.Equal(["categories[0].indicators[0].rule:above_points"],
            Codes(AssessmentPlanJson.DeserializeValid(Minimal("""{ "kind": "rating_scale", "points": 120, "scale": "ten_point" }""")).Refusal));

    /// <summary>A one-indicator plan of 100 points with the given rule.</summary>
    internal static string Minimal(string rule) => $$"""
        {
          "code": "example", "name": "示例", "description": "", "position_codes": ["ENG"], "period_kind": "monthly", "version": 1,
          "categories": [ { "code": "all", "name": "全部", "weight": 100, "indicators": [
            { "code": "satisfaction", "name": "满意度", "kind": "cpi", "points": 100,
              "source": { "kind": "rating", "raters": [ { "group": "customers" } ] }, "rule": {{rule}} } ] } ]
        }
        """;

    /// <summary>Rules compare equal when they are of one kind and write the same parameters (Banded holds a list).</summary>
    private sealed class RuleComparer : IEqualityComparer<ScoringRule>
    {
        public bool Equals(ScoringRule? x, ScoringRule? y) =>
            x?.GetType() == y?.GetType()
            && System.Text.Json.JsonSerializer.Serialize(x, AssessmentPlanJson.Options) == System.Text.Json.JsonSerializer.Serialize(y, AssessmentPlanJson.Options);

        public int GetHashCode(ScoringRule obj) => obj.Kind.GetHashCode(StringComparison.Ordinal);
    }
}
