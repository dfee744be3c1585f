using System.Text;
using System.Text.RegularExpressions;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment.Plans;

/// <summary>
/// Checks an assessment plan (R-ASM-1: "a plan that does not add up is refused with the reason") and lists every
/// problem at once. Field paths follow the JSON (snake_case), e.g. <c>categories[1].indicators[2].rule.bands[0].to_percent</c>.
/// <para>Rules: codes are snake_case and unique (indicator codes across the whole plan, because inputs are keyed by them);
/// category weights add up to exactly 100; in each category the base (non-bonus) indicators' points add up to its weight;
/// each rule passes its own <see cref="ScoringRule.Check"/>; a base indicator's rule gives exactly its points at best
/// (more would overflow the category, less would make full marks impossible); a bonus indicator's rule gives at most its
/// points (its cap), and an uncapped bonus rule needs a bonus indicator without points; the data source gives the input
/// the rule scores (<see cref="RuleInputs.Mismatch"/>) and names its parameters.</para>
/// </summary>
public static partial class AssessmentPlanValidator
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int CodeMaxLength = 64;

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex SnakeCase();

    public static FieldErrors Check(AssessmentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = new FieldErrors();
        Code(errors, "code", plan.Code);
        errors.RequiredText("name", plan.Name, NameMaxLength);
        errors.MaxLength("description", plan.Description, DescriptionMaxLength);
        if (plan.Version < 1)
        {
            errors.Add("version", "out_of_range", "version must be 1 or more.");
        }

        if (!Enum.IsDefined(plan.PeriodKind))
        {
            errors.Add("period_kind", "unknown", "period_kind must be monthly, quarterly or annual.");
        }

        if (plan.PositionCodes is null || plan.PositionCodes.Count == 0)
        {
            errors.Add("position_codes", "required", "position_codes needs at least one position the plan applies to.");
        }
        else
        {
            for (var i = 0; i < plan.PositionCodes.Count; i++)
            {
                errors.Required($"position_codes[{i}]", plan.PositionCodes[i]);
            }

            Duplicates(errors, "position_codes", plan.PositionCodes, "position code");
        }

        if (plan.Categories is null || plan.Categories.Count == 0)
        {
            errors.Add("categories", "required", "categories needs at least one category.");
            return errors;
        }

        var indicatorCodes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var c = 0; c < plan.Categories.Count; c++)
        {
            CheckCategory(errors, $"categories[{c}]", plan.Categories[c], indicatorCodes);
        }

        Duplicates(errors, "categories", plan.Categories.Where(x => x is not null).Select(x => x.Code).ToList(), "category code");
        var total = plan.Categories.Where(x => x is not null).Sum(x => x.Weight);
        if (total != 100m)
        {
            errors.Add("categories", "weights_not_100",
                $"The category weights add up to {Num.S(total)}, not 100 ({string.Join(" + ", plan.Categories.Where(x => x is not null).Select(x => Num.S(x.Weight)))}).");
        }

        return errors;
    }

    private static void CheckCategory(FieldErrors errors, string path, PlanCategory? category, Dictionary<string, string> indicatorCodes)
    {
        if (category is null)
        {
            errors.Add(path, "required", $"{path} is empty.");
            return;
        }

        Code(errors, $"{path}.code", category.Code);
        errors.RequiredText($"{path}.name", category.Name, NameMaxLength);
        if (category.Weight is < 0 or > 100)
        {
            errors.Add($"{path}.weight", "out_of_range", $"{path}.weight must be between 0 and 100.");
        }

        if (category.Indicators is null || category.Indicators.Count == 0)
        {
            errors.Add($"{path}.indicators", "required", $"{path}.indicators needs at least one indicator.");
            return;
        }

        for (var i = 0; i < category.Indicators.Count; i++)
        {
            var indicatorPath = $"{path}.indicators[{i}]";
            var indicator = category.Indicators[i];
            CheckIndicator(errors, indicatorPath, indicator);
            if (indicator?.Code is { Length: > 0 } code && !indicatorCodes.TryAdd(code, indicatorPath))
            {
                errors.Add($"{indicatorPath}.code", "duplicate", $"Indicator code {code} is already used by {indicatorCodes[code]}.");
            }
        }

        // Points already carry the weight (a 20 % category has 20 points), so the weight is applied once, here, as a sum check.
        var basePoints = category.Indicators.Where(x => x is { IsBonus: false }).Sum(x => x.Points ?? 0m);
        if (basePoints != category.Weight)
        {
            errors.Add($"{path}.indicators", "points_not_weight",
                $"The base indicators of {category.Code} add up to {Num.S(basePoints)} points, but the category weighs {Num.S(category.Weight)}.");
        }
    }

    private static void CheckIndicator(FieldErrors errors, string path, Indicator? indicator)
    {
        if (indicator is null)
        {
            errors.Add(path, "required", $"{path} is empty.");
            return;
        }

        Code(errors, $"{path}.code", indicator.Code);
        errors.RequiredText($"{path}.name", indicator.Name, NameMaxLength);
        errors.MaxLength($"{path}.target", indicator.Target, NameMaxLength);
        errors.MaxLength($"{path}.description", indicator.Description, DescriptionMaxLength);
        if (!Enum.IsDefined(indicator.Kind))
        {
            errors.Add($"{path}.kind", "unknown", $"{path}.kind must be kpi, cpi or manual.");
        }

        if (indicator.Points is null && !indicator.IsBonus)
        {
            errors.Add($"{path}.points", "required", $"{path}.points is required for a base indicator (only a bonus may leave it out).");
        }
        else if (indicator.Points < 0)
        {
            errors.Add($"{path}.points", "negative", $"{path}.points must not be negative.");
        }

        CheckSource(errors, $"{path}.source", indicator);
        if (indicator.Rule is null)
        {
            errors.Add($"{path}.rule", "required", $"{path}.rule is required.");
            return;
        }

        if (indicator.Rule is Banded { Bands: var bands } && bands?.Any(b => b is null) == true)
        {
            // A JSON "bands": [null] reaches here; Banded.Check would dereference it.
            errors.Add($"{path}.rule.bands", "required", $"{path}.rule.bands must not contain null.");
            return;
        }

        var ruleErrors = indicator.Rule.Check();
        foreach (var e in ruleErrors.All)
        {
            errors.Add($"{path}.rule.{SnakeCasePath(e.Field)}", e.Code, $"{path}.rule: {e.Message}");
        }

        CheckRulePoints(errors, path, indicator);
        if (indicator.Source is not null && RuleInputs.Mismatch(indicator.Source, indicator.Rule) is { } mismatch)
        {
            errors.Add($"{path}.source.kind", "source_mismatch", $"{path}: {mismatch}");
        }
    }

    private static void CheckRulePoints(FieldErrors errors, string path, Indicator indicator)
    {
        var max = indicator.Rule.MaxPoints;
        var field = $"{path}.rule";
        if (indicator.Points is not { } points)
        {
            return; // an uncapped bonus: nothing to compare
        }

        if (max is null)
        {
            errors.Add(field, "uncapped", $"{path} is worth at most {Num.S(points)} points but its {indicator.Rule.Kind} rule is uncapped: set the rule's cap.");
        }
        else if (max > points)
        {
            errors.Add(field, "above_points",
                $"{path}: the {indicator.Rule.Kind} rule can give {Num.S(max.Value)} points but the indicator is worth {Num.S(points)}.");
        }
        else if (max < points && !indicator.IsBonus)
        {
            errors.Add(field, "below_points",
                $"{path}: the {indicator.Rule.Kind} rule gives at most {Num.S(max.Value)} points but the indicator is worth {Num.S(points)}, so full marks are impossible.");
        }
    }

    private static void CheckSource(FieldErrors errors, string path, Indicator indicator)
    {
        var source = indicator.Source;
        if (source is null)
        {
            errors.Add(path, "required", $"{path} is required.");
            return;
        }

        if (source.Scope is not null && source.Kind != DataSourceKind.ServiceFact)
        {
            errors.Add($"{path}.scope", "not_applicable", $"{path}.scope applies to a service_fact source only.");
        }

        switch (source.Kind)
        {
            case DataSourceKind.ServiceFact:
                if (string.IsNullOrWhiteSpace(source.Fact))
                {
                    errors.Add($"{path}.fact", "required", $"{path}.fact is required for a service_fact source.");
                }
                else if (RuleInputs.InputOfFact(source.Fact) is null)
                {
                    errors.Add($"{path}.fact", "unknown_fact",
                        $"{path}.fact {source.Fact} is not a service fact; known: {string.Join(", ", RuleInputs.KnownFacts)}.");
                }
                else if (Budgets.BudgetFactCodes.DepartmentOnly.Contains(source.Fact) && source.Scope != SourceScope.Department)
                {
                    errors.Add($"{path}.scope", "department_only", $"{path}.fact {source.Fact} is measured on the department only: set scope department.");
                }

                if (indicator.Kind != IndicatorKind.Kpi)
                {
                    errors.Add($"{path}.kind", "kind_mismatch", $"{path}: an indicator computed from a service fact is a kpi.");
                }

                break;
            case DataSourceKind.Rating:
                CheckRaters(errors, $"{path}.raters", source.Raters);
                if (indicator.Kind != IndicatorKind.Cpi)
                {
                    errors.Add($"{path}.kind", "kind_mismatch", $"{path}: an indicator rated by people is a cpi.");
                }

                break;
            case DataSourceKind.Manual or DataSourceKind.Count or DataSourceKind.Amount:
                errors.Required($"{path}.entered_by", source.EnteredBy);
                break;
            default:
                errors.Add($"{path}.kind", "unknown", $"{path}.kind is not a data source kind.");
                break;
        }
    }

    private static void CheckRaters(FieldErrors errors, string path, IReadOnlyList<RaterWeight>? raters)
    {
        if (raters is null || raters.Count == 0)
        {
            errors.Add(path, "required", $"{path} needs at least one rater group.");
            return;
        }

        Duplicates(errors, path, raters.Where(r => r is not null).Select(r => r.Group.ToString()).ToList(), "rater group");
        var weighted = raters.Count(r => r?.Weight is not null);
        if (weighted == 0)
        {
            return;
        }

        if (weighted != raters.Count)
        {
            errors.Add(path, "weights_incomplete", $"{path}: give every rater group a weight, or none.");
        }
        else if (raters.Sum(r => r.Weight!.Value) != 100m)
        {
            errors.Add(path, "weights_not_100", $"{path}: the rater group weights add up to {Num.S(raters.Sum(r => r.Weight!.Value))}, not 100.");
        }

        for (var i = 0; i < raters.Count; i++)
        {
            if (raters[i]?.Weight is < 0 or > 100)
            {
                errors.Add($"{path}[{i}].weight", "out_of_range", $"{path}[{i}].weight must be between 0 and 100.");
            }
        }
    }

    private static void Code(FieldErrors errors, string field, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add(field, "required", $"{field} is required.");
        }
        else if (code.Length > CodeMaxLength || !SnakeCase().IsMatch(code))
        {
            errors.Add(field, "not_snake_case", $"{field} {code} must be snake_case (a–z, 0–9, _; starting with a letter; at most {CodeMaxLength}).");
        }
    }

    private static void Duplicates(FieldErrors errors, string field, IReadOnlyList<string?> values, string what)
    {
        foreach (var group in values.Select((v, i) => (Value: v, Index: i)).Where(x => !string.IsNullOrWhiteSpace(x.Value))
                     .GroupBy(x => x.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var indexes = group.Select(x => x.Index).ToList();
            errors.Add($"{field}[{indexes[1]}]", "duplicate",
                $"The {what} {group.Key} appears more than once ({string.Join(", ", indexes.Select(i => $"{field}[{i}]"))}).");
        }
    }

    /// <summary>The rules name their fields in camelCase (pointsAtFrom); the plan's JSON, and so its paths, are snake_case.</summary>
    internal static string SnakeCasePath(string field)
    {
        var builder = new StringBuilder(field.Length + 8);
        foreach (var ch in field)
        {
            if (char.IsUpper(ch))
            {
                builder.Append('_').Append(char.ToLowerInvariant(ch));
            }
            else
            {
                builder.Append(ch);
            }
        }

        return builder.ToString();
    }
}
