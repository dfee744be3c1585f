using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceMark.Browser.Tests.Infrastructure;
using ServiceMark.Domain.Expenses;
using ServiceMark.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// 借款 to a paid 报销 in a real browser (issue 14 points 1, 10, 11): the engineer asks for an advance on the phone, the
/// supervisor approves it, HR pays it; after the trip the engineer writes the claim on the phone with a per diem across
/// the National Day holiday and a receipt photo, settling the advance; the supervisor approves; HR records the surplus
/// returned, and the advance is settled.
/// </summary>
[Trait("Rule", "R-EXP-1")]
public sealed class ExpenseFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task ChooseInAsync(IPage page, string scope, string label, string option)
    {
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await page.Locator($"{scope} .mud-select").Filter(new() { HasText = label }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task From_an_advance_on_the_phone_to_a_paid_claim_that_settles_it()
    {
        browser.SkipIfUnavailable();
        var phone = await browser.NewPageAsync(390, 844);
        await phone.SignInAsync("engineer");
        await phone.GoToAsync("/expenses");
        await Expect(phone.Locator("#page-title")).ToHaveTextAsync("借款与报销");
        await phone.Locator("input#advance-purpose").FillAsync("新乡客户巡检，预计四天");
        await phone.Locator("input#advance-amount").FillAsync("2000");
        await phone.ClickAsync("#request-advance");
        await Expect(phone.Locator(".mud-snackbar").Filter(new() { HasText = "借款申请已提交" })).ToBeVisibleAsync();
        var advanceId = await browser.App.WithDbAsync(db => db.TravelAdvances.OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync());
        await Expect(phone.Locator($"#advance-{advanceId}")).ToContainTextAsync("待审批");

        var supervisor = await browser.NewPageAsync();
        await supervisor.SignInAsync("supervisor");
        await supervisor.GoToAsync("/expenses?scope=ToDecide");
        await supervisor.Locator($"#advance-{advanceId} .approve").ClickAsync();
        await Expect(supervisor.Locator(".mud-snackbar").Filter(new() { HasText = "已批准待付款" })).ToBeVisibleAsync();

        var hr = await browser.NewPageAsync();
        await hr.SignInAsync("hr");
        await hr.GoToAsync("/expenses?scope=ToPay");
        await hr.Locator($"#advance-{advanceId} .pay").ClickAsync();
        await Expect(hr.Locator(".mud-snackbar").Filter(new() { HasText = "已付款" })).ToBeVisibleAsync();

        // After the trip: the claim on the phone, a ticket and a per diem from 30 September to 3 October (4 days at ¥100.00).
        await phone.GoToAsync("/expenses");
        await phone.ClickAsync("#new-claim");
        await Expect(phone.Locator("#page-title")).ToHaveTextAsync("新建报销单");
        await phone.Locator("input#line-0-date").FillAsync("2026-09-30");
        await phone.Locator("input#line-0-amount").FillAsync("286.5");
        await phone.Locator("input#line-0-receipts").FillAsync("2");
        await phone.Locator("input#line-0-description").FillAsync("郑州—新乡 往返高铁");
        await phone.ClickAsync("#add-line");
        await ChooseInAsync(phone, "#line-1", "类别", "出差补助");
        await phone.Locator("input#line-1-date").FillAsync("2026-09-30");
        await phone.Locator("input#line-1-until").FillAsync("2026-10-03");
        await ChooseInAsync(phone, "#line-1", "补助标准", "省外出差");
        await Expect(phone.Locator("#line-1 .per-diem-amount")).ToContainTextAsync("4 天");
        await phone.Locator(".settle-advance").Filter(new() { HasText = $"借款单 {advanceId}" }).ClickAsync();
        await Expect(phone.Locator("#claim-to-return")).ToHaveTextAsync("¥1,313.50");
        await phone.ClickAsync("#save-claim");
        await Expect(phone.Locator("#claim-status")).ToHaveTextAsync("草稿");
        var claimId = await browser.App.WithDbAsync(db => db.ExpenseClaims.OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
        Assert.EndsWith($"/expenses/claims/{claimId}", phone.Url, StringComparison.Ordinal);

        await phone.Locator("#photo-input").SetInputFilesAsync(new FilePayload { Name = "高铁票.png", MimeType = "image/png", Buffer = TicketFlowTests.SitePhoto() });
        await Expect(phone.Locator("#receipt-photos img")).ToHaveCountAsync(1);
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "no sideways scrolling at 390 px");
        Assert.True((await phone.ScreenshotAsync("expense-claim-phone")).Length > 10_000);
        await phone.ClickAsync("#submit-claim");
        await Expect(phone.Locator("#claim-status")).ToHaveTextAsync("待审批");

        // The supervisor sees the lines and the receipt, and approves; HR records the surplus returned.
        await supervisor.GoToAsync($"/expenses/claims/{claimId}");
        await Expect(supervisor.Locator("#claim-lines")).ToContainTextAsync("省外出差：4 天 × ¥100.00");
        await Expect(supervisor.Locator("#receipt-photos img")).ToHaveCountAsync(1);
        await supervisor.ClickAsync("#approve-claim");
        await Expect(supervisor.Locator("#claim-status")).ToHaveTextAsync("已批准待付款");

        await hr.GoToAsync($"/expenses/claims/{claimId}");
        await Expect(hr.Locator("#pay-claim")).ToHaveTextAsync("确认已退回余款");
        Assert.True((await hr.ScreenshotAsync("expense-claim-hr")).Length > 10_000);
        await hr.ClickAsync("#pay-claim");
        await Expect(hr.Locator("#claim-status")).ToHaveTextAsync("已付款");
        Assert.Equal((AdvanceStatus.Settled, (int?)claimId),
            await browser.App.WithDbAsync(db => db.TravelAdvances.Where(a => a.Id == advanceId).Select(a => ValueTuple.Create(a.Status, a.SettledByClaimId)).SingleAsync()));

        await phone.GoToAsync("/expenses");
        await Expect(phone.Locator($"#advance-{advanceId}")).ToContainTextAsync("已冲销");
    }
    /// <summary>
    /// 工时费率 and 单台次服务成本 (issue 14 point 3): HR raises the intermediate engineers' rate on the expenses page; the
    /// department head opens a resolved ticket of 马超's (an intermediate engineer) and reads its labour at the new rate.
    /// </summary>
    [Fact]
    public async Task Hr_sets_a_grades_labour_rate_and_the_head_reads_a_tickets_cost_at_it()
    {
        browser.SkipIfUnavailable();
        var driver = new TicketDriver(browser.App);
        var ticket = await driver.ResolveAsync(await driver.CreateAsync());

        // 95 minutes on site: arrival is moved back, since the test's clock does not pass between the two steps.
        const int minutes = 95;
        var resolved = await browser.App.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.ResolvedAtUtc).SingleAsync());
        await browser.App.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ArrivedAtUtc, resolved!.Value.AddMinutes(-minutes))));

        var hr = await browser.NewPageAsync();
        await hr.SignInAsync("hr");
        await hr.GoToAsync("/expenses");
        var row = hr.Locator("#labour-rates tr[data-level='default/Intermediate']");
        await Expect(row).ToContainTextAsync("中级工程师");
        await row.Locator("input").FillAsync("0");
        await row.Locator(".save-labour-rate").ClickAsync();
        await Expect(row).ToContainTextAsync("每小时费率超出允许范围");
        Assert.Equal(60m, await browser.App.WithDbAsync(db => db.LabourRates.Where(r => r.LevelCode == "Intermediate" && r.SchemeCode == "default").Select(r => r.RatePerHour).SingleAsync()));
        await row.Locator("input").FillAsync("90");
        await row.Locator(".save-labour-rate").ClickAsync();
        await Expect(hr.Locator(".mud-snackbar").Filter(new() { HasText = "已保存" })).ToBeVisibleAsync();
        Assert.True((await hr.ScreenshotAsync("labour-rates")).Length > 10_000);
        Assert.Equal(90m, await browser.App.WithDbAsync(db => db.LabourRates.Where(r => r.LevelCode == "Intermediate" && r.SchemeCode == "default").Select(r => r.RatePerHour).SingleAsync()));

        var head = await browser.NewPageAsync();
        await head.SignInAsync("head");
        await head.GoToAsync($"/tickets/{ticket.Id}");
        await Expect(head.Locator("#ticket-cost-labour")).ToHaveTextAsync("¥142.50"); // 95 min × ¥90.00 an hour
        await Expect(head.Locator("#ticket-cost")).ToContainTextAsync($"马超 · 中级工程师 · 现场 {minutes} 分钟，每小时 ¥90.00");
        Assert.True((await head.ScreenshotAsync("ticket-cost")).Length > 10_000);

        // The summary by fault category counts it under 车身 (the driver's tickets are body faults).
        await head.GoToAsync("/costs");
        await Expect(head.Locator("#page-title")).ToHaveTextAsync("服务成本");
        await ChooseInAsync(head, "main", "汇总方式", "故障类别");
        await head.ClickAsync("#costs-load");
        await Expect(head.Locator(".costs-row").Filter(new() { HasText = "车身" })).ToContainTextAsync("¥142.50");
        await Expect(head.Locator("#costs-totals")).ToContainTextAsync("¥142.50");
        Assert.True((await head.ScreenshotAsync("costs")).Length > 10_000);

        // The head lowers the body jobs' standard below this ticket's cost (a zero is refused beside it): the ticket shows the overrun.
        var standard = head.Locator("#standard-costs tr[data-job-type='Body']");
        await Expect(standard.Locator("input")).ToHaveValueAsync("400.00");
        await standard.Locator("input").FillAsync("0");
        await standard.Locator(".save-standard-cost").ClickAsync();
        await Expect(standard).ToContainTextAsync("金额超出允许范围");
        await standard.Locator("input").FillAsync("100");
        await standard.Locator(".save-standard-cost").ClickAsync();
        await Expect(head.Locator(".mud-snackbar").Filter(new() { HasText = "已保存" })).ToBeVisibleAsync();
        Assert.Equal(100m, await browser.App.WithDbAsync(db => db.StandardCosts.Where(s => s.JobType == Domain.Tickets.FaultCategory.Body).Select(s => s.Amount).SingleAsync()));
        Assert.True((await head.ScreenshotAsync("standard-costs")).Length > 10_000);
        await head.GoToAsync($"/tickets/{ticket.Id}");
        await Expect(head.Locator("#ticket-cost-standard")).ToHaveTextAsync("¥100.00");
        await Expect(head.Locator("#ticket-cost-overrun")).ToHaveTextAsync("超出标准 ¥42.50");

        // The engineer's own ticket page has no cost panel.
        var engineer = await browser.NewPageAsync(390, 844);
        await engineer.SignInAsync("engineer");
        await engineer.GoToAsync($"/tickets/{ticket.Id}");
        await Expect(engineer.Locator("#ticket-history")).ToBeVisibleAsync();
        await Expect(engineer.Locator("#ticket-cost")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// 年度费用预算 (issue 14 point 4): the department head revises the demo company's budget for this month, is refused a
    /// negative amount beside its cell and asked for the reason, then saves revision 2 and reads actual against it.
    /// </summary>
    [Fact]
    public async Task The_head_sets_and_revises_the_budget_and_reads_actual_against_it()
    {
        browser.SkipIfUnavailable();
        var (year, month) = (browser.App.Services.GetRequiredService<ServiceMark.Web.Infrastructure.CompanyClock>().Today.Year,
            browser.App.Services.GetRequiredService<ServiceMark.Web.Infrastructure.CompanyClock>().Today.Month);
        var head = await browser.NewPageAsync();
        await head.SignInAsync("head");
        await head.GoToAsync("/budgets");
        await Expect(head.Locator("#page-title")).ToHaveTextAsync("费用预算");
        await Expect(head.Locator("#budget-revision")).ToContainTextAsync("第 1 版"); // the demo company's budget for this year
        await Expect(head.Locator("#budget-comparison tr[data-category='Travel']")).ToContainTextAsync("¥8,000.00");
        await Expect(head.Locator("#budget-comparison tr.budget-revenue")).ToContainTextAsync("实收收入"); // beside the actuals: the cost/revenue ratio's evidence
        await Expect(head.Locator("#budget-comparison tr.budget-cost-revenue")).ToContainTextAsync("成本收入比");

        // A revision: a negative amount is refused beside its cell and the reason is asked for; nothing is saved.
        await head.Locator($".budget-Travel-{month} input").FillAsync("1000");
        await head.Locator($".budget-Parts-{month} input").FillAsync("-5");
        await head.ClickAsync("#budget-save");
        await Expect(head.Locator($".budget-Parts-{month}")).ToContainTextAsync("金额不能为负数");
        await Expect(head.Locator("#budget-edit")).ToContainTextAsync("原因为必填项");
        await Expect(head.Locator("#budget-revision")).ToContainTextAsync("第 1 版");

        await head.Locator($".budget-Parts-{month} input").FillAsync("200");
        await head.Locator("input#budget-reason").FillAsync("按实际业务重编");
        await head.ClickAsync("#budget-save");
        await Expect(head.Locator("#budget-revision")).ToContainTextAsync("第 2 版");
        await Expect(head.Locator("#budget-revision")).ToContainTextAsync("陈志强");
        await Expect(head.Locator("#budget-revision")).ToContainTextAsync("按实际业务重编");
        await Expect(head.Locator("#budget-comparison tr[data-category='Travel']")).ToContainTextAsync("¥1,000.00");
        await Expect(head.Locator("#budget-comparison tr[data-category='Parts']")).ToContainTextAsync("¥200.00");
        Assert.Equal(1_000m, await browser.App.WithDbAsync(async db =>
            (await db.DepartmentBudgets.SingleAsync(b => b.Year == year)).Amount(ServiceMark.Domain.Budgets.BudgetCategory.Travel, month)));
        Assert.True((await head.ScreenshotAsync("budgets")).Length > 10_000);

        // Next year has no budget yet.
        await head.Locator("input#budget-year").FillAsync($"{year + 1}");
        await head.Locator("input#budget-year").PressAsync("Tab");
        await Expect(head.Locator("#budget-revision")).ToHaveTextAsync("该年度尚未设置预算。");
    }
}
