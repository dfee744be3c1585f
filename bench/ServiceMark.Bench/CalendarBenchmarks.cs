using BenchmarkDotNet.Attributes;
using ServiceMark.Domain.Calendars;

namespace ServiceMark.Bench;

/// <summary>
/// The SLA arithmetic the breach job runs for every open ticket on every tick: a 72-working-hour due time
/// (the resolution default, R-SLA-1) and the working time inside a month.
/// </summary>
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    private static readonly TimeSpan SeventyTwoWorkingHours = TimeSpan.FromHours(72);

    private readonly BusinessCalendar china = DefaultCalendars.China();

    // Beijing 2026-09-21 10:17: the span crosses 中秋节, 国庆节 and the make-up Saturday 10 October.
    private readonly DateTime start = new(2026, 9, 21, 2, 17, 0, DateTimeKind.Utc);
    private DateTime thirtyDaysLater;

    [GlobalSetup]
    public void Setup() => thirtyDaysLater = start.AddDays(30);

    [Benchmark]
    public DateTime AddSeventyTwoWorkingHours() => china.AddWorkingTime(start, SeventyTwoWorkingHours);

    [Benchmark]
    public TimeSpan WorkingTimeOverThirtyDays() => china.WorkingTimeBetween(start, thirtyDaysLater);

    /// <summary>The first call on a fresh calendar, before its per-day cache is warm.</summary>
    [Benchmark]
    public DateTime AddSeventyTwoWorkingHoursOnAFreshCalendar() =>
        china.WithWeek(WorkingWeek.Standard).AddWorkingTime(start, SeventyTwoWorkingHours);
}
