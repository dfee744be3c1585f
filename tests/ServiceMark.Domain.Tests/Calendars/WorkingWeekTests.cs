using ServiceMark.Domain.Calendars;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Tests.Calendars;

[Trait("Rule", "R-SLA-2")]
public sealed class WorkingWeekTests
{
    private static WorkingPeriod P(int startHour, int startMinute, int endHour, int endMinute) =>
        new(new TimeOnly(startHour, startMinute), new TimeOnly(endHour, endMinute));

    private static Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> Days(params (DayOfWeek Day, WorkingPeriod[] Periods)[] days) =>
        days.ToDictionary(d => d.Day, d => (IReadOnlyList<WorkingPeriod>)d.Periods);

    private static void AssertSingle(FieldErrors errors, string field, string code)
    {
        var error = Assert.Single(errors.All);
        Assert.Equal((field, code), (error.Field, error.Code));
    }

    [Fact]
    public void The_standard_week_is_monday_to_friday_with_a_lunch_break()
    {
        var week = WorkingWeek.Standard;
        Assert.Equal([P(8, 30, 12, 0), P(13, 30, 17, 30)], week.PeriodsOn(DayOfWeek.Wednesday));
        Assert.Empty(week.PeriodsOn(DayOfWeek.Saturday));
        Assert.Empty(week.PeriodsOn(DayOfWeek.Sunday));
        Assert.Equal(DayOfWeek.Monday, week.MakeUpWorkdayHoursOf);
        Assert.Equal(TimeSpan.FromHours(37.5), week.WorkingTimePerWeek);
    }

    [Fact]
    public void Periods_are_kept_in_order_of_start()
    {
        var week = WorkingWeek.Create(Days((DayOfWeek.Monday, [P(14, 0, 18, 0), P(9, 0, 12, 0)]))).Value!;
        Assert.Equal([P(9, 0, 12, 0), P(14, 0, 18, 0)], week.PeriodsOn(DayOfWeek.Monday));
    }

    [Fact]
    public void Touching_periods_do_not_overlap() =>
        Assert.False(WorkingWeek.Check(Days((DayOfWeek.Monday, [P(9, 0, 12, 0), P(12, 0, 13, 0)])), DayOfWeek.Monday).Any);

    [Fact]
    public void Overlapping_periods_are_refused() =>
        AssertSingle(WorkingWeek.Check(Days((DayOfWeek.Tuesday, [P(9, 0, 12, 0), P(13, 0, 18, 0), P(11, 0, 14, 0)]), (DayOfWeek.Monday, [P(9, 0, 10, 0)])), DayOfWeek.Monday),
            "days.tuesday[2]", "overlap");

    [Theory]
    [InlineData(12, 0, 9, 0)]
    [InlineData(9, 0, 9, 0)]
    public void A_period_must_start_before_it_ends(int startHour, int startMinute, int endHour, int endMinute) =>
        AssertSingle(WorkingWeek.Check(Days((DayOfWeek.Monday, [P(8, 0, 9, 0), P(startHour, startMinute, endHour, endMinute)])), DayOfWeek.Monday),
            "days.monday[1]", "start_not_before_end");

    [Fact]
    public void A_week_without_working_time_is_refused()
    {
        AssertSingle(WorkingWeek.Check(Days(), DayOfWeek.Monday), "days", "no_working_time");
        AssertSingle(WorkingWeek.Check(Days((DayOfWeek.Monday, [])), DayOfWeek.Monday), "days", "no_working_time");
    }

    [Fact]
    public void Make_up_days_need_a_weekday_with_hours() =>
        AssertSingle(WorkingWeek.Check(Days((DayOfWeek.Monday, [P(9, 0, 10, 0)])), DayOfWeek.Sunday), "makeUpWorkdayHoursOf", "no_working_time");

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = WorkingWeek.Create(Days(
            (DayOfWeek.Monday, [P(9, 0, 12, 0), P(10, 0, 11, 0)]),
            (DayOfWeek.Friday, [P(18, 0, 17, 0)]),
            ((DayOfWeek)9, [P(9, 0, 10, 0)])), DayOfWeek.Saturday);
        Assert.False(result.Succeeded);
        Assert.Equal(
            ["days.9:invalid_day", "days.friday[0]:start_not_before_end", "days.monday[1]:overlap", "makeUpWorkdayHoursOf:no_working_time"],
            result.Refusal!.Errors.Select(e => $"{e.Field}:{e.Code}").Order(StringComparer.Ordinal));
    }
}
