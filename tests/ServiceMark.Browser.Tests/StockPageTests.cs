using Microsoft.EntityFrameworkCore;
using ServiceMark.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// The warehouse keeper's stock page (issue 13, first step) in a real browser: the demo's stock by location, an issue to an
/// engineer booked from the form, a take beyond what is on hand refused in Chinese with nothing booked, book equals stock;
/// and the engineer's own parts on the phone.
/// </summary>
[Trait("Rule", "R-PRT-1")]
public sealed class StockPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_warehouse_keeper_issues_a_part_to_an_engineer_who_sees_it_on_the_phone()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("warehouse");
        await page.GoToAsync("/");
        await page.ClickAsync("#nav-stock");
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("库存台账");
        await page.ChooseAsync("库位", "中心库");
        await Expect(page.Locator("#on-hand-table")).ToContainTextAsync("车门气泵");

        // Issue two door pumps to 马超's personal stock.
        async Task BookAsync(string quantity)
        {
            await page.ChooseAsync("类型", "发料");
            await page.Locator("input#movement-part").FillAsync("CM-2001");
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "车门气泵" }).First.ClickAsync();
            await Expect(page.Locator("input#movement-part")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("车门气泵"));
            await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0); // the part's list closed before the next one opens
            await page.ChooseAsync("发出库位", "中心库");
            await page.ChooseAsync("接收库位", "马超随车备件");
            await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
            await page.Locator("input#movement-quantity").FillAsync(quantity);
            await page.Locator("input#movement-reason").FillAsync("出车前领用");
            await page.ClickAsync("#post-movement-button");
        }

        var before = await browser.App.WithDbAsync(db => db.LedgerEntries.CountAsync());
        await BookAsync("2");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "已登记" })).ToBeVisibleAsync();
        await Expect(page.Locator("#stock-movements")).ToContainTextAsync("马超随车备件");
        Assert.Equal(before + 1, await browser.App.WithDbAsync(db => db.LedgerEntries.CountAsync()));

        // More than the warehouse holds: refused in Chinese, nothing booked.
        await BookAsync("500");
        await Expect(page.Locator("#movement-error")).ToHaveTextAsync("库存不足，未登记任何出入库。");
        Assert.Equal(before + 1, await browser.App.WithDbAsync(db => db.LedgerEntries.CountAsync()));

        await page.ClickAsync("#book-check");
        await Expect(page.Locator("#book-result")).ToContainTextAsync("帐物一致");
        Assert.True((await page.ScreenshotAsync("stock-warehouse-keeper")).Length > 20_000);

        // 胡军 starts carrying parts: his personal stock is made here and can be chosen at once.
        await page.Locator("#new-location .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "个人库存" }).First.ClickAsync();
        await page.ChooseAsync("工程师", "胡军");
        await page.Locator("input#location-code").FillAsync("PS-E0012");
        await page.Locator("input#location-name").FillAsync("胡军随车备件");
        await page.ClickAsync("#save-location");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "已保存" })).ToBeVisibleAsync();
        await page.ChooseAsync("库位", "胡军随车备件");
        Assert.True(await browser.App.WithDbAsync(db => db.StockLocations.AnyAsync(l => l.Code == "PS-E0012" && l.PersonId != null)));

        var phone = await browser.NewPageAsync(390, 844);
        await phone.SignInAsync("engineer");
        await phone.GoToAsync("/my-stock");
        await Expect(phone.Locator("#page-title")).ToHaveTextAsync("我的备件");
        await Expect(phone.Locator("#my-stock")).ToContainTextAsync("车门气泵");
        await Expect(phone.Locator("#my-stock")).ToContainTextAsync("3 个"); // 1 carried since the demo began, 2 just issued
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "no sideways scrolling at 390 px");
        Assert.True((await phone.ScreenshotAsync("my-stock-phone")).Length > 10_000);
    }
}
