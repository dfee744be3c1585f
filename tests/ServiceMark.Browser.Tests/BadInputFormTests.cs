using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServiceMark.Browser.Tests.Infrastructure;
using ServiceMark.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// Issue 12 point 4: bad input on a form is refused beside its field in Chinese, nothing is saved while any field is
/// wrong, and the error goes as soon as the field is corrected.
/// </summary>
[Trait("Rule", "R-CMP-1")]
public sealed class BadInputFormTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_complaint_with_an_unknown_ticket_number_or_an_impossible_date_is_not_saved()
    {
        browser.SkipIfUnavailable();
        var ticket = await new TicketDriver(browser.App).CreateAsync();
        var before = await browser.App.WithDbAsync(db => db.Complaints.CountAsync());

        var page = await browser.NewPageAsync();
        await page.SignInAsync("specialist");
        await page.GoToAsync("/complaints/new");
        await page.FillAsync("#complainant", "郑州公交集团 赵建华");
        await page.FillAsync("#description", "工程师未按约定时间到场");
        await page.FillAsync("#ticketId", "99999999999");
        await page.FillAsync("#deadlineDate", "2026-13-45");
        await page.ClickAsync("#save-complaint");

        await Expect(page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("#ticketId") })).ToContainTextAsync("找不到此工单号");
        await Expect(page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("#deadlineDate") })).ToContainTextAsync("格式不正确");
        Assert.True((await page.ScreenshotAsync("complaint-bad-input")).Length > 15_000);
        Assert.Equal(before, await browser.App.WithDbAsync(db => db.Complaints.CountAsync()));
        Assert.EndsWith("/complaints/new", page.Url, StringComparison.Ordinal);

        // Corrected: each error goes with its field, and the complaint is saved with its ticket.
        await page.FillAsync("#ticketId", ticket.Number);
        await Expect(page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("#ticketId") })).Not.ToContainTextAsync("找不到此工单号");
        await page.FillAsync("#deadlineDate", "");
        await page.ClickAsync("#save-complaint");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/complaints/\\d+$"));
        Assert.Equal(ticket.Id, await browser.App.WithDbAsync(db => db.Complaints.OrderByDescending(c => c.Id).Select(c => c.TicketId).FirstAsync()));
        await Expect(page.Locator("#ticketId")).ToHaveValueAsync(ticket.Number);
    }

    [Fact]
    public async Task A_new_ticket_has_no_fault_category_until_one_is_chosen()
    {
        browser.SkipIfUnavailable();
        var before = await browser.App.WithDbAsync(db => db.Tickets.CountAsync());
        var page = await browser.NewPageAsync();
        await page.SignInAsync("specialist");
        await page.GoToAsync("/tickets/new");
        await page.Locator("input#customer").FillAsync("郑州公交");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "郑州公交集团" }).First.ClickAsync();
        await page.GetByLabel("故障描述").FillAsync("后门关不严");
        await page.ClickAsync("#create-ticket");

        var category = page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("#faultCategory") });
        await Expect(category).ToContainTextAsync("故障类别");
        await Expect(category.Locator(".mud-input-helper-text")).ToContainTextAsync("必填");
        Assert.Equal(before, await browser.App.WithDbAsync(db => db.Tickets.CountAsync()));

        await page.ChooseAsync("故障类别", "车身");
        await Expect(category.Locator(".mud-input-helper-text")).ToHaveCountAsync(0);
        await page.ClickAsync("#create-ticket");
        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("已分类分级");
    }
}
