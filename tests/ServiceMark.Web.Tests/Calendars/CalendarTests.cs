using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using ServiceMark.Domain.Calendars;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Calendars;

namespace ServiceMark.Web.Tests.Calendars;

/// <summary>The business calendar as data (R-SLA-2): seeded, read, imported per year, and used for working-time arithmetic.</summary>
[Trait("Rule", "R-SLA-2")]
public sealed class CalendarTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private CalendarStore Store => app.Services.GetRequiredService<CalendarStore>();

    private async Task<int> DefaultIdAsync() =>
        await app.WithDbAsync(db => db.Calendars.Where(c => c.IsDefault).Select(c => c.Id).SingleAsync());

    private static StringContent JsonText(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_default_China_calendar_is_seeded_with_the_2025_and_2026_notices()
    {
        using var supervisor = app.ClientFor("supervisor");
        var list = await (await supervisor.GetAsync(new Uri("/api/v1/calendars", UriKind.Relative))).ReadAsync<CalendarSummaryView[]>();
        var china = Assert.Single(list, c => c.IsDefault);
        Assert.Equal(DefaultCalendars.ChinaName, china.Name);
        Assert.Equal("Asia/Shanghai", china.TimeZoneId);
        Assert.Contains(2025, china.Years);
        Assert.Contains(2026, china.Years);

        var view = await (await supervisor.GetAsync(new Uri($"/api/v1/calendars/{china.Id}", UriKind.Relative))).ReadAsync<CalendarView>();
        Assert.Equal(37.5m, view.Week.HoursPerWeek);
        Assert.Equal([new PeriodText("08:30", "12:00"), new PeriodText("13:30", "17:30")], view.Week.Days["monday"]);
        Assert.Empty(view.Week.Days["saturday"]);
        Assert.Equal("monday", view.Week.MakeUpWorkdayHoursOf);
        var y2026 = Assert.Single(view.Years, y => y.Year == 2026);
        var nationalDay = Assert.Single(y2026.Holidays, h => h.Name == "国庆节");
        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 7), 7), (nationalDay.From, nationalDay.To, nationalDay.Days));
        Assert.Contains(new DateOnly(2026, 10, 10), y2026.MakeUpWorkdays);

        // The stored rules are the shipped ones (other tests of this class may have added later years by now).
        var calendar = await Store.GetDefaultAsync(TestContext.Current.CancellationToken);
        var shipped = BusinessCalendar.Create(calendar.Name, calendar.TimeZoneId, calendar.Week, calendar.HolidayYears.Where(y => y.Year <= 2026)).Value!;
        Assert.Equal(DefaultCalendars.China().Version, shipped.Version);
        Assert.Same(calendar, await Store.GetDefaultAsync(TestContext.Current.CancellationToken));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(StoredCalendar) && a.Reason == "default business calendar (R-SLA-2)")));
    }

    [Fact]
    public async Task Eight_working_hours_from_the_afternoon_before_National_Day_end_on_8_October()
    {
        var id = await DefaultIdAsync();
        using var specialist = app.ClientFor("specialist");

        // 30 Sep 16:00–17:30 is 1.5 h; 1–7 Oct are holidays; 8 Oct (Thursday) 08:30–12:00 is 3.5 h and 13:30–16:30 the last 3 h.
        foreach (var from in new[] { "2026-09-30T16:00", "2026-09-30T08:00Z", "2026-09-30T16:00%2B08:00", "2026-09-30T16:00+08:00" })
        {
            var response = await specialist.GetAsync(new Uri($"/api/v1/calendars/{id}/working-time?from={from}&hours=8", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = await response.ReadAsync<WorkingTimeView>();
            Assert.Equal(new DateTime(2026, 9, 30, 8, 0, 0, DateTimeKind.Utc), result.FromUtc);
            Assert.Equal(new DateTime(2026, 10, 8, 8, 30, 0, DateTimeKind.Utc), result.DueUtc);
            Assert.Equal(new DateTimeOffset(2026, 10, 8, 16, 30, 0, TimeSpan.FromHours(8)), result.Due);
            Assert.Equal(TimeSpan.FromHours(8), result.Due.Offset);
            Assert.Equal(8m, result.CheckHours);
            Assert.True(result.Consistent);
        }

        // The domain agrees, and the answer is exactly the domain's.
        var china = DefaultCalendars.China();
        Assert.Equal(new DateTime(2026, 10, 8, 8, 30, 0, DateTimeKind.Utc),
            china.AddWorkingTime(new DateTime(2026, 9, 30, 8, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(8)));
    }

    [Fact]
    public async Task The_make_up_Saturday_after_National_Day_is_a_working_day()
    {
        var id = await DefaultIdAsync();
        using var head = app.ClientFor("head");

        // Friday 9 Oct 16:00–17:30 is 1.5 h; Saturday 10 Oct is a make-up day with Monday's hours: 3.5 h + 3 h → 16:30.
        var result = await (await head.GetAsync(new Uri($"/api/v1/calendars/{id}/working-time?from=2026-10-09T16:00&hours=8", UriKind.Relative)))
            .ReadAsync<WorkingTimeView>();
        Assert.Equal(new DateTimeOffset(2026, 10, 10, 16, 30, 0, TimeSpan.FromHours(8)), result.Due);
        Assert.Equal(DayOfWeek.Saturday, result.Due.DayOfWeek);

        // The Saturday after it is an ordinary weekend: 8 h from Friday 16 Oct 16:00 end on Monday 19 Oct.
        var ordinary = await (await head.GetAsync(new Uri($"/api/v1/calendars/{id}/working-time?from=2026-10-16T16:00&hours=8", UriKind.Relative)))
            .ReadAsync<WorkingTimeView>();
        Assert.Equal(new DateTimeOffset(2026, 10, 19, 16, 30, 0, TimeSpan.FromHours(8)), ordinary.Due);
        Assert.Equal(8m, ordinary.CheckHours);
    }

    [Fact]
    public async Task Bad_calculator_input_names_the_fields_and_an_unknown_calendar_is_404()
    {
        var id = await DefaultIdAsync();
        using var head = app.ClientFor("head");
        var bad = await head.GetAsync(new Uri($"/api/v1/calendars/{id}/working-time?from=next+week&hours=-2", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["from", "hours"], (await bad.FieldErrorsAsync()).Order());

        var missing = await head.GetAsync(new Uri($"/api/v1/calendars/{id}/working-time", UriKind.Relative));
        Assert.Equal(["from", "hours"], (await missing.FieldErrorsAsync()).Order());

        var unknown = await head.GetAsync(new Uri("/api/v1/calendars/999999/working-time?from=2026-10-09T16:00&hours=8", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Importing_the_2027_notice_changes_the_default_calendar_and_its_version()
    {
        var id = await DefaultIdAsync();
        var before = await Store.GetDefaultAsync(TestContext.Current.CancellationToken); // cached from here on
        Assert.False(before.IsHoliday(new DateOnly(2027, 10, 1)));

        var file = """
            {
              "source": "State Council General Office notice on the 2027 public-holiday arrangement (test copy)",
              "year": 2027,
              "timeZone": "Asia/Shanghai",
              "holidays": [
                { "name": "元旦", "from": "2027-01-01", "to": "2027-01-03" },
                { "name": "国庆节", "from": "2027-10-01", "to": "2027-10-07" }
              ],
              "makeUpWorkdays": ["2027-09-26", "2027-10-09"]
            }
            """;
        using var head = app.ClientFor("head");
        var response = await head.PostAsync(new Uri($"/api/v1/calendars/{id}/years", UriKind.Relative), JsonText(file));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.ReadAsync<CalendarView>();
        var y2027 = Assert.Single(view.Years, y => y.Year == 2027);
        Assert.Equal(2, y2027.Holidays.Count);

        var after = await Store.GetDefaultAsync(TestContext.Current.CancellationToken);
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal(view.RulesVersion, after.Version);
        Assert.True(after.IsHoliday(new DateOnly(2027, 10, 1)));
        Assert.True(after.IsMakeUpWorkday(new DateOnly(2027, 10, 9)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(StoredHolidayYear) && a.Action == "Added")));

        // A corrected notice replaces the year; exporting gives back the file as the format writes it.
        var corrected = file.Replace("\"2027-10-07\"", "\"2027-10-08\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await head.PostAsync(new Uri($"/api/v1/calendars/{id}/years", UriKind.Relative), JsonText(corrected))).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.CalendarHolidayYears.CountAsync(y => y.CalendarId == id && y.Year == 2027)));
        var latest = await Store.GetDefaultAsync(TestContext.Current.CancellationToken);
        Assert.True(latest.IsHoliday(new DateOnly(2027, 10, 8)));
        Assert.NotEqual(after.Version, latest.Version);

        var export = await head.GetAsync(new Uri($"/api/v1/calendars/{id}/years/2027", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        var exported = await export.Content.ReadAsStringAsync();
        Assert.Equal(CalendarFile.Write(CalendarFile.Parse(corrected).Value!), exported);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync(new Uri($"/api/v1/calendars/{id}/years/2031", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_shipped_2026_notice_exports_unchanged()
    {
        var id = await DefaultIdAsync();
        using var gm = app.ClientFor("gm");
        var exported = await gm.GetStringAsync(new Uri($"/api/v1/calendars/{id}/years/2026", UriKind.Relative));
        var shipped = DefaultCalendars.ChinaFiles().Single(f => f.Key.EndsWith("cn-2026.json", StringComparison.Ordinal)).Value;
        Assert.Equal(shipped.ReplaceLineEndings("\n"), exported);
    }

    [Fact]
    public async Task A_file_with_every_kind_of_error_is_refused_naming_each_field()
    {
        var id = await DefaultIdAsync();
        var version = await app.WithDbAsync(db => db.Calendars.Where(c => c.Id == id).Select(c => c.Version).SingleAsync());
        var file = """
            {
              "source": "",
              "year": 2029,
              "timeZone": "Mars/Olympus_Mons",
              "holidays": [
                { "name": "元旦", "from": "2029-01-01", "to": "2029-01-03" },
                { "name": "元旦", "from": "2029-01-20", "to": "2029-01-18" },
                { "name": "春节", "from": "2029-02-30", "to": "2030-02-10" },
                { "name": "清明节", "from": "2029-04-03", "to": "2029-04-05", "days": 3 },
                { "name": "劳动节", "from": "2029-04-05", "to": "2029-05-01" },
                { "from": "2029-06-01", "to": "2029-06-01" }
              ],
              "makeUpWorkdays": ["2029-01-02", "2029-02-04", "2029-02-04", "2028-12-31", "29-3-1"],
              "makeupWorkdays": []
            }
            """;
        using var admin = app.ClientFor("admin");
        var response = await admin.PostAsync(new Uri($"/api/v1/calendars/{id}/years", UriKind.Relative), JsonText(file));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var codes = (await response.ReadJsonAsync()).GetProperty("errorCodes").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateArray().Select(c => (Field: p.Name, Code: c.GetString()!))).ToList();
        (string, string)[] expected =
        [
            ("source", "required"),
            ("timeZone", "unknown_time_zone"),
            ("holidays[1].name", "duplicate"),
            ("holidays[1].to", "before_from"),
            ("holidays[2].from", "invalid_date"),
            ("holidays[2].to", "outside_year"),
            ("holidays[3].days", "unknown_field"),
            ("holidays[4]", "overlap"),
            ("holidays[5].name", "required"),
            ("makeUpWorkdays[0]", "inside_holiday"),
            ("makeUpWorkdays[2]", "duplicate"),
            ("makeUpWorkdays[3]", "outside_year"),
            ("makeUpWorkdays[4]", "invalid_date"),
            ("makeupWorkdays", "unknown_field"),
        ];
        foreach (var e in expected)
        {
            Assert.Contains(e, codes);
        }

        // Whole-file problems.
        var notJson = await admin.PostAsync(new Uri($"/api/v1/calendars/{id}/years", UriKind.Relative), JsonText("{ \"year\": 2029, "));
        Assert.Equal(["json"], await notJson.FieldErrorsAsync());
        var notObject = await admin.PostAsync(new Uri($"/api/v1/calendars/{id}/years", UriKind.Relative), JsonText("[2029]"));
        Assert.Equal(["json"], await notObject.FieldErrorsAsync());
        var types = await admin.PostAsync(new Uri($"/api/v1/calendars/{id}/years", UriKind.Relative), JsonText("{ \"year\": \"2029\", \"holidays\": {} }"));
        Assert.Equal(["holidays", "makeUpWorkdays", "source", "timeZone", "year"], (await types.FieldErrorsAsync()).Order());
        var range = await admin.PostAsync(new Uri($"/api/v1/calendars/{id}/years", UriKind.Relative),
            JsonText("""{ "source": "x", "year": 3000, "timeZone": "Asia/Shanghai", "holidays": [], "makeUpWorkdays": [] }"""));
        Assert.Equal(["year"], await range.FieldErrorsAsync());

        // A valid file in another zone cannot join a calendar kept in Asia/Shanghai.
        var berlin = await admin.PostAsync(new Uri($"/api/v1/calendars/{id}/years", UriKind.Relative),
            JsonText("""{ "source": "x", "year": 2029, "timeZone": "Europe/Berlin", "holidays": [], "makeUpWorkdays": [] }"""));
        Assert.Equal(["timeZone"], await berlin.FieldErrorsAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync(new Uri("/api/v1/calendars/999999/years", UriKind.Relative),
            JsonText("""{ "source": "x", "year": 2029, "timeZone": "Asia/Shanghai", "holidays": [], "makeUpWorkdays": [] }"""))).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.CalendarHolidayYears.AnyAsync(y => y.Year == 2029)));
        Assert.Equal(version, await app.WithDbAsync(db => db.Calendars.Where(c => c.Id == id).Select(c => c.Version).SingleAsync()));
    }

    private static Dictionary<string, object?> Row(string kind, string? name, object? from, object? to) =>
        new() { ["类型"] = kind, ["名称"] = name, ["开始日期"] = from, ["结束日期"] = to };

    private async Task<HttpResponseMessage> UploadAsync(int id, IEnumerable<Dictionary<string, object?>> rows, string userName = "head",
        Dictionary<string, string>? fields = null)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        var file = new ByteArrayContent(stream.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        using var form = new MultipartFormDataContent { { file, "file", "holidays.xlsx" } };
        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }

        using var client = app.ClientFor(userName);
        return await client.PostAsync(new Uri($"/api/v1/calendars/{id}/years/import", UriKind.Relative), form);
    }

    private static async Task<List<(int Row, string Column, string Code)>> RowErrorsAsync(HttpResponseMessage response) =>
        (await response.ReadJsonAsync()).GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("column").GetString()!, r.GetProperty("code").GetString()!)).ToList();

    [Fact]
    public async Task An_Excel_sheet_with_bad_rows_reports_row_column_and_reason_and_imports_nothing()
    {
        var id = await DefaultIdAsync();
        var response = await UploadAsync(id,
        [
            Row("节假日", "元旦", "2028-01-01", "2028-01-03"),
            Row("放风筝", "清明节", "2028-04-02", "2028-04-04"),
            Row("调休上班日", null, "2028-01-29", "2028-01-30"),
            Row("节假日", "劳动节", "2028-05-01", null),
            Row("节假日", "端午节", "五月初五", "2028-05-30"),
            Row("节假日", null, "2028-10-01", "2028-10-07"),
            Row("调休上班日", null, null, null),
        ]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var rows = await RowErrorsAsync(response);
        Assert.Contains((3, "类型", "unknown"), rows);
        Assert.Contains((4, "结束日期", "single_date"), rows);
        Assert.Contains((5, "结束日期", "required"), rows);
        Assert.Contains((6, "开始日期", "format"), rows);
        Assert.Contains((7, "名称", "required"), rows);
        Assert.Contains((8, "开始日期", "required"), rows);
        Assert.DoesNotContain(rows, r => r.Row == 2);
        Assert.False(await app.WithDbAsync(db => db.CalendarHolidayYears.AnyAsync(y => y.Year == 2028)));

        // Rows that read well but break the calendar rules are reported on their row and column too.
        var rules = await UploadAsync(id,
        [
            Row("节假日", "元旦", "2028-01-01", "2028-01-03"),
            Row("节假日", "春节", "2028-01-25", "2028-02-02"),
            Row("节假日", "春节补", "2028-02-01", "2028-02-03"),
            Row("调休上班日", null, "2028-01-02", null),
            Row("节假日", "春节", "2028-05-01", "2028-05-03"),
            Row("调休上班日", null, "2029-01-06", null),
        ], fields: new() { ["year"] = "2028" });
        Assert.Equal(HttpStatusCode.BadRequest, rules.StatusCode);
        var ruleRows = await RowErrorsAsync(rules);
        Assert.Contains((4, "开始日期", "overlap"), ruleRows);
        Assert.Contains((5, "开始日期", "inside_holiday"), ruleRows);
        Assert.Contains((6, "名称", "duplicate"), ruleRows);
        Assert.Contains((7, "开始日期", "outside_year"), ruleRows);
        Assert.False(await app.WithDbAsync(db => db.CalendarHolidayYears.AnyAsync(y => y.Year == 2028)));
    }

    [Fact]
    public async Task A_correct_Excel_sheet_imports_its_year()
    {
        var id = await DefaultIdAsync();
        var response = await UploadAsync(id,
        [
            Row("节假日", "元旦", "2030-01-01", "2030-01-01"),
            Row("节假日", "国庆节", new DateTime(2030, 10, 1), new DateTime(2030, 10, 7)),
            Row("调休上班日", "国庆节", "2030-09-29", null),
            Row("调休上班日", null, "2030/10/12", "2030/10/12"),
        ], fields: new() { ["source"] = "国务院办公厅关于2030年部分节假日安排的通知（测试）" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, (await response.ReadJsonAsync()).GetProperty("imported").GetInt32());
        var calendar = (await Store.GetAsync(id, TestContext.Current.CancellationToken))!;
        var year = Assert.Single(calendar.HolidayYears, y => y.Year == 2030);
        Assert.Equal("国务院办公厅关于2030年部分节假日安排的通知（测试）", year.Source);
        Assert.True(calendar.IsHoliday(new DateOnly(2030, 10, 7)));
        Assert.True(calendar.IsMakeUpWorkday(new DateOnly(2030, 10, 12)));
        Assert.Equal([new DateOnly(2030, 9, 29), new DateOnly(2030, 10, 12)], year.MakeUpWorkdays);
    }

    [Fact]
    public async Task Engineers_may_not_change_calendars_and_readers_may_only_read()
    {
        var id = await DefaultIdAsync();
        var week = new { days = new Dictionary<string, object[]> { ["monday"] = [new { start = "09:00", end = "17:00" }] }, makeUpWorkdayHoursOf = "monday", version = 0 };
        var file = """{ "source": "x", "year": 2031, "timeZone": "Asia/Shanghai", "holidays": [], "makeUpWorkdays": [] }""";
        foreach (var user in new[] { "engineer", "supervisor", "specialist", "gm" })
        {
            using var client = app.ClientFor(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsync(new Uri($"/api/v1/calendars/{id}/week", UriKind.Relative),
                JsonText(JsonSerializer.Serialize(week)))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(new Uri($"/api/v1/calendars/{id}/years", UriKind.Relative), JsonText(file))).StatusCode);
        }

        using var engineer = app.ClientFor("engineer");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri($"/api/v1/calendars/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(id, [Row("节假日", "元旦", "2031-01-01", "2031-01-01")], "engineer")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.CalendarHolidayYears.AnyAsync(y => y.Year == 2031)));
    }

    [Fact]
    public async Task The_import_template_downloads_for_a_department_head()
    {
        using var head = app.ClientFor("head");
        var template = await head.GetAsync(new Uri("/api/v1/calendars/import-template", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal("attachment", template.Content.Headers.ContentDisposition?.DispositionType);
        await using var stream = await template.Content.ReadAsStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        copy.Position = 0;
        var first = (IDictionary<string, object?>)copy.Query(useHeaderRow: true, excelType: ExcelType.XLSX).First();
        Assert.Equal(CalendarImports.Columns, first.Keys);
    }
}
