using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceMark.Browser.Tests.Infrastructure;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Assessment;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// Last year's first two quarters are published and the year is in self-review, its summary deadline long past: the
/// engineer's to-do list holds the reminder, whose link opens their annual sheet with the two quarters as evidence; HR's
/// opens the period, which lists who was reminded (R-ASM-4, R-ASM-5).
/// </summary>
[Trait("Rule", "R-ASM-4")]
[Trait("Rule", "R-ASM-5")]
public sealed class AssessmentReminderPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_reminder_links_to_the_annual_sheet_built_from_the_quarters_and_the_period_lists_who_was_reminded()
    {
        browser.SkipIfUnavailable();
        var year = browser.App.Clock.GetUtcNow().Year - 1;
        using var head = browser.App.ClientFor("head");
        using var supervisor = browser.App.ClientFor("supervisor");
        await PublishQuarterAsync(head, supervisor, year, 1, 80m);
        await PublishQuarterAsync(head, supervisor, year, 2, 85m);
        var annual = await (await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Year", year })).ReadJsonAsync();
        var annualId = annual.GetProperty("summary").GetProperty("id").GetInt32();
        foreach (var action in new[] { "StartGoalPlans", "StartDataCollection", "StartSelfReview" })
        {
            annual = await ActAsync(head, annualId, action, annual);
        }

        await browser.App.Services.GetRequiredService<DeadlineReminders>().RunOnceAsync(TestContext.Current.CancellationToken);

        var engineer = await browser.NewPageAsync();
        await engineer.SignInAsync("engineer");
        await engineer.GoToAsync("/");
        var task = engineer.Locator(".my-task-title").Filter(new() { HasText = $"考核周期 {year}：" });
        await Expect(task).ToHaveCountAsync(1);
        await task.ClickAsync();
        await Expect(engineer.Locator("#quarters-table")).ToBeVisibleAsync();
        await Expect(engineer.Locator("#quarter-1")).ToContainTextAsync("80");
        await Expect(engineer.Locator("#quarter-3")).ToContainTextAsync("缺少");
        await Expect(engineer.Locator("#final-total")).ToHaveTextAsync("82.5");
        Assert.True((await engineer.ScreenshotAsync("assessment-annual-from-quarters")).Length > 10_000);
        await engineer.Locator("#quarter-2").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(engineer.Locator("#sheet-table")).ToBeVisibleAsync();

        var hr = await browser.NewPageAsync();
        await hr.SignInAsync("hr");
        await hr.GoToAsync($"/assessment/periods/{annualId}");
        await hr.Locator("#reminders-sent").ClickAsync();
        await Expect(hr.Locator("#reminders-table")).ToContainTextAsync("马超");
        await Expect(hr.Locator("#reminders-table")).ToContainTextAsync("提交自评");
        Assert.Empty(browser.Dialogs);
    }

    private static async Task PublishQuarterAsync(HttpClient head, HttpClient supervisor, int year, int quarter, decimal total)
    {
        var period = await (await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Quarter", year, number = quarter })).ReadJsonAsync();
        var periodId = period.GetProperty("summary").GetProperty("id").GetInt32();
        var mine = period.GetProperty("sheets").EnumerateArray().Where(s => s.GetProperty("personName").GetString() == "马超").Select(s => s.GetProperty("sheetId").GetInt32()).Single();
        period = await ActAsync(head, periodId, "StartGoalPlans", period);
        period = await ActAsync(head, periodId, "StartDataCollection", period);
        var rated = SeedPlans.ByCode("service_staff_quarterly").Categories.SelectMany(c => c.Indicators).First(i => i.Source.Kind == DataSourceKind.Rating);
        var sheet = await (await supervisor.GetAsync($"/api/v1/assessment/sheets/{mine}")).ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{mine}/inputs",
            new { indicatorCode = rated.Code, value = 3m, raterGroup = "Superior", version = sheet.GetProperty("version").GetInt32() })).StatusCode);
        period = await ActAsync(head, periodId, "StartSelfReview", period);
        period = await ActAsync(head, periodId, "StartSuperiorReview", period);
        sheet = await (await supervisor.GetAsync($"/api/v1/assessment/sheets/{mine}")).ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{mine}/superior-review",
            new { comment = "季度评价", score = total, reason = "按季度表现确定", version = sheet.GetProperty("version").GetInt32() })).StatusCode);
        period = await ActAsync(head, periodId, "SendToCommittee", period);
        await ActAsync(head, periodId, "Publish", period);
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, int periodId, string action, JsonElement period)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/actions",
            new { action, version = period.GetProperty("summary").GetProperty("version").GetInt32() });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }
}
