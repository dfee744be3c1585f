using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Calendars;
using ServiceMark.Domain.Common;

namespace ServiceMark.Web.Features.Calendars;

/// <summary>
/// A business calendar as stored (R-SLA-2): name, time zone and the working week as JSON text. Its holiday years are
/// <see cref="StoredHolidayYear"/> rows. <see cref="CalendarStore"/> turns the rows into the domain's <see cref="BusinessCalendar"/>.
/// </summary>
public sealed class StoredCalendar : IVersioned, IAudited
{
    public const int TimeZoneMaxLength = 100;
    public const int WeekJsonMaxLength = 4000;

    private StoredCalendar()
    {
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The IANA id of the zone whose dates and hours the calendar speaks of, e.g. Asia/Shanghai.</summary>
    public string TimeZoneId { get; private set; } = "";

    /// <summary>The calendar service-level clocks use unless told otherwise.</summary>
    public bool IsDefault { get; private set; }

    /// <summary>The working week in the <see cref="WeekText"/> layout: periods per weekday and the make-up day's weekday.</summary>
    public string WeekJson { get; private set; } = "";

    public int Version { get; set; }

    public List<StoredHolidayYear> Years { get; private set; } = [];

    public static StoredCalendar Create(string name, string timeZoneId, WorkingWeek week, bool isDefault) =>
        new() { Name = name.Trim(), TimeZoneId = timeZoneId.Trim(), WeekJson = WeekText.Write(week), IsDefault = isDefault };

    public void SetWeek(WorkingWeek week) => WeekJson = WeekText.Write(week);

    /// <summary>Adds a year's notice, or replaces the one of that year (a corrected notice). Needs <see cref="Years"/> loaded.</summary>
    public StoredHolidayYear PutYear(HolidayYear year)
    {
        var existing = Years.FirstOrDefault(y => y.Year == year.Year);
        if (existing is null)
        {
            existing = StoredHolidayYear.Create(year);
            Years.Add(existing);
        }
        else
        {
            existing.Replace(year);
        }

        return existing;
    }
}

/// <summary>One year's holiday notice of a calendar, kept as the file text of the calendar format (docs/calendar-format.md).</summary>
public sealed class StoredHolidayYear : IAudited
{
    private StoredHolidayYear()
    {
    }

    public int Id { get; private set; }
    public int CalendarId { get; private set; }
    public int Year { get; private set; }

    /// <summary>The year as <see cref="CalendarFile.Write"/> writes it; read back with <see cref="CalendarFile.Parse"/>.</summary>
    public string Json { get; private set; } = "";

    /// <summary>Where the dates come from (the notice and its publication date); a copy of the file's <c>source</c>.</summary>
    public string Source { get; private set; } = "";

    internal static StoredHolidayYear Create(HolidayYear year) => new() { Year = year.Year, Json = CalendarFile.Write(year), Source = year.Source };

    internal void Replace(HolidayYear year)
    {
        Json = CalendarFile.Write(year);
        Source = year.Source;
    }
}

/// <summary>A working period as text, "08:30" to "12:00".</summary>
public sealed record PeriodText(string Start, string End);

/// <summary>
/// The stored and shown layout of a working week: <c>{"days":{"monday":[{"start":"08:30","end":"12:00"}],…},"makeUpWorkdayHoursOf":"monday"}</c>.
/// Every weekday is listed, Monday first; a day off has an empty list.
/// </summary>
public static class WeekText
{
    public const string TimeFormat = "HH:mm";

    /// <summary>Monday first, as people read a week.</summary>
    public static readonly DayOfWeek[] Days =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string DayName(DayOfWeek day) => day.ToString().ToLowerInvariant();

    public static bool TryDay(string? name, out DayOfWeek day)
    {
        var found = Days.Where(d => string.Equals(DayName(d), name?.Trim(), StringComparison.OrdinalIgnoreCase)).Take(1).ToArray();
        day = found.Length == 1 ? found[0] : default;
        return found.Length == 1;
    }

    public static string Time(TimeOnly time) => time.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static Dictionary<string, PeriodText[]> DaysOf(WorkingWeek week) =>
        Days.ToDictionary(DayName, d => week.PeriodsOn(d).Select(p => new PeriodText(Time(p.Start), Time(p.End))).ToArray());

    public static string Write(WorkingWeek week) =>
        JsonSerializer.Serialize(new Stored(DaysOf(week), DayName(week.MakeUpWorkdayHoursOf)), Options);

    /// <summary>Reads a stored week; stored data that does not make a valid week is a defect, not a user error.</summary>
    public static WorkingWeek Read(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json, Options) ?? throw new InvalidOperationException("A stored working week is empty.");
        var days = new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>();
        foreach (var (name, periods) in stored.Days)
        {
            days[Enum.Parse<DayOfWeek>(name, ignoreCase: true)] = periods
                .Select(p => new WorkingPeriod(TimeOnly.ParseExact(p.Start, TimeFormat, CultureInfo.InvariantCulture),
                    TimeOnly.ParseExact(p.End, TimeFormat, CultureInfo.InvariantCulture)))
                .ToArray();
        }

        var week = WorkingWeek.Create(days, Enum.Parse<DayOfWeek>(stored.MakeUpWorkdayHoursOf, ignoreCase: true));
        return week.Succeeded
            ? week.Value!
            : throw new InvalidOperationException($"A stored working week is invalid: {string.Join("; ", week.Refusal!.Errors.Select(e => e.Message))}");
    }

    private sealed record Stored(Dictionary<string, PeriodText[]> Days, string MakeUpWorkdayHoursOf);
}

internal sealed class StoredCalendarConfiguration : IEntityTypeConfiguration<StoredCalendar>
{
    public void Configure(EntityTypeBuilder<StoredCalendar> b)
    {
        b.ToTable("Calendars");
        b.Property(c => c.Name).HasMaxLength(BusinessCalendar.NameMaxLength);
        b.HasIndex(c => c.Name).IsUnique();
        b.Property(c => c.TimeZoneId).HasMaxLength(StoredCalendar.TimeZoneMaxLength);
        b.Property(c => c.WeekJson).HasMaxLength(StoredCalendar.WeekJsonMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasMany(c => c.Years).WithOne().HasForeignKey(y => y.CalendarId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredHolidayYearConfiguration : IEntityTypeConfiguration<StoredHolidayYear>
{
    public void Configure(EntityTypeBuilder<StoredHolidayYear> b)
    {
        b.ToTable("CalendarHolidayYears");
        b.HasIndex(y => new { y.CalendarId, y.Year }).IsUnique();
        b.Property(y => y.Source).HasMaxLength(HolidayYear.SourceMaxLength);
    }
}
