using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment;

/// <summary>
/// Below-target linear deduction (R-ASM-3 no. 1, seed 004 "≥95 %; each percentage point lower −1 point").
/// <para>Formula, for a measured percentage m (0–100):</para>
/// <list type="bullet">
/// <item>m ≥ <see cref="TargetPercent"/> → <see cref="Points"/>;</item>
/// <item>otherwise shortfall s = TargetPercent − m (part points, 93.5 vs 95 → 1.5), or s = ⌊TargetPercent − m⌋ when
/// <see cref="WholePointsOnly"/> (93.5 vs 95 → 1); score = Points − s × <see cref="DeductionPerPoint"/>;</item>
/// <item>the score is never below 0 unless <see cref="AllowNegative"/>; then rounded once (2 decimals, half away from zero).</item>
/// </list>
/// <para>m = null → not scored (<see cref="ScoreResult.NotScored"/>); m outside 0–100 → <see cref="ArgumentOutOfRangeException"/>.</para>
/// </summary>
public sealed record BelowTargetLinearDeduction(
    decimal Points,
    decimal TargetPercent,
    decimal DeductionPerPoint,
    bool WholePointsOnly = false,
    bool AllowNegative = false) : ScoringRule
{
    public override string Kind => ScoringRuleKind.BelowTargetLinearDeduction;

    public override decimal? MaxPoints => Points;

    public override FieldErrors Check()
    {
        var errors = new FieldErrors();
        NotNegative(errors, "points", Points);
        Percent(errors, "targetPercent", TargetPercent);
        NotNegative(errors, "deductionPerPoint", DeductionPerPoint);
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

        if (m >= TargetPercent)
        {
            return new ScoreResult(Rounding.Round(Points), $"{Num.S(m)} ≥ {Num.S(TargetPercent)} target → full {Num.S(Points)}");
        }

        var shortfall = TargetPercent - m;
        var counted = WholePointsOnly ? Math.Floor(shortfall) : shortfall;
        var deduction = counted * DeductionPerPoint;
        var raw = Points - deduction;
        var text = $"{Num.S(TargetPercent)} − {Num.S(m)} = {Num.S(shortfall)} pp below"
                   + (WholePointsOnly ? $", whole points {Num.S(counted)}" : "")
                   + $" × {Num.S(DeductionPerPoint)} = {Num.S(-deduction)} → {Num.S(Points)} − {Num.S(deduction)} = {Num.S(raw)}";
        if (raw < 0 && !AllowNegative)
        {
            raw = 0;
            text += ", not below 0 → 0";
        }

        var points = Rounding.Round(raw);
        if (points != raw)
        {
            text += $" ≈ {Num.S(points)}";
        }

        return new ScoreResult(points, text);
    }
}
