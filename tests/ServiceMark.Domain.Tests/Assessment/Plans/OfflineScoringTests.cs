using System.Text.Json;
using ServiceMark.Domain.Assessment.Plans;
using static ServiceMark.Domain.Tests.Assessment.Plans.PlanTestSupport;

namespace ServiceMark.Domain.Tests.Assessment.Plans;

[Trait("Rule", "R-ASM-10")]
public sealed class OfflineScoringTests
{
    private static string Docs(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ServiceMark.slnx")))
        {
            dir = dir.Parent;
        }

        return File.ReadAllText(Path.Combine(dir!.FullName, "docs", "examples", file));
    }

    [Fact]
    public void The_documented_example_scores_127_4()
    {
        // The worked example of seed B (SeedPlanScoringTests.Seed_B_service_engineer_with_bonuses): base 81.4 + bonus 46.
        var result = OfflineScoring.Run(Docs("plan.json"), Docs("facts.json"));
        Assert.True(result.Succeeded, Describe(result.Refusal));
        using var sheet = JsonDocument.Parse(result.Value!);
        Assert.Equal(81.4m, sheet.RootElement.GetProperty("base_total").GetDecimal());
        Assert.Equal(46m, sheet.RootElement.GetProperty("bonus").GetDecimal());
        Assert.Equal(127.4m, sheet.RootElement.GetProperty("total").GetDecimal());
        var first = sheet.RootElement.GetProperty("categories")[0].GetProperty("indicators")[0];
        Assert.Equal("95 − 91 = 4 pp below × 1 = −4 → 15 − 4 = 11",
            first.GetProperty("result").GetProperty("arithmetic").GetString());
        Assert.Equal(["ticket:1043", "ticket:1057"], first.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void The_shipped_seed_and_the_documented_example_plan_are_the_same() =>
        Assert.Equal(AssessmentPlanJson.Serialize(SeedPlans.ByCode("service_engineer_monthly")),
            AssessmentPlanJson.Serialize(AssessmentPlanJson.Deserialize(Docs("plan.json")).Value!));

    [Fact]
    public void Plan_and_facts_problems_are_reported_together()
    {
        var plan = AssessmentPlanJsonTests.Minimal("""{ "kind": "rating_scale", "points": 120, "scale": "ten_point" }""");
        var result = OfflineScoring.Run(plan, """{ "satisfaction": { "value": "9", "note": "x" }, "other": [1] }""");
        Assert.Equal(
        [
            "plan.categories[0].indicators[0].rule:above_points", "inputs.satisfaction.value:invalid_type", "inputs.satisfaction.note:unknown_field",
            "inputs.other:invalid_type",
        ], Codes(result.Refusal));
    }

    [Theory]
    [InlineData("{", "inputs:invalid_json")]
    [InlineData("[1]", "inputs:not_object")]
    [InlineData("""{ "a": 1, "a": 2 }""", "inputs.a:duplicate")]
    [InlineData("""{ "a": { "evidence": [1] } }""", "inputs.a.evidence:invalid_type")]
    [InlineData("""{ "a": { "comment": 3 } }""", "inputs.a.comment:invalid_type")]
    public void Facts_file_errors_name_the_field(string json, string expected) =>
        Assert.Equal([expected], Codes(FactsFile.Parse(json).Refusal));

    [Fact]
    public void A_facts_file_reads_numbers_nulls_and_objects()
    {
        var inputs = FactsFile.Parse("""{ "a": 93.5, "b": null, "c": { "value": 2, "comment": "两次", "evidence": ["ticket:1"] }, "d": { "value": null } }""").Value!.Inputs;
        Assert.Equal(93.5m, inputs["a"].Value);
        Assert.Null(inputs["b"].Value);
        Assert.Equal((2m, "两次"), (inputs["c"].Value, inputs["c"].Comment));
        Assert.Equal(["ticket:1"], inputs["c"].Evidence!);
        Assert.Null(inputs["d"].Value);
    }

    [Fact]
    public void Scoring_problems_are_field_errors() =>
        Assert.Equal(["inputs.first_time_fix.value:out_of_range"], Codes(OfflineScoring.Run(Docs("plan.json"), """{ "first_time_fix": 120 }""").Refusal));

    /// <summary>The seed plan with one rating indicator asking other rater groups (JSON array of { group, weight }).</summary>
    internal static string WithRaters(string planCode, string indicatorCode, string raters)
    {
        var plan = System.Text.Json.Nodes.JsonNode.Parse(AssessmentPlanJson.Serialize(SeedPlans.ByCode(planCode)))!;
        var indicator = plan["categories"]!.AsArray().SelectMany(c => c!["indicators"]!.AsArray()).Single(i => (string?)i!["code"] == indicatorCode)!;
        indicator["source"]!["raters"] = System.Text.Json.Nodes.JsonNode.Parse(raters);
        return plan.ToJsonString();
    }

    private static JsonElement Indicator(JsonDocument sheet, string code) =>
        sheet.RootElement.GetProperty("categories").EnumerateArray().SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .Single(i => i.GetProperty("code").GetString() == code);

    [Fact]
    public void Three_peers_rating_3_2_2_on_an_8_point_four_point_scale_score_6_22_rounded_once()
    {
        // (3 + 2 + 2) ÷ 3 = 2.333… ; 2.333… ÷ 3 × 8 = 6.222… → 6.22. Rounding the mean first (2.33) would give 6.21.
        var plan = WithRaters("service_manager_monthly", "temporary_tasks", """[{ "group": "peers" }]""");
        var result = OfflineScoring.Run(plan,
            """{ "temporary_tasks": { "ratings": [{ "group": "peers", "score": 3 }, { "group": "peers", "score": 2 }, { "group": "peers", "score": 2 }] } }""");
        Assert.True(result.Succeeded, Describe(result.Refusal));
        using var sheet = JsonDocument.Parse(result.Value!);
        var indicator = Indicator(sheet, "temporary_tasks");
        Assert.Equal(6.22m, indicator.GetProperty("result").GetProperty("points").GetDecimal());
        Assert.Equal("rating ≈2.33 ÷ 3 × 8 = 6.22", indicator.GetProperty("result").GetProperty("arithmetic").GetString());
        Assert.StartsWith("peers: 3 raters, (3 + 2 + 2) ÷ 3 = ≈2.33", indicator.GetProperty("comment").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ratings_are_weighted_over_the_groups_the_plan_names()
    {
        var plan = WithRaters("service_manager_monthly", "temporary_tasks", """[{ "group": "superior", "weight": 60 }, { "group": "peers", "weight": 40 }]""");
        var result = OfflineScoring.Run(plan,
            """{ "temporary_tasks": { "ratings": [{ "group": "superior", "score": 3 }, { "group": "peers", "score": 1, "rater": "p1" }, { "group": "peers", "score": 2, "rater": "p2" }] } }""");
        Assert.True(result.Succeeded, Describe(result.Refusal));
        using var sheet = JsonDocument.Parse(result.Value!);
        // 3 × 60 % + 1.5 × 40 % = 2.4; 2.4 ÷ 3 × 8 = 6.4.
        Assert.Equal(6.4m, Indicator(sheet, "temporary_tasks").GetProperty("result").GetProperty("points").GetDecimal());
    }

    [Theory]
    [InlineData("""{ "temporary_tasks": { "ratings": [{ "group": "boss", "score": 3 }] } }""", "inputs.temporary_tasks.ratings[0].group:unknown_group")]
    [InlineData("""{ "temporary_tasks": { "ratings": [{ "group": "subordinates", "score": 3 }] } }""", "inputs.temporary_tasks.ratings[0].group:not_weighted")]
    [InlineData("""{ "temporary_tasks": { "ratings": [{ "group": "peers", "score": 3, "rater": "a" }, { "group": "peers", "score": 2, "rater": "a" }] } }""", "inputs.temporary_tasks.ratings[1].raterId:duplicate")]
    [InlineData("""{ "temporary_tasks": { "ratings": [{ "group": "peers" }] } }""", "inputs.temporary_tasks.ratings[0].score:required")]
    [InlineData("""{ "temporary_tasks": { "ratings": 3 } }""", "inputs.temporary_tasks.ratings:invalid_type")]
    [InlineData("""{ "temporary_tasks": { "ratings": [], "value": 2 } }""", "inputs.temporary_tasks.value:unknown_field")]
    [InlineData("""{ "service_complaints": { "ratings": [{ "group": "peers", "score": 3 }] } }""", "inputs.service_complaints.ratings:not_a_rating")]
    public void Bad_ratings_name_their_field(string facts, string expected)
    {
        var plan = WithRaters("service_manager_monthly", "temporary_tasks", """[{ "group": "peers" }]""");
        Assert.Equal([expected], Codes(OfflineScoring.Run(plan, facts).Refusal));
    }
}
