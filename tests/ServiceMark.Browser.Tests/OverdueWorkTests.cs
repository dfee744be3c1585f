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

    /// <summary>Issue 14: the person answering for a contract finds its overdue instalment on the workbench, on the phone, and opens the contract.</summary>
    [Fact]
    [Trait("Rule", "R-EXP-2")]
    public async Task An_overdue_receivable_is_on_the_workbench_of_who_answers_for_it_and_opens_the_contract()
    {
        browser.SkipIfUnavailable();

        // The demo contract's second instalment is partly paid; due yesterday, it is late.
        var today = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Web.Infrastructure.CompanyClock>(browser.App.Services).Today;
        var (instalment, contract, number) = await browser.App.WithDbAsync(async db =>
        {
            var i = await (from x in db.ContractInstalments join c in db.MaintenanceContracts on x.ContractId equals c.Id
                           where c.Status == Domain.Contracts.ContractStatus.Active && x.Collected < x.Amount
                           orderby x.Sequence select new { x.Id, x.ContractId, c.Number }).FirstAsync();
            await db.ContractInstalments.Where(x => x.Id == i.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DueOn, today.AddDays(-1)));
            return (i.Id, i.ContractId, i.Number);
        });
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Web.Features.Reminders.OverdueReminders>(browser.App.Services)
            .SendDueAsync(TestContext.Current.CancellationToken);
        Assert.True(await browser.App.WithDbAsync(db => db.OverdueReminders.AnyAsync(r => r.SubjectId == instalment)));

        var phone = await browser.NewPageAsync(390);
        await phone.SignInAsync("engineer");
        await phone.GoToAsync("/");
        var task = phone.Locator("#my-tasks .my-task").Filter(new() { HasText = number });
        await Expect(task).ToHaveCountAsync(1);
        await Expect(task).ToContainTextAsync("应收款逾期");
        Assert.True((await phone.ScreenshotAsync("workbench-receivable-overdue-390")).Length > 10_000);
        await task.Locator(".my-task-title").ClickAsync();
        await Expect(phone.Locator("#page-title")).ToContainTextAsync(number);
        Assert.EndsWith($"/contracts/{contract}", phone.Url, StringComparison.Ordinal);
    }
}
