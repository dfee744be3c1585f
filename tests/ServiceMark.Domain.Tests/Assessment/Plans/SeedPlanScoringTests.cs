using ServiceMark.Domain.Assessment.Plans;
using static ServiceMark.Domain.Tests.Assessment.Plans.PlanTestSupport;

namespace ServiceMark.Domain.Tests.Assessment.Plans;

/// <summary>Each shipped plan scored against a worked example; the expected numbers are computed by hand in the comments.</summary>
[Trait("Rule", "R-ASM-3")]
public sealed class SeedPlanScoringTests
{
    private static ScoreSheet Score(string planCode, IReadOnlyDictionary<string, IndicatorInput> inputs)
    {
        var sheet = PlanScorer.Score(SeedPlans.ByCode(planCode), inputs);
        Assert.True(sheet.Succeeded, Describe(sheet.Refusal));
        return sheet.Value!;
    }

    private static decimal? Subtotal(ScoreSheet sheet, string category) => sheet.Categories.Single(c => c.Code == category).Subtotal;

    internal static Dictionary<string, IndicatorInput> SeedAInputs() => new(StringComparer.Ordinal)
    {
        ["response_speed"] = new(2m, Evidence: ["contact:311", "contact:318"]), // 20 − 2 × 1 = 18
        ["invalid_service_ratio"] = new(3m), // (2, 5] → 7–5: 7 + (3 − 2) ÷ 3 × (5 − 7) = 6.333… → 6.33
        ["report_on_time_rate"] = new(92.5m), // [90, 95) → 12–15: 12 + 2.5 ÷ 5 × 3 = 13.5
        ["service_complaints"] = new(5m), // 5 − 3 allowed = 2 × 1 → 15 − 2 = 13
        ["plm_document_use"] = new(87m), // [85, 90) → 5–7: 5 + 2 ÷ 5 × 2 = 5.8
        ["training_coverage"] = new(85m), // ≥ 80 → 3
        ["training_pass"] = new(0m), // nobody failed → 4
        ["temporary_tasks"] = new(2m), // 较满意 2 ÷ 3 × 8 = 5.333… → 5.33
        ["internal_cooperation"] = new(9m), // 9 ÷ 10 × 10 = 9
        ["periodic_report_on_time"] = new(93m), // 5 − 2 × 1 = 3
    };

    [Fact]
    public void Seed_A_service_manager()
    {
        var sheet = Score("service_manager_monthly", SeedAInputs());

        // performance 18 + 6.33 + 13.5 + 13 + 5.8 = 56.63; ability 3 + 4 + 5.33 = 12.33; attitude 9 + 3 = 12
        Assert.Equal(56.63m, Subtotal(sheet, "performance"));
        Assert.Equal(12.33m, Subtotal(sheet, "ability"));
        Assert.Equal(12m, Subtotal(sheet, "attitude"));

        // 56.63 + 12.33 + 12 = 80.96, no bonus
        Assert.Equal(80.96m, sheet.BaseTotal);
        Assert.Equal(80.96m, sheet.Total);
        Assert.Equal("base 56.63 + 12.33 + 12 = 80.96 → total 80.96", sheet.Arithmetic);
        Assert.Equal("18 + 6.33 + 13.5 + 13 + 5.8 = 56.63", sheet.Categories[0].Arithmetic);
        var response = sheet.Categories[0].Indicators[0];
        Assert.Equal(["contact:311", "contact:318"], response.Evidence);
        Assert.Equal("2 incidents × 1 = −2 → 20 − 2 = 18", response.Result.Arithmetic);
        Assert.Equal("20 points; −1 per incident, not below 0", response.Rule);
    }

    [Fact]
    public void Seed_A_with_a_missing_fact_scales_the_category_instead_of_counting_zero()
    {
        var inputs = SeedAInputs();
        inputs.Remove("plm_document_use");
        var sheet = Score("service_manager_monthly", inputs);

        // performance: 18 + 6.33 + 13.5 + 13 = 50.83 of 60 scored points × 70 ÷ 60 = 59.301666… → 59.3
        Assert.Equal(59.3m, Subtotal(sheet, "performance"));
        Assert.Equal("(18 + 6.33 + 13.5 + 13) = 50.83 of 60 scored points × 70 ÷ 60 = 59.3 (not scored: plm_document_use)", sheet.Categories[0].Arithmetic);

        // 59.301666… + 12.33 + 12 = 83.631666… → 83.63 (rounded once, from the unrounded subtotal)
        Assert.Equal(83.63m, sheet.Total);
        Assert.Equal(["plm_document_use"], sheet.NotScored);
    }

    [Fact]
    public void Seed_B_service_engineer_with_bonuses()
    {
        var sheet = Score("service_engineer_monthly", new Dictionary<string, IndicatorInput>
        {
            ["arrival_on_time"] = new(91m), // 15 − (95 − 91) × 1 = 11
            ["first_time_fix"] = new(92m), // ≥ 90 → 10
            ["leader_tasks"] = new(6m, "按期完成展会设备调试"), // bonus +6
            ["cost_overrun"] = new(1m), // 5 − 2.5 = 2.5
            ["work_summary"] = new(1m), // 10 − 5 = 5
            ["work_attitude"] = new(3m), // 3 ÷ 3 × 10 = 10
            ["coordination"] = new(1m), // bonus 1 × 10 = 10
            ["customer_satisfaction"] = new(8.6m), // 8.6 ÷ 10 × 15 = 12.9
            ["valid_complaints"] = new(1m), // 15 − 5 = 10
            ["effective_records"] = new(3m), // bonus 3 × 10 = 30, capped at 20
            ["maintenance_quality"] = new(0m), // 20
            ["maintenance_contract_amount"] = new(150_000m), // bonus 150000 ÷ 20000 × 2 = 15, capped at 10
        });

        // base 21 + 2.5 + 15 + 22.9 + 20 = 81.4 (post_assessment has no base indicators)
        Assert.Equal(81.4m, sheet.BaseTotal);

        // bonus 6 + 10 + 20 + 10 = 46; total 81.4 + 46 = 127.4
        Assert.Equal(46m, sheet.Bonus);
        Assert.Equal(127.4m, sheet.Total);
        Assert.Null(Subtotal(sheet, "post_assessment"));
        Assert.Equal("3 × 10 = 30, capped at 20 → 20", sheet.Categories.Single(c => c.Code == "post_assessment").Indicators[0].Result.Arithmetic);
        Assert.Equal("base 21 + 2.5 + 15 + 22.9 + 20 = 81.4; bonus +46 → total 127.4", sheet.Arithmetic);
    }

    [Fact]
    public void Seed_C_complaint_engineer()
    {
        var sheet = Score("complaint_engineer_monthly", Inputs(
            ("customer_satisfaction", 9.2m), // 9.2 ÷ 10 × 30 = 27.6
            ("response_on_time", 97m), // ≥ 95 → 25
            ("resolution_on_time", 90m), // 20 − 5 = 15
            ("complaint_rate", 8m), // (5, 20] → 10–0: 10 + 3 ÷ 15 × (0 − 10) = 8
            ("teamwork", 2.5m))); // 2.5 ÷ 3 × 10 = 8.333… → 8.33

        // 27.6 + 25 + 15 + 8 + 8.33 = 83.93
        Assert.Equal(83.93m, sheet.Total);
    }

    [Fact]
    public void Seed_D_service_staff_quarterly()
    {
        var inputs = new Dictionary<string, IndicatorInput>(Inputs(
            ("service_plan_completion", 96m), // 6
            ("acceptance_timeliness", 93m), // 6 − 2 × 0.5 = 5
            ("first_time_success", 95m), // 6
            ("process_improvement", 85m), // 5 − 10 × 0.5 = 0
            ("follow_up_rate", 100m), // 6
            ("customer_satisfaction", 9m), // 9 ÷ 10 × 6 = 5.4
            ("service_item_completeness", 94.5m), // 5 − 0.5 × 0.5 = 4.75
            ("form_accuracy", 97m), // 5
            ("service_cost_control", 90m), // 5 − 5 × 0.5 = 2.5
            ("receivables_collection", 80m), // 6 − 15 × 0.5 < 0 → 0
            ("initiative", 3m), ("discipline", 3m), ("cooperation", 2m), ("integrity", 2m), // 5 + 5 + 3.33 + 3.33 = 16.66
            ("innovation", 3m), ("coordination", 2m), ("emergency_handling", 2m), ("self_control", 1m), ("affinity", 3m))) // 4 + 2.67 + 2.67 + 1.33 + 4 = 14.67
        {
            ["design_novelty"] = new(3m, "改进了回访表单"), // 3
        };
        var sheet = Score("service_staff_quarterly", inputs);

        // results 6 + 5 + 6 + 0 + 6 + 5.4 + 4.75 + 3 + 5 + 2.5 + 0 = 43.65
        Assert.Equal(43.65m, Subtotal(sheet, "work_results"));
        Assert.Equal(16.66m, Subtotal(sheet, "work_attitude"));
        Assert.Equal(14.67m, Subtotal(sheet, "work_ability"));

        // 43.65 + 16.66 + 14.67 = 74.98
        Assert.Equal(74.98m, sheet.Total);
    }

    [Fact]
    public void Seed_E_department_head()
    {
        var inputs = new Dictionary<string, IndicatorInput>(Inputs(
            ("installation_plan_completion", 97m), // 10
            ("department_satisfaction", 8m), // 8 ÷ 10 × 10 = 8
            ("complaint_rate", 4m), // (2, 10] → 7–0: 7 + 2 ÷ 8 × (0 − 7) = 5.25
            ("budget_deviation", 3m), // (0, 5] → 10
            ("rules_and_regulations", 2m), // 2 ÷ 3 × 15 = 10
            ("daily_affairs", 1m))) // 10 − 3 = 7
        {
            ["additional_tasks"] = new(12m, "完成新服务站筹建，延期一周"), // 12
            ["training_management"] = new(16m, "培训计划完成，考核记录不全"), // 16
        };
        var sheet = Score("department_head_quarterly", inputs);

        // quantified 10 + 8 + 5.25 + 10 = 33.25; total 33.25 + 10 + 12 + 7 + 16 = 78.25
        Assert.Equal(33.25m, Subtotal(sheet, "quantified"));
        Assert.Equal(78.25m, sheet.Total);
    }

    [Fact]
    public void Seed_F_lock_service_manager()
    {
        var sheet = Score("lock_service_manager_monthly", Inputs(
            ("repair_task_achievement", 92m), // 30 − 3 = 27
            ("report_archive_accuracy", 98m), // 10
            ("work_errors", 2m), // 20 − 2 × 3 = 14
            ("returned_product_quality", 99.5m), // 20
            ("general_manager_rating", 2m))); // 2 ÷ 3 × 20 = 13.333… → 13.33

        // kpi 27 + 10 = 37; cpi 14 + 20 + 13.33 = 47.33; total 84.33
        Assert.Equal(37m, Subtotal(sheet, "kpi"));
        Assert.Equal(84.33m, sheet.Total);
    }
}
