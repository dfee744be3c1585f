using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Browser.Tests.Infrastructure;
using ServiceMark.Domain.Parts;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Parts;
using ServiceMark.Web.Features.Tickets;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// A part's loop in a real browser (issue 13): the engineer requisitions it from the ticket on the phone, the leader approves,
/// the keeper issues; the report picks it from the engineer's stock, the customer's signature writes it off and the old part
/// is due back; the warehouse keeper receives, inspects and keeps the old part for the claim, which goes to the supplier and
/// brings the money back.
/// </summary>
[Trait("Rule", "R-PRT-3")]
public sealed class PartsLoopTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Requisitioned_on_the_ticket_fitted_signed_off_and_the_old_part_back_in_the_warehouse()
    {
        browser.SkipIfUnavailable();
        var driver = new TicketDriver(browser.App);
        var ticket = await driver.CreateAsync();
        using (var dispatcher = browser.App.ClientFor("specialist"))
        {
            ticket = await TicketDriver.ActAsync(dispatcher, ticket, "dispatch", new { engineerIds = new[] { await driver.PersonIdAsync("E0011") } });
        }

        using (var api = browser.App.ClientFor("engineer"))
        {
            foreach (var action in new[] { "accept", "arrive", "diagnose" })
            {
                ticket = await TicketDriver.ActAsync(api, ticket, action);
            }
        }

        // On the phone: the ticket's parts panel raises a requisition for this ticket.
        var phone = await browser.NewPageAsync(390, 844);
        await phone.SignInAsync("engineer");
        await phone.GoToAsync($"/tickets/{ticket.Id}");
        await Expect(phone.Locator("#ticket-parts")).ToContainTextAsync("暂无备件记录");
        await phone.ClickAsync("#ticket-requisition");
        await Expect(phone.Locator("#requisition-ticket")).ToContainTextAsync(ticket.Number);
        await phone.ChooseAsync("领料仓库", "中心库");
        await phone.Locator("input#requisition-purpose").FillAsync("前门电磁阀更换");
        await phone.Locator("input#requisition-part-0").FillAsync("CM-2002");
        await phone.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "车门电磁阀" }).First.ClickAsync();
        await phone.ClickAsync("#raise-requisition");
        await Expect(phone.Locator(".mud-snackbar").Filter(new() { HasText = "领料单已提交" })).ToBeVisibleAsync();
        var requisition = await browser.App.WithDbAsync(db => db.PartRequisitions.Where(r => r.TicketId == ticket.Id).SingleAsync());
        using (var supervisor = browser.App.ClientFor("supervisor"))
        {
            (await supervisor.PostAsJsonAsync($"/api/v1/requisitions/{requisition.Id}/approve", new { version = requisition.Version })).EnsureSuccessStatusCode();
        }

        using (var keeperApi = browser.App.ClientFor("warehouse"))
        {
            var approved = await keeperApi.GetFromJsonAsync<RequisitionView>($"/api/v1/requisitions/{requisition.Id}", Json.Options);
            (await keeperApi.PostAsJsonAsync($"/api/v1/requisitions/{requisition.Id}/issue", new { version = approved!.Version })).EnsureSuccessStatusCode();
        }

        // The A4 requisition the warehouse hands the parts out against, with who asked, approved and issued.
        await phone.GotoAsync($"/requisitions/{requisition.Id}/print"); // a static print page: no interactive circuit to wait for
        await Expect(phone.Locator("h1")).ToHaveTextAsync("备件领料单");
        await Expect(phone.Locator("body")).ToContainTextAsync("领料人签字：马超");
        await Expect(phone.Locator("body")).ToContainTextAsync("审批人签字：刘洋");
        await Expect(phone.Locator("#printed-requisition")).ToContainTextAsync("前门电磁阀更换");

        var van = await browser.App.WithDbAsync(db => db.StockLocations.Where(l => l.Code == "PS-E0011").Select(l => l.Id).SingleAsync());
        var valve = await browser.App.WithDbAsync(db => db.SpareParts.Where(p => p.Code == "CM-2002").Select(p => p.Id).SingleAsync());
        var carried = await browser.App.WithDbAsync(db => db.StockBalances.Where(b => b.LocationId == van && b.PartId == valve).Select(b => b.OnHandHundredths).SingleAsync());

        // The report picks the part from the engineer's own stock; a part outside the catalogue is typed and flagged.
        await phone.GoToAsync($"/tickets/{ticket.Id}");
        await Expect(phone.Locator("#ticket-parts")).ToContainTextAsync("已发料");
        await phone.GetByLabel("检查情况").FillAsync("前门电磁阀阀芯卡滞");
        await phone.GetByLabel("处理措施").FillAsync("更换前门电磁阀");
        await phone.ClickAsync("#add-part");
        await phone.Locator("#part-0").ClickAsync();
        await phone.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "CM-2002" }).First.ClickAsync();
        await phone.Locator("input#part-reason-0").FillAsync("阀芯卡滞");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "no sideways scrolling at 390 px");
        await phone.ClickAsync("#save-report");
        await Expect(phone.Locator(".mud-snackbar").Filter(new() { HasText = "已保存" })).ToBeVisibleAsync();
        await phone.ClickAsync("#act-Resolve");
        await Expect(phone.Locator("#ticket-status")).ToHaveTextAsync("处理完毕");

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
        await Expect(phone.Locator("#ticket-consumed")).ToContainTextAsync("车门电磁阀");
        await Expect(phone.Locator("#ticket-parts-cost")).ToContainTextAsync("¥165.00");
        await Expect(phone.Locator("#ticket-parts .old-part")).ToContainTextAsync("待返回");
        Assert.Equal(carried - 100, await browser.App.WithDbAsync(db => db.StockBalances.Where(b => b.LocationId == van && b.PartId == valve).Select(b => b.OnHandHundredths).SingleAsync()));
        await phone.Locator("#ticket-parts").ScrollIntoViewIfNeededAsync();
        Assert.True((await phone.ScreenshotAsync("ticket-parts-engineer-phone")).Length > 15_000);

        // The engineer's old parts on the phone: what is still to bring back.
        await phone.GoToAsync("/old-parts");
        await Expect(phone.Locator("#page-title")).ToHaveTextAsync("旧件管理");
        var oldPart = await browser.App.WithDbAsync(db => db.OldParts.Where(o => o.TicketId == ticket.Id).Select(o => o.Id).SingleAsync());
        await Expect(phone.Locator($"#old-part-{oldPart}")).ToContainTextAsync("待返回");
        await Expect(phone.Locator($"#old-part-{oldPart} .receive")).ToHaveCountAsync(0); // the engineer does not book their own return
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), "no sideways scrolling at 390 px");
        Assert.True((await phone.ScreenshotAsync("old-parts-engineer-phone")).Length > 10_000);

        // The warehouse keeper receives, inspects and disposes of it.
        var keeper = await browser.NewPageAsync();
        await keeper.SignInAsync("warehouse");
        await keeper.GoToAsync("/");
        await Expect(keeper.Locator("#warehouse-workbench")).ToBeVisibleAsync();
        Assert.True((await keeper.ScreenshotAsync("warehouse-workbench")).Length > 10_000);
        await keeper.ClickAsync("#workbench-OldPartsAwaitingReturn");
        await Expect(keeper.Locator("#scope-AwaitingReturn")).ToHaveAttributeAsync("aria-pressed", "true");
        var card = keeper.Locator($"#old-part-{oldPart}");
        await card.Locator(".receive").ClickAsync();
        await Expect(keeper.Locator(".mud-snackbar").Filter(new() { HasText = "已返回" })).ToBeVisibleAsync();
        await keeper.ClickAsync("#scope-ToInspect");
        await card.Locator(".inspect").ClickAsync();
        await Expect(keeper.Locator("#old-part-error, .mud-input-helper-text.mud-input-error").First).ToBeVisibleAsync(); // the finding is required
        await card.Locator(".inspect-opened").ClickAsync();
        await keeper.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "无拆卸痕迹" }).First.ClickAsync();
        await card.Locator(".inspect-note input").FillAsync("阀芯磨损，无拆卸痕迹");
        await card.Locator(".inspect").ClickAsync();
        await Expect(keeper.Locator(".mud-snackbar").Filter(new() { HasText = "已鉴定" })).ToBeVisibleAsync();
        await keeper.ClickAsync("#scope-ToDispose");
        await Expect(card).ToContainTextAsync("无拆卸痕迹");
        await card.Locator(".dispose-kind").ClickAsync();
        await keeper.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "留作索赔" }).First.ClickAsync();
        Assert.True((await keeper.ScreenshotAsync("old-parts-warehouse-keeper")).Length > 10_000);
        await card.Locator(".dispose").ClickAsync();
        await Expect(keeper.Locator(".mud-snackbar").Filter(new() { HasText = "留作索赔" })).ToBeVisibleAsync();
        Assert.Equal(OldPartStatus.Disposed, await browser.App.WithDbAsync(db => db.OldParts.Where(o => o.Id == oldPart).Select(o => o.Status).SingleAsync()));

        // The claim to the valve's supplier: raised from the old part kept for it, sent, answered, the money recovered.
        await keeper.GoToAsync("/claims");
        await keeper.Locator("#claim-old-part").ClickAsync();
        await keeper.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = ticket.Number }).First.ClickAsync();
        await Expect(keeper.Locator("input#claim-part-amount")).ToHaveValueAsync("165.00");
        await keeper.Locator("input#claim-labour-amount").FillAsync("80");
        await keeper.ClickAsync("#raise-claim");
        await Expect(keeper.Locator(".mud-snackbar").Filter(new() { HasText = "索赔单已创建" })).ToBeVisibleAsync();
        var claimId = await browser.App.WithDbAsync(db => db.SupplierClaims.Where(c => c.OldPartId == oldPart).Select(c => c.Id).SingleAsync());
        var claimCard = keeper.Locator($"#claim-{claimId}");
        await claimCard.Locator(".send-carrier input").FillAsync("顺丰速运");
        await claimCard.Locator(".send-tracking input").FillAsync("SF1234567890");
        await claimCard.Locator(".send").ClickAsync();
        await Expect(claimCard.Locator(".claim-status")).ToHaveTextAsync("已寄出");
        await Expect(keeper.Locator("#claims-outstanding")).ToContainTextAsync("245.00");
        await claimCard.Locator(".accept").ClickAsync();
        await Expect(claimCard.Locator(".claim-status")).ToHaveTextAsync("已认可");
        await claimCard.Locator(".settle").ClickAsync();
        await Expect(claimCard.Locator(".claim-recovered")).ToContainTextAsync("¥245.00");
        Assert.True((await keeper.ScreenshotAsync("claims-warehouse-keeper")).Length > 10_000);
        Assert.Equal(ClaimStatus.Settled, await browser.App.WithDbAsync(db => db.SupplierClaims.Where(c => c.Id == claimId).Select(c => c.Status).SingleAsync()));
        Assert.Empty(browser.Dialogs);
    }
}
