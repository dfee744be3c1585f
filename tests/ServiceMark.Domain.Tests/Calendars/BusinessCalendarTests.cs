using ServiceMark.Domain.Calendars;

namespace ServiceMark.Domain.Tests.Calendars;

[Trait("Rule", "R-SLA-2")]
public sealed class BusinessCalendarTests
{
    private static readonly IReadOnlyList<HolidayYear> Years = DefaultCalendars.ChinaHolidayYears();

    private static BusinessCalendar Build(string name = "中国法定节假日", WorkingWeek? week = null, IEnumerable<HolidayYear>? years = null) =>
        BusinessCalendar.Create(name, "Asia/Shanghai", week ?? WorkingWeek.Standard, years ?? Years).Value!;

    private static HolidayYear Year2027(params DateOnly[] makeUp) =>
        HolidayYear.Create(2027, "test notice", "Asia/Shanghai", [new HolidayRange("元旦", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 3))], makeUp).Value!;

    [Fact]
    public void The_version_is_the_same_for_the_same_content() => Assert.Equal(Build().Version, Build().Version);

    [Fact]
    public void The_version_changes_when_a_date_or_the_hours_change()
    {
        var original = Build().Version;
        Assert.NotEqual(original, Build(years: [.. Years, Year2027()]).Version);
        Assert.NotEqual(Build(years: [.. Years, Year2027()]).Version, Build(years: [.. Years, Year2027(new DateOnly(2027, 1, 9))]).Version);
        var longer = WorkingWeek.Create(Enum.GetValues<DayOfWeek>().Where(d => d is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            .ToDictionary(d => d, _ => (IReadOnlyList<WorkingPeriod>)[new(new TimeOnly(8, 30), new TimeOnly(12, 0)), new(new TimeOnly(13, 30), new TimeOnly(18, 0))])).Value!;
        Assert.NotEqual(original, Build(week: longer).Version);
    }

    [Fact]
    public void Renaming_the_calendar_does_not_change_the_version_because_no_due_time_moves() =>
        Assert.Equal(Build().Version, Build(name: "总部日历").Version);

    [Fact]
    public void Importing_a_new_year_adds_it_and_re_importing_replaces_it()
    {
        var calendar = Build();
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        var with2027 = calendar.WithHolidayYear(Year2027()).Value!;
        Assert.False(with2027.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.Equal([2025, 2026, 2027], with2027.HolidayYears.Select(y => y.Year));

        var corrected = with2027.WithHolidayYear(Year2027(new DateOnly(2027, 1, 9))).Value!;
        Assert.True(corrected.IsWorkingDay(new DateOnly(2027, 1, 9)));
        Assert.Equal(3, corrected.HolidayYears.Count);
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 9)));
    }

    [Fact]
    public void Two_notices_for_one_year_are_refused()
    {
        var result = BusinessCalendar.Create("x", "Asia/Shanghai", WorkingWeek.Standard, [.. Years, Years[1]]);
        var error = Assert.Single(result.Refusal!.Errors);
        Assert.Equal(("holidayYears[2].year", "duplicate"), (error.Field, error.Code));
    }

    [Fact]
    public void A_notice_for_another_time_zone_is_refused()
    {
        var result = BusinessCalendar.Create("Berlin", "Europe/Berlin", WorkingWeek.Standard, Years);
        Assert.Equal(["holidayYears[0].timeZone", "holidayYears[1].timeZone"], result.Refusal!.Errors.Select(e => e.Field));
        Assert.All(result.Refusal.Errors, e => Assert.Equal("time_zone_mismatch", e.Code));
    }

    [Fact]
    public void Name_and_time_zone_are_checked()
    {
        var result = BusinessCalendar.Create(" ", "Mars/Olympus_Mons", WorkingWeek.Standard, []);
        Assert.Equal(["name:required", "timeZone:unknown_time_zone"], result.Refusal!.Errors.Select(e => $"{e.Field}:{e.Code}"));
    }

    [Fact]
    public void Local_dates_are_those_of_the_calendar_zone()
    {
        // 2026-09-30 16:30 UTC is already 1 October 00:30 in Beijing.
        Assert.Equal(new DateOnly(2026, 10, 1), Build().LocalDateOf(new DateTime(2026, 9, 30, 16, 30, 0, DateTimeKind.Utc)));
    }
}
