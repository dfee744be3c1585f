using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Assessment.Plans;
using static ServiceMark.Domain.Tests.Assessment.Plans.PlanTestSupport;

namespace ServiceMark.Domain.Tests.Assessment.Plans;

[Trait("Rule", "R-ASM-1")]
public sealed class SeedPlanTests
{
    public static TheoryData<string> Files() => [.. SeedPlans.Files().Keys];

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_shipped_plan_reads_and_validates(string resource)
    {
        var read = AssessmentPlanJson.Deserialize(SeedPlans.Files()[resource]);
        Assert.True(read.Succeeded, Describe(read.Refusal));
        Assert.Empty(ErrorTexts(AssessmentPlanValidator.Check(read.Value!)));
    }

    [Fact]
    public void Seeds_A_to_F_and_the_warehouse_keepers_plan_are_shipped() =>
        Assert.Equal(
            ["service_manager_monthly", "service_engineer_monthly", "complaint_engineer_monthly", "service_staff_quarterly", "department_head_quarterly",
                "lock_service_manager_monthly", "warehouse_keeper_quarterly"],
            SeedPlans.All.Select(p => p.Code));

    /// <summary>Issue 13 point 8: the warehouse keeper's results are computed from the old-part trail, not typed in.</summary>
    [Fact]
    public void The_warehouse_keepers_plan_scores_the_old_part_trail_and_plan_D_is_for_engineers_and_specialists()
    {
        var plan = SeedPlans.ByCode("warehouse_keeper_quarterly");
        Assert.Equal(["WH"], plan.PositionCodes);
        var facts = plan.Categories.SelectMany(c => c.Indicators).Where(i => i.Source.Kind == DataSourceKind.ServiceFact).Select(i => i.Source.Fact);
        Assert.Equal([Domain.Parts.PartFactCodes.OldPartInspectionOnTimeRate, Domain.Parts.PartFactCodes.OldPartDisposalOnTimeRate], facts);
        Assert.Equal(60m, plan.Categories.Single(c => c.Code == "work_results").Indicators.Sum(i => i.Points));
        Assert.DoesNotContain("WH", SeedPlans.ByCode("service_staff_quarterly").PositionCodes);
    }

    [Fact]
    public void Seed_A_as_written_is_refused_for_its_training_coverage_row()
    {
        // The seed: "≥ 80 % → 5, < 80 % → 0" inside a 3-point indicator (categories[1] ability, indicators[0]).
        var plan = SeedPlans.ByCode("service_manager_monthly");
        var asWritten = ReplaceRule(plan, "training_coverage", new Threshold(80m, 5m));
        var errors = AssessmentPlanValidator.Check(asWritten);
        var error = Assert.Single(errors.All);
        Assert.Equal("categories[1].indicators[0].rule", error.Field);
        Assert.Equal("above_points", error.Code);
        Assert.Contains("can give 5 points but the indicator is worth 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_A_ships_the_resolution_and_says_so()
    {
        var plan = SeedPlans.ByCode("service_manager_monthly");
        Assert.Equal(new Threshold(80m, 3m), Indicator(plan, "training_coverage").Rule);
        Assert.Contains("≥80%→3", plan.Description, StringComparison.Ordinal);
    }
}
