using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Calendars;

/// <summary>A stretch of time between two UTC instants, [StartUtc, EndUtc).</summary>
public readonly record struct UtcRange(DateTime StartUtc, DateTime EndUtc)
{
    public TimeSpan Length => EndUtc - StartUtc;
}

/// <summary>
/// Which local days and hours count as working time (工作日历): the company's <see cref="WorkingWeek"/>,
/// overridden by the official holidays and make-up working days (调休上班日) of each <see cref="HolidayYear"/>.
/// A year without a <see cref="HolidayYear"/> follows the weekly rule alone. Immutable, safe to share between threads.
/// </summary>
public sealed class BusinessCalendar
{
    public const int NameMaxLength = 100;

    private readonly Dictionary<int, HolidayYear> byYear;

    // The UTC instants of a date's working periods are asked for again and again (every clock, every tick of the
    // breach job); remembering them per date keeps the arithmetic to a lookup and a few subtractions per day.
    // Bounded so that a stray query over centuries cannot grow it without limit; beyond it plans are just recomputed.
    private const int MaxCachedDays = 40_000;

    private readonly ConcurrentDictionary<DateOnly, DayPlan> plans = new();
    private int cachedDays;

    private BusinessCalendar(string name, TimeZoneInfo timeZone, WorkingWeek week, HolidayYear[] years)
    {
        Name = name;
        TimeZone = timeZone;
        Week = week;
        HolidayYears = years;
        byYear = years.ToDictionary(y => y.Year);
        Version = ComputeVersion();
    }

    public string Name { get; }

    /// <summary>The IANA id of the zone whose local dates and hours the calendar speaks of, e.g. Asia/Shanghai.</summary>
    public string TimeZoneId => TimeZone.Id;

    public TimeZoneInfo TimeZone { get; }

    public WorkingWeek Week { get; }

    /// <summary>The years with an official notice, ordered by year.</summary>
    public IReadOnlyList<HolidayYear> HolidayYears { get; }

    /// <summary>
    /// A short hash of everything that decides working time: time zone, weekly hours, holiday and make-up dates.
    /// A ticket stores it with its clock (R-SLA-2) so a later change of the calendar is visible and does not
    /// silently move old due times. Labels (calendar name, holiday names, notice source) are left out: renaming
    /// changes no due time.
    /// </summary>
    public string Version { get; }

    /// <summary>
    /// Builds a calendar or refuses with every problem: <c>name</c>, <c>timeZone</c> (<c>unknown_time_zone</c>),
    /// <c>holidayYears[i].year</c> (<c>duplicate</c>), <c>holidayYears[i].timeZone</c> (<c>time_zone_mismatch</c>:
    /// a notice's dates are local to its zone, so it only applies to a calendar kept in that zone).
    /// </summary>
    public static Result<BusinessCalendar> Create(string name, string timeZoneId, WorkingWeek week, IEnumerable<HolidayYear> holidayYears)
    {
        var errors = new FieldErrors();
        errors.RequiredText("name", name, NameMaxLength);
        HolidayYear.CheckTimeZone(errors, timeZoneId);
        TimeZoneInfo? zone = null;
        if (!string.IsNullOrWhiteSpace(timeZoneId))
        {
            TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId.Trim(), out zone);
        }

        var years = holidayYears.ToArray();
        var seen = new Dictionary<int, int>();
        for (var i = 0; i < years.Length; i++)
        {
            if (!seen.TryAdd(years[i].Year, i))
            {
                errors.Add($"holidayYears[{i}].year", "duplicate", $"{years[i].Year} is already holidayYears[{seen[years[i].Year]}].");
            }

            if (zone is not null && !SameZone(zone, years[i].TimeZoneId))
            {
                errors.Add($"holidayYears[{i}].timeZone", "time_zone_mismatch",
                    $"The {years[i].Year} notice is for {years[i].TimeZoneId}, the calendar is kept in {timeZoneId}.");
            }
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        return new BusinessCalendar(name.Trim(), zone!, week, years.OrderBy(y => y.Year).ToArray());
    }

    /// <summary>
    /// The same calendar with one year's notice added, or replacing the notice of that year
    /// (importing 2027 once it is published, or a corrected notice).
    /// </summary>
    public Result<BusinessCalendar> WithHolidayYear(HolidayYear year) =>
        Create(Name, TimeZoneId, Week, HolidayYears.Where(y => y.Year != year.Year).Append(year));

    /// <summary>The same calendar with other working hours.</summary>
    public BusinessCalendar WithWeek(WorkingWeek week) => new(Name, TimeZone, week, [.. HolidayYears]);

    public bool IsWorkingDay(DateOnly date) => WorkingPeriodsOn(date).Count > 0;

    public bool IsHoliday(DateOnly date) => HolidayYearOf(date)?.IsHoliday(date) == true;

    public bool IsMakeUpWorkday(DateOnly date) => HolidayYearOf(date)?.IsMakeUpWorkday(date) == true;

    /// <summary>The name of the holiday the date falls in (e.g. 国庆节), or null.</summary>
    public string? HolidayNameOn(DateOnly date) => HolidayYearOf(date)?.HolidayNameOn(date);

    /// <summary>
    /// The local working periods of a date: none on a holiday, the hours of
    /// <see cref="WorkingWeek.MakeUpWorkdayHoursOf"/> on a make-up working day, otherwise the weekday's own.
    /// </summary>
    public IReadOnlyList<WorkingPeriod> WorkingPeriodsOn(DateOnly date)
    {
        var year = HolidayYearOf(date);
        if (year is not null && year.IsHoliday(date))
        {
            return [];
        }

        return Week.PeriodsOn(year is not null && year.IsMakeUpWorkday(date) ? Week.MakeUpWorkdayHoursOf : date.DayOfWeek);
    }

    /// <summary>The local date of an instant in the calendar's zone.</summary>
    public DateOnly LocalDateOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(WorkingTime.RequireUtc(utc, nameof(utc)), TimeZone);

    /// <summary>The working periods of a date as UTC instants, with their total.</summary>
    internal DayPlan PlanOf(DateOnly date)
    {
        if (plans.TryGetValue(date, out var plan))
        {
            return plan;
        }

        plan = BuildPlan(date);
        if (Volatile.Read(ref cachedDays) < MaxCachedDays && plans.TryAdd(date, plan))
        {
            Interlocked.Increment(ref cachedDays);
        }

        return plan;
    }

    private HolidayYear? HolidayYearOf(DateOnly date) => byYear.GetValueOrDefault(date.Year);

    private DayPlan BuildPlan(DateOnly date)
    {
        var periods = WorkingPeriodsOn(date);
        var ranges = new List<UtcRange>(periods.Count);
        var total = TimeSpan.Zero;
        foreach (var p in periods)
        {
            var range = new UtcRange(ToUtc(date.ToDateTime(p.Start)), ToUtc(date.ToDateTime(p.End)));

            // A period lying wholly in a daylight-saving gap does not exist that day.
            if (range.EndUtc > range.StartUtc)
            {
                ranges.Add(range);
                total += range.Length;
            }
        }

        return new DayPlan([.. ranges], total);
    }

    /// <summary>
    /// The earliest instant whose local time is at or after <paramref name="local"/>. Where clocks jump forward the
    /// missing local times all map to the jump; where they fall back the first occurrence is taken. Either way the
    /// mapping never runs backwards, so a day's periods stay ordered and never overlap in UTC.
    /// </summary>
    private DateTime ToUtc(DateTime local)
    {
        if (TimeZone.IsInvalidTime(local))
        {
            // Offsets lie within ±14 h, so the jump is within 15 h either side; halve down to the tick.
            long before = (local - TimeSpan.FromHours(15)).Ticks, after = (local + TimeSpan.FromHours(15)).Ticks;
            while (after - before > 1)
            {
                var middle = before + ((after - before) / 2);
                if (TimeZoneInfo.ConvertTimeFromUtc(new DateTime(middle, DateTimeKind.Utc), TimeZone) >= local)
                {
                    after = middle;
                }
                else
                {
                    before = middle;
                }
            }

            return new DateTime(after, DateTimeKind.Utc);
        }

        var offset = TimeZone.IsAmbiguousTime(local) ? TimeZone.GetAmbiguousTimeOffsets(local).Max() : TimeZone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    private string ComputeVersion()
    {
        var text = new StringBuilder();
        text.Append("zone=").Append(TimeZone.Id).Append(';');
        Week.AppendCanonical(text);
        foreach (var year in HolidayYears)
        {
            text.Append("year=").Append(year.Year).Append(":h=");
            foreach (var h in year.Holidays)
            {
                text.Append(h.From.DayNumber).Append('-').Append(h.To.DayNumber).Append(',');
            }

            text.Append("m=");
            foreach (var d in year.MakeUpWorkdays)
            {
                text.Append(d.DayNumber).Append(',');
            }

            text.Append(';');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static bool SameZone(TimeZoneInfo zone, string id) => string.Equals(zone.Id, id.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>A date's working periods as UTC instants, ordered, and their total.</summary>
internal sealed record DayPlan(UtcRange[] Ranges, TimeSpan Total);
