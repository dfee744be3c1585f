using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment;

/// <summary>
/// One band of a <see cref="Banded"/> rule: [FromPercent, ToPercent) (or (FromPercent, ToPercent] when lower is better) scores
/// PointsAtFrom at FromPercent changing linearly to PointsAtTo at ToPercent.
/// </summary>
public sealed record Band(decimal FromPercent, decimal ToPercent, decimal PointsAtFrom, decimal PointsAtTo);

/// <summary>
/// Banded with linear interpolation (R-ASM-3 no. 2, seed 004 "90–95 % → 12–15 points; 80–90 % → 8–12; 60–80 % → 0–8").
/// <para>Formula, for a measured percentage m (0–100) and bands sorted by FromPercent:</para>
/// <list type="bullet">
/// <item>m in a band [From, To) → PointsAtFrom + (m − From) ÷ (To − From) × (PointsAtTo − PointsAtFrom);</item>
/// <item>m ≥ the top band's ToPercent → the top band's PointsAtTo;</item>
/// <item>m &lt; the lowest band's FromPercent → <see cref="PointsOutsideBands"/> (0 by default);</item>
/// <item>rounded once (2 decimals, half away from zero).</item>
/// </list>
/// <para>When <see cref="LowerIsBetter"/> (seed 004 invalid-service ratio "≤ 2 % → 8–10; 2–5 % → 5–7; 5–10 % → 2–4;
/// &gt; 10 % → 0–1") the bands are (From, To]: the same interpolation inside a band, m ≤ the lowest band's FromPercent →
/// the lowest band's PointsAtFrom, m &gt; the top band's ToPercent → <see cref="PointsOutsideBands"/>.</para>
/// <para>The bands must touch without gap or overlap. m = null → not scored; m outside 0–100 → <see cref="ArgumentOutOfRangeException"/>.</para>
/// </summary>
public sealed record Banded(decimal Points, IReadOnlyList<Band> Bands, decimal PointsOutsideBands = 0m, bool LowerIsBetter = false) : ScoringRule
{
    public override string Kind => ScoringRuleKind.Banded;

    public override decimal? MaxPoints => Points;

    public override FieldErrors Check()
    {
        var errors = new FieldErrors();
        NotNegative(errors, "points", Points);
        if (Bands is null || Bands.Count == 0)
        {
            errors.Add("bands", "required", "bands needs at least one band.");
            return errors;
        }

        for (var i = 0; i < Bands.Count; i++)
        {
            var band = Bands[i];
            var field = $"bands[{i}]";
            Percent(errors, $"{field}.fromPercent", band.FromPercent);
            Percent(errors, $"{field}.toPercent", band.ToPercent);
            if (band.FromPercent >= band.ToPercent)
            {
                errors.Add($"{field}.toPercent", "not_above_from", $"{field}.toPercent must be above {field}.fromPercent.");
            }

            WithinPoints(errors, $"{field}.pointsAtFrom", band.PointsAtFrom);
            WithinPoints(errors, $"{field}.pointsAtTo", band.PointsAtTo);
        }

        var sorted = Bands.Select((b, i) => (Band: b, Index: i)).OrderBy(x => x.Band.FromPercent).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            var (previous, current) = (sorted[i - 1], sorted[i]);
            var field = $"bands[{current.Index}].fromPercent";
            if (current.Band.FromPercent < previous.Band.ToPercent)
            {
                errors.Add(field, "overlap", $"bands[{current.Index}] overlaps bands[{previous.Index}].");
            }
            else if (current.Band.FromPercent > previous.Band.ToPercent)
            {
                errors.Add(field, "gap",
                    $"bands[{current.Index}] leaves a gap after bands[{previous.Index}] ({Num.S(previous.Band.ToPercent)}–{Num.S(current.Band.FromPercent)} %).");
            }
        }

        WithinPoints(errors, "pointsOutsideBands", PointsOutsideBands);
        return errors;
    }

    private void WithinPoints(FieldErrors errors, string field, decimal value)
    {
        if (value < 0 || value > Points)
        {
            errors.Add(field, "out_of_range", $"{field} must be between 0 and {Num.S(Points)}.");
        }
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

        var sorted = Bands.OrderBy(b => b.FromPercent).ToList();
        var (lowest, top) = (sorted[0], sorted[^1]);
        if (!LowerIsBetter && m >= top.ToPercent)
        {
            return new ScoreResult(Rounding.Round(top.PointsAtTo), $"{Num.S(m)} ≥ {Num.S(top.ToPercent)} % (top of the bands) → {Num.S(top.PointsAtTo)}");
        }

        if (!LowerIsBetter && m < lowest.FromPercent)
        {
            return new ScoreResult(Rounding.Round(PointsOutsideBands),
                $"{Num.S(m)} < {Num.S(lowest.FromPercent)} % (below the bands) → {Num.S(PointsOutsideBands)}");
        }

        if (LowerIsBetter && m <= lowest.FromPercent)
        {
            return new ScoreResult(Rounding.Round(lowest.PointsAtFrom),
                $"{Num.S(m)} ≤ {Num.S(lowest.FromPercent)} % (bottom of the bands, lower is better) → {Num.S(lowest.PointsAtFrom)}");
        }

        if (LowerIsBetter && m > top.ToPercent)
        {
            return new ScoreResult(Rounding.Round(PointsOutsideBands),
                $"{Num.S(m)} > {Num.S(top.ToPercent)} % (above the bands, lower is better) → {Num.S(PointsOutsideBands)}");
        }

        var band = LowerIsBetter
            ? sorted.Single(b => b.FromPercent < m && m <= b.ToPercent)
            : sorted.Single(b => b.FromPercent <= m && m < b.ToPercent);
        var raw = band.PointsAtFrom + (m - band.FromPercent) / (band.ToPercent - band.FromPercent) * (band.PointsAtTo - band.PointsAtFrom);
        var points = Rounding.Round(raw);
        return new ScoreResult(points,
            $"{Num.S(m)} in {Num.S(band.FromPercent)}–{Num.S(band.ToPercent)} % → {Num.S(band.PointsAtFrom)}–{Num.S(band.PointsAtTo)}: "
            + $"{Num.S(band.PointsAtFrom)} + ({Num.S(m)} − {Num.S(band.FromPercent)}) ÷ ({Num.S(band.ToPercent)} − {Num.S(band.FromPercent)}) × "
            + $"({Num.S(band.PointsAtTo)} − {Num.S(band.PointsAtFrom)}) = {Num.S(points)}");
    }
}
