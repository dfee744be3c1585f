using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Calendars;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Calendars;

/// <summary>
/// The working week as edited: periods per weekday by name (<c>monday</c> … <c>sunday</c>, a missing day is a day off),
/// times as <c>HH:mm</c>, the weekday whose hours a make-up working day uses, and the version read.
/// </summary>
public sealed record WorkingWeekRequest(Dictionary<string, PeriodRequest[]?>? Days, string? MakeUpWorkdayHoursOf, int Version);

public sealed record PeriodRequest(string? Start, string? End);

public sealed record CalendarSummaryView(int Id, string Name, string TimeZoneId, bool IsDefault, IReadOnlyList<int> Years, string RulesVersion, int Version);

/// <summary>
/// A calendar as shown. <c>Version</c> is the row's edit version (send it back with a change); <c>RulesVersion</c> is the
/// hash of the rules that decide working time (<see cref="BusinessCalendar.Version"/>), which tickets keep with their clocks.
/// </summary>
public sealed record CalendarView(int Id, string Name, string TimeZoneId, bool IsDefault, int Version, string RulesVersion, WeekView Week,
    IReadOnlyList<HolidayYearView> Years);

/// <summary>The week in the same shape as <see cref="WorkingWeekRequest"/>, so a read week can be edited and sent back.</summary>
public sealed record WeekView(IReadOnlyDictionary<string, PeriodText[]> Days, string MakeUpWorkdayHoursOf, decimal HoursPerWeek);

public sealed record HolidayYearView(int Year, string Source, string TimeZoneId, IReadOnlyList<HolidayView> Holidays, IReadOnlyList<DateOnly> MakeUpWorkdays);

/// <summary>A holiday range in local dates, both inclusive.</summary>
public sealed record HolidayView(string Name, DateOnly From, DateOnly To, int Days);

/// <summary>
/// The calculator's answer: <c>Hours</c> of working time from <c>From</c> are used up at <c>Due</c> (both in the calendar's zone,
/// with offset, and as UTC). <c>CheckHours</c> is the working time between the two counted back, equal to <c>Hours</c> when consistent.
/// </summary>
public sealed record WorkingTimeView(string TimeZoneId, DateTimeOffset From, DateTime FromUtc, decimal Hours, DateTimeOffset Due, DateTime DueUtc,
    decimal CheckHours, bool Consistent, string RulesVersion);

/// <summary>The business calendars (R-SLA-2): working week, holiday years as data, import and export, working-time calculator.</summary>
public sealed partial class CalendarHandlers(IDbContextFactory<AppDbContext> contexts, CalendarStore store, Tickets.TicketOutcomes outcomes)
{
    /// <summary>The largest JSON holiday file accepted; the real ones are about 1 KB.</summary>
    public const int MaxFileChars = 256 * 1024;

    public const decimal MaxCalculatorHours = 10_000;

    public async Task<IReadOnlyList<CalendarSummaryView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Calendars.AsNoTracking().Include(c => c.Years).OrderByDescending(c => c.IsDefault).ThenBy(c => c.Name).ToListAsync(ct);
        return rows.Select(r =>
        {
            var calendar = CalendarStore.Build(r);
            return new CalendarSummaryView(r.Id, r.Name, r.TimeZoneId, r.IsDefault, calendar.HolidayYears.Select(y => y.Year).ToArray(), calendar.Version, r.Version);
        }).ToList();
    }

    public async Task<CalendarView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Calendars.AsNoTracking().Include(c => c.Years).FirstOrDefaultAsync(c => c.Id == id, ct);
        return row is null ? null : View(row);
    }

    /// <summary>Changes the working hours. Fields as <see cref="WorkingWeek.Check"/> names them, plus <c>days.monday[0].start</c> (<c>format</c>).</summary>
    public async Task<Result<CalendarView>> UpdateWeekAsync(int id, WorkingWeekRequest request, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var week = ReadWeek(request);
        if (!week.Succeeded)
        {
            return week.Refusal!;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Calendars.Include(c => c.Years).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (row is null)
        {
            return Refusal.NotFound("Calendar");
        }

        if (row.Version != request.Version)
        {
            return Refusal.StaleVersion();
        }

        db.Entry(row).Property(c => c.Version).OriginalValue = request.Version;
        row.SetWeek(week.Value!);
        if (!await db.TrySaveAsync(user, ct, "working hours changed (R-SLA-2)"))
        {
            return Refusal.StaleVersion();
        }

        await RemeasureOpenTicketsAsync(row, ct);
        return View(row);
    }

    /// <summary>
    /// Imports one year's notice from its JSON file (docs/calendar-format.md), adding the year or replacing it. Every problem
    /// of <see cref="CalendarFile.Parse"/> is a field error; <c>timeZone</c> (<c>time_zone_mismatch</c>) when the file's zone is not the calendar's.
    /// </summary>
    public async Task<Result<CalendarView>> ImportYearAsync(int id, string? json, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Refusal.Invalid("json", "required", "Send the year's calendar file (JSON) as the request body.");
        }

        if (json.Length > MaxFileChars)
        {
            return Refusal.Invalid("json", "too_large", $"The file must be at most {MaxFileChars / 1024} KB.");
        }

        var parsed = CalendarFile.Parse(json);
        if (!parsed.Succeeded)
        {
            return parsed.Refusal!;
        }

        return await PutYearAsync(id, parsed.Value!, user, $"holiday year {parsed.Value!.Year} imported from JSON (R-SLA-2)", ct);
    }

    /// <summary>Adds or replaces a year that has been checked already; shared by the JSON and the Excel import.</summary>
    internal async Task<Result<CalendarView>> PutYearAsync(int id, HolidayYear year, ClaimsPrincipal user, string reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Calendars.Include(c => c.Years).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (row is null)
        {
            return Refusal.NotFound("Calendar");
        }

        if (!string.Equals(year.TimeZoneId, row.TimeZoneId, StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.Invalid("timeZone", "time_zone_mismatch",
                $"The file's dates are local to {year.TimeZoneId}, but this calendar is kept in {row.TimeZoneId}.");
        }

        var combined = CalendarStore.Build(row).WithHolidayYear(year);
        if (!combined.Succeeded)
        {
            return combined.Refusal!;
        }

        row.PutYear(year);

        // The calendar's version moves with each imported year, so two imports at once end in one 409 instead of a duplicate year.
        db.Entry(row).Property(c => c.Version).IsModified = true;
        if (!await db.TrySaveAsync(user, ct, reason))
        {
            return Refusal.StaleVersion();
        }

        await RemeasureOpenTicketsAsync(row, ct);
        return View(row);
    }

    /// <summary>A year's notice as its JSON file, exactly as imported (or shipped); null when the calendar or the year is not there.</summary>
    public async Task<string?> ExportYearAsync(int id, int year, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CalendarHolidayYears.AsNoTracking().Where(y => y.CalendarId == id && y.Year == year).Select(y => y.Json).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The working-time calculator: when <paramref name="hours"/> of working time from <paramref name="from"/> are used up.
    /// <paramref name="from"/> is a local date-time in the calendar's zone (<c>2026-09-30T16:00</c>) or an instant with its
    /// offset (<c>2026-09-30T08:00Z</c>, <c>2026-09-30T16:00+08:00</c>); <paramref name="hours"/> a decimal number, e.g. 8 or 0.5.
    /// </summary>
    public async Task<Result<WorkingTimeView>> WorkingTimeAsync(int id, string? from, string? hours, CancellationToken ct = default)
    {
        var calendar = await store.GetAsync(id, ct);
        if (calendar is null)
        {
            return Refusal.NotFound("Calendar");
        }

        var errors = new FieldErrors();
        var fromUtc = ReadInstant(errors, "from", from, calendar.TimeZone);
        var amount = ReadHours(errors, "hours", hours);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        DateTime due;
        try
        {
            due = calendar.AddWorkingTime(fromUtc!.Value, amount!.Value);
        }
        catch (InvalidOperationException e)
        {
            // The domain's documented refusal: the amount does not fit into its ten-year search window.
            return Refusal.Invalid("hours", "out_of_range", e.Message);
        }

        var check = calendar.WorkingTimeBetween(fromUtc.Value, due);
        return new WorkingTimeView(calendar.TimeZoneId, InZone(fromUtc.Value, calendar.TimeZone), fromUtc.Value, HoursOf(amount.Value),
            InZone(due, calendar.TimeZone), due, HoursOf(check), check == amount.Value, calendar.Version);
    }

    /// <summary>
    /// Open tickets run on the calendar in force, so a change to the default calendar moves their due times now; closed
    /// tickets keep the outcomes and calendar revision they were measured under (R-SLA-2).
    /// </summary>
    private async Task RemeasureOpenTicketsAsync(StoredCalendar row, CancellationToken ct)
    {
        if (row.IsDefault)
        {
            await outcomes.RefreshOpenAsync(ct);
        }
    }

        /// <summary>First run (any environment): the Chinese statutory calendar with the shipped notices, marked default.</summary>
    public static async Task SeedDefaultsAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.Calendars.AnyAsync(ct))
        {
            return;
        }

        var china = DefaultCalendars.China();
        var row = StoredCalendar.Create(china.Name, china.TimeZoneId, china.Week, isDefault: true);
        foreach (var year in china.HolidayYears)
        {
            row.PutYear(year);
        }

        db.Calendars.Add(row);
        db.Actor = Infrastructure.Audit.Actor.System;
        db.ChangeReason = "default business calendar (R-SLA-2)";
        await db.SaveChangesAsync(ct);
    }

    internal static CalendarView View(StoredCalendar row)
    {
        var calendar = CalendarStore.Build(row);
        var week = new WeekView(WeekText.DaysOf(calendar.Week), WeekText.DayName(calendar.Week.MakeUpWorkdayHoursOf), HoursOf(calendar.Week.WorkingTimePerWeek));
        var years = calendar.HolidayYears.Select(y => new HolidayYearView(y.Year, y.Source, y.TimeZoneId,
            y.Holidays.Select(h => new HolidayView(h.Name, h.From, h.To, h.To.DayNumber - h.From.DayNumber + 1)).ToArray(),
            y.MakeUpWorkdays)).ToArray();
        return new CalendarView(row.Id, row.Name, row.TimeZoneId, row.IsDefault, row.Version, calendar.Version, week, years);
    }

    internal static decimal HoursOf(TimeSpan span) => Math.Round((decimal)span.Ticks / TimeSpan.TicksPerHour, 4);

    /// <summary>Reads the edited week, reporting unreadable parts first and then every rule of <see cref="WorkingWeek.Check"/>.</summary>
    internal static Result<WorkingWeek> ReadWeek(WorkingWeekRequest request)
    {
        var errors = new FieldErrors();
        var days = new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>();
        if (request.Days is null)
        {
            errors.Add("days", "required", "days is required: the periods of each weekday, e.g. { \"monday\": [{ \"start\": \"08:30\", \"end\": \"12:00\" }] }.");
        }
        else
        {
            foreach (var (name, periods) in request.Days)
            {
                if (!WeekText.TryDay(name, out var day))
                {
                    errors.Add($"days.{name}", "invalid_day", $"'{name}' is not a day of the week (use monday … sunday).");
                    continue;
                }

                if (days.ContainsKey(day))
                {
                    errors.Add($"days.{WeekText.DayName(day)}", "duplicate", $"{WeekText.DayName(day)} is given twice.");
                    continue;
                }

                var read = new List<WorkingPeriod>();
                var list = periods ?? [];
                for (var i = 0; i < list.Length; i++)
                {
                    var field = $"days.{WeekText.DayName(day)}[{i}]";
                    var start = ReadTime(errors, field + ".start", list[i]?.Start);
                    var end = ReadTime(errors, field + ".end", list[i]?.End);
                    if (start is { } s && end is { } e)
                    {
                        read.Add(new WorkingPeriod(s, e));
                    }
                }

                days[day] = read;
            }
        }

        DayOfWeek makeUp = default;
        if (string.IsNullOrWhiteSpace(request.MakeUpWorkdayHoursOf))
        {
            errors.Add("makeUpWorkdayHoursOf", "required", "makeUpWorkdayHoursOf is required: the weekday whose hours a make-up working day uses, e.g. monday.");
        }
        else if (!WeekText.TryDay(request.MakeUpWorkdayHoursOf, out makeUp))
        {
            errors.Add("makeUpWorkdayHoursOf", "invalid_day", $"'{request.MakeUpWorkdayHoursOf}' is not a day of the week (use monday … sunday).");
        }

        // The period rules compare positions, so they only run once every period could be read.
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        return WorkingWeek.Create(days, makeUp);
    }

    private static TimeOnly? ReadTime(FieldErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "required", $"{field} is required.");
            return null;
        }

        if (TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(field, "format", $"{field} must be a time written as HH:mm, e.g. 08:30.");
        return null;
    }

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];
    private static readonly string[] InstantFormats = ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    [GeneratedRegex(@"T\d{2}:\d{2}(:\d{2}(\.\d+)?)? \d{2}:\d{2}$")]
    private static partial Regex UnencodedPlusOffset();

    private static DateTime? ReadInstant(FieldErrors errors, string field, string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "required", $"{field} is required: a local date-time such as 2026-09-30T16:00, or an instant with offset.");
            return null;
        }

        text = text.Trim();
        if (UnencodedPlusOffset().IsMatch(text))
        {
            // "+08:00" in a query string that was not URL-encoded arrives as " 08:00".
            text = text[..text.LastIndexOf(' ')] + "+" + text[(text.LastIndexOf(' ') + 1)..];
        }

        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (zone.IsInvalidTime(local))
            {
                errors.Add(field, "invalid_time", $"{local:yyyy-MM-dd HH:mm} does not exist in {zone.Id} (the clocks jump over it).");
                return null;
            }

            return TimeZoneInfo.ConvertTimeToUtc(local, zone);
        }

        if (DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.UtcDateTime;
        }

        errors.Add(field, "format", $"{field} must be a date-time such as 2026-09-30T16:00 (local to the calendar) or 2026-09-30T08:00Z.");
        return null;
    }

    private static TimeSpan? ReadHours(FieldErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "required", $"{field} is required, e.g. 8 or 0.5.");
            return null;
        }

        if (!decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var hours))
        {
            errors.Add(field, "format", $"{field} must be a number of hours, e.g. 8 or 0.5.");
            return null;
        }

        if (hours is <= 0 or > MaxCalculatorHours)
        {
            errors.Add(field, "out_of_range", $"{field} must be more than 0 and at most {MaxCalculatorHours}.");
            return null;
        }

        return TimeSpan.FromTicks((long)Math.Round(hours * TimeSpan.TicksPerHour));
    }

    private static DateTimeOffset InZone(DateTime utc, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeFromUtc(utc, zone), zone.GetUtcOffset(utc));
}
