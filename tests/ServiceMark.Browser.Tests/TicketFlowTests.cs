using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServiceMark.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

[Trait("Rule", "R-TKT-3")]
public sealed class TicketFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_specialist_opens_a_ticket_with_the_warranty_check_and_dispatches_it()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("specialist");
        await page.GoToAsync("/tickets/new");

        await page.Locator("input#customer").FillAsync("郑州公交");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "郑州公交集团" }).First.ClickAsync();
        await page.ChooseAsync("故障类别", "车身");
        await Expect(page.GetByLabel("联系人", new() { Exact = true })).ToHaveValueAsync("赵建华");
        await page.GetByLabel("序列号").FillAsync("LZYTBGCK0R1000101");
        await page.GetByLabel("序列号").BlurAsync();
        await Expect(page.Locator("#warranty-verdict")).ToContainTextAsync("在三包期内");
        await page.GetByLabel("故障描述").FillAsync("后门关不严 <img src=x onerror=alert(1)>");
        await page.ClickAsync("#create-ticket");

        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("已分类分级");
        await Expect(page.Locator("#fault-description")).ToHaveTextAsync("后门关不严 <img src=x onerror=alert(1)>");
        await page.Locator("#dispatch-panel .mud-checkbox").First.ClickAsync();
        await page.ClickAsync("#act-Dispatch");
        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("已派工");
        Assert.True((await page.ScreenshotAsync("ticket-dispatched")).Length > 15_000);
        Assert.Empty(browser.Dialogs);
    }

    [Fact]
    public async Task An_engineer_on_a_phone_works_the_ticket_and_the_customer_signs_on_screen()
    {
        browser.SkipIfUnavailable();
        var ticketId = await CreateDispatchedTicketAsync("E0011");
        var page = await browser.NewPageAsync(390, 844);
        await page.SignInAsync("engineer");
        await page.GoToAsync("/my-tickets");
        var number = await browser.App.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticketId).Select(t => t.Number).SingleAsync());
        await page.Locator("#tickets-table tbody tr").Filter(new() { HasText = number }).ClickAsync();
        await Expect(page.Locator("#page-title")).ToHaveTextAsync(number); // in-app navigation: no page load event

        foreach (var (action, status) in new[] { ("Accept", "已接单"), ("StartTravel", "在途"), ("Arrive", "已到场"), ("Diagnose", "已诊断") })
        {
            await page.ClickAsync($"#act-{action}");
            await Expect(page.Locator("#ticket-status")).ToHaveTextAsync(status);
        }

        // On the road: the site address opens the map app (Amap's URI), and the report form is one field per row at 390 px.
        var map = await page.Locator("#site-map-link").GetAttributeAsync("href");
        Assert.StartsWith("https://uri.amap.com/search?keyword=", map);
        Assert.Contains(Uri.EscapeDataString("郑州市金水区农业路18号"), map, StringComparison.Ordinal);
        var rows = await page.EvaluateAsync<double[]>(
            "() => [...document.querySelectorAll('#report-panel .mud-grid-item')].filter(e => e.offsetParent).map(e => e.getBoundingClientRect().left)");
        Assert.True(rows.Length >= 8, $"report fields shown: {rows.Length}");
        Assert.All(rows, left => Assert.Equal(rows[0], left, 1.0));

        // A photo from the phone's camera is attached to the ticket and shown at once.
        Assert.Equal("environment", await page.Locator("#photo-input").GetAttributeAsync("capture"));
        await Expect(page.Locator("#no-photos")).ToBeVisibleAsync();
        await page.Locator("#photo-input").SetInputFilesAsync(new FilePayload { Name = "后门.png", MimeType = "image/png", Buffer = SitePhoto() });
        await Expect(page.Locator("#ticket-photos img")).ToHaveCountAsync(1);
        await page.WaitForFunctionAsync("() => { const img = document.querySelector('#ticket-photos img'); return img && img.complete && img.naturalWidth === 64; }");
        await page.Locator("#photo-input").SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "not a photo"u8.ToArray() });
        await Expect(page.Locator("#photo-error")).ToContainTextAsync("notes");
        await Expect(page.Locator("#ticket-photos img")).ToHaveCountAsync(1);

        await page.GetByLabel("检查情况").FillAsync("后门气缸漏气");
        await page.GetByLabel("处理措施").FillAsync("更换后门气缸密封圈");
        await page.ClickAsync("#save-report");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "已保存" })).ToBeVisibleAsync();
        await page.ClickAsync("#act-Resolve");
        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("处理完毕");

        var pad = page.Locator("#signature-pad");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 20, box.Y + 40);
        await page.Mouse.DownAsync();
        foreach (var (dx, dy) in new[] { (60, 90), (120, 30), (180, 110), (240, 50) })
        {
            await page.Mouse.MoveAsync(box.X + dx, box.Y + dy, new() { Steps = 5 });
        }

        await page.Mouse.UpAsync();
        await page.GetByLabel("客户已在报告上加盖公章").CheckAsync(); // an effective record: the customer stamped the report too
        await page.ClickAsync("#sign-report");
        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("客户已签字");
        await Expect(page.Locator("#report-stamped")).ToHaveTextAsync("是");
        await Expect(page.Locator("#signature-image")).ToBeVisibleAsync();
        // The signature image is fetched after the status changes: wait for it to load rather than reading it at once.
        await page.WaitForFunctionAsync("() => { const img = document.getElementById('signature-image'); return img && img.complete && img.naturalWidth > 0; }");
        Assert.True((await page.ScreenshotAsync("ticket-signed-phone")).Length > 15_000);

        // The printable report carries the signature; the specialist prints it.
        var desk = await browser.NewPageAsync();
        await desk.SignInAsync("specialist");
        await desk.GotoAsync($"/tickets/{ticketId}/print");
        await Expect(desk.Locator("#printed-signature")).ToBeVisibleAsync();
        await Expect(desk.Locator("#printed-stamped")).ToHaveTextAsync("客户公章：是");
        await Expect(desk.Locator("#printed-photos img")).ToHaveCountAsync(1);
        await Expect(desk.Locator("h1")).ToHaveTextAsync("服务报告");
        Assert.True((await desk.ScreenshotAsync("ticket-print")).Length > 15_000);
    }

    [Fact]
    [Trait("Rule", "R-TKT-7")]
    public async Task An_engineer_on_a_phone_solves_a_ticket_by_phone_guidance_without_a_visit()
    {
        browser.SkipIfUnavailable();
        var ticketId = await CreateDispatchedTicketAsync("E0011");
        var page = await browser.NewPageAsync(390, 844);
        await page.SignInAsync("engineer");
        await page.GoToAsync($"/tickets/{ticketId}");
        await page.ClickAsync("#act-Accept");
        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("已接单");

        // Without saying how, nothing happens and the field says why, in Chinese.
        await page.GetByLabel("原因或备注").FillAsync("电话指导司机复位车门气泵控制阀，车门恢复正常");
        await page.ClickAsync("#act-ResolveRemotely");
        var method = page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("#remote-method") });
        await Expect(method.Locator(".mud-input-helper-text")).ToContainTextAsync("远程方式为必填项");
        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("已接单");

        await page.ChooseAsync("远程解决方式", "电话指导");
        await page.ClickAsync("#act-ResolveRemotely");
        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("处理完毕");
        await Expect(page.Locator("#ticket-remote")).ToHaveTextAsync("远程解决 · 电话指导");
        await Expect(page.Locator("#service-levels")).ToContainTextAsync("远程解决");
        await Expect(page.Locator("#service-levels")).Not.ToContainTextAsync("到场");
        Assert.True((await page.ScreenshotAsync("ticket-resolved-remotely-phone")).Length > 15_000);

        // The printed report says it was solved without a visit.
        await page.GotoAsync($"/tickets/{ticketId}/print");
        await Expect(page.Locator("#printed-remote")).ToHaveTextAsync("远程解决 · 电话指导");
        Assert.Empty(browser.Dialogs);
    }

    [Fact]
    public async Task The_list_finds_a_part_of_a_word_and_names_a_term_too_short_at_its_field()
    {
        browser.SkipIfUnavailable();
        var ticketId = await CreateDispatchedTicketAsync("E0011");
        var number = await browser.App.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticketId).Select(t => t.Number).SingleAsync());
        var page = await browser.NewPageAsync(390, 844);
        await page.SignInAsync("specialist");
        await page.GoToAsync("/tickets");

        await page.Locator("#ticket-search").FillAsync("关");
        await Expect(page.GetByText("每个搜索词至少 2 个字")).ToBeVisibleAsync();
        await page.Locator("#ticket-search").FillAsync("门关不 " + number[^4..]);
        await Expect(page.Locator("#tickets-table tbody tr").Filter(new() { HasText = number })).ToBeVisibleAsync();
        Assert.True((await page.ScreenshotAsync("ticket-list-search-phone")).Length > 10_000);
        Assert.Empty(browser.Dialogs);
    }

    /// <summary>A 64 × 64 PNG, as a phone's camera would send a (much larger) JPEG.</summary>
    internal static byte[] SitePhoto()
    {
        using var bitmap = new SkiaSharp.SKBitmap(64, 64);
        bitmap.Erase(new SkiaSharp.SKColor(90, 120, 160));
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private async Task<int> CreateDispatchedTicketAsync(string engineerNumber)
    {
        using var specialist = browser.App.ClientFor("specialist");
        var created = await (await specialist.PostAsJsonAsync("/api/v1/tickets", new
        {
            customerId = 1, contactName = "赵建华", contactPhone = "13703710101", siteAddress = "郑州市金水区农业路18号", distanceKm = 12m,
            serialNumber = "LZYTBGCK0R1000102", faultCategory = "Body", faultDescription = "后门关不严", urgency = "Normal", channel = "Phone",
        })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        var engineer = await browser.App.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == engineerNumber).Select(p => p.Id).SingleAsync());
        var dispatched = await specialist.PostAsJsonAsync($"/api/v1/tickets/{id}/actions/dispatch",
            new { version = created.GetProperty("version").GetInt32(), engineerIds = new[] { engineer } });
        dispatched.EnsureSuccessStatusCode();
        return id;
    }
}
