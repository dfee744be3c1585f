using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Grading;

/// <summary>
/// One row of a <see cref="PayTable"/>: the monthly pay of a grade in CNY — base pay (基本工资), position pay (岗位工资) and the
/// grade allowance (技术等级津贴, <c>GradeAllowance</c>).
/// </summary>
public sealed record GradePayRow(string LevelCode, decimal BasePay, decimal PositionPay, decimal GradeAllowance)
{
    public decimal Total => BasePay + PositionPay + GradeAllowance;
}

/// <summary>
/// The pay table of a scheme from <paramref name="EffectiveFrom"/> until the next version's date (R-GRD-2). Versions are never
/// edited once in effect: a change is a new version with a later date, so past months keep being paid as they were.
/// </summary>
public sealed record PayTable(string SchemeCode, DateOnly EffectiveFrom, IReadOnlyList<GradePayRow> Rows)
{
    /// <summary>
    /// The seed 002 table for <see cref="GradeScheme.Default"/>, CNY per month (base / position / allowance):
    /// 见习 1800/200/100, 初级 2000/300/500, 中级 2300/600/1000, 高级 2500/1000/2000, 专家 3000/2000/3000.
    /// </summary>
    public static PayTable Default(DateOnly effectiveFrom) => new(GradeScheme.Default.Code, effectiveFrom,
    [
        new GradePayRow(GradeScheme.Trainee, 1800m, 200m, 100m),
        new GradePayRow(GradeScheme.Junior, 2000m, 300m, 500m),
        new GradePayRow(GradeScheme.Intermediate, 2300m, 600m, 1000m),
        new GradePayRow(GradeScheme.Senior, 2500m, 1000m, 2000m),
        new GradePayRow(GradeScheme.Expert, 3000m, 2000m, 3000m),
    ]);

    public GradePayRow? Find(string levelCode) => Rows.FirstOrDefault(r => r.LevelCode == levelCode);

    /// <summary>
    /// Every problem at once: the table belongs to <paramref name="scheme"/>; exactly one row per grade of the scheme (none
    /// missing, none unknown, none twice); each amount is money (0 to 100 million CNY, at most 2 decimals).
    /// </summary>
    public FieldErrors Check(GradeScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var errors = new FieldErrors();
        if (SchemeCode != scheme.Code)
        {
            errors.Add("schemeCode", "wrong_scheme", $"The pay table is for scheme {SchemeCode}, not {scheme.Code}.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            var field = $"rows[{i}]";
            if (scheme.IndexOf(row.LevelCode) < 0)
            {
                errors.Add($"{field}.levelCode", "unknown", $"The scheme {scheme.Code} has no grade {row.LevelCode}.");
            }
            else if (!seen.Add(row.LevelCode))
            {
                errors.Add($"{field}.levelCode", "duplicate", $"The grade {row.LevelCode} has two rows.");
            }

            Amounts.CheckMoney(errors, $"{field}.basePay", row.BasePay);
            Amounts.CheckMoney(errors, $"{field}.positionPay", row.PositionPay);
            Amounts.CheckMoney(errors, $"{field}.gradeAllowance", row.GradeAllowance);
        }

        foreach (var level in scheme.Levels.Where(l => !Rows.Any(r => r.LevelCode == l.Code)))
        {
            errors.Add("rows", "missing", $"The grade {level.Code} ({level.NameZh}) has no row.");
        }

        return errors;
    }
}

/// <summary>
/// From <paramref name="EffectiveFrom"/> on, the person holds <paramref name="LevelCode"/> (until the next change): a first
/// grading, a promotion or a demotion, with the reason for the record (e.g. the certificate number).
/// </summary>
public sealed record GradeChange(DateOnly EffectiveFrom, string LevelCode, string Reason);

/// <summary>
/// A stretch of days in a month paid at one grade and one pay-table version. <paramref name="LevelCode"/> is null for days
/// before the person's first grading (not paid from the grade table); <paramref name="Rates"/> is then null too.
/// </summary>
public sealed record PaySegment(DateOnly From, DateOnly To, int Days, string? LevelCode, DateOnly? TableEffectiveFrom, GradePayRow? Rates);

/// <summary>A person's grade pay for one month, each component rounded once, with its arithmetic.</summary>
public sealed record MonthlyGradePay(
    int Year, int Month, int DaysInMonth, IReadOnlyList<PaySegment> Segments,
    decimal BasePay, decimal PositionPay, decimal GradeAllowance, string Arithmetic)
{
    public decimal Total => BasePay + PositionPay + GradeAllowance;
}

/// <summary>Grade pay for a month from effective-dated grade changes and pay-table versions (R-GRD-2, R-GRD-4, R-GRD-6).</summary>
/// <remarks>
/// Decisions:
/// <list type="bullet">
/// <item><b>Prorated by calendar days.</b> A month with a change is split at each change: a grade change or a new pay-table
/// version effective on the 15th pays the old rate for the 1st–14th and the new one from the 15th. Each stretch pays
/// rate × its days ÷ the month's calendar days. Calendar days, not working days: grade pay is a monthly salary, not an
/// hourly wage, and calendar days make every day of a month worth the same whatever the holidays.</item>
/// <item><b>Rounded once per component.</b> Base, position pay and allowance are each summed exactly over the stretches and
/// rounded once by <see cref="Rounding"/> (2 decimals, half away from zero); the total is the sum of the three, so the
/// payslip adds up. A month without a change pays exactly the table's amounts.</item>
/// <item>Days before the first grade change are not paid from the grade table (a new hire before their first grading, paid
/// under probation rules elsewhere); they appear as a segment without a grade.</item>
/// <item>A graded day without a pay table in effect, or a grade missing from the table in effect, is refused as a conflict
/// (the data must be fixed, not guessed). Two grade changes, or two table versions, on one date are refused as invalid.</item>
/// </list>
/// </remarks>
public static class GradePayroll
{
    public const string NoPayTable = "no_pay_table";
    public const string NoPayRow = "no_pay_row";
    public const string SameDate = "same_date";

    public static Result<MonthlyGradePay> ForMonth(
        int year, int month, IEnumerable<GradeChange> gradeHistory, IEnumerable<PayTable> payTables)
    {
        var changes = gradeHistory.OrderBy(c => c.EffectiveFrom).ToList();
        var tables = payTables.OrderBy(t => t.EffectiveFrom).ToList();
        var errors = new FieldErrors();
        foreach (var date in changes.GroupBy(c => c.EffectiveFrom).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add("gradeHistory", SameDate, $"Two grade changes take effect on {date:yyyy-MM-dd}; keep one.");
        }

        foreach (var date in tables.GroupBy(t => t.EffectiveFrom).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add("payTables", SameDate, $"Two pay-table versions take effect on {date:yyyy-MM-dd}; keep one.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var first = new DateOnly(year, month, 1);
        var daysInMonth = DateTime.DaysInMonth(year, month);
        var segments = new List<PaySegment>();
        for (var day = first; day.Month == month && day.Year == year; day = day.AddDays(1))
        {
            var grade = changes.LastOrDefault(c => c.EffectiveFrom <= day);
            var table = tables.LastOrDefault(t => t.EffectiveFrom <= day);
            GradePayRow? rates = null;
            if (grade is not null)
            {
                if (table is null)
                {
                    return Refusal.Conflict(NoPayTable, $"No pay table is in effect on {day:yyyy-MM-dd}.");
                }

                rates = table.Find(grade.LevelCode);
                if (rates is null)
                {
                    return Refusal.Conflict(NoPayRow,
                        $"The pay table effective {table.EffectiveFrom:yyyy-MM-dd} has no row for grade {grade.LevelCode}.");
                }
            }

            var last = segments.Count > 0 ? segments[^1] : null;
            if (last is not null && last.LevelCode == grade?.LevelCode && last.Rates == rates
                && last.TableEffectiveFrom == (grade is null ? null : table?.EffectiveFrom))
            {
                segments[^1] = last with { To = day, Days = last.Days + 1 };
            }
            else
            {
                segments.Add(new PaySegment(day, day, 1, grade?.LevelCode, grade is null ? null : table?.EffectiveFrom, rates));
            }
        }

        var paid = segments.Where(s => s.Rates is not null).ToList();
        decimal Component(Func<GradePayRow, decimal> part) =>
            Rounding.Round(paid.Sum(s => part(s.Rates!) * s.Days) / daysInMonth);

        var basePay = Component(r => r.BasePay);
        var positionPay = Component(r => r.PositionPay);
        var allowance = Component(r => r.GradeAllowance);
        var arithmetic = Describe(segments, daysInMonth, basePay, positionPay, allowance);
        return new MonthlyGradePay(year, month, daysInMonth, segments, basePay, positionPay, allowance, arithmetic);
    }

    private static string Describe(IReadOnlyList<PaySegment> segments, int daysInMonth, decimal basePay, decimal positionPay, decimal allowance)
    {
        var paid = segments.Where(s => s.Rates is not null).ToList();
        var parts = new List<string>();
        foreach (var s in segments)
        {
            parts.Add(s.Rates is null
                ? $"{s.From:MM-dd}..{s.To:MM-dd} ({s.Days} d): not yet graded"
                : $"{s.From:MM-dd}..{s.To:MM-dd} ({s.Days} d): {s.LevelCode} at {Num.S(s.Rates.BasePay)}/{Num.S(s.Rates.PositionPay)}/{Num.S(s.Rates.GradeAllowance)}");
        }

        string Line(string name, Func<GradePayRow, decimal> part, decimal result) =>
            paid.Count == 1 && paid[0].Days == daysInMonth
                ? $"{name} {Num.S(result)}"
                : $"{name} {string.Join(" + ", paid.Select(s => $"{Num.S(part(s.Rates!))} × {s.Days}/{daysInMonth}"))} = {Num.S(result)}";

        return $"{string.Join("; ", parts)}. "
               + (paid.Count == 0
                   ? "No graded day: 0."
                   : $"{Line("base", r => r.BasePay, basePay)}; {Line("position", r => r.PositionPay, positionPay)}; "
                     + $"{Line("allowance", r => r.GradeAllowance, allowance)}; total {Num.S(basePay + positionPay + allowance)}");
    }
}
