using CsCheck;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Grading;

namespace ServiceMark.Domain.Tests.Grading;

[Trait("Rule", "R-GRD-2")]
public sealed class GradePayTests
{
    private static readonly DateOnly Since2020 = new(2020, 1, 1);
    private static readonly PayTable Table2020 = PayTable.Default(Since2020);

    private static GradeChange G(int y, int m, int d, string level) => new(new DateOnly(y, m, d), level, "test");

    [Fact]
    public void Default_table_is_the_seed_table_and_valid()
    {
        Assert.False(Table2020.Check(GradeScheme.Default).Any);
        Assert.Equal([(1800m, 200m, 100m), (2000m, 300m, 500m), (2300m, 600m, 1000m), (2500m, 1000m, 2000m), (3000m, 2000m, 3000m)],
            Table2020.Rows.Select(r => (r.BasePay, r.PositionPay, r.GradeAllowance)));
        Assert.Equal(8000m, Table2020.Find("Expert")!.Total);
    }

    [Fact]
    public void Check_lists_every_problem_of_a_table()
    {
        var table = new PayTable("other", Since2020,
        [
            new GradePayRow("Trainee", -1m, 200m, 100.001m),
            new GradePayRow("Trainee", 1m, 1m, 1m),
            new GradePayRow("Boss", 1m, 1m, 1m),
        ]);
        var errors = table.Check(GradeScheme.Default).All.Select(e => (e.Field, e.Code)).ToList();
        Assert.Equal(
        [
            ("schemeCode", "wrong_scheme"), ("rows[0].basePay", "negative"), ("rows[0].gradeAllowance", "too_precise"),
            ("rows[1].levelCode", "duplicate"), ("rows[2].levelCode", "unknown"),
            ("rows", "missing"), ("rows", "missing"), ("rows", "missing"), ("rows", "missing"),
        ], errors);
    }

    [Fact]
    public void A_whole_month_at_one_grade_pays_the_table_exactly()
    {
        var pay = GradePayroll.ForMonth(2026, 3, [G(2024, 5, 1, "Intermediate")], [Table2020]).Value!;
        Assert.Equal((2300m, 600m, 1000m, 3900m), (pay.BasePay, pay.PositionPay, pay.GradeAllowance, pay.Total));
        Assert.Equal("03-01..03-31 (31 d): Intermediate at 2300/600/1000. base 2300; position 600; allowance 1000; total 3900", pay.Arithmetic);
    }

    [Fact]
    public void A_promotion_on_the_15th_pays_the_old_rate_before_it_prorated_by_calendar_days()
    {
        // March 2026 has 31 days: 14 days as Junior, 17 days as Intermediate.
        var pay = GradePayroll.ForMonth(2026, 3, [G(2024, 5, 1, "Junior"), G(2026, 3, 15, "Intermediate")], [Table2020]).Value!;
        Assert.Equal([(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 14), 14, "Junior"), (new DateOnly(2026, 3, 15), new DateOnly(2026, 3, 31), 17, "Intermediate")],
            pay.Segments.Select(s => (s.From, s.To, s.Days, s.LevelCode)));
        // base (2000×14 + 2300×17) / 31 = 67100/31 = 2164.516… → 2164.52
        Assert.Equal(2164.52m, pay.BasePay);
        // position (300×14 + 600×17) / 31 = 14400/31 = 464.516… → 464.52
        Assert.Equal(464.52m, pay.PositionPay);
        // allowance (500×14 + 1000×17) / 31 = 24000/31 = 774.193… → 774.19
        Assert.Equal(774.19m, pay.GradeAllowance);
        Assert.Equal(3403.23m, pay.Total);
        Assert.Contains("base 2000 × 14/31 + 2300 × 17/31 = 2164.52", pay.Arithmetic, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_pay_table_version_mid_month_splits_the_month_too()
    {
        var raised = new PayTable("default", new DateOnly(2026, 2, 15), Table2020.Rows.Select(r => r with { BasePay = r.BasePay + 280m }).ToArray());
        var pay = GradePayroll.ForMonth(2026, 2, [G(2024, 5, 1, "Junior")], [raised, Table2020]).Value!;
        // February 2026 has 28 days: 14 at 2000, 14 at 2280 → 2140.
        Assert.Equal(2140m, pay.BasePay);
        Assert.Equal(300m, pay.PositionPay);
        Assert.Equal(2, pay.Segments.Count);
    }

    [Fact]
    public void A_change_on_the_first_pays_the_new_grade_for_the_whole_month()
    {
        var pay = GradePayroll.ForMonth(2026, 4, [G(2024, 5, 1, "Senior"), G(2026, 4, 1, "Intermediate")], [Table2020]).Value!;
        Assert.Equal(3900m, pay.Total);
        Assert.Single(pay.Segments);
    }

    [Fact]
    public void Days_before_the_first_grading_are_not_paid_from_the_grade_table()
    {
        var pay = GradePayroll.ForMonth(2026, 4, [G(2026, 4, 11, "Trainee")], [Table2020]).Value!;
        // April has 30 days; 20 graded: 1800 × 20/30 = 1200.
        Assert.Equal((1200m, 133.33m, 66.67m), (pay.BasePay, pay.PositionPay, pay.GradeAllowance));
        Assert.Null(pay.Segments[0].LevelCode);
        Assert.StartsWith("04-01..04-10 (10 d): not yet graded", pay.Arithmetic, StringComparison.Ordinal);
        Assert.Equal(0m, GradePayroll.ForMonth(2026, 3, [G(2026, 4, 11, "Trainee")], [Table2020]).Value!.Total);
    }

    [Fact]
    public void Missing_table_row_or_duplicate_dates_are_refused()
    {
        Assert.Equal(GradePayroll.NoPayTable, GradePayroll.ForMonth(2019, 12, [G(2019, 1, 1, "Junior")], [Table2020]).Refusal!.Code);
        Assert.Equal(GradePayroll.NoPayRow, GradePayroll.ForMonth(2026, 1, [G(2024, 1, 1, "P3")], [Table2020]).Refusal!.Code);
        var twice = GradePayroll.ForMonth(2026, 1, [G(2024, 1, 1, "Junior"), G(2024, 1, 1, "Senior")], [Table2020, Table2020]).Refusal!;
        Assert.Equal([GradePayroll.SameDate, GradePayroll.SameDate], twice.Errors.Select(e => e.Code));
    }

    [Fact]
    public void Property_prorated_pay_is_the_day_weighted_rate_rounded_once_and_days_add_up() =>
        Gen.Select(Gen.Int[1, 12], Gen.Int[1, 31], Gen.Int[0, 4], Gen.Int[0, 4]).Sample((month, day, from, to) =>
        {
            var days = DateTime.DaysInMonth(2026, month);
            var changeDay = Math.Min(day, days);
            var before = GradeScheme.Default.Levels[from].Code;
            var after = GradeScheme.Default.Levels[to].Code;
            var pay = GradePayroll.ForMonth(2026, month, [G(2020, 1, 1, before), G(2026, month, changeDay, after)], [Table2020]).Value!;
            var a = Table2020.Find(before)!;
            var b = Table2020.Find(after)!;
            var expectedBase = Rounding.Round(((a.BasePay * (changeDay - 1)) + (b.BasePay * (days - changeDay + 1))) / days);
            return pay.Segments.Sum(s => s.Days) == days
                   && pay.BasePay == expectedBase
                   && pay.Total == pay.BasePay + pay.PositionPay + pay.GradeAllowance
                   && pay.Total >= Math.Min(a.Total, b.Total) - 0.02m && pay.Total <= Math.Max(a.Total, b.Total) + 0.02m;
        });
}
