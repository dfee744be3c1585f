using Microsoft.EntityFrameworkCore;
using ServiceMark.Browser.Tests.Infrastructure;
using ServiceMark.Domain.Parts;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// 领料单 in a real browser (issue 13 point 3): the engineer raises it on the phone, the supervisor approves it, the warehouse
/// keeper issues it, and the parts are in the engineer's own stock.
/// </summary>
[Trait("Rule", "R-PRT-2")]
public sealed class RequisitionFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Raised_on_the_phone_approved_by_the_supervisor_issued_by_the_warehouse_keeper()
    {
        browser.SkipIfUnavailable();
        var phone = await browser.NewPageAsync(390, 844);
        await phone.SignInAsync("engineer");
        await phone.GoToAsync("/requisitions");
        await Expect(phone.Locator("#page-title")).ToHaveTextAsync("领料单");
        await phone.ChooseAsync("领料仓库", "中心库");
        await phone.Locator("input#requisition-purpose").FillAsync("金水车场前门气泵更换");
        await phone.Locator("input#requisition-part-0").FillAsync("DQ-3005");
        await phone.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "雨刮电机" }).First.ClickAsync();
        await phone.Locator("input#requisition-quantity-0").FillAsync("2");
        await phone.ClickAsync("#raise-requisition");
        await Expect(phone.Locator(".mud-snackbar").Filter(new() { HasText = "领料单已提交" })).ToBeVisibleAsync();
        await Expect(phone.Locator("#requisitions")).ToContainTextAsync("待审批");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "no sideways scrolling at 390 px");
        Assert.True((await phone.ScreenshotAsync("requisition-engineer-phone")).Length > 10_000);
        var id = await browser.App.WithDbAsync(db => db.PartRequisitions.OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync());

        var supervisor = await browser.NewPageAsync();
        await supervisor.SignInAsync("supervisor");
        await supervisor.GoToAsync("/requisitions");
        await supervisor.ClickAsync("#scope-ToApprove");
        await supervisor.Locator($"#requisition-{id} .approve").ClickAsync();
        await Expect(supervisor.Locator(".mud-snackbar").Filter(new() { HasText = "已批准" })).ToBeVisibleAsync();

        var keeper = await browser.NewPageAsync();
        await keeper.SignInAsync("warehouse");
        await keeper.GoToAsync("/requisitions");
        await Expect(keeper.Locator($"#requisition-{id}")).ToContainTextAsync("已批准");
        Assert.True((await keeper.ScreenshotAsync("requisition-warehouse-keeper")).Length > 10_000);
        await keeper.Locator($"#requisition-{id} .issue").ClickAsync();
        await Expect(keeper.Locator(".mud-snackbar").Filter(new() { HasText = "已发料" })).ToBeVisibleAsync();
        Assert.Equal(RequisitionStatus.Issued, await browser.App.WithDbAsync(db => db.PartRequisitions.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));

        await phone.GoToAsync("/my-stock");
        await Expect(phone.Locator("#my-stock")).ToContainTextAsync("雨刮电机");
    }
}
