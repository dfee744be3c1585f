using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment;

/// <summary>
/// Per-incident deduction with an allowance and a floor (R-ASM-3 no. 4): "5 points per valid complaint, until none left"
/// (扣完为止: <c>new(Points, 5)</c>), "2.5 points per occurrence" (<c>new(Points, 2.5m)</c>), "more than 3 per quarter:
/// −1 each above 3" (<c>new(Points, 1, AllowanceCount: 3)</c>).
/// <para>Formula, for a count n ≥ 0: counted = max(0, n − <see cref="AllowanceCount"/>);
/// score = max(<see cref="Floor"/>, <see cref="Points"/> − counted × <see cref="PerIncident"/>); rounded once
/// (2 decimals, half away from zero).</para>
/// <para>The floor is 0 by default; a negative floor is the plan's explicit permission to go below 0, down to it.
/// n = null → not scored; n &lt; 0 → <see cref="ArgumentOutOfRangeException"/>.</para>
/// </summary>
public sealed record PerIncidentDeduction(decimal Points, decimal PerIncident, int AllowanceCount = 0, decimal Floor = 0m) : ScoringRule
{
    public override string Kind => ScoringRuleKind.PerIncidentDeduction;

    public override decimal? MaxPoints => Points;

    public override FieldErrors Check()
    {
        var errors = new FieldErrors();
        NotNegative(errors, "points", Points);
        NotNegative(errors, "perIncident", PerIncident);
        NotNegative(errors, "allowanceCount", AllowanceCount);
        if (Floor > Points)
        {
            errors.Add("floor", "above_points", "floor must not be above points.");
        }

        return errors;
    }

    public ScoreResult Score(int? count)
    {
        EnsureValid();
        if (count is not { } n)
        {
            return ScoreResult.NotScored;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(n, nameof(count));
        return DeductionArithmetic.Score(Points, PerIncident, n, AllowanceCount, Floor, "incident");
    }
}

/// <summary>
/// Per-error deduction (R-ASM-3 no. 9, seed 004 "each work error −3 points").
/// <para>Formula, for an error count n ≥ 0: score = max(0, <see cref="Points"/> − n × <see cref="PerError"/>); rounded once
/// (2 decimals, half away from zero). n = null → not scored; n &lt; 0 → <see cref="ArgumentOutOfRangeException"/>.</para>
/// </summary>
public sealed record PerErrorDeduction(decimal Points, decimal PerError = 3m) : ScoringRule
{
    public override string Kind => ScoringRuleKind.PerErrorDeduction;

    public override decimal? MaxPoints => Points;

    public override FieldErrors Check()
    {
        var errors = new FieldErrors();
        NotNegative(errors, "points", Points);
        NotNegative(errors, "perError", PerError);
        return errors;
    }

    public ScoreResult Score(int? errorCount)
    {
        EnsureValid();
        if (errorCount is not { } n)
        {
            return ScoreResult.NotScored;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(n, nameof(errorCount));
        return DeductionArithmetic.Score(Points, PerError, n, 0, 0m, "error");
    }
}

internal static class DeductionArithmetic
{
    public static ScoreResult Score(decimal points, decimal per, int count, int allowance, decimal floor, string noun)
    {
        var counted = Math.Max(0, count - allowance);
        var deduction = counted * per;
        var raw = points - deduction;
        var plural = count == 1 ? noun : noun + "s";
        var text = allowance > 0
            ? $"{Num.S(count)} {plural}, {Num.S(allowance)} allowed → {Num.S(counted)} counted × {Num.S(per)} = {Num.S(-deduction)}"
            : $"{Num.S(count)} {plural} × {Num.S(per)} = {Num.S(-deduction)}";
        text += $" → {Num.S(points)} − {Num.S(deduction)} = {Num.S(raw)}";
        if (raw < floor)
        {
            raw = floor;
            text += $", not below {Num.S(floor)} → {Num.S(floor)}";
        }

        var rounded = Rounding.Round(raw);
        if (rounded != raw)
        {
            text += $" ≈ {Num.S(rounded)}";
        }

        return new ScoreResult(rounded, text);
    }
}
