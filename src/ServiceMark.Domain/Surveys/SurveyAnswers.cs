using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Surveys;

/// <summary>One rated question.</summary>
/// <param name="Question">A question code, e.g. <see cref="SurveyQuestions.RepairQuality"/>.</param>
public sealed record SurveyRating(string Question, SurveyScale Scale, int Value);

/// <summary>A customer's answers to a satisfaction survey, by phone or through a one-time link (R-CMP-2).</summary>
/// <param name="ProblemSolved">"Was the problem solved?" — required; null only while the form is incomplete.</param>
public sealed record SurveyAnswers(IReadOnlyList<SurveyRating> Ratings, bool? ProblemSolved, string? Comment);

/// <summary>When a survey counts as low: at or below these, a follow-up task opens. Data an admin may change.</summary>
public sealed record SurveyThresholds(int TenPointLowAtOrBelow = 6, int FourPointLowAtOrBelow = 1, bool UnsolvedIsLow = true)
{
    public static SurveyThresholds Default { get; } = new();
}

public static class SurveyRules
{
    public const int CommentMaxLength = 1000;

    public static FieldErrors Check(SurveyAnswers answers)
    {
        var errors = new FieldErrors();
        var ratings = answers.Ratings ?? [];
        if (ratings.Count == 0)
        {
            errors.Add("ratings", "required", "Answer at least one rated question.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ratings.Count; i++)
        {
            var r = ratings[i];
            if (string.IsNullOrWhiteSpace(r.Question))
            {
                errors.Add($"ratings[{i}].question", "required", "Each rating names its question.");
            }
            else if (!seen.Add(r.Question))
            {
                errors.Add($"ratings[{i}].question", "duplicate", $"The question {r.Question} is answered twice.");
            }

            if (!Enum.IsDefined(r.Scale))
            {
                errors.Add($"ratings[{i}].scale", "unknown", "scale must be TenPoint or FourPoint.");
            }
            else if (!SurveyScales.IsWithin(r.Scale, r.Value))
            {
                errors.Add($"ratings[{i}].value", "out_of_scale",
                    $"The answer to {r.Question} must be between {SurveyScales.Min(r.Scale)} and {SurveyScales.Max(r.Scale)}.");
            }
        }

        if (answers.ProblemSolved is null)
        {
            errors.Add("problemSolved", "required", "Say whether the problem was solved.");
        }

        errors.MaxLength("comment", answers.Comment, CommentMaxLength);
        return errors;
    }

    /// <summary>Whether the answers open a follow-up task (R-CMP-2). Assumes <see cref="Check"/> passed.</summary>
    public static bool IsLow(SurveyAnswers answers, SurveyThresholds thresholds) => LowReasons(answers, thresholds).Count > 0;

    /// <summary>Why the answers are low, one line per cause, to put on the follow-up task.</summary>
    public static IReadOnlyList<string> LowReasons(SurveyAnswers answers, SurveyThresholds thresholds)
    {
        var reasons = new List<string>();
        foreach (var r in answers.Ratings ?? [])
        {
            var limit = r.Scale == SurveyScale.TenPoint ? thresholds.TenPointLowAtOrBelow : thresholds.FourPointLowAtOrBelow;
            if (r.Value <= limit)
            {
                reasons.Add($"{r.Question}: {r.Value} of {SurveyScales.Max(r.Scale)}, at or below {limit}");
            }
        }

        if (thresholds.UnsolvedIsLow && answers.ProblemSolved == false)
        {
            reasons.Add("the problem was not solved");
        }

        return reasons;
    }
}
