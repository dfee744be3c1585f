using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment;

/// <summary>
/// Threshold (R-ASM-3 no. 3, "≥80 % → 5 points; &lt;80 % → 0").
/// <para>Formula, for a measured percentage m (0–100): m ≥ <see cref="ThresholdPercent"/> → <see cref="PointsIfMet"/>,
/// otherwise <see cref="PointsOtherwise"/>; rounded once (2 decimals, half away from zero).</para>
/// <para>PointsOtherwise must not exceed PointsIfMet. m = null → not scored; m outside 0–100 → <see cref="ArgumentOutOfRangeException"/>.</para>
/// </summary>
public sealed record Threshold(decimal ThresholdPercent, decimal PointsIfMet, decimal PointsOtherwise = 0m) : ScoringRule
{
    public override string Kind => ScoringRuleKind.Threshold;

    public override decimal? MaxPoints => PointsIfMet;

    public override FieldErrors Check()
    {
        var errors = new FieldErrors();
        Percent(errors, "thresholdPercent", ThresholdPercent);
        NotNegative(errors, "pointsIfMet", PointsIfMet);
        NotNegative(errors, "pointsOtherwise", PointsOtherwise);
        if (PointsOtherwise > PointsIfMet)
        {
            errors.Add("pointsOtherwise", "above_points_if_met", "pointsOtherwise must not be above pointsIfMet.");
        }

        return errors;
    }

    public ScoreResult Score(decimal? measured)
    {
        EnsureValid();
        if (measured is not { } m)
        {
            return ScoreResult.NotScored;
        }

        if (m is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(measured), m, "A measured percentage is between 0 and 100.");
        }

        return m >= ThresholdPercent
            ? new ScoreResult(Rounding.Round(PointsIfMet), $"{Num.S(m)} ≥ {Num.S(ThresholdPercent)} % → {Num.S(PointsIfMet)}")
            : new ScoreResult(Rounding.Round(PointsOtherwise), $"{Num.S(m)} < {Num.S(ThresholdPercent)} % → {Num.S(PointsOtherwise)}");
    }
}
