using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Tests.Assessment.Plans;

internal static class PlanTestSupport
{
    public static IEnumerable<string> ErrorTexts(FieldErrors errors) => errors.All.Select(e => $"{e.Field}:{e.Code}: {e.Message}");

    public static string Describe(Refusal? refusal) =>
        refusal is null ? "" : string.Join(Environment.NewLine, refusal.Errors.Select(e => $"{e.Field}:{e.Code}: {e.Message}"));

    public static IEnumerable<string> Codes(Refusal? refusal) => refusal?.Errors.Select(e => $"{e.Field}:{e.Code}") ?? [];

    public static Indicator Indicator(AssessmentPlan plan, string code) => plan.Categories.SelectMany(c => c.Indicators).Single(i => i.Code == code);

    public static AssessmentPlan ReplaceRule(AssessmentPlan plan, string code, ScoringRule rule) =>
        MapIndicators(plan, i => i.Code == code ? i with { Rule = rule } : i);

    public static AssessmentPlan MapIndicators(AssessmentPlan plan, Func<Indicator, Indicator> map) =>
        plan with { Categories = plan.Categories.Select(c => c with { Indicators = c.Indicators.Select(map).ToList() }).ToList() };

    public static IReadOnlyDictionary<string, IndicatorInput> Inputs(params (string Code, decimal? Value)[] values) =>
        values.ToDictionary(v => v.Code, v => new IndicatorInput(v.Value));
}
