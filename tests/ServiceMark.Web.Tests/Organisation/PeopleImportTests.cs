using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Web.Tests.Organisation;

[Trait("Rule", "R-RPT-3")]
public sealed class PeopleImportTests(TestApp app) : IClassFixture<TestApp>
{
    private static Dictionary<string, object?> Row(string number, string name, string position = "ENG", string unit = "T-CHASSIS",
        string? superior = "E0006", string status = "正式", object? hired = null, string? probationEnd = null) => new()
    {
        ["工号"] = number, ["姓名"] = name, ["岗位编码"] = position, ["组织编码"] = unit, ["直接上级工号"] = superior,
        ["用工状态"] = status, ["入职日期"] = hired ?? "2025-05-06", ["试用期截止"] = probationEnd, ["电话"] = "13912345678", ["邮箱"] = null,
    };

    private static ByteArrayContent Workbook(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        return new ByteArrayContent(stream.ToArray());
    }

    private async Task<HttpResponseMessage> UploadAsync(HttpContent file, string userName = "hr")
    {
        using var hr = app.ClientFor(userName);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var form = new MultipartFormDataContent { { file, "file", "people.xlsx" } };
        return await hr.PostAsync(new Uri("/api/v1/people/import", UriKind.Relative), form);
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_refused_whole_with_row_column_and_reason()
    {
        var before = await app.WithDbAsync(db => db.People.CountAsync());
        var response = await UploadAsync(Workbook(
        [
            Row("I2001", "好人一"),
            Row("I2002", "", position: "NOPE"),
            Row("E0011", "重复工号"),
            Row("I2004", "坏日期", hired: "下个月"),
            Row("I2005", "试用无期", status: "试用期"),
            Row("I2006", "无上级", superior: "X9999"),
        ]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var rows = (await response.ReadJsonAsync()).GetProperty("rows").EnumerateArray()
            .Select(r => (Row: r.GetProperty("row").GetInt32(), Column: r.GetProperty("column").GetString(), Code: r.GetProperty("code").GetString()))
            .ToList();
        Assert.Contains((3, "姓名", "required"), rows);
        Assert.Contains((3, "岗位编码", "unknown"), rows);
        Assert.Contains((4, "工号", "duplicate"), rows);
        Assert.Contains((5, "入职日期", "format"), rows);
        Assert.Contains((6, "试用期截止", "required"), rows);
        Assert.Contains((7, "直接上级工号", "unknown"), rows);
        Assert.DoesNotContain(rows, r => r.Row == 2);
        Assert.Equal(before, await app.WithDbAsync(db => db.People.CountAsync()));
    }

    [Fact]
    public async Task A_correct_file_is_imported_with_superiors_from_the_same_file()
    {
        var response = await UploadAsync(Workbook(
        [
            Row("I3001", "组长甲", position: "SUP", unit: "S-CD", superior: "E0004"),
            Row("I3002", "组员乙", unit: "S-CD", superior: "I3001", status: "试用期", probationEnd: "2026-12-31", hired: new DateTime(2026, 10, 1)),
        ]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.ReadJsonAsync()).GetProperty("imported").GetInt32());
        var member = await app.WithDbAsync(db => db.People.SingleAsync(p => p.EmployeeNumber == "I3002"));
        var lead = await app.WithDbAsync(db => db.People.SingleAsync(p => p.EmployeeNumber == "I3001"));
        Assert.Equal(lead.Id, member.SuperiorId);
        Assert.Equal(new DateOnly(2026, 10, 1), member.HireDate);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "Person" && a.EntityId == member.Id.ToString() && a.Reason == "Excel import")));
    }

    [Fact]
    public async Task A_reporting_loop_inside_the_file_is_refused()
    {
        var response = await UploadAsync(Workbook([Row("I4001", "甲", superior: "I4002"), Row("I4002", "乙", superior: "I4001")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"cycle\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Something_that_is_not_a_workbook_is_a_clear_400()
    {
        var response = await UploadAsync(new ByteArrayContent("<html><script>alert(1)</script></html>"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("file_format", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workbook_without_the_required_columns_is_refused()
    {
        var response = await UploadAsync(Workbook([new Dictionary<string, object?> { ["Name"] = "x" }]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("missing_column", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_template_downloads_and_an_engineer_may_not_import()
    {
        using var hr = app.ClientFor("hr");
        var template = await hr.GetAsync(new Uri("/api/v1/people/import-template", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal("attachment", template.Content.Headers.ContentDisposition?.DispositionType);
        var forbidden = await UploadAsync(Workbook([Row("I5001", "丙")]), "engineer");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
