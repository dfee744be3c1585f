using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Domain.Common;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Web.Tests.Assessment;

/// <summary>
/// The annual result of quarterly-assessed staff (R-ASM-5): the year's sheet of an engineer under the quarterly plan D
/// takes the mean of their published quarter totals after adjustments, rounded by the one rounding rule, lists each
/// quarter as evidence and says which are missing. Last year is used, so every quarter is complete.
/// </summary>
[Trait("Rule", "R-ASM-5")]
public sealed class AnnualFromQuartersTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task The_annual_total_is_the_mean_of_the_published_quarters_with_each_quarter_as_evidence()
    {
        var year = app.Clock.GetUtcNow().Year - 1;
        var engineer = await PersonIdAsync("E0011");
        using var head = app.ClientFor("head");
        using var supervisor = app.ClientFor("supervisor");
        using var me = app.ClientFor("engineer");

        // Two published quarters: 80.01 and 85 after the superior's adjustments; Q3 opened but not published.
        var q1 = await PublishQuarterAsync(head, supervisor, year, 1, engineer, 80.01m);
        var q2 = await PublishQuarterAsync(head, supervisor, year, 2, engineer, 85m);
        await (await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Quarter", year, number = 3 })).ReadJsonAsync();

        var annual = await (await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Year", year })).ReadJsonAsync();
        var annualId = annual.GetProperty("summary").GetProperty("id").GetInt32();
        var row = annual.GetProperty("sheets").EnumerateArray().Single(s => s.GetProperty("personId").GetInt32() == engineer);
        Assert.Equal("service_staff_quarterly", row.GetProperty("planCode").GetString());
        var sheetId = row.GetProperty("sheetId").GetInt32();
        foreach (var action in new[] { "StartGoalPlans", "StartDataCollection", "StartSelfReview" })
        {
            annual = await ActAsync(head, annualId, action, annual);
        }

        // (80.01 + 85) ÷ 2 = 82.505 → 82.51: half away from zero, the one rounding rule (banker's rounding would say 82.50).
        var sheet = await (await me.GetAsync($"/api/v1/assessment/sheets/{sheetId}")).ReadJsonAsync();
        Assert.Equal(Rounding.Round((80.01m + 85m) / 2), sheet.GetProperty("finalTotal").GetDecimal());
        Assert.Equal(82.51m, sheet.GetProperty("finalTotal").GetDecimal());
        var evidence = sheet.GetProperty("fromQuarters");
        Assert.Equal([3, 4], evidence.GetProperty("missingQuarters").EnumerateArray().Select(q => q.GetInt32()));
        var quarters = evidence.GetProperty("quarters").EnumerateArray().ToList();
        Assert.Equal([q1, q2], quarters.Take(2).Select(q => q.GetProperty("sheetId").GetInt32()));
        Assert.Equal([80.01m, 85m], quarters.Take(2).Select(q => q.GetProperty("total").GetDecimal()));
        Assert.Equal("NotPublished", quarters[2].GetProperty("missing").GetString());
        Assert.Equal("NotOpened", quarters[3].GetProperty("missing").GetString());
        Assert.Contains("Q3, Q4", sheet.GetProperty("score").GetProperty("arithmetic").GetString(), StringComparison.Ordinal);

        // All four published: the mean of four, (80.01 + 85 + 90 + 70.5) ÷ 4 = 81.3775 → 81.38, and it grades and pays on that total.
        var q3Id = await app.WithDbAsync(db => db.AssessmentPeriods.Where(p => p.Year == year && p.Number == 3 && p.Length == Domain.Assessment.AssessmentPeriodLength.Quarter).Select(p => p.Id).SingleAsync());
        await RunToPublishedAsync(head, supervisor, q3Id, engineer, 90m);
        await PublishQuarterAsync(head, supervisor, year, 4, engineer, 70.5m);
        annual = await (await head.PostAsync($"/api/v1/assessment/periods/{annualId}/score", null)).ReadJsonAsync();
        row = annual.GetProperty("sheets").EnumerateArray().Single(s => s.GetProperty("personId").GetInt32() == engineer);
        Assert.Equal(81.38m, row.GetProperty("finalTotal").GetDecimal());
        Assert.Equal("良好", row.GetProperty("grade").GetString());
        Assert.Equal(JsonValueKind.Number, row.GetProperty("bonus").ValueKind);
        sheet = await (await me.GetAsync($"/api/v1/assessment/sheets/{sheetId}")).ReadJsonAsync();
        Assert.Empty(sheet.GetProperty("fromQuarters").GetProperty("missingQuarters").EnumerateArray());
        Assert.Equal(4, sheet.GetProperty("fromQuarters").GetProperty("quarters").EnumerateArray().Count(q => q.GetProperty("sheetId").ValueKind == JsonValueKind.Number));

        // Quarterly staff's recent results for technical grading (R-GRD-3) are their published quarters.
        var grade = await (await me.GetAsync("/api/v1/grading/me")).ReadJsonAsync();
        var unmet = grade.GetProperty("next").GetProperty("unmet").EnumerateArray().Select(u => (Code: u.GetProperty("code").GetString(), Zh: u.GetProperty("messageZh").GetString())).ToList();
        Assert.Contains(unmet, u => u.Code == "too_few_assessments" && u.Zh!.EndsWith("目前只有 4 次。", StringComparison.Ordinal));

        // The workbook's indicator sheet lists the four quarters behind the annual total.
        var export = await head.GetAsync($"/api/v1/assessment/periods/{annualId}/export");
        using (var workbook = new MemoryStream(await export.Content.ReadAsByteArrayAsync()))
        {
            var number = await app.WithDbAsync(db => db.People.Where(p => p.Id == engineer).Select(p => p.EmployeeNumber).SingleAsync());
            var lines = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "指标明细").Cast<IDictionary<string, object>>()
                .Where(r => (string)r["工号"] == number).ToList();
            Assert.Equal(4, lines.Count);
            Assert.All(lines, l => Assert.StartsWith("考核表 #", (string)l["证据"], StringComparison.Ordinal));
            Assert.All(lines, l => Assert.StartsWith("年度结果 = 已公示季度的平均分：", (string)l["计算过程"], StringComparison.Ordinal));
        }

        // A what-if of the quarterly plan over the year is refused, naming the field: the year of quarterly staff is their quarters' mean.
        var planId = await app.WithDbAsync(db => db.AssessmentSheets.Where(s => s.Id == sheetId).Select(s => s.PlanId).SingleAsync());
        Assert.Equal(["planId"], await (await head.PostAsJsonAsync($"/api/v1/assessment/periods/{annualId}/what-if", new { planId })).FieldErrorsAsync());
    }

    /// <summary>Opens the quarter and runs it to Published, the engineer's total set by the superior to <paramref name="total"/>; returns their sheet id.</summary>
    private async Task<int> PublishQuarterAsync(HttpClient head, HttpClient supervisor, int year, int quarter, int personId, decimal total)
    {
        var opened = await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Quarter", year, number = quarter });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var periodId = (await opened.ReadJsonAsync()).GetProperty("summary").GetProperty("id").GetInt32();
        return await RunToPublishedAsync(head, supervisor, periodId, personId, total);
    }

    private async Task<int> RunToPublishedAsync(HttpClient head, HttpClient supervisor, int periodId, int personId, decimal total)
    {
        var period = await (await head.GetAsync($"/api/v1/assessment/periods/{periodId}")).ReadJsonAsync();
        var sheetId = period.GetProperty("sheets").EnumerateArray().Single(s => s.GetProperty("personId").GetInt32() == personId).GetProperty("sheetId").GetInt32();
        period = await ActAsync(head, periodId, "StartGoalPlans", period);
        period = await ActAsync(head, periodId, "StartDataCollection", period);

        // A superior's rating gives the sheet a computed total; the superior then settles on the quarter's total, with a reason.
        var rated = SeedPlans.ByCode("service_staff_quarterly").Categories.SelectMany(c => c.Indicators).First(i => i.Source.Kind == DataSourceKind.Rating);
        var sheet = await (await supervisor.GetAsync($"/api/v1/assessment/sheets/{sheetId}")).ReadJsonAsync();
        var rating = await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/inputs",
            new { indicatorCode = rated.Code, value = 3m, raterGroup = "Superior", version = sheet.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, rating.StatusCode);
        period = await ActAsync(head, periodId, "StartSelfReview", period);
        period = await ActAsync(head, periodId, "StartSuperiorReview", period);
        sheet = await (await supervisor.GetAsync($"/api/v1/assessment/sheets/{sheetId}")).ReadJsonAsync();
        var reviewed = await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/superior-review",
            new { comment = "季度评价", score = total, reason = "按季度表现确定", version = sheet.GetProperty("version").GetInt32() });
        Assert.True(reviewed.StatusCode == HttpStatusCode.OK, await reviewed.Content.ReadAsStringAsync());
        period = await ActAsync(head, periodId, "SendToCommittee", period);
        await ActAsync(head, periodId, "Publish", period);
        return sheetId;
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, int periodId, string action, JsonElement period)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/actions",
            new { action, version = period.GetProperty("summary").GetProperty("version").GetInt32() });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private Task<int> PersonIdAsync(string number) => app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == number).Select(p => p.Id).SingleAsync());
}
