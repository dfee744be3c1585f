using CsCheck;
using ServiceMark.Domain.Grading;

namespace ServiceMark.Domain.Tests.Grading;

[Trait("Rule", "R-GRD-5")]
public sealed class GradingCycleTests
{
    [Fact]
    public void Default_cycles_are_valid()
    {
        Assert.False(GradingCycle.Check(GradeScheme.Default, GradingCycle.Annual).Any);
        Assert.False(GradingCycle.Check(GradeScheme.Default, GradingCycle.PerLevel).Any);
    }

    [Fact]
    public void Annual_default_is_one_window_in_October()
    {
        var window = Assert.Single(GradingCalendar.Windows(GradingCycle.Annual, 2026));
        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), (window.Opens, window.Closes));
        Assert.Equal(5, window.LevelCodes.Count);
    }

    [Fact]
    public void Per_level_alternative_junior_every_two_months_intermediate_and_above_every_six()
    {
        var windows = GradingCalendar.Windows(GradingCycle.PerLevel, 2026);
        var junior = windows.Where(w => w.LevelCodes.Contains("Junior")).Select(w => (w.Opens.Month, w.Closes.Day)).ToList();
        var senior = windows.Where(w => w.LevelCodes.Contains("Senior")).Select(w => (w.Opens.Month, w.Closes.Day)).ToList();
        Assert.Equal([(1, 10), (3, 10), (5, 10), (7, 10), (9, 10), (11, 10)], junior);
        Assert.Equal([(1, 15), (7, 15)], senior);
        Assert.Equal(8, windows.Count);
    }

    [Fact]
    public void The_phase_month_may_be_any_month_of_the_interval()
    {
        var cycle = new GradingCycle("default", ["Junior"], 6, 12, 5);
        Assert.Equal([6, 12], GradingCalendar.Windows([cycle], 2026).Select(w => w.Opens.Month));
    }

    [Fact]
    public void The_open_window_for_a_grade_on_a_day()
    {
        Assert.Equal(new DateOnly(2026, 10, 1), GradingCalendar.OpenFor(GradingCycle.Annual, "Senior", new DateOnly(2026, 10, 31))!.Opens);
        Assert.Null(GradingCalendar.OpenFor(GradingCycle.Annual, "Senior", new DateOnly(2026, 11, 1)));
        Assert.Null(GradingCalendar.OpenFor(GradingCycle.PerLevel, "Senior", new DateOnly(2026, 3, 2)));
        Assert.NotNull(GradingCalendar.OpenFor(GradingCycle.PerLevel, "Junior", new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void Reminders_for_eligible_engineers_and_their_superiors()
    {
        var window = GradingCalendar.Windows(GradingCycle.Annual, 2026).Single();
        var reminders = GradingCalendar.Reminders(window,
        [
            new EligibleEngineer(11, 2, "Intermediate"),
            new EligibleEngineer(12, null, "Senior"),
        ]);
        Assert.Equal(
        [
            (new DateOnly(2026, 9, 24), ReminderAudience.Superior, 2, 11),
            (new DateOnly(2026, 9, 24), ReminderAudience.Engineer, 11, 11),
            (new DateOnly(2026, 9, 24), ReminderAudience.Engineer, 12, 12),
            (new DateOnly(2026, 10, 28), ReminderAudience.Superior, 2, 11),
        ], reminders.Select(r => (r.On, r.Audience, r.RecipientId, r.EngineerId)));
        Assert.Contains("2026-10-01–2026-10-31", reminders[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reminders_skip_grades_the_window_does_not_take_and_never_fall_before_opening()
    {
        var junior = GradingCalendar.Windows(GradingCycle.PerLevel, 2026).First(w => w.LevelCodes.Contains("Junior"));
        var reminders = GradingCalendar.Reminders(junior,
            [new EligibleEngineer(11, 2, "Junior"), new EligibleEngineer(12, 2, "Senior")], new ReminderSettings(3, 30));
        Assert.Equal([new DateOnly(2025, 12, 29), new DateOnly(2025, 12, 29), new DateOnly(2026, 1, 1)], reminders.Select(r => r.On));
        Assert.All(reminders, r => Assert.Equal(11, r.EngineerId));
    }

    [Fact]
    public void Check_lists_every_problem_of_the_cycles()
    {
        var errors = GradingCycle.Check(GradeScheme.Default,
        [
            new GradingCycle("other", ["Junior", "P3"], 5, 13, 0),
            new GradingCycle("default", [], 2, 1, 57),
            new GradingCycle("default", ["Junior"], 12, 10, 31),
        ]).All.Select(e => (e.Field, e.Code)).ToList();
        Assert.Equal(
        [
            ("cycles[0].schemeCode", "wrong_scheme"), ("cycles[0].everyMonths", "not_divider_of_12"),
            ("cycles[0].phaseMonth", "out_of_range"), ("cycles[0].windowDays", "out_of_range"), ("cycles[0].levelCodes", "unknown"),
            ("cycles[1].windowDays", "out_of_range"), ("cycles[1].levelCodes", "required"),
            ("cycles[2].levelCodes", "duplicate"),
        ], errors);
    }

    [Fact]
    public void Property_windows_of_a_valid_cycle_never_overlap_and_stay_in_the_year() =>
        Gen.Select(Gen.Int[0, 5].Select(i => new[] { 1, 2, 3, 4, 6, 12 }[i]), Gen.Int[1, 12], Gen.Int[1, 28]).Sample((every, phase, days) =>
        {
            var windows = GradingCalendar.Windows([new GradingCycle("default", ["Junior"], every, phase, days * every)], 2026);
            return windows.Count == 12 / every
                   && windows.All(w => w.Opens.Year == 2026 && w.Opens.Day == 1)
                   && windows.Zip(windows.Skip(1)).All(p => p.First.Closes < p.Second.Opens);
        });
}

public sealed class GradeCertificateNumberTests
{
    [Theory]
    [InlineData(2026, 1, "ZS-2026-0001")]
    [InlineData(2026, 42, "ZS-2026-0042")]
    [InlineData(2027, 9999, "ZS-2027-9999")]
    public void Numbers_are_prefix_year_and_four_digit_sequence(int year, int sequence, string number)
    {
        Assert.Equal(number, GradeCertificateNumber.Format(year, sequence));
        Assert.Equal(("ZS", year, sequence), GradeCertificateNumber.Parse(number));
    }

    [Fact]
    public void Out_of_range_sequences_and_bad_prefixes_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GradeCertificateNumber.Format(2026, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradeCertificateNumber.Format(2026, 10000));
        Assert.Throws<ArgumentException>(() => GradeCertificateNumber.Format(2026, 1, "zs"));
        Assert.Equal("JD-2026-0003", GradeCertificateNumber.Format(2026, 3, "JD"));
    }

    [Theory]
    [InlineData("ZS-2026-001")]
    [InlineData("ZS-26-0001")]
    [InlineData("zs-2026-0001")]
    [InlineData("ZS-2026-0000")]
    [InlineData("ZS2026-0001")]
    [InlineData("")]
    public void Malformed_numbers_do_not_parse(string number) => Assert.Null(GradeCertificateNumber.Parse(number));

    [Fact]
    public void The_next_number_continues_the_year_and_restarts_each_year()
    {
        string[] issued = ["ZS-2025-0007", "ZS-2026-0002", "ZS-2026-0010", "JD-2026-0050", "junk"];
        Assert.Equal("ZS-2026-0011", GradeCertificateNumber.Next(issued, 2026));
        Assert.Equal("ZS-2027-0001", GradeCertificateNumber.Next(issued, 2027));
        Assert.Equal("JD-2026-0051", GradeCertificateNumber.Next(issued, 2026, "JD"));
    }

    [Fact]
    public void Property_format_and_parse_round_trip() =>
        Gen.Select(Gen.Int[2000, 9999], Gen.Int[1, 9999]).Sample((year, seq) =>
            GradeCertificateNumber.Parse(GradeCertificateNumber.Format(year, seq)) == ("ZS", year, seq));
}
