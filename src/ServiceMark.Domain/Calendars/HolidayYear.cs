using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Calendars;

/// <summary>A named statutory holiday (法定节假日), both dates inclusive, e.g. 国庆节 2026-10-01 to 2026-10-07.</summary>
public sealed record HolidayRange(string Name, DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly date) => From <= date && date <= To;
}

/// <summary>
/// One year of the State Council's holiday notice: the holiday ranges and the make-up working days
/// (调休上班日). Every date lies inside <see cref="Year"/>: when a notice reaches into the neighbouring year
/// (元旦 starting on 31 December), that date belongs in the neighbouring year's entry, so a date is
/// always looked up in exactly one place.
/// </summary>
public sealed class HolidayYear
{
    public const int MinYear = 1900;
    public const int MaxYear = 2999;
    public const int NameMaxLength = 50;
    public const int SourceMaxLength = 500;

    private readonly Dictionary<DateOnly, string> holidayNames;
    private readonly HashSet<DateOnly> makeUpDays;

    private HolidayYear(int year, string source, string timeZoneId, HolidayRange[] holidays, DateOnly[] makeUpWorkdays)
    {
        Year = year;
        Source = source;
        TimeZoneId = timeZoneId;
        Holidays = holidays;
        MakeUpWorkdays = makeUpWorkdays;
        holidayNames = [];
        foreach (var h in holidays)
        {
            for (var d = h.From; d <= h.To; d = d.AddDays(1))
            {
                holidayNames[d] = h.Name;
            }
        }

        makeUpDays = [.. makeUpWorkdays];
    }

    public int Year { get; }

    /// <summary>Where the dates come from (the notice and its publication date), shown to whoever checks them.</summary>
    public string Source { get; }

    /// <summary>The IANA time zone the dates are local to, e.g. Asia/Shanghai.</summary>
    public string TimeZoneId { get; }

    /// <summary>The holiday ranges, ordered by start.</summary>
    public IReadOnlyList<HolidayRange> Holidays { get; }

    /// <summary>The make-up working days, ordered.</summary>
    public IReadOnlyList<DateOnly> MakeUpWorkdays { get; }

    public bool IsHoliday(DateOnly date) => holidayNames.ContainsKey(date);

    public bool IsMakeUpWorkday(DateOnly date) => makeUpDays.Contains(date);

    /// <summary>The name of the holiday the date falls in, or null.</summary>
    public string? HolidayNameOn(DateOnly date) => holidayNames.GetValueOrDefault(date);

    /// <summary>
    /// Checks a year's content and reports every problem at once. Fields are named as in the calendar file:
    /// <c>year</c>, <c>source</c>, <c>timeZone</c>, <c>holidays[i].name</c>, <c>holidays[i].from</c>,
    /// <c>holidays[i].to</c>, <c>holidays[i]</c>, <c>makeUpWorkdays[i]</c>.
    /// </summary>
    public static FieldErrors Check(int year, string? source, string? timeZoneId, IReadOnlyList<HolidayRange> holidays,
        IReadOnlyList<DateOnly> makeUpWorkdays)
    {
        var errors = new FieldErrors();
        CheckYear(errors, year);
        CheckSource(errors, source);
        CheckTimeZone(errors, timeZoneId);
        for (var i = 0; i < holidays.Count; i++)
        {
            CheckHolidayName(errors, $"holidays[{i}].name", holidays[i].Name);
        }

        CheckDates(errors, YearOrNull(year),
            holidays.Select(h => new HolidayDraft(h.Name, h.From, h.To)).ToArray(),
            makeUpWorkdays.Select(d => (DateOnly?)d).ToArray());
        return errors;
    }

    /// <summary>Builds a year, or refuses with every problem found by <see cref="Check"/>.</summary>
    public static Result<HolidayYear> Create(int year, string source, string timeZoneId, IReadOnlyList<HolidayRange> holidays,
        IReadOnlyList<DateOnly> makeUpWorkdays)
    {
        var errors = Check(year, source, timeZoneId, holidays, makeUpWorkdays);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        return new HolidayYear(year, source.Trim(), timeZoneId.Trim(),
            holidays.Select(h => h with { Name = h.Name.Trim() }).OrderBy(h => h.From).ToArray(),
            makeUpWorkdays.Order().ToArray());
    }

    internal static int? YearOrNull(int year) => year is >= MinYear and <= MaxYear ? year : null;

    internal static void CheckYear(FieldErrors errors, int year)
    {
        if (YearOrNull(year) is null)
        {
            errors.Add("year", "out_of_range", $"year must be between {MinYear} and {MaxYear}.");
        }
    }

    internal static void CheckSource(FieldErrors errors, string? source) => errors.RequiredText("source", source, SourceMaxLength);

    internal static void CheckTimeZone(FieldErrors errors, string? timeZoneId)
    {
        errors.Required("timeZone", timeZoneId);
        if (!string.IsNullOrWhiteSpace(timeZoneId) && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId.Trim(), out _))
        {
            errors.Add("timeZone", "unknown_time_zone", $"'{timeZoneId}' is not a known time zone id (use an IANA id such as Asia/Shanghai).");
        }
    }

    internal static void CheckHolidayName(FieldErrors errors, string field, string? name) => errors.RequiredText(field, name, NameMaxLength);

    /// <summary>
    /// The checks between dates. A null part was missing or unreadable and has been reported already;
    /// the rest is still checked so that one bad entry does not hide the others.
    /// </summary>
    internal static void CheckDates(FieldErrors errors, int? year, IReadOnlyList<HolidayDraft> holidays, IReadOnlyList<DateOnly?> makeUpWorkdays)
    {
        var names = new Dictionary<string, int>();
        for (var i = 0; i < holidays.Count; i++)
        {
            var (name, from, to) = holidays[i];
            if (year is { } y)
            {
                if (from is { } f && f.Year != y)
                {
                    errors.Add($"holidays[{i}].from", "outside_year", $"holidays[{i}].from ({f:yyyy-MM-dd}) is not in {y}.");
                }

                if (to is { } t && t.Year != y)
                {
                    errors.Add($"holidays[{i}].to", "outside_year", $"holidays[{i}].to ({t:yyyy-MM-dd}) is not in {y}.");
                }
            }

            if (from > to)
            {
                errors.Add($"holidays[{i}].to", "before_from", $"holidays[{i}].to ({to:yyyy-MM-dd}) is before from ({from:yyyy-MM-dd}).");
            }

            if (!string.IsNullOrWhiteSpace(name))
            {
                if (names.TryGetValue(name.Trim(), out var first))
                {
                    errors.Add($"holidays[{i}].name", "duplicate", $"'{name.Trim()}' is already holidays[{first}].");
                }
                else
                {
                    names[name.Trim()] = i;
                }
            }

            for (var j = 0; j < i; j++)
            {
                if (IsRange(holidays[i]) && IsRange(holidays[j]) && holidays[i].From <= holidays[j].To && holidays[j].From <= holidays[i].To)
                {
                    errors.Add($"holidays[{i}]", "overlap", $"holidays[{i}] overlaps holidays[{j}] ({holidays[j].Name}).");
                    break;
                }
            }
        }

        var seen = new Dictionary<DateOnly, int>();
        for (var i = 0; i < makeUpWorkdays.Count; i++)
        {
            if (makeUpWorkdays[i] is not { } day)
            {
                continue;
            }

            if (year is { } y && day.Year != y)
            {
                errors.Add($"makeUpWorkdays[{i}]", "outside_year", $"makeUpWorkdays[{i}] ({day:yyyy-MM-dd}) is not in {y}.");
            }

            if (seen.TryGetValue(day, out var first))
            {
                errors.Add($"makeUpWorkdays[{i}]", "duplicate", $"{day:yyyy-MM-dd} is already makeUpWorkdays[{first}].");
            }
            else
            {
                seen[day] = i;
            }

            var inside = holidays.ToList().FindIndex(h => IsRange(h) && h.From <= day && day <= h.To);
            if (inside >= 0)
            {
                errors.Add($"makeUpWorkdays[{i}]", "inside_holiday",
                    $"{day:yyyy-MM-dd} is inside holidays[{inside}] ({holidays[inside].Name}): a day cannot be both a holiday and a working day.");
            }
        }
    }

    private static bool IsRange(HolidayDraft h) => h.From is { } f && h.To is { } t && f <= t;
}

/// <summary>A holiday entry as read, before it is known to be whole.</summary>
internal sealed record HolidayDraft(string? Name, DateOnly? From, DateOnly? To);
