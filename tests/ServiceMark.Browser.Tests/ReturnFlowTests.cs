using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceMark.Browser.Tests.Infrastructure;
using ServiceMark.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// 退换货、返厂维修 in a real browser (issue 14 points 7 and 10): the office's receipt form names what is missing in Chinese; the
/// engineer answering for the return inspects and repairs it on the phone and is told a colleague tests it; the office tests it and
/// sends it back, and the turnaround is shown.
/// </summary>
[Trait("Rule", "R-RMA-1")]
public sealed class ReturnFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task From_receipt_through_the_engineers_repair_on_the_phone_to_the_offices_test_and_shipping()
    {
        browser.SkipIfUnavailable();
        var office = await browser.NewPageAsync();
        await office.SignInAsync("specialist");
        await office.GoToAsync("/");
        await office.ClickAsync("#nav-returns");
        await Expect(office.Locator("#page-title")).ToHaveTextAsync("退换货与返修");
        await office.ClickAsync("#new-return");
        await Expect(office.Locator("#page-title")).ToHaveTextAsync("返修收货登记");

        // Receiving nothing names the customer, the item, the fault and the person, in Chinese, and saves nothing.
        var before = await browser.App.WithDbAsync(db => db.ProductReturns.CountAsync());
        await office.ClickAsync("#return-save");
        await Expect(office.Locator("#return-form")).ToContainTextAsync("故障描述");
        await Expect(office.Locator("#return-form .mud-input-helper-text.mud-input-error")).ToHaveCountAsync(4);
        await office.ScreenshotAsync("return-receipt-errors");
        Assert.Equal(before, await browser.App.WithDbAsync(db => db.ProductReturns.CountAsync()));

        // The receipt as the office saves it (through the API: the pickers are MudBlazor's own, see ContractFlowTests).
        var today = browser.App.Services.GetRequiredService<Web.Infrastructure.CompanyClock>().Today;
        int id;
        using (var api = browser.App.ClientFor("specialist"))
        {
            var customer = await browser.App.WithDbAsync(db => db.Customers.Where(c => c.Code == "C1001").Select(c => c.Id).SingleAsync());
            var saved = await api.PostAsJsonAsync("/api/v1/returns", new
            {
                customerId = customer, item = "车载控制器", serialNumber = "KZQ-2026-0815", fault = "上电后无显示",
                responsiblePersonId = await new TicketDriver(browser.App).PersonIdAsync("E0011"), receivedOn = today,
            });
            Assert.Equal(System.Net.HttpStatusCode.Created, saved.StatusCode);
            id = (await saved.ReadJsonAsync()).GetProperty("id").GetInt32();
        }

        // 马超 finds it among his returns on the phone, records the inspection and the repair, and is told a colleague tests it.
        var phone = await browser.NewPageAsync(390, 844);
        await phone.SignInAsync("engineer");
        await phone.GoToAsync("/returns");
        await phone.Locator(".return-link").Filter(new() { HasText = $"FX{id:000000}" }).ClickAsync();
        await Expect(phone.Locator("#page-title")).ToHaveTextAsync($"返修单 FX{id:000000}");
        await Expect(phone.Locator(".return-status")).ToHaveTextAsync("已收货");
        await phone.ClickAsync("#return-act");
        await Expect(phone.Locator("#return-step")).ToContainTextAsync("为必填项");
        await phone.Locator("#return-finding").FillAsync("电源模块损坏");
        await phone.ClickAsync("#return-decision");
        await phone.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "返厂维修" }).First.ClickAsync();
        await Expect(phone.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await phone.ClickAsync("#return-act");
        await Expect(phone.Locator(".return-status")).ToHaveTextAsync("已检测");
        await phone.Locator("#return-work").FillAsync("更换电源模块，老化 4 小时");
        await phone.ClickAsync("#return-act");
        await Expect(phone.Locator(".return-status")).ToHaveTextAsync("待质检");
        await Expect(phone.Locator("#return-wait-test")).ToBeVisibleAsync();
        await Expect(phone.Locator("#return-step")).ToHaveCountAsync(0);
        await phone.ScreenshotAsync("return-repair-390");

        // The office tests it (a failure needs its reason), passes it and sends it back.
        await office.GoToAsync($"/returns/{id}");
        await office.ClickAsync("#return-fail");
        await Expect(office.Locator("#return-step")).ToContainTextAsync("为必填项");
        await Expect(office.Locator(".return-status")).ToHaveTextAsync("待质检");
        await office.ClickAsync("#return-pass");
        await Expect(office.Locator(".return-status")).ToHaveTextAsync("质检合格待发回");
        await office.Locator("#return-reference").FillAsync("顺丰 SF1029384756");
        await office.ClickAsync("#return-act");
        await Expect(office.Locator(".return-status")).ToHaveTextAsync("已发回");
        await Expect(office.Locator("#return-turnaround")).ToHaveTextAsync("周转 0 天");
        await Expect(office.Locator(".return-test")).ToContainTextAsync("合格");
        await office.ScreenshotAsync("return-shipped");
    }
}
