using System.Globalization;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment;

/// <summary>
/// The score of one indicator under one rule. <paramref name="Points"/> is rounded once by <see cref="Rounding.Round"/>
/// (2 decimals, half away from zero); <c>null</c> means "not scored": there was nothing to measure, so the indicator is
/// excluded rather than given full or zero points. <paramref name="Arithmetic"/> shows the computation (R-ASM-10).
/// </summary>
public sealed record ScoreResult(decimal? Points, string Arithmetic)
{
    public const string NoDataText = "no data: not scored";

    public static ScoreResult NotScored { get; } = new(null, NoDataText);
}

/// <summary>The kinds of scoring rule of R-ASM-3, as written in a plan's JSON (the <c>kind</c> discriminator).</summary>
public static class ScoringRuleKind
{
    public const string BelowTargetLinearDeduction = "below_target_linear_deduction";
    public const string Banded = "banded";
    public const string Threshold = "threshold";
    public const string PerIncidentDeduction = "per_incident_deduction";
    public const string PerIncidentBonus = "per_incident_bonus";
    public const string ProportionalBonus = "proportional_bonus";
    public const string RatingScale = "rating_scale";
    public const string ManualScore = "manual_score";
    public const string PerErrorDeduction = "per_error_deduction";

    public static IReadOnlyList<string> All { get; } =
    [
        BelowTargetLinearDeduction, Banded, Threshold, PerIncidentDeduction, PerIncidentBonus, ProportionalBonus, RatingScale,
        ManualScore, PerErrorDeduction,
    ];
}

/// <summary>
/// A scoring rule of an assessment plan (R-ASM-3): immutable parameters, checked by <see cref="Check"/>. Each concrete rule
/// has its own <c>Score</c> method taking the input it needs (a percentage, a count, an amount, a rating, a manual score).
/// Scoring with parameters that do not pass <see cref="Check"/> throws <see cref="InvalidOperationException"/>.
/// </summary>
public abstract record ScoringRule
{
    /// <summary>The discriminator, one of <see cref="ScoringRuleKind.All"/>.</summary>
    public abstract string Kind { get; }

    /// <summary>The most points the rule can give, or <c>null</c> when it is unbounded (an uncapped bonus).</summary>
    public abstract decimal? MaxPoints { get; }

    /// <summary>Every invalid or missing parameter, all at once; empty when the rule can be used.</summary>
    public abstract FieldErrors Check();

    protected void EnsureValid()
    {
        var errors = Check();
        if (errors.Any)
        {
            throw new InvalidOperationException(
                $"The {Kind} rule is invalid: " + string.Join("; ", errors.All.Select(e => $"{e.Field}: {e.Message}")));
        }
    }

    internal static void NotNegative(FieldErrors errors, string field, decimal value)
    {
        if (value < 0)
        {
            errors.Add(field, "negative", $"{field} must not be negative.");
        }
    }

    internal static void Percent(FieldErrors errors, string field, decimal value)
    {
        if (value is < 0 or > 100)
        {
            errors.Add(field, "out_of_range", $"{field} must be between 0 and 100.");
        }
    }
}

/// <summary>Numbers as shown in the arithmetic: invariant culture, no trailing zeros, a true minus sign.</summary>
internal static class Num
{
    public static string S(decimal value)
    {
        var text = value.ToString("0.############################", CultureInfo.InvariantCulture);
        return text.StartsWith('-') ? "−" + text[1..] : text;
    }

    public static string S(int value) => S((decimal)value);

    /// <summary>A value as the arithmetic shows it: itself when it has no more decimals than the rounding rule, else "≈" and its rounding.</summary>
    public static string Approx(decimal value)
    {
        var rounded = Rounding.Round(value);
        return rounded == value ? S(value) : "≈" + S(rounded);
    }
}
