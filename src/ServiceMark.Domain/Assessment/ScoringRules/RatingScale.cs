using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment;

/// <summary>The rating scales of <see cref="RatingScale"/>.</summary>
public enum RatingScaleKind
{
    /// <summary>很满意 3 / 较满意 2 / 不满意 1 / 很不满意 0 (very satisfied / satisfied / unsatisfied / very unsatisfied).</summary>
    FourPoint,

    /// <summary>1 (worst) to 10 (best).</summary>
    TenPoint,
}

/// <summary>
/// Rating scale (R-ASM-3 no. 7, "very satisfied 3 / satisfied 2 / unsatisfied 1 / very unsatisfied 0"): maps a rating, or
/// an average of ratings, linearly onto the indicator's <see cref="Points"/>.
/// <para>Formula, for a rating r:</para>
/// <list type="bullet">
/// <item><see cref="RatingScaleKind.FourPoint"/>, r in 0–3: score = r ÷ 3 × Points (很满意 gives full points, 很不满意 0);</item>
/// <item><see cref="RatingScaleKind.TenPoint"/>, r in 1–10: score = r ÷ 10 × Points (a 10 gives full points, a 1 gives 10 %
/// — the scale's own proportion, as customers read it, rather than stretching 1 to 0);</item>
/// <item>rounded once (2 decimals, half away from zero).</item>
/// </list>
/// <para>r = null (no answers) → not scored; r outside the scale → <see cref="ArgumentOutOfRangeException"/>.</para>
/// </summary>
public sealed record RatingScale(decimal Points, RatingScaleKind Scale) : ScoringRule
{
    /// <summary>The four-point answers and their values.</summary>
    public static IReadOnlyDictionary<string, int> FourPointAnswers { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["很满意"] = 3,
        ["较满意"] = 2,
        ["不满意"] = 1,
        ["很不满意"] = 0,
    };

    public override string Kind => ScoringRuleKind.RatingScale;

    public override decimal? MaxPoints => Points;

    /// <summary>The lowest rating of the scale.</summary>
    public decimal ScaleMin => Scale == RatingScaleKind.TenPoint ? 1m : 0m;

    /// <summary>The highest rating of the scale, which gives full points.</summary>
    public decimal ScaleMax => Scale == RatingScaleKind.TenPoint ? 10m : 3m;

    public override FieldErrors Check()
    {
        var errors = new FieldErrors();
        NotNegative(errors, "points", Points);
        if (!Enum.IsDefined(Scale))
        {
            errors.Add("scale", "unknown", "scale must be FourPoint or TenPoint.");
        }

        return errors;
    }

    public ScoreResult Score(decimal? rating)
    {
        EnsureValid();
        if (rating is not { } r)
        {
            return ScoreResult.NotScored;
        }

        if (r < ScaleMin || r > ScaleMax)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), r, $"A {Scale} rating is between {Num.S(ScaleMin)} and {Num.S(ScaleMax)}.");
        }

        var points = Rounding.Round(r / ScaleMax * Points);
        return new ScoreResult(points, $"rating {Num.Approx(r)} ÷ {Num.S(ScaleMax)} × {Num.S(Points)} = {Num.S(points)}");
    }
}
