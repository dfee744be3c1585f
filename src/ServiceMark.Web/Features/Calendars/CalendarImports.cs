using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using ServiceMark.Domain.Calendars;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Excel;

namespace ServiceMark.Web.Features.Calendars;

/// <summary>What the Excel sheet does not say: the year, the time zone and where the dates come from. Each may be left out.</summary>
public sealed record ExcelYearOptions(string? Year, string? TimeZone, string? Source);

/// <summary>
/// Imports one year's holiday notice from Excel (R-SLA-2), all or nothing. One row per holiday (类型 节假日, 名称, 开始日期 to
/// 结束日期, both inclusive) or per make-up working day (类型 调休上班日, 开始日期 only). Rows are checked with the rules of the
/// JSON file (<see cref="HolidayYear.Check"/>) and each problem is reported against its row and column.
/// </summary>
public sealed class CalendarImports(IDbContextFactory<AppDbContext> contexts, CalendarHandlers handlers)
{
    public const string KindColumn = "类型";
    public const string NameColumn = "名称";
    public const string FromColumn = "开始日期";
    public const string ToColumn = "结束日期";
    public const string HolidayKind = "节假日";
    public const string MakeUpKind = "调休上班日";

    public static readonly string[] Columns = [KindColumn, NameColumn, FromColumn, ToColumn];

    private static readonly string[] HolidayWords = [HolidayKind, "假日", "放假", "holiday"];
    private static readonly string[] MakeUpWords = [MakeUpKind, "调休", "上班", "补班", "make-up", "makeup"];

    public static byte[] Template()
    {
        Dictionary<string, object?>[] rows =
        [
            new() { [KindColumn] = HolidayKind, [NameColumn] = "国庆节", [FromColumn] = "2027-10-01", [ToColumn] = "2027-10-07" },
            new() { [KindColumn] = MakeUpKind, [NameColumn] = "", [FromColumn] = "2027-09-26", [ToColumn] = "" },
        ];
        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public async Task<ImportReport> ImportYearAsync(int calendarId, Stream file, ExcelYearOptions options, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = new List<ImportRowError>();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var calendarZone = await db.Calendars.Where(c => c.Id == calendarId).Select(c => c.TimeZoneId).FirstOrDefaultAsync(ct);
        if (calendarZone is null)
        {
            return new ImportReport(0, [new ImportRowError(0, "", "not_found", "The calendar was not found.")]);
        }

        int? year = null;
        if (!string.IsNullOrWhiteSpace(options.Year))
        {
            if (int.TryParse(options.Year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= HolidayYear.MinYear and <= HolidayYear.MaxYear)
            {
                year = y;
            }
            else
            {
                errors.Add(new ImportRowError(0, "year", "out_of_range", $"year must be a whole number from {HolidayYear.MinYear} to {HolidayYear.MaxYear}."));
            }
        }

        var zone = string.IsNullOrWhiteSpace(options.TimeZone) ? calendarZone : options.TimeZone.Trim();
        var rows = ExcelRows.Read(await ExcelRows.SeekableAsync(file, ct), Columns, errors);
        if (errors.Count > 0)
        {
            return new ImportReport(0, errors);
        }

        var holidays = new List<(ExcelRow Row, HolidayRange Range)>();
        var makeUps = new List<(ExcelRow Row, DateOnly Date)>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var kind = Kind(row);
            var name = row.Text(NameColumn);
            var from = row.Date(FromColumn);
            var to = row.Date(ToColumn);
            var fromWritten = row.Text(FromColumn) is not null;
            var toWritten = row.Text(ToColumn) is not null;
            if (!fromWritten)
            {
                row.Error(FromColumn, "required", $"{FromColumn} is required.");
            }

            if (kind == HolidayKind)
            {
                if (name is null)
                {
                    row.Error(NameColumn, "required", $"{NameColumn} is required for a holiday, e.g. 国庆节.");
                }

                if (!toWritten)
                {
                    row.Error(ToColumn, "required", $"{ToColumn} is required for a holiday: its last day off (the same as {FromColumn} for one day).");
                }
            }
            else if (kind == MakeUpKind && to is { } end && from is { } start && end != start)
            {
                row.Error(ToColumn, "single_date", $"A make-up working day is one date: leave {ToColumn} empty or the same as {FromColumn}.");
            }

            // Without a year given, the sheet's first date decides it; every other date must then lie in that year too.
            year ??= from?.Year;
            if (errors.Count > before)
            {
                continue;
            }

            if (kind == HolidayKind)
            {
                holidays.Add((row, new HolidayRange(name!, from!.Value, to!.Value)));
            }
            else if (kind == MakeUpKind)
            {
                makeUps.Add((row, from!.Value));
            }
        }

        if (year is null && errors.Count == 0)
        {
            errors.Add(new ImportRowError(0, "year", "required", "Give the year: the sheet has no dates to take it from."));
        }

        if (errors.Count > 0)
        {
            return new ImportReport(0, errors.OrderBy(e => e.Row).ToList());
        }

        var source = string.IsNullOrWhiteSpace(options.Source) ? $"{year} 年 Excel 导入" : options.Source;
        var holidayRanges = holidays.Select(h => h.Range).ToArray();
        var makeUpDates = makeUps.Select(m => m.Date).ToArray();
        foreach (var e in HolidayYear.Check(year!.Value, source, zone, holidayRanges, makeUpDates).All)
        {
            errors.Add(Locate(e.Field, e.Code, e.Message, holidays.Select(h => h.Row).ToList(), makeUps.Select(m => m.Row).ToList()));
        }

        if (errors.Count > 0)
        {
            return new ImportReport(0, errors.OrderBy(e => e.Row).ToList());
        }

        var created = HolidayYear.Create(year.Value, source, zone, holidayRanges, makeUpDates);
        var saved = await handlers.PutYearAsync(calendarId, created.Value!, user, $"holiday year {year} imported from Excel (R-SLA-2)", ct);
        if (!saved.Succeeded)
        {
            var refusal = saved.Refusal!;
            return new ImportReport(0, refusal.Errors.Count > 0
                ? refusal.Errors.Select(e => new ImportRowError(0, e.Field, e.Code, e.Message)).ToList()
                : [new ImportRowError(0, "", refusal.Code, refusal.Message)]);
        }

        return new ImportReport(holidays.Count + makeUps.Count, []);
    }

    private static string? Kind(ExcelRow row)
    {
        var text = row.Required(KindColumn);
        if (text is null)
        {
            return null;
        }

        if (HolidayWords.Any(w => string.Equals(w, text, StringComparison.OrdinalIgnoreCase)))
        {
            return HolidayKind;
        }

        if (MakeUpWords.Any(w => string.Equals(w, text, StringComparison.OrdinalIgnoreCase)))
        {
            return MakeUpKind;
        }

        row.Error(KindColumn, "unknown", $"'{text}' is not a kind: use {HolidayKind} or {MakeUpKind}.");
        return null;
    }

    /// <summary>Puts a field error of the calendar rules (<c>holidays[2].to</c>, <c>makeUpWorkdays[0]</c>, …) on its row and column.</summary>
    private static ImportRowError Locate(string field, string code, string message, List<ExcelRow> holidayRows, List<ExcelRow> makeUpRows)
    {
        if (field.StartsWith("holidays[", StringComparison.Ordinal) && Index(field) is { } h && h < holidayRows.Count)
        {
            var column = field.EndsWith(".name", StringComparison.Ordinal) ? NameColumn
                : field.EndsWith(".to", StringComparison.Ordinal) ? ToColumn
                : FromColumn;
            return new ImportRowError(holidayRows[h].Number, column, code, Renumber(message, holidayRows, makeUpRows));
        }

        if (field.StartsWith("makeUpWorkdays[", StringComparison.Ordinal) && Index(field) is { } m && m < makeUpRows.Count)
        {
            return new ImportRowError(makeUpRows[m].Number, FromColumn, code, Renumber(message, holidayRows, makeUpRows));
        }

        return new ImportRowError(0, field, code, message);
    }

    private static int? Index(string field)
    {
        var open = field.IndexOf('[', StringComparison.Ordinal);
        var close = field.IndexOf(']', StringComparison.Ordinal);
        return open >= 0 && close > open && int.TryParse(field.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            ? i
            : null;
    }

    /// <summary>The rules name entries by list position ("overlaps holidays[0]"); a person with the sheet open needs the row.</summary>
    private static string Renumber(string message, List<ExcelRow> holidayRows, List<ExcelRow> makeUpRows)
    {
        for (var i = holidayRows.Count - 1; i >= 0; i--)
        {
            message = message.Replace($"holidays[{i}]", $"row {holidayRows[i].Number}", StringComparison.Ordinal);
        }

        for (var i = makeUpRows.Count - 1; i >= 0; i--)
        {
            message = message.Replace($"makeUpWorkdays[{i}]", $"row {makeUpRows[i].Number}", StringComparison.Ordinal);
        }

        return message;
    }
}
