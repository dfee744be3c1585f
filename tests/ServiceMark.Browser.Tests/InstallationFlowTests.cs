using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Browser.Tests.Infrastructure;
using ServiceMark.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// 安装调试计划 in a real browser (issue 14 points 6 and 10): the office's plan form names what is missing in Chinese; the office
/// releases a plan, which opens its 安装调试 ticket dispatched to the crew; the lead engineer finds it on the phone; once the
/// customer signs the commissioning report the plan reads commissioned.
/// </summary>
[Trait("Rule", "R-EXP-3")]
public sealed class InstallationFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task From_a_plan_to_its_dispatched_ticket_and_the_signed_commissioning_report()
    {
        browser.SkipIfUnavailable();
        var office = await browser.NewPageAsync();
        await office.SignInAsync("specialist");
        await office.GoToAsync("/");
        await office.ClickAsync("#nav-installations");
        await Expect(office.Locator("#page-title")).ToHaveTextAsync("安装调试计划");
        await office.ClickAsync("#new-installation");
        await Expect(office.Locator("#page-title")).ToHaveTextAsync("新建安装计划");

        var before = await browser.App.WithDbAsync(db => db.InstallationPlans.CountAsync());
        await office.ClickAsync("#installation-save");
        await Expect(office.Locator("#installation-form")).ToContainTextAsync("设备");
        await Expect(office.Locator("#installation-form .mud-input-helper-text.mud-input-error")).ToHaveCountAsync(3); // customer, units, lead
        await office.ScreenshotAsync("installation-errors");
        Assert.Equal(before, await browser.App.WithDbAsync(db => db.InstallationPlans.CountAsync()));

        // The plan as the office saves it (through the API: the pickers are MudBlazor's own, see ContractFlowTests).
        var today = browser.App.Services.GetRequiredService<Web.Infrastructure.CompanyClock>().Today;
        var driver = new TicketDriver(browser.App);
        int id;
        using (var api = browser.App.ClientFor("specialist"))
        {
            var unit = await browser.App.WithDbAsync(db => db.ProductUnits.Where(u => db.Customers.Any(c => c.Id == u.CustomerId && c.Code == "C1001")).OrderBy(u => u.Id)
                .Select(u => new { u.Id, u.CustomerId }).FirstAsync());
            var saved = await api.PostAsJsonAsync("/api/v1/installations", new
            {
                customerId = unit.CustomerId, unitIds = new[] { unit.Id }, plannedStart = today, plannedFinish = today.AddDays(2),
                responsiblePersonId = await driver.PersonIdAsync("E0011"), engineerIds = new[] { await driver.PersonIdAsync("E0017") }, note = "带调试仪",
            });
            Assert.Equal(System.Net.HttpStatusCode.Created, saved.StatusCode);
            id = (await saved.ReadJsonAsync()).GetProperty("id").GetInt32();
        }

        await office.GoToAsync($"/installations/{id}");
        await Expect(office.Locator(".installation-status")).ToHaveTextAsync("计划中");
        await office.ClickAsync("#installation-release");
        await Expect(office.Locator(".installation-status")).ToHaveTextAsync("已派单");
        await Expect(office.Locator("#installation-ticket")).ToContainTextAsync("已派工");
        await office.ScreenshotAsync("installation-released");

        // 马超 finds the plan on the phone and follows it to its ticket.
        var phone = await browser.NewPageAsync(390, 844);
        await phone.SignInAsync("engineer");
        await phone.GoToAsync("/installations");
        await phone.Locator(".installation-link").Filter(new() { HasText = $"AZ{id:000000}" }).ClickAsync();
        await Expect(phone.Locator("#page-title")).ToHaveTextAsync($"安装计划 AZ{id:000000}");
        var ticketNumber = await phone.Locator(".installation-ticket-link").InnerTextAsync();
        await phone.Locator(".installation-ticket-link").ClickAsync();
        await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tickets/\\d+$"));
        await Expect(phone.Locator("#page-title")).ToContainTextAsync(ticketNumber);
        await Expect(phone.Locator("body")).ToContainTextAsync("安装调试");
        await phone.ScreenshotAsync("installation-ticket-390");

        // The customer signs the commissioning report: the plan is commissioned, on time.
        var ticketId = await browser.App.WithDbAsync(db => db.InstallationPlans.Where(p => p.Id == id).Select(p => p.TicketId!.Value).SingleAsync());
        using (var desk = browser.App.ClientFor("specialist"))
        {
            var ticket = await (await desk.GetAsync(new Uri($"/api/v1/tickets/{ticketId}", UriKind.Relative))).ReadAsync<Web.Features.Tickets.TicketView>();
            await driver.SignAsync(ticket);
        }

        await office.GoToAsync($"/installations/{id}");
        await Expect(office.Locator(".installation-status")).ToHaveTextAsync("已调试验收");
        await Expect(office.Locator("#installation-commissioned")).ToContainTextAsync("按计划完成");
        await office.ScreenshotAsync("installation-commissioned");
    }
}
