using CsCheck;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Assessment.Plans;
using static ServiceMark.Domain.Tests.Assessment.Plans.PlanTestSupport;

namespace ServiceMark.Domain.Tests.Assessment.Plans;

[Trait("Rule", "R-ASM-3")]
public sealed class PlanScorerTests
{
    private static readonly AssessmentPlan Plan = AssessmentPlanValidatorTests.Valid;

    [Fact]
    public void An_invalid_plan_is_refused_with_the_validators_errors() =>
        Assert.Equal(["categories:weights_not_100", "categories[0].indicators:points_not_weight"],
            Codes(PlanScorer.Score(Plan with { Categories = [Plan.Categories[0] with { Weight = 50m }] }, Inputs()).Refusal).Order());

    [Fact]
    public void Bad_inputs_are_field_errors_listed_together_never_exceptions()
    {
        var result = PlanScorer.Score(Plan, new Dictionary<string, IndicatorInput>
        {
            ["arrival_on_time"] = new(101m),
            ["complaints"] = new(1.5m),
            ["contract_amount"] = new(-1m),
            ["attitude"] = new(4m),
            ["typo"] = new(1m),
        });
        Assert.Equal(
        [
            "inputs.typo:unknown_indicator", "inputs.arrival_on_time.value:out_of_range", "inputs.complaints.value:not_a_count",
            "inputs.contract_amount.value:negative", "inputs.attitude.value:out_of_range",
        ], Codes(result.Refusal));
    }

    [Fact]
    public void A_manual_score_needs_its_comment_and_range()
    {
        var plan = SeedPlans.ByCode("department_head_quarterly");
        var result = PlanScorer.Score(plan, new Dictionary<string, IndicatorInput>
        {
            ["additional_tasks"] = new(12m),
            ["training_management"] = new(21m, "超出"),
        });
        Assert.Equal(["inputs.additional_tasks.comment:required", "inputs.training_management.value:out_of_range"], Codes(result.Refusal));
    }

    [Fact]
    public void Nothing_scored_has_no_total()
    {
        var sheet = PlanScorer.Score(Plan, Inputs()).Value!;
        Assert.Null(sheet.BaseTotal);
        Assert.Null(sheet.Total);
        Assert.Equal(["arrival_on_time", "complaints", "contract_amount", "attitude"], sheet.NotScored);
        Assert.Equal("not scored: no base indicator had data", sheet.Arithmetic);
    }

    [Fact]
    public void A_category_without_data_spreads_its_weight_over_the_scored_ones()
    {
        // results: 40 − (95 − 90) × 2 = 30 and 20 − 5 = 15 → 45 of 60; attitude not rated.
        // base 45 of 60 scored weight × 100 ÷ 60 = 75
        var sheet = PlanScorer.Score(Plan, Inputs(("arrival_on_time", 90m), ("complaints", 1m), ("attitude", null))).Value!;
        Assert.Equal(45m, sheet.Categories[0].Subtotal);
        Assert.Null(sheet.Categories[1].Subtotal);
        Assert.Equal(75m, sheet.Total);
        Assert.Equal("base (45) of 60 scored weight × 100 ÷ 60 = 75 → total 75", sheet.Arithmetic);
    }

    [Fact]
    public void The_sheet_shows_measured_values_rules_and_evidence()
    {
        var sheet = PlanScorer.Score(Plan, new Dictionary<string, IndicatorInput>
        {
            ["complaints"] = new(2m, "两次有效投诉", ["complaint:17", "complaint:23"]),
        }).Value!;
        var complaints = sheet.Categories[0].Indicators[1];
        Assert.Equal((2m, InputKind.Count, "per_incident_deduction", "20 points; −5 per incident, not below 0"),
            (complaints.Measured, complaints.Input, complaints.RuleKind, complaints.Rule));
        Assert.Equal(new ScoreResult(10m, "2 incidents × 5 = −10 → 20 − 10 = 10"), complaints.Result);
        Assert.Equal(["complaint:17", "complaint:23"], complaints.Evidence);
        Assert.Equal("两次有效投诉", complaints.Comment);
    }

    private static readonly Gen<int> Count = Gen.Int[0, 30];

    [Fact]
    public void A_deduction_never_raises_the_score() =>
        Gen.Select(SeedAGen(), Count, Count).Sample((inputs, a, b) =>
        {
            // One more valid complaint or late reply never raises the total.
            var fewer = With(inputs, ("service_complaints", Math.Min(a, b)), ("response_speed", Math.Min(a, b)));
            var more = With(inputs, ("service_complaints", Math.Max(a, b)), ("response_speed", Math.Max(a, b)));
            return TotalOf("service_manager_monthly", more) <= TotalOf("service_manager_monthly", fewer);
        });

    [Fact]
    public void A_better_measured_value_never_lowers_the_points() =>
        Gen.Select(SeedAGen(), ScoringTestSupport.Percent, ScoringTestSupport.Percent).Sample((inputs, a, b) =>
        {
            // report on-time rate (banded, higher is better), training coverage (threshold), periodic reports (below-target)
            var worse = With(inputs, ("report_on_time_rate", Math.Min(a, b)), ("training_coverage", Math.Min(a, b)), ("periodic_report_on_time", Math.Min(a, b)));
            var better = With(inputs, ("report_on_time_rate", Math.Max(a, b)), ("training_coverage", Math.Max(a, b)), ("periodic_report_on_time", Math.Max(a, b)));
            return TotalOf("service_manager_monthly", better) >= TotalOf("service_manager_monthly", worse);
        });

    /// <summary>
    /// Weights are applied once: categories of random integer weights, each one ten-point rating worth its weight, all rated
    /// r → every indicator gives r ÷ 10 of its points, so the total is r × 10 — whatever the weights and whichever
    /// categories have no data (a missing fact never counts as zero).
    /// </summary>
    [Fact]
    public void Weights_are_applied_once_and_missing_data_never_counts_as_zero() =>
        Gen.Select(Gen.Int[1, 99].Array[1, 6], Gen.Int[1, 10], Gen.Bool.Array[7]).Sample((cuts, rating, missing) =>
        {
            var bounds = cuts.Distinct().Order().Prepend(0).Append(100).ToArray();
            var weights = bounds.Zip(bounds.Skip(1), (lo, hi) => (decimal)(hi - lo)).ToArray();
            var plan = new AssessmentPlan("p", "p", "", ["ENG"], PeriodKind.Monthly, 1, weights.Select((w, i) => new PlanCategory($"c{i}", $"c{i}", w,
            [
                new Indicator($"i{i}", $"i{i}", IndicatorKind.Cpi, new DataSource(DataSourceKind.Rating, Raters: [new RaterWeight(RaterGroup.Superior)]),
                    new RatingScale(w, RatingScaleKind.TenPoint), w),
            ])).ToList());
            var inputs = weights.Select((_, i) => i).Where(i => i == 0 || !missing[i])
                .ToDictionary(i => $"i{i}", _ => new IndicatorInput(rating));
            return PlanScorer.Score(plan, inputs).Value!.Total == rating * 10m;
        });

    private static Gen<Dictionary<string, IndicatorInput>> SeedAGen() =>
        Gen.Select(ScoringTestSupport.Percent, ScoringTestSupport.Percent, Gen.Int[0, 3], Count).Select((p1, p2, r, n) =>
            new Dictionary<string, IndicatorInput>(SeedPlanScoringTests.SeedAInputs())
            {
                ["invalid_service_ratio"] = new(p1), ["plm_document_use"] = new(p2), ["temporary_tasks"] = new(r), ["training_pass"] = new(n),
            });

    private static Dictionary<string, IndicatorInput> With(Dictionary<string, IndicatorInput> inputs, params (string Code, decimal Value)[] values)
    {
        var copy = new Dictionary<string, IndicatorInput>(inputs);
        foreach (var (code, value) in values)
        {
            copy[code] = new IndicatorInput(value);
        }

        return copy;
    }

    private static decimal TotalOf(string plan, Dictionary<string, IndicatorInput> inputs) =>
        PlanScorer.Score(SeedPlans.ByCode(plan), inputs).Value!.Total!.Value;
}
