using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Parts;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.Parts;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Tests.Parts;

/// <summary>
/// 二次索赔 (issue 13 point 5, R-PRT-4/5): a claim raised from an inspected old part against its supplier, sent with carrier and
/// tracking number, the postage signed off by a leader (never the raiser), answered, settled; outstanding per supplier; the
/// claim facts with their tickets.
/// </summary>
[Trait("Rule", "R-PRT-5")]
public sealed class ClaimTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>A warranty ticket whose valve was written off, its old part received and inspected: ready to be claimed.</summary>
    private async Task<(int OldPartId, string TicketNumber)> InspectedOldPartAsync(string serial)
    {
        var driver = new TicketDriver(app);
        var valve = await app.WithDbAsync(db => db.SpareParts.Where(p => p.Code == "CM-2002").Select(p => p.Id).SingleAsync());
        var ticket = await driver.ResolveAsync(await driver.CreateAsync(serial), partsReplaced: [new { sparePartId = valve, name = "车门电磁阀", quantity = 1m, reason = "卡滞" }]);
        using (var engineer = app.ClientFor("engineer"))
        {
            Assert.True((await TicketDriver.SignReportAsync(engineer, ticket)).IsSuccessStatusCode);
        }

        using var keeper = app.ClientFor("warehouse");
        var central = await app.WithDbAsync(db => db.StockLocations.Where(l => l.Code == "WH-CENTRAL").Select(l => l.Id).SingleAsync());
        var old = await app.WithDbAsync(db => db.OldParts.Where(o => o.TicketId == ticket.Id).SingleAsync());
        var step = await (await keeper.PostAsJsonAsync($"/api/v1/old-parts/{old.Id}/receive", new { version = old.Version, locationId = central })).ReadAsync<OldPartView>();
        await (await keeper.PostAsJsonAsync($"/api/v1/old-parts/{old.Id}/inspect", new { version = step.Version, showsSignsOfDisassembly = false })).ReadAsync<OldPartView>();
        return (old.Id, ticket.Number);
    }

    private static async Task<ClaimView> StepAsync(HttpClient client, ClaimView claim, string action, object? extra = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = new Dictionary<string, object?> { ["version"] = claim.Version };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
        {
            body[p.Name] = p.GetValue(extra);
        }

        var response = await client.PostAsJsonAsync($"/api/v1/claims/{claim.Id}/{action}", body);
        Assert.True(expected == response.StatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return expected == HttpStatusCode.OK ? await response.ReadAsync<ClaimView>() : claim;
    }

    [Fact]
    public async Task Raised_sent_signed_off_accepted_in_part_and_settled_with_the_money_recovered()
    {
        var (oldPart, number) = await InspectedOldPartAsync("LZYTBGCK0R1000101");
        using var keeper = app.ClientFor("warehouse");
        var claimable = await keeper.GetFromJsonAsync<List<ClaimableOldPart>>("/api/v1/claims/claimable", Json.Options);
        var candidate = Assert.Single(claimable!, c => c.OldPartId == oldPart);
        var supplier = await app.WithDbAsync(db => (from p in db.SpareParts where p.Code == "CM-2002" join x in db.Suppliers on p.SupplierId equals x.Id select x.Name).SingleAsync());
        Assert.Equal((165m, supplier), (candidate.SuggestedPartAmount, candidate.SupplierName)); // the catalogue's price of the one valve

        // Only the warehouse keeper raises; a bad amount names its field and saves nothing.
        using (var engineer = app.ClientFor("engineer"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/claims", new { oldPartId = oldPart, labourAmount = 80m, freightAmount = 20m })).StatusCode);
        }

        var bad = await keeper.PostAsJsonAsync("/api/v1/claims", new { oldPartId = oldPart, labourAmount = -1m, freightAmount = 20m });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("labourAmount", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.SupplierClaims.AnyAsync(c => c.OldPartId == oldPart)));

        var created = await keeper.PostAsJsonAsync("/api/v1/claims", new { oldPartId = oldPart, labourAmount = 80m, freightAmount = 20m, note = "三包期内阀芯卡滞" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var claim = await created.ReadAsync<ClaimView>();
        Assert.Equal((ClaimStatus.Draft, 265m, number, "冯静"), (claim.Status, claim.ClaimAmount, claim.TicketNumber, claim.RaisedBy));

        await StepAsync(keeper, claim, "send", new { carrier = "顺丰" }, HttpStatusCode.BadRequest); // no tracking number
        claim = await StepAsync(keeper, claim, "send", new { carrier = "顺丰", trackingNumber = "SF1234567890", shippingCost = 23.5m });
        Assert.Equal(ClaimStatus.Sent, claim.Status);
        await StepAsync(keeper, claim, "approve-shipping", expected: HttpStatusCode.Forbidden); // the keeper is no leader
        using (var supervisor = app.ClientFor("supervisor"))
        {
            claim = await StepAsync(supervisor, claim, "approve-shipping");
            await StepAsync(supervisor, claim, "accept", expected: HttpStatusCode.Forbidden); // the supplier's answer is booked by the keeper
        }

        Assert.Equal("刘洋", claim.ShippingApprovedBy);
        var outstanding = await keeper.GetFromJsonAsync<List<SupplierClaimsOutstanding>>("/api/v1/claims/outstanding", Json.Options);
        Assert.Equal((1, 265m, 0), outstanding!.Select(o => (o.Claims, o.Claimed, o.OldestAgeDays)).Single()); // the other test's claim is never sent

        await StepAsync(keeper, claim, "accept-partly", new { acceptedAmount = 300m }, HttpStatusCode.BadRequest); // more than claimed
        claim = await StepAsync(keeper, claim, "accept-partly", new { acceptedAmount = 185m, note = "工时费按 0 计" });
        await StepAsync(keeper, claim with { Version = claim.Version - 1 }, "settle", new { recoveredAmount = 185m }, HttpStatusCode.Conflict); // stale
        await StepAsync(keeper, claim, "settle", new { recoveredAmount = 185.01m }, HttpStatusCode.BadRequest);
        claim = await StepAsync(keeper, claim, "settle", new { recoveredAmount = 185m });
        Assert.Equal((ClaimStatus.Settled, 185m), (claim.Status, claim.RecoveredAmount));
        Assert.Empty((await keeper.GetFromJsonAsync<List<SupplierClaimsOutstanding>>("/api/v1/claims/outstanding", Json.Options))!);
        await StepAsync(keeper, claim, "cancel", expected: HttpStatusCode.Conflict);

        // The claim facts: raised by the keeper, ¥185 recovered of ¥265 claimed, the ticket as evidence.
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var scope = $"personId={await new TicketDriver(app).PersonIdAsync("E0023")}&from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        using var head = app.ClientFor("head");
        var facts = (await head.GetFromJsonAsync<ServiceFactsView>($"/api/v1/service-facts?{scope}", Json.Options))!.Facts.ToDictionary(f => f.Code);
        // Raised: this claim, and the other test's only if it ran first and is still open (it cancels its claim at its end).
        Assert.Equal(1m, facts[PartFactCodes.WarrantyClaimsRaised].Value);
        Assert.Equal(185m, facts[PartFactCodes.WarrantyRecoveredAmount].Value);
        Assert.Equal((69.81m, 0, 1), (facts[PartFactCodes.WarrantyRecoveryRate].Value, facts[PartFactCodes.WarrantyRecoveryRate].Numerator,
            facts[PartFactCodes.WarrantyRecoveryRate].Denominator)); // 185 ÷ 265, and the claim fell short: it is the evidence
        var evidence = await head.GetFromJsonAsync<PageOf<EvidenceRecord>>($"/api/v1/service-facts/{PartFactCodes.WarrantyRecoveryRate}/evidence?{scope}", Json.Options);
        Assert.Equal([number], evidence!.Items.Select(e => e.Number));
    }

    [Fact]
    public async Task The_same_old_part_claimed_eight_times_at_once_gives_one_claim()
    {
        var (oldPart, _) = await InspectedOldPartAsync("LZYTBGCK0R1000102");
        using var keeper = app.ClientFor("warehouse");
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            keeper.PostAsJsonAsync("/api/v1/claims", new { oldPartId = oldPart, labourAmount = 50m, freightAmount = 0m })));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.SupplierClaims.CountAsync(c => c.OldPartId == oldPart)));

        // Cancelled, so that the other test's facts count its own claim only, whichever runs first.
        var claim = await answers.Single(a => a.StatusCode == HttpStatusCode.Created).ReadAsync<ClaimView>();
        Assert.Equal(ClaimStatus.Cancelled, (await StepAsync(keeper, claim, "cancel")).Status);
    }
}
