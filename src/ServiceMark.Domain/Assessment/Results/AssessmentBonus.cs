using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment;

/// <summary>A money amount in CNY (rounded to the cent by the rounding rule) with its arithmetic (R-ASM-10).</summary>
public sealed record MoneyResult(decimal Amount, string Arithmetic);

/// <summary>
/// The bonus policy of seed 001 第五条 (R-ASM-8). Defaults, all changeable: each quarter pays 23.5 % of the annual bonus and
/// the year end 6 % (4 × 23.5 + 6 = 100, the whole annual bonus); the assessment bonus ratio per grade code is 优秀 1.2,
/// 良好 1.0, 合格 0.8, 不合格 0 and, for the 5-point scale, A 1.2, B 1.0, C 0.8, D 0. The seeds name the ratio but give no
/// values: these are defaults, not the seed's.
/// </summary>
public sealed record BonusPolicy(decimal QuarterlyPercent, decimal YearEndPercent, IReadOnlyDictionary<string, decimal> RatioByGrade)
{
    public static BonusPolicy Default { get; } = new(23.5m, 6m, new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["优秀"] = 1.2m, ["良好"] = 1.0m, ["合格"] = 0.8m, ["不合格"] = 0m,
        ["A"] = 1.2m, ["B"] = 1.0m, ["C"] = 0.8m, ["D"] = 0m,
    });

    /// <summary>Every problem at once; <paramref name="scale"/> must have a ratio for each of its grades.</summary>
    public FieldErrors Check(GradeScale scale)
    {
        var errors = new FieldErrors();
        if (QuarterlyPercent is < 0 or > 100)
        {
            errors.Add("quarterlyPercent", "out_of_range", "quarterlyPercent must be between 0 and 100.");
        }

        if (YearEndPercent is < 0 or > 100)
        {
            errors.Add("yearEndPercent", "out_of_range", "yearEndPercent must be between 0 and 100.");
        }

        // The quarters and the year end are parts of one annual bonus: together they are all of it.
        if ((4 * QuarterlyPercent) + YearEndPercent != 100m)
        {
            errors.Add("quarterlyPercent", "not_100",
                $"4 × {Num.S(QuarterlyPercent)} % + {Num.S(YearEndPercent)} % = {Num.S((4 * QuarterlyPercent) + YearEndPercent)} %, not 100 % of the annual bonus.");
        }

        foreach (var band in scale.Bands)
        {
            if (!RatioByGrade.TryGetValue(band.Code, out var ratio))
            {
                errors.Add($"ratioByGrade.{band.Code}", "required", $"The grade {band.Code} has no bonus ratio.");
            }
            else if (ratio is < 0 or > 10)
            {
                errors.Add($"ratioByGrade.{band.Code}", "out_of_range", $"The ratio of {band.Code} must be between 0 and 10.");
            }
        }

        return errors;
    }
}

/// <summary>The team bonus pool of seed F: the work the team did, priced.</summary>
public sealed record TeamBonusPool(int Installations, decimal InstallationUnitPrice, int Repairs, decimal RepairUnitPrice);

/// <summary>How a team pool is shared.</summary>
public enum PoolSplitMethod
{
    /// <summary>Default: share = pool × score ÷ sum of scores; the whole pool is paid out, to the cent.</summary>
    ProportionalToScore,

    /// <summary>Variant: share = (pool ÷ headcount) × score ÷ 100; what is not earned stays in the pool and is shown.</summary>
    BaseTimesScore,
}

/// <summary>One person's share of a team pool.</summary>
public sealed record PoolShare(int PersonId, decimal Score, decimal Amount);

/// <summary>A split pool: the shares, what was left undistributed (0 for <see cref="PoolSplitMethod.ProportionalToScore"/>) and the arithmetic.</summary>
public sealed record PoolSplit(decimal Pool, IReadOnlyList<PoolShare> Shares, decimal Undistributed, string Arithmetic);

/// <summary>Bonus amounts (R-ASM-8). Money is rounded to 0.01 CNY by <see cref="Rounding.Round"/>.</summary>
public static class AssessmentBonus
{
    /// <summary>
    /// Quarterly bonus = position standard annual bonus × quarterly % × the grade's ratio. A failing grade pays 0 whatever
    /// the ratio table says (a failed quarter pays no bonus, seed 001 第八条); the salary is not touched.
    /// </summary>
    public static MoneyResult Quarterly(decimal standardAnnualBonus, GradeResult grade, BonusPolicy policy) =>
        Part(standardAnnualBonus, grade, policy, policy.QuarterlyPercent, "quarterly", cancelled: null);

    /// <summary>
    /// Year-end part = position standard annual bonus × year-end % × the year's grade ratio; 0 when the year-end assessment is
    /// cancelled (see <see cref="Consequences.ForYear"/>), with that reason.
    /// </summary>
    public static MoneyResult YearEnd(decimal standardAnnualBonus, GradeResult grade, BonusPolicy policy, Consequence? yearEndCancelled) =>
        Part(standardAnnualBonus, grade, policy, policy.YearEndPercent, "year-end", yearEndCancelled);

    private static MoneyResult Part(decimal annual, GradeResult grade, BonusPolicy policy, decimal percent, string what, Consequence? cancelled)
    {
        if (annual < 0 || annual > Amounts.MaxMoney)
        {
            throw new ArgumentOutOfRangeException(nameof(annual), annual, "The standard annual bonus is between 0 and the money maximum.");
        }

        if (cancelled is not null)
        {
            return new MoneyResult(0m, $"{what} bonus 0: {cancelled.Reason}");
        }

        if (grade.IsFailing)
        {
            return new MoneyResult(0m, $"{what} bonus 0: grade {grade.Grade.Code} is a failing grade (no bonus, no salary deduction)");
        }

        if (!policy.RatioByGrade.TryGetValue(grade.Grade.Code, out var ratio))
        {
            throw new InvalidOperationException($"The bonus policy has no ratio for the grade {grade.Grade.Code}.");
        }

        var exact = annual * percent / 100m * ratio;
        var amount = Rounding.Round(exact);
        var result = exact == amount ? Num.S(amount) : $"{Num.S(exact)} ≈ {Num.S(amount)}";
        return new MoneyResult(amount,
            $"{what} bonus = {Num.S(annual)} × {Num.S(percent)} % × {Num.S(ratio)} (grade {grade.Grade.Code}) = {result}");
    }

    /// <summary>Pool = installations × unit price + repairs × unit price, rounded to the cent.</summary>
    public static Result<MoneyResult> Pool(TeamBonusPool pool)
    {
        var errors = new FieldErrors();
        if (pool.Installations < 0)
        {
            errors.Add("installations", "negative", "installations cannot be negative.");
        }

        if (pool.Repairs < 0)
        {
            errors.Add("repairs", "negative", "repairs cannot be negative.");
        }

        Amounts.CheckMoney(errors, "installationUnitPrice", pool.InstallationUnitPrice);
        Amounts.CheckMoney(errors, "repairUnitPrice", pool.RepairUnitPrice);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var amount = Rounding.Round((pool.Installations * pool.InstallationUnitPrice) + (pool.Repairs * pool.RepairUnitPrice));
        if (amount > Amounts.MaxMoney)
        {
            return Refusal.Invalid("installations", "range", "The pool exceeds the money maximum.");
        }

        return new MoneyResult(amount,
            $"pool = {pool.Installations} × {Num.S(pool.InstallationUnitPrice)} + {pool.Repairs} × {Num.S(pool.RepairUnitPrice)} = {Num.S(amount)}");
    }

    /// <summary>
    /// Shares a team pool among the staff assessed that month (probation staff are not in <paramref name="scores"/>).
    /// </summary>
    /// <remarks>
    /// Default <see cref="PoolSplitMethod.ProportionalToScore"/>: R-ASM-8 says the pool is "split by score", and the pool is the
    /// team's earned money, so it is paid out in full; pool ÷ headcount (seed F's "bonus base") is what a person with the
    /// average score gets. <see cref="PoolSplitMethod.BaseTimesScore"/> is the common "基数 × 得分/100" reading of the seed;
    /// it leaves the unearned part undistributed (shown), since the seed does not say where it goes.
    /// Cents: proportional shares are rounded down to the cent and the cents left over go one each to the largest
    /// remainders (ties: higher score, then lower person id), so the shares add up exactly to the pool and each is within
    /// one cent of its exact value. Base-times-score shares are each rounded by the rounding rule.
    /// </remarks>
    public static Result<PoolSplit> Split(decimal pool, IReadOnlyList<(int PersonId, decimal Score)> scores, PoolSplitMethod method = PoolSplitMethod.ProportionalToScore)
    {
        var errors = new FieldErrors();
        Amounts.CheckMoney(errors, "pool", pool);
        if (scores.Count == 0)
        {
            errors.Add("scores", "required", "Nobody was assessed, so there is no-one to share the pool.");
        }

        if (scores.Select(s => s.PersonId).Distinct().Count() != scores.Count)
        {
            errors.Add("scores", "duplicate", "A person appears twice.");
        }

        if (scores.Any(s => s.Score is < 0 or > 100))
        {
            errors.Add("scores", "out_of_range", "Scores are between 0 and 100.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var total = scores.Sum(s => s.Score);
        var perHead = pool / scores.Count;
        if (method == PoolSplitMethod.BaseTimesScore)
        {
            var shares = scores.Select(s => new PoolShare(s.PersonId, s.Score, Rounding.Round(perHead * s.Score / 100m))).ToList();
            var left = pool - shares.Sum(s => s.Amount);
            return new PoolSplit(pool, shares, left,
                $"base = {Num.S(pool)} ÷ {scores.Count} = {Approx(perHead)}; share = base × score ÷ 100; " +
                string.Join(", ", shares.Select(s => $"#{s.PersonId}: {Approx(perHead)} × {Num.S(s.Score)} ÷ 100 = {Num.S(s.Amount)}")) +
                $"; undistributed {Num.S(left)}");
        }

        if (total == 0)
        {
            return Refusal.Conflict("no_scores", "Every score is 0, so a split by score is undefined; the pool stays undistributed.");
        }

        var cents = (long)(pool * 100m);
        var exactCents = scores.Select(s => (s.PersonId, s.Score, Exact: cents * s.Score / total)).ToList();
        var floors = exactCents.Select(e => (long)decimal.Floor(e.Exact)).ToArray();
        var leftover = cents - floors.Sum();
        var extra = exactCents.Select((e, i) => (i, Remainder: e.Exact - floors[i], e.Score, e.PersonId))
            .OrderByDescending(x => x.Remainder).ThenByDescending(x => x.Score).ThenBy(x => x.PersonId)
            .Take((int)leftover).Select(x => x.i).ToHashSet();
        var split = exactCents.Select((e, i) => new PoolShare(e.PersonId, e.Score, (floors[i] + (extra.Contains(i) ? 1 : 0)) / 100m)).ToList();
        return new PoolSplit(pool, split, 0m,
            $"per head {Num.S(pool)} ÷ {scores.Count} = {Approx(perHead)}; share = {Num.S(pool)} × score ÷ {Num.S(total)} (sum of scores); " +
            string.Join(", ", split.Select(s => $"#{s.PersonId}: {Num.S(pool)} × {Num.S(s.Score)} ÷ {Num.S(total)} = {Num.S(s.Amount)}")) +
            (leftover > 0 ? $"; {leftover} cent(s) from rounding down given to the largest remainders" : ""));
    }

    private static string Approx(decimal value)
    {
        var rounded = Rounding.Round(value);
        return rounded == value ? Num.S(value) : "≈" + Num.S(rounded);
    }
}
