using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment;

/// <summary>
/// Per-incident bonus (加分项, R-ASM-3 no. 5, "+10 per customer-stamped commissioning report").
/// <para>Formula, for a count n ≥ 0: score = n × <see cref="PerIncident"/>, at most <see cref="Cap"/> when one is set;
/// rounded once (2 decimals, half away from zero). n = null → not scored; n &lt; 0 → <see cref="ArgumentOutOfRangeException"/>.</para>
/// </summary>
public sealed record PerIncidentBonus(decimal PerIncident, decimal? Cap = null) : ScoringRule
{
    public override string Kind => ScoringRuleKind.PerIncidentBonus;

    public override decimal? MaxPoints => Cap;

    public override FieldErrors Check()
    {
        var errors = new FieldErrors();
        NotNegative(errors, "perIncident", PerIncident);
        if (Cap is { } cap)
        {
            NotNegative(errors, "cap", cap);
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
        var raw = n * PerIncident;
        var text = $"{Num.S(n)} × {Num.S(PerIncident)} = {Num.S(raw)}";
        if (Cap is null && Rounding.Round(raw) != raw)
        {
            text += $" ≈ {Num.S(Rounding.Round(raw))}";
        }

        return BonusArithmetic.Capped(text, raw, Cap);
    }
}

/// <summary>
/// Proportional bonus (R-ASM-3 no. 6, "maintenance contract amount / 20,000 × 2 points": <c>new(20_000m, 2m)</c>).
/// <para>Formula, for an amount a ≥ 0: units u = a ÷ <see cref="UnitAmount"/> (or ⌊a ÷ UnitAmount⌋ when
/// <see cref="WholeUnitsOnly"/>); score = u × <see cref="PointsPerUnit"/>, at most <see cref="Cap"/> when one is set;
/// rounded once (2 decimals, half away from zero). a = null → not scored; a &lt; 0 → <see cref="ArgumentOutOfRangeException"/>.</para>
/// </summary>
public sealed record ProportionalBonus(decimal UnitAmount, decimal PointsPerUnit, decimal? Cap = null, bool WholeUnitsOnly = false) : ScoringRule
{
    public override string Kind => ScoringRuleKind.ProportionalBonus;

    public override decimal? MaxPoints => Cap;

    public override FieldErrors Check()
    {
        var errors = new FieldErrors();
        if (UnitAmount <= 0)
        {
            errors.Add("unitAmount", "not_positive", "unitAmount must be above 0.");
        }

        NotNegative(errors, "pointsPerUnit", PointsPerUnit);
        if (Cap is { } cap)
        {
            NotNegative(errors, "cap", cap);
        }

        return errors;
    }

    public ScoreResult Score(decimal? amount)
    {
        EnsureValid();
        if (amount is not { } a)
        {
            return ScoreResult.NotScored;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(a, nameof(amount));
        var units = a / UnitAmount;
        string text;
        if (WholeUnitsOnly)
        {
            units = Math.Floor(units);
            text = $"⌊{Num.S(a)} ÷ {Num.S(UnitAmount)}⌋ = {Num.S(units)} units × {Num.S(PointsPerUnit)}";
        }
        else
        {
            text = $"{Num.S(a)} ÷ {Num.S(UnitAmount)} × {Num.S(PointsPerUnit)}";
        }

        var raw = units * PointsPerUnit;
        return BonusArithmetic.Capped($"{text} = {Num.S(Rounding.Round(raw))}", raw, Cap);
    }
}

internal static class BonusArithmetic
{
    public static ScoreResult Capped(string text, decimal raw, decimal? cap)
    {
        if (cap is { } c && raw > c)
        {
            return new ScoreResult(Rounding.Round(c), $"{text}, capped at {Num.S(c)} → {Num.S(Rounding.Round(c))}");
        }

        return new ScoreResult(Rounding.Round(raw), text);
    }
}
