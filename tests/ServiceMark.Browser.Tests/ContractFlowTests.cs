using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceMark.Browser.Tests.Infrastructure;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// 维保合同 in a real browser (issue 14 points 5, 10, 11): the service office drafts a contract with its billing schedule, the
/// head puts it in force, the scheduler opens its first planned visit as a 维保巡检 ticket shown on the contract, HR records a
/// payment against the schedule and the receivables list what is still owed.
/// </summary>
[Trait("Rule", "R-EXP-2")]
public sealed class ContractFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// Types into an autocomplete and picks an option. Under load the list opened on focus (everyone, first ten) can arrive
    /// after the typed search's; typing again is what a user does, so the test does it too, a few times at most.
    /// </summary>
    private static async Task PickAsync(IPage page, string input, string text, string option)
    {
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                await page.Locator(input).FillAsync("");
            }

            await page.Locator(input).FillAsync(text);
            var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First;
            try
            {
                await item.WaitForAsync(new() { Timeout = 5_000 });
                await item.ClickAsync();
                await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
                return;
            }
            catch (TimeoutException) when (attempt < 4)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    [Fact]
    public async Task From_a_drafted_contract_to_its_planned_maintenance_ticket_and_a_payment()
    {
        browser.SkipIfUnavailable();
        var office = await browser.NewPageAsync();
        await office.SignInAsync("specialist");
        await office.GoToAsync("/contracts");
        await Expect(office.Locator("#page-title")).ToHaveTextAsync("维保合同");
        await office.ClickAsync("#new-contract");
        await Expect(office.Locator("#page-title")).ToHaveTextAsync("新建合同");

        // Saving with a schedule that does not add up names the schedule, in Chinese, and saves nothing.
        await office.Locator("input#contract-number").FillAsync("WB-B-001");
        await PickAsync(office, "input#contract-customer", "郑州公交", "郑州公交集团");
        await office.Locator("input#contract-amount-input").FillAsync("48000");
        var today = browser.App.Services.GetRequiredService<Web.Infrastructure.CompanyClock>().Today;
        await office.Locator(".instalment-due-0 input").FillAsync(today.AddDays(15).ToString("yyyy-MM-dd"));
        await office.Locator(".instalment-amount-0 input").FillAsync("24000");
        await office.ClickAsync("#contract-save");
        await Expect(office.Locator("#instalments-error")).ToBeVisibleAsync();
        await Expect(office.Locator("#contract-form")).ToContainTextAsync("负责人"); // the missing responsible person is named too
        Assert.Equal(0, await browser.App.WithDbAsync(db => db.MaintenanceContracts.CountAsync(c => c.Number == "WB-B-001")));

        // The draft as the office saves it once the schedule adds up (through the API: the person picker is MudBlazor's own).
        using (var api = browser.App.ClientFor("specialist"))
        {
            var customer = await browser.App.WithDbAsync(db => db.Customers.Where(c => c.Code == "C1001").Select(c => c.Id).SingleAsync());
            var saved = await api.PostAsJsonAsync("/api/v1/maintenance-contracts", new
            {
                number = "WB-B-001", customerId = customer, responsiblePersonId = await new TicketDriver(browser.App).PersonIdAsync("E0011"),
                signedOn = today, startsOn = today, endsOn = today.AddYears(1).AddDays(-1), amount = 48_000m, visitIntervalMonths = 3, visitLeadDays = 3,
                instalments = new[] { new { dueOn = today.AddDays(15), amount = 24_000m }, new { dueOn = today.AddMonths(6), amount = 24_000m } },
            });
            Assert.Equal(System.Net.HttpStatusCode.Created, saved.StatusCode);
        }

        var id = await browser.App.WithDbAsync(db => db.MaintenanceContracts.Where(c => c.Number == "WB-B-001").Select(c => c.Id).SingleAsync());
        await office.GoToAsync($"/contracts/{id}");
        await Expect(office.Locator("#page-title")).ToHaveTextAsync("维保合同 WB-B-001");
        await Expect(office.Locator(".contract-status")).ToHaveTextAsync("草稿");
        await office.ScreenshotAsync("contract-draft");

        // The head puts it in force: four quarterly visits, the first due today.
        var head = await browser.NewPageAsync();
        await head.SignInAsync("head");
        await head.GoToAsync($"/contracts/{id}");
        await head.ClickAsync("#contract-activate");
        await Expect(head.Locator(".contract-status")).ToHaveTextAsync("生效中");
        await Expect(head.Locator(".visit-row")).ToHaveCountAsync(4);

        // The scheduler's run opens the first visit as a ticket, linked from the contract.
        await browser.App.Services.GetRequiredService<ContractVisitScheduler>().OpenDueAsync(CancellationToken.None);
        await head.GoToAsync($"/contracts/{id}");
        await Expect(head.Locator(".visit-ticket")).ToHaveCountAsync(1);
        await head.Locator(".visit-ticket").ClickAsync();
        await Expect(head.Locator("body")).ToContainTextAsync("维保巡检");
        await Expect(head.Locator("body")).ToContainTextAsync("WB-B-001");
        await Expect(head.Locator("body")).Not.ToContainTextAsync("warranty not checked"); // the job writes the verdict in the company's language
        await head.ScreenshotAsync("contract-visit-ticket");

        // 马超 does the visit; on the phone he cannot have the report signed before the record answers every item.
        var ticketId = await browser.App.WithDbAsync(db => db.PlannedVisits.Where(v => v.ContractId == id && v.TicketId != null).Select(v => v.TicketId!.Value).SingleAsync());
        using (var desk = browser.App.ClientFor("specialist"))
        {
            var opened = await (await desk.GetAsync(new Uri($"/api/v1/tickets/{ticketId}", UriKind.Relative))).ReadAsync<Web.Features.Tickets.TicketView>();
            await new TicketDriver(browser.App).ResolveAsync(opened);
        }

        var phone = await browser.NewPageAsync(390, 844);
        await phone.SignInAsync("engineer");
        await phone.GoToAsync($"/tickets/{ticketId}");
        await Expect(phone.Locator("#maintenance-record-state")).ToHaveTextAsync("尚未填写完整");
        var items = await phone.Locator("#maintenance-record .check-row").CountAsync();
        Assert.True(items > 0);
        for (var i = 0; i < items; i++)
        {
            await phone.Locator($".check-outcome-{i}").ClickAsync();
            await phone.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = i == 0 ? "已调整" : "正常" }).First.ClickAsync();
            await Expect(phone.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        }

        await phone.ClickAsync("#maintenance-record-save");
        await Expect(phone.Locator(".check-note-0")).ToContainTextAsync("为必填项"); // an adjustment says what was adjusted
        await phone.Locator(".check-note-0 input").FillAsync("调整制动间隙");
        await phone.ClickAsync("#maintenance-record-save");
        await Expect(phone.Locator("#maintenance-record-state")).ToHaveTextAsync("已填写完整");
        await phone.ScreenshotAsync("maintenance-record-390");

        var pad = phone.Locator("#signature-pad");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        await phone.Mouse.MoveAsync(box.X + 20, box.Y + 40);
        await phone.Mouse.DownAsync();
        foreach (var (dx, dy) in new[] { (60, 90), (120, 30), (180, 110) })
        {
            await phone.Mouse.MoveAsync(box.X + dx, box.Y + dy, new() { Steps = 5 });
        }

        await phone.Mouse.UpAsync();
        await phone.ClickAsync("#sign-report");
        await Expect(phone.Locator("#ticket-status")).ToHaveTextAsync("客户已签字");
        await Expect(phone.Locator("#maintenance-record-save")).ToHaveCountAsync(0); // kept once signed

        // HR records ¥30 000 received: the first instalment is settled and ¥6 000 of the second.
        var hr = await browser.NewPageAsync(390, 844);
        await hr.SignInAsync("hr");
        await hr.GoToAsync($"/contracts/{id}");
        await hr.Locator("input#payment-amount").FillAsync("30000");
        await hr.Locator("input#payment-reference").FillAsync("银行回单 0012");
        await hr.ClickAsync("#payment-save");
        await Expect(hr.Locator("#contract-outstanding")).ToHaveTextAsync("¥18,000.00");
        await Expect(hr.Locator(".payment-row")).ToContainTextAsync("银行回单 0012");
        await hr.ScreenshotAsync("contract-payment-390");

        await hr.GoToAsync("/receivables");
        await Expect(hr.Locator("#receivable-list")).ToContainTextAsync("WB-B-001");
        await Expect(hr.Locator("#receivable-totals")).ToContainTextAsync("应收余额");
        await hr.ScreenshotAsync("receivables-390");
    }

    [Fact]
    public async Task A_contract_in_force_is_renewed_from_its_page()
    {
        browser.SkipIfUnavailable();
        var year = browser.App.Services.GetRequiredService<Web.Infrastructure.CompanyClock>().Today.Year;
        var current = await browser.App.WithDbAsync(db => db.MaintenanceContracts.Where(c => c.Number == $"WB-{year - 1}-001").Select(c => new { c.Id, c.EndsOn }).SingleAsync());
        var office = await browser.NewPageAsync();
        await office.SignInAsync("specialist");
        await office.GoToAsync($"/contracts/{current.Id}");
        await office.ClickAsync("#contract-renew");

        // The next term is filled in from the contract renewed; the office gives the number and saves the draft.
        await Expect(office.Locator("#contract-renewal-hint")).ToBeVisibleAsync();
        await Expect(office.Locator("input#contract-customer")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^郑州公交集团"));
        await Expect(office.Locator("input#contract-responsible")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^马超"));
        await office.Locator("input#contract-number").FillAsync("WB-B-RN1");
        await office.ScreenshotAsync("contract-renewal");
        await office.ClickAsync("#contract-save");
        await Expect(office.Locator("#contract-renews")).ToHaveTextAsync($"WB-{year - 1}-001");
        var renewal = await browser.App.WithDbAsync(db => db.MaintenanceContracts.SingleAsync(c => c.Number == "WB-B-RN1"));
        Assert.Equal((current.Id, current.EndsOn.AddDays(1)), (renewal.RenewsContractId, renewal.StartsOn));

        // The contract renewed names its renewal and offers no second one.
        await office.GoToAsync($"/contracts/{current.Id}");
        await Expect(office.Locator("#contract-renewed-by")).ToHaveTextAsync("WB-B-RN1");
        await Expect(office.Locator("#contract-renew")).ToHaveCountAsync(0);
    }
}
