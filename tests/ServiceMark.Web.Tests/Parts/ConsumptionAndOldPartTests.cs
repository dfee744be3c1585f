using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Parts;
using ServiceMark.Domain.Tickets;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Parts;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Parts;

/// <summary>
/// 销帐 and 旧件 (issue 13 points 3–4, R-PRT-2/3): the catalogue parts of a signed report leave the engineer's personal stock in
/// the signing transaction — a shortage refuses the signature and changes nothing —, every part replaced under warranty becomes
/// an old part due back within the policy's days, and the warehouse keeper receives, inspects and disposes of it.
/// </summary>
[Trait("Rule", "R-PRT-3")]
public sealed class ConsumptionAndOldPartTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<int> LocationAsync(string code) => app.WithDbAsync(db => db.StockLocations.Where(l => l.Code == code).Select(l => l.Id).SingleAsync());

    private Task<int> PartAsync(string code) => app.WithDbAsync(db => db.SpareParts.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());

    private static async Task<HttpResponseMessage> StepAsync(HttpClient client, OldPartView part, string action, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["version"] = part.Version };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
        {
            body[p.Name] = p.GetValue(extra);
        }

        return await client.PostAsJsonAsync($"/api/v1/old-parts/{part.Id}/{action}", body);
    }

    [Fact]
    public async Task Signing_writes_the_catalogue_parts_off_the_engineers_stock_and_expects_the_old_parts_back()
    {
        var driver = new TicketDriver(app);
        var van = await LocationAsync("PS-E0011");
        var valve = await PartAsync("CM-2002");
        var before = await StockLedgerTests.OnHandAsync(app, van, valve);
        var ticket = await driver.ResolveAsync(await driver.CreateAsync(), partsReplaced:
        [
            new { sparePartId = valve, name = "车门电磁阀", quantity = 1m, reason = "阀芯卡滞" },
            new { sparePartId = (int?)null, name = "门泵密封圈（外购）", quantity = 2m, reason = "老化漏气" },
        ]);
        Assert.True(ticket.UnderWarranty);

        using var engineer = app.ClientFor("engineer");
        var signed = await TicketDriver.SignReportAsync(engineer, ticket);
        Assert.True(signed.StatusCode == HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        Assert.Equal(before - 1, await StockLedgerTests.OnHandAsync(app, van, valve));
        await StockLedgerTests.AssertBookEqualsStockAsync(app);

        var parts = await engineer.GetFromJsonAsync<TicketPartsView>($"/api/v1/tickets/{ticket.Id}/parts", Json.Options);
        var consumed = Assert.Single(parts!.Consumed);
        Assert.Equal((MovementKind.Consumption, "CM-2002", 1m, "客户车辆"), (consumed.Kind, consumed.PartCode, consumed.Quantity, consumed.ToLocation));
        Assert.Equal(165m, parts.PartsCost); // the demo's price of CM-2002 × 1

        // Both lines were replaced under warranty: the catalogue part and the one bought outside it come back.
        Assert.Equal(["车门电磁阀", "门泵密封圈（外购）"], parts.OldParts.Select(o => o.Name));
        var today = app.Services.GetRequiredService<Infrastructure.CompanyClock>().Today;
        Assert.All(parts.OldParts, o => Assert.Equal((OldPartStatus.AwaitingReturn, today.AddDays(15), "马超"), (o.Status, o.DueOn, o.EngineerName)));

        // The engineer sees their own old parts; another engineer does not.
        var mine = await engineer.GetFromJsonAsync<Features.Organisation.PageOf<OldPartView>>("/api/v1/old-parts?scope=AwaitingReturn", Json.Options);
        Assert.Contains(mine!.Items, o => o.TicketId == ticket.Id);
        using var colleague = app.ClientFor("engineer2");
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(new Uri($"/api/v1/old-parts/{parts.OldParts[0].Id}", UriKind.Relative))).StatusCode);
        var theirs = await colleague.GetFromJsonAsync<Features.Organisation.PageOf<OldPartView>>("/api/v1/old-parts", Json.Options);
        Assert.DoesNotContain(theirs!.Items, o => o.TicketId == ticket.Id);
    }

    [Fact]
    public async Task A_shortage_refuses_the_signature_and_changes_nothing()
    {
        var driver = new TicketDriver(app);
        var van = await LocationAsync("PS-E0011");
        var lamp = await PartAsync("DQ-3001"); // not in 马超's stock at all
        var ticket = await driver.ResolveAsync(await driver.CreateAsync(), partsReplaced: [new { sparePartId = lamp, name = "前大灯总成", quantity = 1m, reason = "灯罩破裂" }]);
        var entries = await app.WithDbAsync(db => db.LedgerEntries.CountAsync());

        using var engineer = app.ClientFor("engineer");
        var refused = await TicketDriver.SignReportAsync(engineer, ticket);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ReadJsonAsync();
        Assert.Equal("insufficient_stock", problem.GetProperty("code").GetString());
        Assert.Contains("DQ-3001", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var after = await engineer.GetFromJsonAsync<TicketView>($"/api/v1/tickets/{ticket.Id}", Json.Options);
        Assert.Equal(TicketStatus.Resolved, after!.Status);
        Assert.Null(after.Report!.SignedAtUtc);
        Assert.Equal(entries, await app.WithDbAsync(db => db.LedgerEntries.CountAsync()));
        Assert.False(await app.WithDbAsync(db => db.OldParts.AnyAsync(o => o.TicketId == ticket.Id)));
        Assert.Equal(0m, await StockLedgerTests.OnHandAsync(app, van, lamp));
    }

    [Fact]
    public async Task A_report_line_naming_no_catalogue_part_is_a_field_error()
    {
        var driver = new TicketDriver(app);
        var ticket = await driver.CreateAsync();
        using (var dispatcher = app.ClientFor("specialist"))
        {
            ticket = await TicketDriver.ActAsync(dispatcher, ticket, "dispatch", new { engineerIds = new[] { await driver.PersonIdAsync("E0011") } });
        }

        using var engineer = app.ClientFor("engineer");
        ticket = await TicketDriver.ActAsync(engineer, ticket, "accept");
        ticket = await TicketDriver.ActAsync(engineer, ticket, "arrive");
        var response = await engineer.PutAsJsonAsync($"/api/v1/tickets/{ticket.Id}/report", new
        {
            version = ticket.Version, findings = "气管破裂", workDone = "更换气管", compensationAmount = 0m, oldPartsReturned = true, paidServiceAmount = 0m,
            partsReplaced = new object[]
            {
                new { sparePartId = 999_999, name = "不存在", quantity = 1m, reason = "测试" },
                new { sparePartId = await PartAsync("CM-2002"), name = "车门电磁阀", quantity = 1.005m, reason = "测试" },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("partsReplaced[0].sparePartId", text, StringComparison.Ordinal);
        Assert.Contains("partsReplaced[1].quantity", text, StringComparison.Ordinal);
        var after = await engineer.GetFromJsonAsync<TicketView>($"/api/v1/tickets/{ticket.Id}", Json.Options);
        Assert.Null(after!.Report);
    }

    [Fact]
    public async Task The_warehouse_keeper_receives_inspects_and_disposes_of_an_old_part_and_nobody_else_does()
    {
        var driver = new TicketDriver(app);
        var ticket = await driver.ResolveAsync(await driver.CreateAsync(), partsReplaced: [new { sparePartId = (int?)null, name = "气管接头", quantity = 1m, reason = "裂纹" }]);
        using (var signer = app.ClientFor("engineer"))
        {
            Assert.Equal(HttpStatusCode.OK, (await TicketDriver.SignReportAsync(signer, ticket)).StatusCode);
        }

        using var keeper = app.ClientFor("warehouse");
        var awaiting = await keeper.GetFromJsonAsync<Features.Organisation.PageOf<OldPartView>>("/api/v1/old-parts?scope=AwaitingReturn&pageSize=100", Json.Options);
        var part = awaiting!.Items.Single(o => o.TicketId == ticket.Id);

        // The engineer does not book their own return; the keeper says where it arrived.
        using (var engineer = app.ClientFor("engineer"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(engineer, part, "receive", new { locationId = await LocationAsync("WH-CENTRAL") })).StatusCode);
        }

        var missing = await StepAsync(keeper, part, "receive");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("locationId", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(keeper, part, "inspect", new { showsSignsOfDisassembly = false })).StatusCode);

        var received = await (await StepAsync(keeper, part, "receive", new { locationId = await LocationAsync("WH-CENTRAL") })).ReadAsync<OldPartView>();
        Assert.Equal((OldPartStatus.Returned, true, "中心库"), (received.Status, received.ReturnedOnTime, received.ReceivedAt?[..3]));
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(keeper, part, "inspect", new { showsSignsOfDisassembly = false })).StatusCode); // stale version

        var noFinding = await StepAsync(keeper, received, "inspect");
        Assert.Equal(HttpStatusCode.BadRequest, noFinding.StatusCode);
        Assert.Contains("showsSignsOfDisassembly", await noFinding.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var inspected = await (await StepAsync(keeper, received, "inspect", new { showsSignsOfDisassembly = false, note = "无拆卸痕迹，接头裂纹" })).ReadAsync<OldPartView>();
        Assert.Equal((OldPartStatus.Inspected, false), (inspected.Status, inspected.ShowsSignsOfDisassembly));

        var toDispose = await keeper.GetFromJsonAsync<Features.Organisation.PageOf<OldPartView>>("/api/v1/old-parts?scope=ToDispose", Json.Options);
        Assert.Contains(toDispose!.Items, o => o.Id == part.Id);
        Assert.Equal(HttpStatusCode.BadRequest, (await StepAsync(keeper, inspected, "dispose", new { disposal = "Sold" })).StatusCode);
        var disposed = await (await StepAsync(keeper, inspected, "dispose", new { disposal = "KeptForClaim", note = "随索赔单寄回供应商" })).ReadAsync<OldPartView>();
        Assert.Equal((OldPartStatus.Disposed, OldPartDisposal.KeptForClaim), (disposed.Status, disposed.Disposal));
        Assert.Equal(HttpStatusCode.BadRequest, (await keeper.PostAsJsonAsync($"/api/v1/old-parts/{part.Id}/sell", new { version = disposed.Version })).StatusCode);
    }
}
