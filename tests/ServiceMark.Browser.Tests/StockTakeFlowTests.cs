using Microsoft.EntityFrameworkCore;
using ServiceMark.Browser.Tests.Infrastructure;
using ServiceMark.Domain.Parts;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>盘点 in a real browser (issue 13 point 6): the warehouse keeper counts a station store, explains the difference and
/// submits; the department head approves and the book becomes the count; the count sheet prints.</summary>
[Trait("Rule", "R-PRT-6")]
public sealed class StockTakeFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Counted_explained_approved_and_posted()
    {
        browser.SkipIfUnavailable();
        var keeper = await browser.NewPageAsync();
        await keeper.SignInAsync("warehouse");
        await keeper.GoToAsync("/stock-takes");
        await Expect(keeper.Locator("#page-title")).ToHaveTextAsync("盘点");
        await keeper.ChooseAsync("库位", "成都服务站库");
        await keeper.ClickAsync("#start-stock-take");
        await Expect(keeper.Locator("#stock-take-status")).ToHaveTextAsync("盘点中");
        var id = await browser.App.WithDbAsync(db => db.StockTakes.OrderByDescending(t => t.Id).Select(t => t.Id).FirstAsync());

        // Every line as on the book, the oil two litres short.
        var lines = keeper.Locator("#count-sheet .count-line");
        var count = await lines.CountAsync();
        Assert.True(count >= 10, $"lines: {count}");
        for (var i = 0; i < count; i++)
        {
            var book = (await lines.Nth(i).Locator("td").Nth(1).InnerTextAsync()).Split(' ')[0];
            await lines.Nth(i).Locator(".counted input").FillAsync(book);
        }

        var oil = keeper.Locator("#line-YC-4010");
        var oilBook = decimal.Parse((await oil.Locator("td").Nth(1).InnerTextAsync()).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        await oil.Locator(".counted input").FillAsync((oilBook - 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await keeper.ClickAsync("#submit-stock-take");
        await Expect(oil.Locator(".mud-input-helper-text")).ToContainTextAsync("差异说明"); // the difference must be explained
        await oil.Locator(".explanation input").FillAsync("换油保养领用未登记");
        await keeper.ClickAsync("#submit-stock-take");
        await Expect(keeper.Locator("#stock-take-status")).ToHaveTextAsync("待审批");
        await Expect(keeper.Locator("#approve-stock-take")).ToHaveCountAsync(0);
        Assert.True((await keeper.ScreenshotAsync("stock-take-submitted")).Length > 10_000);

        var head = await browser.NewPageAsync();
        await head.SignInAsync("head");
        await head.GoToAsync($"/stock-takes/{id}");
        await head.ClickAsync("#approve-stock-take");
        await Expect(head.Locator("#stock-take-status")).ToHaveTextAsync("已过帐");
        Assert.Equal(StockTakeStatus.Posted, await browser.App.WithDbAsync(db => db.StockTakes.Where(t => t.Id == id).Select(t => t.Status).SingleAsync()));

        var print = await browser.NewPageAsync();
        await print.SignInAsync("warehouse");
        await print.GotoAsync($"/stock-takes/{id}/print");
        await Expect(print.Locator("h1")).ToHaveTextAsync("盘点表");
        await Expect(print.Locator("#printed-count-sheet")).ToContainTextAsync("换油保养领用未登记");
        Assert.True((await print.ScreenshotAsync("stock-take-print")).Length > 10_000);
        Assert.Empty(browser.Dialogs);
    }
}
