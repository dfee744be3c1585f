using Microsoft.Playwright;
using ServiceMark.Browser.Tests.Infrastructure;
using ServiceMark.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>Issue 12 point 1: the follow-up list and a ticket's own follow-up page, with the phone survey on it.</summary>
[Trait("Rule", "R-CMP-2")]
public sealed class FollowUpFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_specialist_finds_todays_closed_ticket_and_records_the_phone_survey_on_its_page()
    {
        browser.SkipIfUnavailable();
        var driver = new TicketDriver(browser.App);
        var ticket = await driver.CloseAsync(await driver.CreateAsync());

        var page = await browser.NewPageAsync();
        await page.SignInAsync("specialist");
        await page.GoToAsync("/follow-ups");
        await page.FillAsync("#follow-up-search", ticket.Number);
        var row = page.Locator("#due-table tbody tr").First;
        await Expect(row).ToContainTextAsync(ticket.Number);
        await Expect(row).ToContainTextAsync("马超");
        await Expect(row).ToContainTextAsync("待回访");
        Assert.True((await page.ScreenshotAsync("follow-ups-list")).Length > 15_000);

        await row.Locator($"#follow-up-{ticket.Id}").ClickAsync();
        await Expect(page.Locator("#phone-survey")).ToBeVisibleAsync();

        // Nothing answered: refused; each error goes as soon as its field is answered, the summary with the last one.
        await page.ClickAsync("#save-phone-survey");
        await Expect(page.Locator("#phone-survey .mud-alert")).ToBeVisibleAsync();
        await Expect(page.Locator("#phone-survey")).ToContainTextAsync("评分为必填项");
        await page.ChooseAsync("维修质量", "9");
        await Expect(page.Locator("#phone-survey")).Not.ToContainTextAsync("评分为必填项");
        await Expect(page.Locator("#phone-survey .mud-alert")).ToBeVisibleAsync();
        await page.ChooseAsync("满意度", "10");
        await page.Locator("#phone-problemSolved label").Filter(new() { HasText = "是" }).ClickAsync();
        await Expect(page.Locator("#phone-survey .mud-alert")).ToHaveCountAsync(0);
        await page.ClickAsync("#save-phone-survey");
        await Expect(page.Locator("#satisfaction-view")).ToContainTextAsync("9 / 10");
        await Expect(page.Locator("#follow-up-due")).ToContainTextAsync("已回访");
        Assert.True((await page.ScreenshotAsync("follow-up-answered")).Length > 15_000);
        Assert.Empty(browser.Dialogs);
    }

    [Fact]
    public async Task The_follow_up_page_reads_on_a_phone()
    {
        browser.SkipIfUnavailable();
        var driver = new TicketDriver(browser.App);
        var ticket = await driver.CloseAsync(await driver.CreateAsync());
        var page = await browser.NewPageAsync(390, 844);
        await page.SignInAsync("specialist");
        await page.GoToAsync($"/follow-ups/{ticket.Id}");
        await Expect(page.Locator("#phone-survey")).ToBeVisibleAsync();
        await Expect(page.Locator("#call-contact")).ToHaveAttributeAsync("href", "tel:13703710101");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "no sideways scrolling at 390 px");
        Assert.True((await page.ScreenshotAsync("follow-up-390")).Length > 10_000);
    }
}
