using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment.Plans;

/// <summary>
/// The measured input of one indicator: <see cref="Value"/> is a percentage, a count, an amount, a rating or a manual
/// score, as the indicator's rule needs (<see cref="RuleInputs.InputOf"/>); null or absent means "no data".
/// <see cref="Comment"/> is required for a manual score. <see cref="Evidence"/> are references (ticket ids, document
/// numbers…) opaque to the domain, passed through to the score sheet (R-ASM-10).
/// </summary>
public sealed record IndicatorInput(decimal? Value, string? Comment = null, IReadOnlyList<string>? Evidence = null);

/// <summary>One indicator on a score sheet: what was measured, the rule in words, the points with their arithmetic, the evidence.</summary>
public sealed record IndicatorScore(
    string Code,
    string Name,
    bool IsBonus,
    decimal? Points,
    InputKind Input,
    decimal? Measured,
    string? Comment,
    string RuleKind,
    string Rule,
    ScoreResult Result,
    IReadOnlyList<string> Evidence);

/// <summary>
/// One category on a score sheet. <see cref="Subtotal"/> is its base points after the not-scored scaling (null when none
/// of its base indicators was scored); <see cref="Bonus"/> the sum of its scored bonus indicators.
/// </summary>
public sealed record CategoryScore(
    string Code,
    string Name,
    decimal Weight,
    decimal? Subtotal,
    decimal Bonus,
    string Arithmetic,
    IReadOnlyList<IndicatorScore> Indicators);

/// <summary>
/// The scored plan (R-ASM-10): every indicator with its inputs and arithmetic, the category subtotals, the base total (out
/// of 100), the bonus and the total. <see cref="BaseTotal"/> and <see cref="Total"/> are null when no base indicator at all
/// could be scored. <see cref="NotScored"/> lists the indicator codes that had no data.
/// </summary>
public sealed record ScoreSheet(
    string PlanCode,
    int PlanVersion,
    IReadOnlyList<CategoryScore> Categories,
    decimal? BaseTotal,
    decimal Bonus,
    decimal? Total,
    string Arithmetic,
    IReadOnlyList<string> NotScored);

/// <summary>
/// Scores a plan against measured inputs.
/// <para><b>Weights</b> are applied exactly once: an indicator's points already are its share of the 100 (a 20 % category
/// has 20 points of indicators), so a category's subtotal is the sum of its indicators' points, never multiplied again.</para>
/// <para><b>Not scored</b> (no data: no input, or a null value) never counts as zero and never as full marks. Within a
/// category, the scored base indicators' points are scaled up to the category's weight:
/// subtotal = earned ÷ (points of the scored indicators) × weight. A category with no scored base indicator has no subtotal,
/// and its weight is spread the same way over the scored categories: base total = Σ subtotals ÷ (weights of the scored
/// categories) × 100. When everything is scored both factors are 1 and nothing is scaled.</para>
/// <para><b>Deductions and bonuses</b>: each rule keeps a deduction indicator at or above its floor (0 unless the plan says
/// otherwise); bonus indicators are not scaled and add on top of the base total, each capped by its own rule:
/// total = base total + bonus, so a total above 100 is possible only through bonuses.</para>
/// <para><b>Rounding</b>: each rule rounds its own points (<see cref="Rounding.Round"/>); the scorer rounds the category
/// subtotals, the base total and the total it shows in one place, from unrounded intermediate values.</para>
/// </summary>
public static class PlanScorer
{
    /// <summary>
    /// Scores <paramref name="plan"/>. Refused when the plan does not pass <see cref="AssessmentPlanValidator"/>, when an
    /// input names no indicator of the plan, or when an input is outside what its rule accepts (fields
    /// <c>inputs.&lt;code&gt;.value</c> / <c>.comment</c>); every problem is listed at once.
    /// </summary>
    public static Result<ScoreSheet> Score(AssessmentPlan plan, IReadOnlyDictionary<string, IndicatorInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(inputs);
        var planErrors = AssessmentPlanValidator.Check(plan);
        if (planErrors.Any)
        {
            return planErrors.ToRefusal();
        }

        var errors = new FieldErrors();
        var codes = plan.Categories.SelectMany(c => c.Indicators).Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var code in inputs.Keys.Where(k => !codes.Contains(k)).Order(StringComparer.Ordinal))
        {
            errors.Add($"inputs.{code}", "unknown_indicator", $"The plan {plan.Code} has no indicator {code}.");
        }

        var categories = new List<(PlanCategory Category, List<IndicatorScore> Scores)>();
        foreach (var category in plan.Categories)
        {
            var scores = new List<IndicatorScore>();
            foreach (var indicator in category.Indicators)
            {
                var input = inputs.GetValueOrDefault(indicator.Code);
                if (ScoreIndicator(errors, indicator, input) is { } score)
                {
                    scores.Add(score);
                }
            }

            categories.Add((category, scores));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        return Sheet(plan, categories);
    }

    private static ScoreSheet Sheet(AssessmentPlan plan, List<(PlanCategory Category, List<IndicatorScore> Scores)> categories)
    {
        var categoryScores = new List<CategoryScore>();
        var exactSubtotals = new List<(decimal Weight, decimal Subtotal)>();
        var bonus = 0m;
        foreach (var (category, scores) in categories)
        {
            var scoredBase = scores.Where(s => !s.IsBonus && s.Result.Points is not null).ToList();
            var earned = scoredBase.Sum(s => s.Result.Points!.Value);
            var possible = scoredBase.Sum(s => s.Points!.Value);
            var categoryBonus = scores.Where(s => s.IsBonus).Sum(s => s.Result.Points ?? 0m);
            bonus += categoryBonus;
            decimal? shown = null;
            string text;
            var sum = scoredBase.Count == 0 ? "0" : string.Join(" + ", scoredBase.Select(s => Num.S(s.Result.Points!.Value)));
            var missing = scores.Where(s => !s.IsBonus && s.Result.Points is null).Select(s => s.Code).ToList();
            if (possible == 0)
            {
                text = category.Weight == 0 ? "no base indicators" : "not scored: no base indicator had data";
            }
            else
            {
                var exact = earned / possible * category.Weight;
                exactSubtotals.Add((category.Weight, exact));
                shown = Shown(exact);
                text = possible == category.Weight
                    ? $"{sum} = {Num.S(shown.Value)}"
                    : $"({sum}) = {Num.S(earned)} of {Num.S(possible)} scored points × {Num.S(category.Weight)} ÷ {Num.S(possible)} = {Num.S(shown.Value)}"
                      + $" (not scored: {string.Join(", ", missing)})";
            }

            if (categoryBonus != 0)
            {
                text += $"; bonus +{Num.S(categoryBonus)}";
            }

            categoryScores.Add(new CategoryScore(category.Code, category.Name, category.Weight, shown, categoryBonus, text, scores));
        }

        var scoredWeight = exactSubtotals.Sum(x => x.Weight);
        decimal? baseTotal = null;
        decimal? total = null;
        string arithmetic;
        if (scoredWeight == 0)
        {
            arithmetic = "not scored: no base indicator had data";
        }
        else
        {
            var exactBase = exactSubtotals.Sum(x => x.Subtotal) / scoredWeight * 100m;
            baseTotal = Shown(exactBase);
            total = Shown(exactBase + bonus);
            var subtotals = string.Join(" + ", categoryScores.Where(c => c.Subtotal is not null).Select(c => Num.S(c.Subtotal!.Value)));
            arithmetic = scoredWeight == 100m
                ? $"base {subtotals} = {Num.S(baseTotal.Value)}"
                : $"base ({subtotals}) of {Num.S(scoredWeight)} scored weight × 100 ÷ {Num.S(scoredWeight)} = {Num.S(baseTotal.Value)}";
            arithmetic += bonus != 0 ? $"; bonus +{Num.S(bonus)} → total {Num.S(total.Value)}" : $" → total {Num.S(total.Value)}";
        }

        var notScored = categoryScores.SelectMany(c => c.Indicators).Where(i => i.Result.Points is null).Select(i => i.Code).ToList();
        return new ScoreSheet(plan.Code, plan.Version, categoryScores, baseTotal, bonus, total, arithmetic, notScored);
    }

    /// <summary>
    /// The one place the scorer rounds what it shows (the rules round their own points). Dividing by 1.000… drops the
    /// trailing zeros the scaling leaves (21.00 → 21), so the sheet reads like the arithmetic.
    /// </summary>
    private static decimal Shown(decimal exact) => Rounding.Round(exact) / 1.000000000000000000000000000000000m;

    /// <summary>
    /// Whether one input is one the indicator's rule accepts (range, whole counts, a manual score's comment), checked when
    /// someone enters it so that a stored input never makes scoring fail later. Fields are <c>inputs.&lt;code&gt;.value|comment</c>.
    /// </summary>
    public static FieldErrors CheckInput(Indicator indicator, IndicatorInput input)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var errors = new FieldErrors();
        ScoreIndicator(errors, indicator, input);
        return errors;
    }

    private static IndicatorScore? ScoreIndicator(FieldErrors errors, Indicator indicator, IndicatorInput? input)
    {
        var field = $"inputs.{indicator.Code}";
        var value = input?.Value;
        var kind = RuleInputs.InputOf(indicator.Rule);
        if (value is { } v && !InRange(errors, $"{field}.value", kind, indicator.Rule, v))
        {
            return null;
        }

        ScoreResult result;
        switch (indicator.Rule)
        {
            case BelowTargetLinearDeduction r:
                result = r.Score(value);
                break;
            case Banded r:
                result = r.Score(value);
                break;
            case Threshold r:
                result = r.Score(value);
                break;
            case PerIncidentDeduction r:
                result = r.Score(AsCount(value));
                break;
            case PerErrorDeduction r:
                result = r.Score(AsCount(value));
                break;
            case PerIncidentBonus r:
                result = r.Score(AsCount(value));
                break;
            case ProportionalBonus r:
                result = r.Score(value);
                break;
            case RatingScale r:
                result = r.Score(value);
                break;
            case ManualScore r:
                var manual = r.Score(value, input?.Comment);
                if (!manual.Succeeded)
                {
                    foreach (var e in manual.Refusal!.Errors)
                    {
                        errors.Add($"{field}.{(e.Field == "score" ? "value" : e.Field)}", e.Code, $"{indicator.Code}: {e.Message}");
                    }

                    return null;
                }

                result = manual.Value!;
                break;
            default:
                throw new InvalidOperationException($"No scoring for rule {indicator.Rule.Kind}.");
        }

        return new IndicatorScore(indicator.Code, indicator.Name, indicator.IsBonus, indicator.Points, kind, value, input?.Comment,
            indicator.Rule.Kind, RuleInputs.Describe(indicator.Rule), result, input?.Evidence ?? []);
    }

    private static int? AsCount(decimal? value) => value is { } v ? (int)v : null;

    /// <summary>Refuses, as a field error, an input the rule would throw on: the rules check arguments, not user data.</summary>
    private static bool InRange(FieldErrors errors, string field, InputKind kind, ScoringRule rule, decimal value)
    {
        var before = errors.All.Count;
        switch (kind)
        {
            case InputKind.Percent when value is < 0 or > 100:
                errors.Add(field, "out_of_range", $"{field} is a percentage between 0 and 100.");
                break;
            case InputKind.Count when value < 0 || value != decimal.Truncate(value) || value > int.MaxValue:
                errors.Add(field, "not_a_count", $"{field} is a count: a whole number, 0 or more.");
                break;
            case InputKind.Amount:
                Amounts.CheckMoney(errors, field, value);
                break;
            case InputKind.Rating when rule is RatingScale scale && (value < scale.ScaleMin || value > scale.ScaleMax):
                errors.Add(field, "out_of_range", $"{field} is a rating between {Num.S(scale.ScaleMin)} and {Num.S(scale.ScaleMax)}.");
                break;
        }

        return errors.All.Count == before;
    }
}
