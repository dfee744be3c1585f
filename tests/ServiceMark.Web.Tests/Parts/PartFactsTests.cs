using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Parts;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.Parts;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Tests.Parts;

/// <summary>
/// The parts facts (issue 13 point 8), one worked example: what 马超's stock gave to two signed reports, how his three old parts
/// came back, and how the warehouse keeper dealt with the one that did — each value with the tickets behind it.
/// </summary>
[Trait("Rule", "R-ASM-10")]
public sealed class PartFactsTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public Task Parts_cost_old_part_returns_and_the_keepers_handling_are_computed_from_the_trail() => WorkedExampleAsync(app);

    /// <summary>The worked example on any database (PostgresTests runs it on PostgreSQL).</summary>
    internal static async Task WorkedExampleAsync(TestApp app)
    {
        Task<int> PartAsync(string code) => app.WithDbAsync(db => db.SpareParts.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());
        var driver = new TicketDriver(app);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));

        // Ticket A: one valve at ¥165.00. Ticket B: two relays at ¥12.80 and a hose bought outside the catalogue.
        var a = await driver.ResolveAsync(await driver.CreateAsync(), partsReplaced: [new { sparePartId = await PartAsync("CM-2002"), name = "车门电磁阀", quantity = 1m, reason = "卡滞" }]);
        var b = await driver.ResolveAsync(await driver.CreateAsync("LZYTBGCK0R1000102"), partsReplaced:
        [
            new { sparePartId = await PartAsync("DQ-3010"), name = "继电器", quantity = 2m, reason = "触点烧蚀" },
            new { sparePartId = (int?)null, name = "气管（外购）", quantity = 1m, reason = "破裂" },
        ]);
        using (var engineer = app.ClientFor("engineer"))
        {
            Assert.True((await TicketDriver.SignReportAsync(engineer, a)).IsSuccessStatusCode);
            Assert.True((await TicketDriver.SignReportAsync(engineer, b)).IsSuccessStatusCode);
        }

        // The warehouse keeper receives A's old part at once, inspects and disposes of it the same day; B's two never come back.
        using var keeper = app.ClientFor("warehouse");
        var central = await app.WithDbAsync(db => db.StockLocations.Where(l => l.Code == "WH-CENTRAL").Select(l => l.Id).SingleAsync());
        var old = await app.WithDbAsync(db => db.OldParts.Where(o => o.TicketId == a.Id).SingleAsync());
        var step = await (await keeper.PostAsJsonAsync($"/api/v1/old-parts/{old.Id}/receive", new { version = old.Version, locationId = central })).ReadAsync<OldPartView>();
        step = await (await keeper.PostAsJsonAsync($"/api/v1/old-parts/{old.Id}/inspect", new { version = step.Version, showsSignsOfDisassembly = false })).ReadAsync<OldPartView>();
        await (await keeper.PostAsJsonAsync($"/api/v1/old-parts/{old.Id}/dispose", new { version = step.Version, disposal = "Scrapped" })).ReadAsync<OldPartView>();

        app.Clock.Advance(TimeSpan.FromDays(16)); // B's old parts were due back after 15 days
        var scope = $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        using var head = app.ClientFor("head");
        var mine = $"personId={await driver.PersonIdAsync("E0011")}&{scope}";
        var facts = (await head.GetFromJsonAsync<ServiceFactsView>($"/api/v1/service-facts?{mine}", Json.Options))!.Facts.ToDictionary(f => f.Code);

        Assert.Equal((190.60m, "CNY", 2), (facts[PartFactCodes.PartsCost].Value, facts[PartFactCodes.PartsCost].Unit, facts[PartFactCodes.PartsCost].Numerator));
        Assert.Equal(95.30m, facts[PartFactCodes.PartsCostPerTicket].Value); // ¥190.60 over two tickets
        Assert.Equal([a.Number, b.Number], await EvidenceAsync(head, PartFactCodes.PartsCost, mine));

        var returned = facts[PartFactCodes.OldPartReturnRate];
        Assert.Equal((33.33m, 1, 3), (returned.Value, returned.Numerator, returned.Denominator)); // 1 back on time of 3 decided
        Assert.Equal([b.Number, b.Number], await EvidenceAsync(head, PartFactCodes.OldPartReturnRate, mine)); // the two still out
        Assert.Equal(2m, facts[PartFactCodes.OldPartsOverdue].Value);

        // The keeper's own facts: what they inspected and disposed of, and how promptly.
        var theirs = $"personId={await driver.PersonIdAsync("E0023")}&{scope}";
        var keeperFacts = (await head.GetFromJsonAsync<ServiceFactsView>($"/api/v1/service-facts?{theirs}", Json.Options))!.Facts.ToDictionary(f => f.Code);
        Assert.Equal((100m, 1), (keeperFacts[PartFactCodes.OldPartInspectionOnTimeRate].Value, keeperFacts[PartFactCodes.OldPartInspectionOnTimeRate].Denominator));
        Assert.Equal(100m, keeperFacts[PartFactCodes.OldPartDisposalOnTimeRate].Value);
        Assert.Equal(0m, keeperFacts[PartFactCodes.PartsCost].Value); // no stock of their own went to a customer
        Assert.Null(keeperFacts[PartFactCodes.PartsCostPerTicket].Value);
    }

    private static async Task<string[]> EvidenceAsync(HttpClient client, string code, string scope) =>
        (await client.GetFromJsonAsync<PageOf<EvidenceRecord>>($"/api/v1/service-facts/{code}/evidence?{scope}", Json.Options))!
        .Items.Select(r => r.Number!).Order(StringComparer.Ordinal).ToArray();
}
