using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using ServiceMark.Tests.Infrastructure;
using static ServiceMark.Web.Tests.Assessment.AssessmentApi;

namespace ServiceMark.Web.Tests.Grading;

/// <summary>
/// The monthly grade-pay roster and its workbook (R-GRD-2): a pay-table version from the 15th pays the old rate before it;
/// the query string is checked field by field (never a 500); only HR, the head and the GM read anyone's pay.
/// </summary>
[Trait("Rule", "R-GRD-2")]
public sealed class PayrollTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly int Year = DateTime.UtcNow.Year + 2;

    private static decimal Prorated(decimal before, decimal after, int daysBefore, int daysInMonth) =>
        Math.Round(((before * daysBefore) + (after * (daysInMonth - daysBefore))) / daysInMonth, 2, MidpointRounding.AwayFromZero);

    private async Task EnsureJuneTableAsync()
    {
        using var hr = app.ClientFor("hr");
        var effective = new DateOnly(Year, 6, 15);
        var tables = await (await hr.GetAsync(new Uri("/api/v1/grading/pay-tables", UriKind.Relative))).ReadJsonAsync();
        if (tables.EnumerateArray().Any(t => t.GetProperty("effectiveFrom").GetString() == effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
        {
            return;
        }

        var added = await hr.PostAsJsonAsync("/api/v1/grading/pay-tables", new
        {
            effectiveFrom = effective,
            rows = new[]
            {
                new { levelCode = "Trainee", basePay = 1800m, positionPay = 200m, gradeAllowance = 100m },
                new { levelCode = "Junior", basePay = 2000m, positionPay = 300m, gradeAllowance = 500m },
                new { levelCode = "Intermediate", basePay = 2600m, positionPay = 600m, gradeAllowance = 1300m },
                new { levelCode = "Senior", basePay = 2500m, positionPay = 1000m, gradeAllowance = 2000m },
                new { levelCode = "Expert", basePay = 3000m, positionPay = 2000m, gradeAllowance = 3000m },
            },
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
    }

    private static JsonElement Row(JsonElement payroll, string number) =>
        payroll.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("employeeNumber").GetString() == number);

    [Fact]
    public async Task A_table_from_the_15th_pays_the_old_rate_for_the_first_14_days_and_the_new_one_after()
    {
        await EnsureJuneTableAsync();
        using var hr = app.ClientFor("hr");
        var june = await (await hr.GetAsync(new Uri($"/api/v1/grading/payroll?year={Year}&month=6", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal(Year, june.GetProperty("year").GetInt32());
        Assert.Equal(6, june.GetProperty("month").GetInt32());
        var mine = Row(june, "E0011");
        Assert.Equal("Intermediate", mine.GetProperty("levelCode").GetString());
        Assert.Equal(Prorated(2300m, 2600m, 14, 30), mine.GetProperty("basePay").GetDecimal());
        Assert.Equal(600m, mine.GetProperty("positionPay").GetDecimal());
        Assert.Equal(Prorated(1000m, 1300m, 14, 30), mine.GetProperty("gradeAllowance").GetDecimal());
        Assert.Equal(mine.GetProperty("basePay").GetDecimal() + 600m + mine.GetProperty("gradeAllowance").GetDecimal(), mine.GetProperty("total").GetDecimal());
        Assert.Contains("06-01..06-14 (14 d)", mine.GetProperty("arithmetic").GetString(), StringComparison.Ordinal);

        // A Junior's rates did not change: the whole month at the same rate.
        Assert.Equal(2000m, Row(june, "E0012").GetProperty("basePay").GetDecimal());

        // The month before pays the old table; the month after the new one.
        var may = await (await hr.GetAsync(new Uri($"/api/v1/grading/payroll?year={Year}&month=5", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal(2300m, Row(may, "E0011").GetProperty("basePay").GetDecimal());
        var july = await (await hr.GetAsync(new Uri($"/api/v1/grading/payroll?year={Year}&month=7", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal(2600m, Row(july, "E0011").GetProperty("basePay").GetDecimal());
        Assert.Equal(1300m, Row(july, "E0011").GetProperty("gradeAllowance").GetDecimal());

        // The ungraded (沈浩) and those who left are not on it.
        Assert.DoesNotContain(june.GetProperty("rows").EnumerateArray(), r => r.GetProperty("employeeNumber").GetString() is "E0030" or "E0029");
    }

    [Fact]
    public async Task The_workbook_has_one_row_per_person_with_the_same_amounts_as_the_roster()
    {
        await EnsureJuneTableAsync();
        using var gm = app.ClientFor("gm");
        var june = await (await gm.GetAsync(new Uri($"/api/v1/grading/payroll?year={Year}&month=6", UriKind.Relative))).ReadJsonAsync();
        var export = await gm.GetAsync(new Uri($"/api/v1/grading/payroll/export?year={Year}&month=6", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"grade-pay-{Year}-06.xlsx", export.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        using var workbook = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        Assert.Equal([$"{Year}年6月"], MiniExcel.GetSheetNames(workbook));
        var rows = MiniExcel.Query(workbook, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(june.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("employeeNumber").GetString()), rows.Select(r => (string)r["工号"]));
        var mine = rows.Single(r => (string)r["工号"] == "E0011");
        var expected = Row(june, "E0011");
        Assert.Equal("马超", mine["姓名"]);
        Assert.Equal("中级工程师", mine["技术等级"]);
        static decimal D(object v) => Convert.ToDecimal(v, CultureInfo.InvariantCulture);
        Assert.Equal(expected.GetProperty("basePay").GetDecimal(), D(mine["基本工资"]));
        Assert.Equal(expected.GetProperty("positionPay").GetDecimal(), D(mine["岗位工资"]));
        Assert.Equal(expected.GetProperty("gradeAllowance").GetDecimal(), D(mine["技术等级津贴"]));
        Assert.Equal(expected.GetProperty("total").GetDecimal(), D(mine["合计"]));
        Assert.Equal(Features.Assessment.ArithmeticText.Localize(expected.GetProperty("arithmetic").GetString(), CultureInfo.GetCultureInfo("zh-CN")), mine["计算过程"]);
        Assert.Contains("基本工资", (string)mine["计算过程"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("year=abc&month=6", "year")]
    [InlineData("year=2026&month=abc", "month")]
    [InlineData("year=2026&month=13", "month")]
    [InlineData("year=2026&month=0", "month")]
    [InlineData("year=1999&month=6", "year")]
    [InlineData("year=2026&month=99999999999", "month")]
    [InlineData("year=2026.5", "year")]
    public async Task A_bad_year_or_month_is_a_400_naming_it_for_the_roster_and_the_workbook(string query, string field)
    {
        using var hr = app.ClientFor("hr");
        foreach (var path in new[] { "/api/v1/grading/payroll", "/api/v1/grading/payroll/export" })
        {
            var response = await hr.GetAsync(new Uri($"{path}?{query}", UriKind.Relative));
            var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
    }

    [Fact]
    [Trait("Rule", "R-GRD-1")]
    public async Task The_roster_lists_every_engineer_with_grade_and_allowance_and_counts_the_grades_for_its_readers_only()
    {
        using var hr = app.ClientFor("hr");
        var roster = await (await hr.GetAsync(new Uri("/api/v1/grading/roster", UriKind.Relative))).ReadJsonAsync();
        var people = roster.GetProperty("people").EnumerateArray().ToList();
        var mine = people.Single(p => p.GetProperty("employeeNumber").GetString() == "E0011");
        Assert.Equal("Intermediate", mine.GetProperty("level").GetProperty("code").GetString());
        Assert.Equal("2023-07-01", mine.GetProperty("since").GetString());
        Assert.Equal(1000m, mine.GetProperty("allowance").GetDecimal());
        var ungraded = people.Single(p => p.GetProperty("employeeNumber").GetString() == "E0030");
        Assert.Equal(JsonValueKind.Null, ungraded.GetProperty("level").ValueKind);
        Assert.DoesNotContain(people, p => p.GetProperty("employeeNumber").GetString() is "E0029" or "E0025"); // left; not an engineer
        var distribution = roster.GetProperty("distribution");
        Assert.Equal(people.Count, distribution.EnumerateObject().Sum(d => d.Value.GetInt32()));
        Assert.Equal(people.Count(p => p.GetProperty("level").ValueKind == JsonValueKind.Null), distribution.GetProperty("Ungraded").GetInt32());

        foreach (var user in new[] { "engineer", "supervisor", "vpm", "admin" })
        {
            using var client = app.ClientFor(user);
            await ProblemAsync(await client.GetAsync(new Uri("/api/v1/grading/roster", UriKind.Relative)), HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Pay_is_the_roster_readers_and_each_persons_own()
    {
        foreach (var user in new[] { "engineer", "supervisor", "specialist", "vpm", "vphr", "admin" })
        {
            using var client = app.ClientFor(user);
            await ProblemAsync(await client.GetAsync(new Uri("/api/v1/grading/payroll", UriKind.Relative)), HttpStatusCode.Forbidden);
            await ProblemAsync(await client.GetAsync(new Uri("/api/v1/grading/payroll/export", UriKind.Relative)), HttpStatusCode.Forbidden);
        }

        // Without a query the roster is this month's.
        using var head = app.ClientFor("head");
        var now = await (await head.GetAsync(new Uri("/api/v1/grading/payroll", UriKind.Relative))).ReadJsonAsync();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        Assert.Equal(today.Year, now.GetProperty("year").GetInt32());
        Assert.Equal(today.Month, now.GetProperty("month").GetInt32());

        // A person's own pay is on their grade page; a colleague's and a report's are not theirs to read.
        using var engineer = app.ClientFor("engineer");
        var me = await (await engineer.GetAsync(new Uri("/api/v1/grading/me", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal("E0011", me.GetProperty("employeeNumber").GetString());
        Assert.Equal(JsonValueKind.Object, me.GetProperty("thisMonth").ValueKind);
        var driver = new TicketDriver(app);
        var colleague = await driver.PersonIdAsync("E0017");
        var report = await driver.PersonIdAsync("E0012");
        var refused = await ProblemAsync(await engineer.GetAsync(new Uri($"/api/v1/grading/people/{colleague}", UriKind.Relative)), HttpStatusCode.Forbidden);
        Assert.DoesNotContain("罗斌", refused.GetRawText(), StringComparison.Ordinal);
        using var supervisor = app.ClientFor("supervisor");
        await ProblemAsync(await supervisor.GetAsync(new Uri($"/api/v1/grading/people/{report}", UriKind.Relative)), HttpStatusCode.Forbidden);
        Assert.Equal("胡军", (await (await head.GetAsync(new Uri($"/api/v1/grading/people/{report}", UriKind.Relative))).ReadJsonAsync()).GetProperty("name").GetString());
        await ProblemAsync(await head.GetAsync(new Uri("/api/v1/grading/people/999999", UriKind.Relative)), HttpStatusCode.NotFound);
    }
}
