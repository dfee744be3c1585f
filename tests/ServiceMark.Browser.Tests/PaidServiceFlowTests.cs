using Microsoft.Playwright;
using ServiceMark.Browser.Tests.Infrastructure;
using ServiceMark.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// 有偿服务 and 现金交接 in a real browser (R-TKT-5, issue 14 point 2): the engineer asks on the phone to charge the customer,
/// the supervisor approves on the ticket, the engineer hands over the cash, and HR confirms it on the expenses page.
/// </summary>
[Trait("Rule", "R-TKT-5")]
public sealed class PaidServiceFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task From_a_request_on_the_phone_to_cash_confirmed_by_finance()
    {
        browser.SkipIfUnavailable();
        var driver = new TicketDriver(browser.App);
        var ticket = await driver.CreateAsync("LZYTBGCK0R1000951");
        using (var desk = browser.App.ClientFor("specialist"))
        {
            ticket = await TicketDriver.ActAsync(desk, ticket, "dispatch", new { engineerIds = new[] { await driver.PersonIdAsync("E0011") } });
        }

        using (var api = browser.App.ClientFor("engineer"))
        {
            ticket = await TicketDriver.ActAsync(api, ticket, "accept");
            ticket = await TicketDriver.ActAsync(api, ticket, "arrive");
        }

        var phone = await browser.NewPageAsync(390, 844);
        await phone.SignInAsync("engineer");
        await phone.GoToAsync($"/tickets/{ticket.Id}");
        await phone.ClickAsync("#paid-request");
        await Expect(phone.Locator("#paid-service")).ToContainTextAsync("为必填项"); // what is charged, in Chinese beside the field
        await phone.Locator("input#paid-amount").FillAsync("380");
        await phone.Locator("input#paid-description").FillAsync("非三包：人为损坏的车门玻璃");
        await phone.ClickAsync("#paid-request");
        await Expect(phone.Locator(".paid-service-row")).ToContainTextAsync("待审批");

        var supervisor = await browser.NewPageAsync();
        await supervisor.SignInAsync("supervisor");
        await supervisor.GoToAsync($"/tickets/{ticket.Id}");
        await supervisor.Locator(".paid-approve").ClickAsync();
        await Expect(supervisor.Locator(".paid-service-row")).ToContainTextAsync("已批准");

        await phone.GoToAsync($"/tickets/{ticket.Id}");
        await Expect(phone.Locator("#paid-service-approved")).ToContainTextAsync("¥380.00");
        await phone.Locator("input#cash-amount").FillAsync("380");
        await phone.Locator("input#cash-receipt").FillAsync("收据 0088");
        await phone.ClickAsync("#cash-hand-over");
        await Expect(phone.Locator(".cash-row")).ToContainTextAsync("待财务确认");
        await phone.ScreenshotAsync("paid-service-390");

        var hr = await browser.NewPageAsync();
        await hr.SignInAsync("hr");
        await hr.GoToAsync("/expenses");
        var row = hr.Locator(".cash-pending").Filter(new() { HasText = ticket.Number });
        await Expect(row).ToContainTextAsync("马超");
        await row.Locator(".confirm-cash").ClickAsync();
        await Expect(hr.Locator(".cash-pending").Filter(new() { HasText = ticket.Number })).ToHaveCountAsync(0);
    }
}
