using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServiceMark.Browser.Tests.Infrastructure;
using ServiceMark.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// The department head runs a quarter from open to published in the UI; the engineer then opens their own sheet and
/// follows the evidence of a late ticket to the ticket itself (R-ASM-5, R-ASM-10).
/// </summary>
[Trait("Rule", "R-ASM-5")]
[Trait("Rule", "R-ASM-10")]
public sealed class AssessmentFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_manager_runs_a_quarter_to_published_and_the_engineer_follows_an_evidence_link_to_a_late_ticket()
    {
        browser.SkipIfUnavailable();

        // An electrical fault resolved a week after it was reported: late against the general 72 h resolution target.
        var tickets = new TicketDriver(browser.App);
        var late = await tickets.CloseAsync(await tickets.CreateAsync(category: "Electrical"), beforeArrival: () => browser.App.Clock.Advance(TimeSpan.FromDays(7)));

        var head = await browser.NewPageAsync();
        await head.SignInAsync("head");
        await head.GoToAsync("/assessment/periods");
        await head.ClickAsync("#open-period-submit");
        await Expect(head.Locator("#period-state")).ToHaveTextAsync("已开启");
        await Expect(head.Locator("#results-table")).ToContainTextAsync("马超");

        foreach (var (action, state) in new[]
                 {
                     ("StartGoalPlans", "制定目标计划"), ("StartDataCollection", "数据收集"), ("StartSelfReview", "自评"),
                     ("StartSuperiorReview", "上级评价"), ("SendToCommittee", "考核小组认定"), ("Publish", "已公示"),
                 })
        {
            await head.ClickAsync($"#period-{action}");
            await Expect(head.Locator("#period-state")).ToHaveTextAsync(state);
        }

        await Expect(head.Locator("#results-table")).ToContainTextAsync("service_staff_quarterly");
        Assert.True((await head.ScreenshotAsync("assessment-period-published")).Length > 15_000);

        var engineer = await browser.NewPageAsync();
        await engineer.SignInAsync("engineer");
        await engineer.GoToAsync("/assessment/my");
        await engineer.Locator("#my-sheets tbody tr").First.ClickAsync();
        await Expect(engineer.Locator("#sheet-table")).ToBeVisibleAsync();
        var timeliness = engineer.Locator("#indicator-acceptance_timeliness");
        await Expect(timeliness).ToContainTextAsync(late.Number);
        Assert.True((await engineer.ScreenshotAsync("assessment-sheet-engineer")).Length > 15_000);

        // On the engineer's phone the sheet is a card per indicator: no column headings, each card as wide as the screen.
        await engineer.SetViewportSizeAsync(390, 844);
        await Expect(engineer.Locator("#sheet-table thead")).ToBeHiddenAsync();
        var card = (await timeliness.BoundingBoxAsync())!;
        Assert.True(card.Width <= 390 && card.Height > 100, $"indicator card {card.Width} × {card.Height} px");
        Assert.True(await engineer.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "no sideways scrolling at 390 px");
        Assert.True((await engineer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "assessment-sheet-phone.png") })).Length > 15_000);
        await timeliness.GetByText(late.Number).ClickAsync();
        await Expect(engineer.Locator("#page-title")).ToHaveTextAsync(late.Number);

        // The engineer's sheet is theirs alone: a colleague's sheet is refused.
        var colleagueSheet = await browser.App.WithDbAsync(db => db.AssessmentSheets
            .Where(s => db.People.Any(p => p.Id == s.PersonId && p.EmployeeNumber == "E0012")).Select(s => s.Id).SingleAsync());
        await engineer.GoToAsync($"/assessment/sheets/{colleagueSheet}");
        await Expect(engineer.Locator("#sheet-error")).ToBeVisibleAsync();
        Assert.Empty(browser.Dialogs);
    }

    [Fact]
    public async Task HR_edits_a_plan_as_a_new_version_sees_why_it_does_not_add_up_and_publishes_it_once_it_does()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("hr");
        await page.GoToAsync("/assessment/plans");
        await page.Locator("#plans-table tbody tr").Filter(new() { HasText = "售后服务部经理月度KPI考核" }).First.ClickAsync();
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync("已发布");
        await Expect(page.Locator("#plan-table")).ToContainTextAsync("每低 1 个百分点扣");
        await page.ClickAsync("#new-version");
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync("草稿");

        // 70 → 60: the plan no longer adds up, and says why.
        var weight = page.Locator("#edit-weight-0");
        await weight.FillAsync("60");
        await weight.PressAsync("Tab");
        await page.ClickAsync("#save-plan-form");
        await Expect(page.Locator("#plan-problems")).ToContainTextAsync("categories");
        await Expect(page.Locator("#publish-plan")).ToBeDisabledAsync();
        Assert.True((await page.ScreenshotAsync("plan-editor-problems")).Length > 15_000);

        // Back to 70: it adds up again and is published as version 2.
        await page.Locator("#edit-weight-0").FillAsync("70");
        await page.Locator("#edit-weight-0").PressAsync("Tab");
        await page.ClickAsync("#save-plan-form");
        await Expect(page.Locator("#plan-problems")).ToHaveCountAsync(0);
        await page.ClickAsync("#publish-plan");
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync("已发布");
        await Expect(page.Locator("#page-title")).ToBeVisibleAsync();
        Assert.Contains("v2", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
    }
}
