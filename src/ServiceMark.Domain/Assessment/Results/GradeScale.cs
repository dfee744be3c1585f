using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment;

/// <summary>
/// One grade of a <see cref="GradeScale"/>: scores from <paramref name="MinScore"/> (inclusive) up to the next higher band's
/// minimum (exclusive) get this grade. <paramref name="Code"/> is what the UI and the bonus-ratio table key on (优秀, A…);
/// <paramref name="Name"/> is the English name.
/// </summary>
public sealed record GradeBand(string Code, string Name, decimal MinScore, bool IsFailing);

/// <summary>A score and the grade it earns, with the arithmetic that got there (R-ASM-10).</summary>
public sealed record GradeResult(decimal Score, GradeBand Grade, string Arithmetic)
{
    /// <summary>Whether this is a failing grade (不合格 / D): drives "failed quarter" and "failed month" (R-ASM-8, R-GRD-6).</summary>
    public bool IsFailing => Grade.IsFailing;
}

/// <summary>
/// A grade scale as data (R-ASM-7): bands given by their lower cut-offs, highest first. Because a band runs from its own
/// cut-off up to the next higher one, a scale whose cut-offs descend strictly and whose last band starts at 0 has no gaps
/// and no overlaps by construction; <see cref="Check"/> enforces exactly that.
/// </summary>
/// <remarks>
/// Defaults (an administrator can change every cut-off):
/// <list type="bullet">
/// <item><see cref="HundredPoint"/>: ≥ 90 优秀 Excellent, ≥ 75 良好 Good, ≥ 60 合格 Pass, &lt; 60 不合格 Fail. The seeds name the
/// four grades but give no cut-offs; 90/75/60 are the common Chinese practice, 60 being the usual pass mark.</item>
/// <item><see cref="FivePoint"/> (seed 001 第九条): A 5, B 4–4.9, C 3–3.9, D &lt; 3. The seed's ranges assume one decimal;
/// our scores carry two, so "B 4–4.9" is read as 4 ≤ s &lt; 5 and A is a full 5 ("meets the standard" on every point).
/// 4.99 is therefore B. A company that wants A from 4.95 changes that cut-off.</item>
/// </list>
/// </remarks>
public sealed record GradeScale(string Name, decimal MaxScore, IReadOnlyList<GradeBand> Bands)
{
    public static GradeScale HundredPoint { get; } = new("100-point", 100m,
    [
        new GradeBand("优秀", "Excellent", 90m, false),
        new GradeBand("良好", "Good", 75m, false),
        new GradeBand("合格", "Pass", 60m, false),
        new GradeBand("不合格", "Fail", 0m, true),
    ]);

    public static GradeScale FivePoint { get; } = new("5-point", 5m,
    [
        new GradeBand("A", "Exceeds or meets the standard", 5m, false),
        new GradeBand("B", "Basically meets the standard", 4m, false),
        new GradeBand("C", "Close to the standard", 3m, false),
        new GradeBand("D", "Far below the standard, must improve", 0m, true),
    ]);

    /// <summary>Every problem of the scale at once; empty when it can be used.</summary>
    public FieldErrors Check()
    {
        var errors = new FieldErrors();
        errors.RequiredText("name", Name, 100);
        if (MaxScore <= 0)
        {
            errors.Add("maxScore", "not_positive", "maxScore must be greater than 0.");
        }

        if (Bands is null || Bands.Count < 2)
        {
            errors.Add("bands", "too_few", "A grade scale needs at least two grades.");
            return errors;
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Bands.Count; i++)
        {
            var band = Bands[i];
            var field = $"bands[{i}]";
            errors.RequiredText($"{field}.code", band.Code, 20);
            errors.RequiredText($"{field}.name", band.Name, 100);
            if (!string.IsNullOrWhiteSpace(band.Code) && !codes.Add(band.Code.Trim()))
            {
                errors.Add($"{field}.code", "duplicate", $"The grade code {band.Code} appears twice.");
            }

            if (band.MinScore < 0 || band.MinScore > MaxScore)
            {
                errors.Add($"{field}.minScore", "out_of_range", $"{field}.minScore must be between 0 and {Num.S(MaxScore)}.");
            }

            if (i > 0 && band.MinScore >= Bands[i - 1].MinScore)
            {
                errors.Add($"{field}.minScore", "not_descending",
                    $"Cut-offs must descend: {Num.S(band.MinScore)} is not below {Num.S(Bands[i - 1].MinScore)}.");
            }

            // A failing grade above a passing one would make a better score fail.
            if (i > 0 && Bands[i - 1].IsFailing && !band.IsFailing)
            {
                errors.Add($"{field}.isFailing", "failing_above_passing", "Failing grades must be the lowest grades of the scale.");
            }
        }

        if (Bands[^1].MinScore != 0)
        {
            errors.Add($"bands[{Bands.Count - 1}].minScore", "gap",
                "The lowest grade must start at 0, otherwise low scores would have no grade.");
        }

        if (!Bands.Any(b => b.IsFailing))
        {
            errors.Add("bands", "no_failing_grade", "A scale needs a failing grade (不合格 / D).");
        }

        return errors;
    }

    /// <summary>The grade of <paramref name="score"/> (0 to <see cref="MaxScore"/>), rounded first by the rounding rule.</summary>
    public GradeResult Grade(decimal score)
    {
        EnsureValid();
        var rounded = Rounding.Round(score);
        if (rounded < 0 || rounded > MaxScore)
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, $"A {Name} score is between 0 and {Num.S(MaxScore)}.");
        }

        var band = Bands.First(b => rounded >= b.MinScore);
        var bound = band.MinScore == 0 && band == Bands[^1]
            ? $"below {Num.S(Bands[^2].MinScore)}"
            : $"≥ {Num.S(band.MinScore)}";
        var text = $"{Num.S(rounded)} {bound} → {band.Code} ({band.Name})" + (band.IsFailing ? ", a failing grade" : "");
        return new GradeResult(rounded, band, text);
    }

    /// <summary>The band with this code, or null.</summary>
    public GradeBand? Find(string code) => Bands.FirstOrDefault(b => b.Code == code);

    /// <summary>
    /// A 100-point total on the 5-point scale: total ÷ 20, rounded by the rounding rule (2 decimals, half away from zero).
    /// </summary>
    /// <remarks>
    /// Why ÷ 20: the seed gives no conversion, and a linear one keeps order and proportions, maps 100 to 5 and puts the
    /// 100-point pass mark 60 exactly on the C/D line 3. The grade is given from the rounded 5-point number, the one the
    /// person sees, so a shown "3.00" is never a D: 59.9 → 2.995 → 3.00 → C (on the 100-point scale it would be 不合格).
    /// A company uses one scale, so that edge does not meet itself.
    /// </remarks>
    public static GradeResult HundredToFivePoint(decimal total, GradeScale? fivePointScale = null)
    {
        var scale = fivePointScale ?? FivePoint;
        if (total is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, "A 100-point total is between 0 and 100.");
        }

        var converted = Rounding.Round(total / 20m);
        var exact = total / 20m;
        var conversion = exact == converted
            ? $"{Num.S(total)} ÷ 20 = {Num.S(converted)}"
            : $"{Num.S(total)} ÷ 20 = {Num.S(exact)} ≈ {Num.S(converted)}";
        var grade = scale.Grade(converted);
        return grade with { Arithmetic = $"{conversion}; {grade.Arithmetic}" };
    }

    private void EnsureValid()
    {
        var errors = Check();
        if (errors.Any)
        {
            throw new InvalidOperationException(
                $"The grade scale {Name} is invalid: " + string.Join("; ", errors.All.Select(e => $"{e.Field}: {e.Message}")));
        }
    }
}
