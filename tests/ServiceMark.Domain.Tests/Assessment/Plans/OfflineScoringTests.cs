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
        var inputs = FactsFile.Parse("""{ "a": 93.5, "b": null, "c": { "value": 2, "comment": "两次", "evidence": ["ticket:1"] }, "d": { "value": null } }""").Value!;
        Assert.Equal(93.5m, inputs["a"].Value);
        Assert.Null(inputs["b"].Value);
        Assert.Equal((2m, "两次"), (inputs["c"].Value, inputs["c"].Comment));
        Assert.Equal(["ticket:1"], inputs["c"].Evidence!);
        Assert.Null(inputs["d"].Value);
    }

    [Fact]
    public void Scoring_problems_are_field_errors() =>
        Assert.Equal(["inputs.first_time_fix.value:out_of_range"], Codes(OfflineScoring.Run(Docs("plan.json"), """{ "first_time_fix": 120 }""").Refusal));
}
