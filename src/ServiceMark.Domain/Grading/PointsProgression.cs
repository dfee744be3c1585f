using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Grading;

/// <summary>
/// Points earned in one month (积分, R-GRD-7), from <paramref name="Source"/> (e.g. "2026-03 monthly assessment"). Negative
/// points are deductions. A month may have several entries; they add up.
/// </summary>
public sealed record MonthlyPoints(int Year, int Month, decimal Points, string Source);

/// <summary>One month of a points history: what was earned, the running total after it, and the grade that total gives.</summary>
public sealed record PointsMonth(int Year, int Month, decimal Earned, decimal Total, GradeLevel Level);

/// <summary>
/// Where a person stands in a points-based scheme: the accumulated <paramref name="Total"/>, the <paramref name="Level"/> held
/// by points, and <paramref name="QualifiedFor"/> — the highest grade whose threshold the total reaches, which is above
/// <paramref name="Level"/> only when that grade is appointed after passing (the person is a candidate for its examination).
/// </summary>
public sealed record PointsStanding(
    decimal Total, GradeLevel Level, GradeLevel QualifiedFor, IReadOnlyList<PointsMonth> Months, string Arithmetic)
{
    public bool AwaitsExamination => QualifiedFor != Level;
}

/// <summary>
/// The points-based progression (积分制, R-GRD-7) as a pure function of a points history.
/// </summary>
/// <remarks>
/// Rules (defaults an administrator can change by changing the scheme's thresholds):
/// <list type="bullet">
/// <item>Points accumulate month by month in calendar order. The running total never goes below 0: a deduction takes
/// away points earned, it does not create a debt that later points must repay first (扣完为止, as with R-ASM-3 deductions).</item>
/// <item>The grade held is the highest grade whose threshold ≤ the total, except that a grade appointed after passing is
/// never reached by points alone: the held grade stops below the first such grade, and <see cref="PointsStanding.QualifiedFor"/>
/// says which grade the points would give. Once appointed after an examination, the holder's grade is recorded as an
/// ordinary grade change, not derived here.</item>
/// <item>The grade follows the total both ways: deductions that bring the total under a threshold lower the grade.</item>
/// <item>Each month's earnings are rounded once by <see cref="Rounding"/> before they are added.</item>
/// </list>
/// </remarks>
public static class PointsProgression
{
    /// <summary>
    /// The standing after every entry up to and including <paramref name="throughYear"/>-<paramref name="throughMonth"/>
    /// (all entries when not given). The scheme must be a valid points-based scheme.
    /// </summary>
    public static PointsStanding Evaluate(
        GradeScheme scheme, IEnumerable<MonthlyPoints> history, int? throughYear = null, int? throughMonth = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        if (scheme.Kind != GradeSchemeKind.Points)
        {
            throw new ArgumentException($"The scheme {scheme.Code} is not points-based.", nameof(scheme));
        }

        scheme.EnsureValid();
        var limit = throughYear is { } y ? (y * 12) + (throughMonth ?? 12) - 1 : int.MaxValue;
        var months = history
            .Where(p => (p.Year * 12) + p.Month - 1 <= limit)
            .GroupBy(p => (p.Year, p.Month))
            .OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Month)
            .ToList();

        var total = 0m;
        var trail = new List<PointsMonth>();
        foreach (var month in months)
        {
            if (month.Key.Month is < 1 or > 12)
            {
                throw new ArgumentException($"Month {month.Key.Month} of {month.Key.Year} is not a month.", nameof(history));
            }

            var earned = Rounding.Round(month.Sum(p => p.Points));
            total = Math.Max(0m, total + earned);
            trail.Add(new PointsMonth(month.Key.Year, month.Key.Month, earned, total, Held(scheme, total).Level));
        }

        var (level, qualified) = Held(scheme, total);
        var arithmetic = trail.Count == 0
            ? $"no points yet: 0 → {level.Code}"
            : $"{string.Join(" + ", trail.Select(m => Num.S(m.Earned)))} = {Num.S(total)}"
              + (trail.Any(m => m.Total == 0m && m.Earned < 0m) ? " (the total never goes below 0)" : "")
              + $"; ≥ {Num.S(level.PointsThreshold!.Value)} → {level.Code} ({level.NameZh})"
              + (qualified != level
                  ? $"; reaches {qualified.Code} ({qualified.NameZh}) at {Num.S(qualified.PointsThreshold!.Value)}, which is appointed only after passing the examination"
                  : "");
        return new PointsStanding(total, level, qualified, trail, arithmetic);
    }

    /// <summary>
    /// Monthly points from a monthly assessment result: the rounded score × <paramref name="pointsPerScorePoint"/> (default 1,
    /// so an 85-point month earns 85 points), and nothing for a failing month — a failed month earns no progress.
    /// </summary>
    public static MonthlyPoints FromAssessment(int year, int month, GradeResult result, decimal pointsPerScorePoint = 1m)
    {
        ArgumentNullException.ThrowIfNull(result);
        var points = result.IsFailing ? 0m : Rounding.Round(result.Score * pointsPerScorePoint);
        return new MonthlyPoints(year, month, points, $"{year}-{month:00} monthly assessment {Num.S(result.Score)} ({result.Grade.Code})");
    }

    private static (GradeLevel Level, GradeLevel Qualified) Held(GradeScheme scheme, decimal total)
    {
        var qualified = scheme.Levels.Last(l => l.PointsThreshold <= total);
        var level = scheme.Lowest;
        foreach (var l in scheme.Levels)
        {
            if (l.PointsThreshold > total || (l.AppointedAfterPassing && l != scheme.Lowest))
            {
                break;
            }

            level = l;
        }

        return (level, qualified);
    }
}
