using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment;

/// <summary>
/// Manual score within a range (R-ASM-3 no. 8): the assessor enters a value v in [<see cref="Min"/>, <see cref="Max"/>] with
/// a non-empty comment. A negative <see cref="Min"/> makes it a deduction, a positive <see cref="Max"/> over a 0 minimum a
/// bonus; the comment is always required, so every deduction and bonus carries its reason.
/// <para>Formula: score = v, unchanged. A value outside the range, with more than 2 decimals, or without a comment is
/// refused (a validation <see cref="Refusal"/>), never clamped or rounded. v = null (not yet entered) → not scored.</para>
/// </summary>
public sealed record ManualScore(decimal Min, decimal Max) : ScoringRule
{
    public const int CommentMaxLength = 2000;

    public override string Kind => ScoringRuleKind.ManualScore;

    public override decimal? MaxPoints => Max;

    public override FieldErrors Check()
    {
        var errors = new FieldErrors();
        if (Max < Min)
        {
            errors.Add("max", "below_min", "max must not be below min.");
        }

        if (Rounding.Round(Min) != Min)
        {
            errors.Add("min", "too_precise", "min has at most 2 decimals.");
        }

        if (Rounding.Round(Max) != Max)
        {
            errors.Add("max", "too_precise", "max has at most 2 decimals.");
        }

        return errors;
    }

    public Result<ScoreResult> Score(decimal? value, string? comment)
    {
        EnsureValid();
        if (value is not { } v)
        {
            return ScoreResult.NotScored;
        }

        var errors = new FieldErrors();
        if (v < Min || v > Max)
        {
            errors.Add("score", "out_of_range", $"score must be between {Num.S(Min)} and {Num.S(Max)}.");
        }
        else if (Rounding.Round(v) != v)
        {
            errors.Add("score", "too_precise", "score has at most 2 decimals.");
        }

        errors.RequiredText("comment", comment, CommentMaxLength);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        return new ScoreResult(v, $"manual {Num.S(v)} (range {Num.S(Min)} to {Num.S(Max)}): {comment!.Trim()}");
    }
}
