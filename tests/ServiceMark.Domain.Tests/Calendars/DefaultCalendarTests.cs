using ServiceMark.Domain.Calendars;

namespace ServiceMark.Domain.Tests.Calendars;

[Trait("Rule", "R-SLA-2")]
public sealed class DefaultCalendarTests
{
    private static readonly BusinessCalendar China = DefaultCalendars.China();

    [Fact]
    public void The_default_calendar_is_the_chinese_one_with_both_shipped_years()
    {
        Assert.Equal("中国法定节假日", China.Name);
        Assert.Equal("Asia/Shanghai", China.TimeZoneId);
        Assert.Equal([2025, 2026], China.HolidayYears.Select(y => y.Year));
        Assert.Same(WorkingWeek.Standard, China.Week);
    }

    [Fact]
    public void National_day_week_2026_is_a_holiday()
    {
        for (var day = new DateOnly(2026, 10, 1); day <= new DateOnly(2026, 10, 7); day = day.AddDays(1))
        {
            Assert.False(China.IsWorkingDay(day), $"{day} should be a holiday");
            Assert.Equal("国庆节", China.HolidayNameOn(day));
            Assert.Empty(China.WorkingPeriodsOn(day));
        }

        Assert.True(China.IsWorkingDay(new DateOnly(2026, 10, 8)));
    }

    [Fact]
    public void Make_up_saturdays_are_working_days_with_mondays_hours()
    {
        Assert.Equal(DayOfWeek.Saturday, new DateOnly(2026, 10, 10).DayOfWeek);
        Assert.True(China.IsWorkingDay(new DateOnly(2026, 10, 10)));
        Assert.True(China.IsMakeUpWorkday(new DateOnly(2026, 10, 10)));
        Assert.Equal(DayOfWeek.Saturday, new DateOnly(2026, 2, 14).DayOfWeek);
        Assert.True(China.IsWorkingDay(new DateOnly(2026, 2, 14)));
        Assert.Equal(WorkingWeek.Standard.PeriodsOn(DayOfWeek.Monday), China.WorkingPeriodsOn(new DateOnly(2026, 2, 14)));
    }

    [Fact]
    public void An_ordinary_weekend_is_not_a_working_day()
    {
        Assert.False(China.IsWorkingDay(new DateOnly(2026, 3, 7)));
        Assert.False(China.IsWorkingDay(new DateOnly(2026, 3, 8)));
        Assert.True(China.IsWorkingDay(new DateOnly(2026, 3, 9)));
    }

    [Fact]
    public void Spring_festival_2026_runs_from_the_15th_to_the_23rd_of_february()
    {
        Assert.False(China.IsWorkingDay(new DateOnly(2026, 2, 15)));
        Assert.False(China.IsWorkingDay(new DateOnly(2026, 2, 23)));
        Assert.True(China.IsWorkingDay(new DateOnly(2026, 2, 24)));
        Assert.Equal("春节", China.HolidayNameOn(new DateOnly(2026, 2, 18)));
    }

    [Fact]
    public void The_2025_notice_is_loaded_too()
    {
        Assert.False(China.IsWorkingDay(new DateOnly(2025, 10, 8)));
        Assert.True(China.IsWorkingDay(new DateOnly(2025, 10, 11)));
        Assert.True(China.IsWorkingDay(new DateOnly(2025, 1, 26)));
    }

    [Fact]
    public void A_year_without_a_notice_follows_the_weekly_rule()
    {
        // 2027-01-01 is a Friday: until the 2027 notice is imported it counts as an ordinary working day.
        Assert.True(China.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.False(China.IsWorkingDay(new DateOnly(2027, 1, 2)));
    }

    [Fact]
    public void The_shipped_files_are_embedded() =>
        Assert.Equal(
            ["ServiceMark.Domain.Calendars.Defaults.cn-2025.json", "ServiceMark.Domain.Calendars.Defaults.cn-2026.json"],
            DefaultCalendars.ChinaFiles().Keys);

    [Fact]
    public void The_default_calendar_is_built_once() => Assert.Same(DefaultCalendars.China(), DefaultCalendars.China());
}
