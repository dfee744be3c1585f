using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServiceMark.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// The whole path of one service case through the UI, each step by the person who does it: a call is logged, becomes a
/// ticket, is dispatched, worked and signed on site, approved, closed, and the customer answers the survey link; the
/// satisfaction then shows on the ticket and in the engineer's service facts.
/// </summary>
[Trait("Rule", "R-TKT-1")]
[Trait("Rule", "R-TKT-3")]
[Trait("Rule", "R-CMP-2")]
public sealed class WholeServiceFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Subject = "三号线公交后门故障报修";

    [Fact]
    public async Task A_call_becomes_a_ticket_that_is_worked_closed_and_rated_by_the_customer()
    {
        browser.SkipIfUnavailable();

        // 1. The specialist logs the call and turns it into a ticket.
        var desk = await browser.NewPageAsync();
        await desk.SignInAsync("specialist");
        await desk.GoToAsync("/contact-log");
        await desk.FillFieldAsync("来电人", "赵建华");
        await desk.FillFieldAsync("联系电话", "13703710101");
        await desk.FillFieldAsync("事由", Subject);
        await desk.FillFieldAsync("内容", "后门关不严，行驶中报警");
        await desk.ClickAsync("#log-contact");
        await Expect(desk.Locator("#contact-detail")).ToContainTextAsync(Subject);
        await desk.ClickAsync("#to-ticket");
        await Expect(desk.Locator("#from-contact")).ToContainTextAsync(Subject);
        await desk.Locator("input#customer").FillAsync("郑州公交");
        await desk.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "郑州公交集团" }).First.ClickAsync();
        await desk.ChooseAsync("故障类别", "车身");
        await desk.GetByLabel("序列号").FillAsync("LZYTBGCK0R1000101");
        await desk.GetByLabel("序列号").BlurAsync();
        await Expect(desk.Locator("#warranty-verdict")).ToContainTextAsync("在三包期内");
        await desk.GetByLabel("故障描述").FillAsync("后门关不严");
        await desk.ClickAsync("#create-ticket");
        await Expect(desk.Locator("#ticket-status")).ToHaveTextAsync("已分类分级");
        var number = (await desk.Locator("#page-title").TextContentAsync())!.Trim();
        var ticketId = int.Parse(desk.Url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        // Linked both ways: the ticket names its call, and the call names its ticket.
        await desk.ClickAsync("#contact-entry-link");
        await Expect(desk.Locator("#contact-detail")).ToContainTextAsync(Subject);
        await Expect(desk.Locator("#contact-detail")).ToContainTextAsync("已转工单");
        await desk.GoToAsync($"/tickets/{ticketId}");

        // 2. Dispatch to 马超 (the demo engineer).
        await desk.Locator("#dispatch-panel .dispatch-row").Filter(new() { HasText = "马超" }).Locator(".mud-checkbox").ClickAsync();
        await desk.ClickAsync("#act-Dispatch");
        await Expect(desk.Locator("#ticket-status")).ToHaveTextAsync("已派工");

        // 3. The engineer works it, records the report and the customer signs on screen.
        var engineer = await browser.NewPageAsync();
        await engineer.SignInAsync("engineer");
        await engineer.GoToAsync($"/tickets/{ticketId}");
        foreach (var (action, status) in new[] { ("Accept", "已接单"), ("StartTravel", "在途"), ("Arrive", "已到场"), ("Diagnose", "已诊断") })
        {
            await engineer.ClickAsync($"#act-{action}");
            await Expect(engineer.Locator("#ticket-status")).ToHaveTextAsync(status);
        }

        await engineer.GetByLabel("检查情况").FillAsync("后门气缸漏气");
        await engineer.GetByLabel("处理措施").FillAsync("更换后门气缸密封圈");
        await engineer.ClickAsync("#save-report");
        await Expect(engineer.Locator(".mud-snackbar").Filter(new() { HasText = "已保存" })).ToBeVisibleAsync();
        await engineer.ClickAsync("#act-Resolve");
        await Expect(engineer.Locator("#ticket-status")).ToHaveTextAsync("处理完毕");
        await SignOnPadAsync(engineer);
        await engineer.ClickAsync("#sign-report");
        await Expect(engineer.Locator("#ticket-status")).ToHaveTextAsync("客户已签字");

        // 4. The supervisor approves the report; the specialist closes the ticket.
        var supervisor = await browser.NewPageAsync();
        await supervisor.SignInAsync("supervisor");
        await supervisor.GoToAsync($"/tickets/{ticketId}");
        await supervisor.ClickAsync("#act-ApproveReport");
        await Expect(supervisor.Locator("#ticket-status")).ToHaveTextAsync("报告已审批");
        await desk.GoToAsync($"/tickets/{ticketId}");
        await desk.ClickAsync("#act-Close");
        await Expect(desk.Locator("#ticket-status")).ToHaveTextAsync("已结案");

        // 5. The ticket closed a minute ago is on the follow-up list, due; the ticket's 回访 button opens its own follow-up,
        // where the specialist issues the one-time survey link; the customer answers it without an account.
        await desk.GoToAsync("/follow-ups");
        await desk.FillAsync("#follow-up-search", number);
        await Expect(desk.Locator("#due-table tbody tr").First).ToContainTextAsync(number);
        await Expect(desk.Locator("#due-table tbody tr").First).ToContainTextAsync("待回访");
        await desk.GoToAsync($"/tickets/{ticketId}");
        await desk.ClickAsync("#act-RecordFollowUp");
        await Expect(desk).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/follow-ups/{ticketId}$"));
        await Expect(desk.Locator("#follow-up-due")).ToContainTextAsync("待回访");
        await desk.ClickAsync("#issue-link");
        var url = await desk.Locator("#issued-url").InputValueAsync();
        Assert.Contains("/survey/", url, StringComparison.Ordinal);

        var customer = await browser.Browser.NewPageAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        await customer.GotoAsync(url);
        await Expect(customer.Locator("#survey-ticket")).ToContainTextAsync(number);
        // On the customer's phone: no error before any answer, every choice a touch target of at least 44 × 44 px, no sideways scrolling.
        await Expect(customer.Locator(".account-error")).ToHaveCountAsync(0);
        var smallest = await customer.EvaluateAsync<double[]>(
            "() => { const r = [...document.querySelectorAll('.survey-choice')].map(e => e.getBoundingClientRect()); return [r.length, Math.min(...r.map(b => b.width)), Math.min(...r.map(b => b.height))]; }");
        Assert.Equal(26, smallest[0]);
        Assert.True(smallest[1] >= 44 && smallest[2] >= 44, $"smallest choice {smallest[1]} × {smallest[2]} px");
        Assert.True(await customer.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "no sideways scrolling at 390 px");
        Assert.True((await customer.ScreenshotAsync("survey-phone")).Length > 10_000);
        await customer.Locator("#q-repairQuality label").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^9$") }).ClickAsync();
        await customer.Locator("#q-satisfaction label").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^9$") }).ClickAsync();
        await customer.Locator("#q-overall label").Filter(new() { HasText = "很满意" }).ClickAsync();
        await customer.Locator("#q-problemSolved label").Filter(new() { HasText = "是" }).ClickAsync();
        await customer.FillAsync("#survey-comment", "师傅很专业");
        await customer.ClickAsync("#survey-submit");
        await Expect(customer.Locator("#survey-thanks")).ToBeVisibleAsync();
        Assert.True((await customer.ScreenshotAsync("survey-answered")).Length > 10_000);

        // Once: the same link does not open the survey again.
        await customer.GotoAsync(url);
        await Expect(customer.Locator("#survey-used")).ToBeVisibleAsync();

        // 6. The satisfaction shows on the ticket and in the engineer's own service facts, with the ticket as evidence.
        await desk.GoToAsync($"/tickets/{ticketId}");
        await Expect(desk.Locator("#satisfaction-view")).ToContainTextAsync("9 / 10");
        await Expect(desk.Locator("#satisfaction-view")).ToContainTextAsync("师傅很专业");

        await engineer.GoToAsync("/service-facts");
        var satisfactionRow = engineer.Locator("#facts-table tbody tr").Filter(new() { HasText = "平均满意度" });
        // The records behind a fact load on demand: the button names how many, and clicking it lists them.
        await Expect(satisfactionRow.Locator(".facts-evidence")).ToContainTextAsync("查看记录 (1)");
        await satisfactionRow.Locator(".facts-evidence").ClickAsync();
        await Expect(satisfactionRow).ToContainTextAsync(number);
        await satisfactionRow.GetByText(number).ClickAsync();
        await Expect(engineer.Locator("#page-title")).ToHaveTextAsync(number);
        Assert.True((await engineer.ScreenshotAsync("whole-flow-ticket-closed")).Length > 15_000);
        Assert.Empty(browser.Dialogs);

        var stored = await browser.App.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticketId).Select(t => new { t.Status, t.ContactLogEntryId }).SingleAsync());
        Assert.NotNull(stored.ContactLogEntryId);
    }

    private static async Task SignOnPadAsync(IPage page)
    {
        var pad = page.Locator("#signature-pad");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 20, box.Y + 40);
        await page.Mouse.DownAsync();
        foreach (var (dx, dy) in new[] { (60, 90), (120, 30), (180, 110), (240, 50) })
        {
            await page.Mouse.MoveAsync(box.X + dx, box.Y + dy, new() { Steps = 5 });
        }

        await page.Mouse.UpAsync();
    }
}
