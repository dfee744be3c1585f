using CsCheck;
using ServiceMark.Domain.Calendars;
using static ServiceMark.Domain.Tests.Calendars.Cn;

namespace ServiceMark.Domain.Tests.Calendars;

[Trait("Rule", "R-SLA-2")]
public sealed class WorkingTimeTests
{
    // The standard week has 7.5 working hours a day (08:30–12:00, 13:30–17:30).
    private static readonly TimeSpan OneWorkingDay = Hours(7.5);

    [Fact]
    public void One_working_day_from_friday_afternoon_ends_at_the_same_time_on_monday() =>
        Assert.Equal(At(2026, 3, 9, 16, 0), Calendar.AddWorkingTime(At(2026, 3, 6, 16, 0), OneWorkingDay));

    [Fact]
    public void Eight_working_hours_from_friday_16_00_end_on_monday_16_30()
    {
        // Friday 16:00–17:30 (1.5 h), Monday 08:30–12:00 (3.5 h), 13:30–16:30 (3 h).
        Assert.Equal(At(2026, 3, 9, 16, 30), Calendar.AddWorkingTime(At(2026, 3, 6, 16, 0), Hours(8)));
    }

    [Fact]
    public void Time_started_at_lunch_counts_from_13_30() =>
        Assert.Equal(At(2026, 3, 10, 14, 30), Calendar.AddWorkingTime(At(2026, 3, 10, 12, 30), Hours(1)));

    [Theory]
    [InlineData(20, 0, 3, 11, 9, 30)] // evening → next morning
    [InlineData(6, 0, 3, 10, 9, 30)] // before opening → the same morning
    public void Time_started_outside_working_hours_counts_from_the_next_period(int hour, int minute, int month, int day, int dueHour, int dueMinute) =>
        Assert.Equal(At(2026, month, day, dueHour, dueMinute), Calendar.AddWorkingTime(At(2026, 3, 10, hour, minute), Hours(1)));

    [Fact]
    public void Time_started_on_a_weekend_counts_from_monday_morning() =>
        Assert.Equal(At(2026, 3, 9, 9, 30), Calendar.AddWorkingTime(At(2026, 3, 7, 11, 0), Hours(1)));

    [Fact]
    public void Time_used_up_exactly_at_the_end_of_the_day_is_due_at_17_30_not_the_next_morning()
    {
        Assert.Equal(At(2026, 3, 10, 17, 30), Calendar.AddWorkingTime(At(2026, 3, 10, 16, 30), Hours(1)));
        Assert.Equal(At(2026, 3, 10, 17, 30), Calendar.AddWorkingTime(At(2026, 3, 10, 8, 30), OneWorkingDay));
        Assert.Equal(At(2026, 3, 6, 17, 30), Calendar.AddWorkingTime(At(2026, 3, 6, 16, 0), Hours(1.5)));
    }

    [Fact]
    public void Time_used_up_exactly_at_noon_is_due_at_12_00_not_after_lunch() =>
        Assert.Equal(At(2026, 3, 10, 12, 0), Calendar.AddWorkingTime(At(2026, 3, 10, 11, 0), Hours(1)));

    [Fact]
    public void A_day_started_at_the_end_of_a_day_ends_at_the_end_of_the_next_working_day() =>
        Assert.Equal(At(2026, 3, 11, 17, 30), Calendar.AddWorkingTime(At(2026, 3, 10, 17, 30), OneWorkingDay));

    [Fact]
    public void Zero_returns_the_start_unchanged_even_outside_working_time()
    {
        Assert.Equal(At(2026, 3, 10, 12, 30), Calendar.AddWorkingTime(At(2026, 3, 10, 12, 30), TimeSpan.Zero));
        Assert.Equal(At(2026, 10, 3, 3, 0), Calendar.AddWorkingTime(At(2026, 10, 3, 3, 0), TimeSpan.Zero));
    }

    [Fact]
    public void Adding_across_the_national_day_week_skips_all_seven_days()
    {
        // Wednesday 30 September 16:00: 1.5 h left that day, then 1–7 October off, on Thursday 8 October 2.5 h more.
        Assert.Equal(At(2026, 10, 8, 11, 0), Calendar.AddWorkingTime(At(2026, 9, 30, 16, 0), Hours(4)));
        Assert.Equal(At(2026, 10, 8, 17, 30), Calendar.AddWorkingTime(At(2026, 9, 30, 17, 30), OneWorkingDay));
        Assert.Equal(Hours(4), Calendar.WorkingTimeBetween(At(2026, 9, 30, 16, 0), At(2026, 10, 8, 11, 0)));
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(At(2026, 10, 1), At(2026, 10, 8)));
    }

    [Fact]
    public void A_make_up_saturday_counts_and_the_holiday_after_it_does_not()
    {
        // Friday 13 February 17:00 + 1 h: 0.5 h that evening, 0.5 h on the make-up Saturday the 14th.
        Assert.Equal(At(2026, 2, 14, 9, 0), Calendar.AddWorkingTime(At(2026, 2, 13, 17, 0), Hours(1)));

        // From the make-up Saturday evening, Spring Festival (15th–23rd) is skipped to Tuesday the 24th.
        Assert.Equal(At(2026, 2, 24, 9, 0), Calendar.AddWorkingTime(At(2026, 2, 14, 17, 0), Hours(1)));
        Assert.Equal(At(2026, 10, 10, 9, 0), Calendar.AddWorkingTime(At(2026, 10, 9, 17, 0), Hours(1)));
    }

    [Fact]
    public void Between_counts_only_working_time()
    {
        Assert.Equal(OneWorkingDay, Calendar.WorkingTimeBetween(At(2026, 3, 6, 16, 0), At(2026, 3, 9, 16, 0)));
        Assert.Equal(Hours(2.5), Calendar.WorkingTimeBetween(At(2026, 3, 10, 11, 0), At(2026, 3, 10, 15, 0)));
        Assert.Equal(Hours(5 * 7.5), Calendar.WorkingTimeBetween(At(2026, 3, 9), At(2026, 3, 16)));
    }

    [Fact]
    public void Between_is_zero_when_the_end_is_not_after_the_start()
    {
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(At(2026, 3, 10, 10, 0), At(2026, 3, 10, 10, 0)));
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(At(2026, 3, 10, 11, 0), At(2026, 3, 10, 10, 0)));
    }

    [Fact]
    public void Several_hundred_working_hours_are_added_and_measured_back_exactly()
    {
        var start = At(2025, 12, 15, 10, 17);
        var due = Calendar.AddWorkingTime(start, Hours(600));
        Assert.Equal(Hours(600), Calendar.WorkingTimeBetween(start, due));
    }

    [Fact]
    public void Working_ranges_are_clipped_and_ordered() =>
        Assert.Equal(
            [new UtcRange(At(2026, 3, 10, 11, 0), At(2026, 3, 10, 12, 0)), new UtcRange(At(2026, 3, 10, 13, 30), At(2026, 3, 10, 15, 0))],
            Calendar.WorkingRangesBetween(At(2026, 3, 10, 11, 0), At(2026, 3, 10, 15, 0)));

    [Fact]
    public void A_negative_amount_is_a_programming_error() =>
        Assert.ThrowsAny<ArgumentException>(() => Calendar.AddWorkingTime(At(2026, 3, 10, 9, 0), TimeSpan.FromMinutes(-1)));

    [Fact]
    public void Instants_must_be_utc()
    {
        var local = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Local);
        var unspecified = new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Unspecified);
        Assert.Throws<ArgumentException>(() => Calendar.AddWorkingTime(local, Hours(1)));
        Assert.Throws<ArgumentException>(() => Calendar.WorkingTimeBetween(unspecified, At(2026, 3, 11)));
    }

    [Fact]
    public void An_amount_that_does_not_fit_in_ten_years_gives_up_with_a_clear_message()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Calendar.AddWorkingTime(At(2026, 1, 5, 9, 0), Hours(100_000)));
        Assert.Contains("ten years", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calendar_with_almost_no_working_time_still_terminates()
    {
        // One minute a week: 100 hours would need 115 years.
        var week = WorkingWeek.Create(new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>
        {
            [DayOfWeek.Monday] = [new(new TimeOnly(9, 0), new TimeOnly(9, 1))],
        }).Value!;
        var sparse = Calendar.WithWeek(week);
        Assert.Throws<InvalidOperationException>(() => sparse.AddWorkingTime(At(2026, 1, 5, 9, 0), Hours(100)));
        Assert.Equal(At(2026, 1, 12, 9, 1), sparse.AddWorkingTime(At(2026, 1, 5, 9, 30), TimeSpan.FromMinutes(1)));
    }
}

/// <summary>Working time where clocks change: the arithmetic follows real elapsed time inside local working hours.</summary>
[Trait("Rule", "R-SLA-2")]
public sealed class DaylightSavingTests
{
    private static readonly BusinessCalendar Berlin = BusinessCalendar.Create("Berlin", "Europe/Berlin", EveryDay(), []).Value!;

    private static WorkingWeek EveryDay()
    {
        WorkingPeriod[] periods = [new(new TimeOnly(1, 0), new TimeOnly(4, 0)), new(new TimeOnly(8, 0), new TimeOnly(17, 0))];
        return WorkingWeek.Create(Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (IReadOnlyList<WorkingPeriod>)periods)).Value!;
    }

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2025, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void The_night_clocks_spring_forward_has_one_hour_less()
    {
        // 30 March 2025: 02:00 CET jumps to 03:00 CEST, so 01:00–04:00 local is two real hours.
        Assert.Equal(TimeSpan.FromHours(2 + 9), Berlin.WorkingTimeBetween(Utc(3, 29, 23), Utc(3, 30, 22)));
        Assert.Equal(Utc(3, 30, 2), Berlin.AddWorkingTime(Utc(3, 30, 0), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void The_night_clocks_fall_back_has_one_hour_more()
    {
        // 26 October 2025: 03:00 CEST falls back to 02:00 CET, so 01:00–04:00 local is four real hours.
        Assert.Equal(TimeSpan.FromHours(4 + 9), Berlin.WorkingTimeBetween(Utc(10, 25, 22), Utc(10, 26, 23)));
        Assert.Equal(Utc(10, 26, 3), Berlin.AddWorkingTime(Utc(10, 25, 23), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Adding_and_measuring_agree_across_both_changes() =>
        Gen.Select(Gen.Int[0, 4 * 24 * 60], Gen.Int[0, 40 * 60], Gen.Bool)
            .Sample((startMinute, amountMinutes, spring) =>
            {
                var start = (spring ? Utc(3, 28, 0) : Utc(10, 24, 0)).AddMinutes(startMinute);
                var amount = TimeSpan.FromMinutes(amountMinutes);
                var due = Berlin.AddWorkingTime(start, amount);
                return Berlin.WorkingTimeBetween(start, due) == amount && due >= start;
            });
}
