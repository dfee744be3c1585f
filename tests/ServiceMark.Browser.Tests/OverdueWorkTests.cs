using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServiceMark.Browser.Tests.Infrastructure;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Notifications;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>Issue 12 point 2: overdue tickets stand out in the list; the bell counts unread notifications on every page.</summary>
[Trait("Rule", "R-SLA-4")]
public sealed class OverdueWorkTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_dispatcher_filters_the_overdue_tickets_and_the_bell_leads_to_grouped_notifications()
    {
        browser.SkipIfUnavailable();
        var driver = new TicketDriver(browser.App);
        var ticket = await driver.CreateAsync();

        // Three days past its due time, as if nobody had taken it since.
        var threeDaysAgo = browser.App.Clock.GetUtcNow().UtcDateTime.AddDays(-3);
        await browser.App.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.NextDueAtUtc, threeDaysAgo)));
        var me = await driver.PersonIdAsync("E0008");
        await driver.AddSlaNotificationsAsync(me, NotificationKind.SlaEscalation, ticket.Id, ticket.Number, 3, threeDaysAgo);

        var page = await browser.NewPageAsync();
        await page.SignInAsync("specialist");
        await page.GoToAsync("/tickets");
        await Expect(page.Locator("#notification-badge")).ToContainTextAsync("3");
        await page.ChooseAsync("时效", "已超期");
        var row = page.Locator("#tickets-table tbody tr").Filter(new() { HasText = ticket.Number });
        await Expect(row.Locator(".due-overdue")).ToContainTextAsync("超期");
        Assert.True((await page.ScreenshotAsync("tickets-overdue")).Length > 15_000);

        await page.ClickAsync("#notification-bell");
        var group = page.Locator("#my-tasks .my-task").Filter(new() { HasText = ticket.Number });
        await Expect(group).ToHaveCountAsync(1);
        await Expect(group.Locator(".my-task-count")).ToContainTextAsync("3");
        Assert.True((await page.ScreenshotAsync("workbench-grouped")).Length > 15_000);
        await group.Locator(".mark-read").ClickAsync();
        await Expect(page.Locator("#my-tasks .my-task").Filter(new() { HasText = ticket.Number })).ToHaveCountAsync(0);
    }
}
