using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Parts;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Parts;

namespace ServiceMark.Web.Tests.Parts;

/// <summary>
/// 盘点 (issue 13 point 6, R-PRT-6): a count of a station store against its book, the location frozen while it is open, each
/// difference explained, approved by a leader (not the warehouse keeper who counted) and posted as adjustments that bring the
/// book to the count.
/// </summary>
[Trait("Rule", "R-PRT-6")]
public sealed class StockTakeTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<int> LocationAsync(string code) => app.WithDbAsync(db => db.StockLocations.Where(l => l.Code == code).Select(l => l.Id).SingleAsync());

    private static async Task<StockTakeView> StepAsync(HttpClient client, StockTakeView take, string action, string? note = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/stock-takes/{take.Id}/{action}", new { version = take.Version, note });
        Assert.True(expected == response.StatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return expected == HttpStatusCode.OK ? await response.ReadAsync<StockTakeView>() : take;
    }

    [Fact]
    public async Task Counted_explained_approved_and_posted_the_book_becomes_the_count()
    {
        var station = await LocationAsync("ST-ZZ");
        var chengdu = await LocationAsync("ST-CD");
        using var keeper = app.ClientFor("warehouse");
        using (var engineer = app.ClientFor("engineer"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/stock-takes", new { locationId = station })).StatusCode);
        }

        var started = await keeper.PostAsJsonAsync("/api/v1/stock-takes", new { locationId = station });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var take = await started.ReadAsync<StockTakeView>();
        Assert.Equal(StockTakeStatus.Counting, take.Status);
        Assert.Equal(12, take.Lines.Count); // every part has a limit at the station, empty shelves included
        var relay = take.Lines.Single(l => l.PartCode == "DQ-3010");

        // Frozen: no movement in or out of the station while it is counted.
        var frozen = await StockLedgerTests.PostAsync(keeper, new { kind = "Transfer", partId = relay.PartId, fromLocationId = station, toLocationId = chengdu, quantity = 1m });
        Assert.Equal(HttpStatusCode.Conflict, frozen.StatusCode);
        Assert.Contains("location_frozen", await frozen.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Everything as on the book but the relays: two fewer, unexplained at first.
        var counts = take.Lines.Select(l => new { partId = l.PartId, countedQuantity = l.PartCode == "DQ-3010" ? l.BookQuantity - 2 : l.BookQuantity, explanation = (string?)null }).ToList();
        take = await (await keeper.PutAsJsonAsync($"/api/v1/stock-takes/{take.Id}/counts", new { version = take.Version, lines = counts })).ReadAsync<StockTakeView>();
        var unexplained = await keeper.PostAsJsonAsync($"/api/v1/stock-takes/{take.Id}/submit", new { version = take.Version });
        Assert.Equal(HttpStatusCode.BadRequest, unexplained.StatusCode);
        Assert.Contains("explanation", await unexplained.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        take = await (await keeper.PutAsJsonAsync($"/api/v1/stock-takes/{take.Id}/counts",
            new { version = take.Version, lines = new[] { new { partId = relay.PartId, countedQuantity = relay.BookQuantity - 2, explanation = "维修领用未登记" } } })).ReadAsync<StockTakeView>();
        take = await StepAsync(keeper, take, "submit");
        Assert.Equal((StockTakeStatus.Submitted, 91.67m), (take.Status, take.Accuracy)); // 11 of 12 lines agree

        // The keeper does not approve; a leader sends it back with a reason, then approves the recount.
        await StepAsync(keeper, take, "approve", expected: HttpStatusCode.Forbidden);
        using var head = app.ClientFor("head");
        await StepAsync(head, take, "send-back", expected: HttpStatusCode.BadRequest);
        take = await StepAsync(head, take, "send-back", "请复盘继电器");
        Assert.Equal(StockTakeStatus.Counting, take.Status);
        take = await StepAsync(keeper, take, "submit");
        var entries = await app.WithDbAsync(db => db.LedgerEntries.CountAsync());
        take = await StepAsync(head, take, "approve");
        Assert.Equal((StockTakeStatus.Posted, "陈志强"), (take.Status, take.DecidedBy));

        Assert.Equal(relay.BookQuantity - 2, await StockLedgerTests.OnHandAsync(app, station, relay.PartId));
        var adjustment = await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.DocumentType == nameof(StockTake) && e.DocumentId == take.Id).SingleAsync());
        Assert.Equal((MovementKind.Adjustment, 2m, "维修领用未登记"), (adjustment.Kind, adjustment.Quantity, adjustment.Reason));
        Assert.Equal(entries + 1, await app.WithDbAsync(db => db.LedgerEntries.CountAsync()));
        await StockLedgerTests.AssertBookEqualsStockAsync(app);

        // Posted: the station takes movements again, and the sheet is final.
        Assert.Equal(HttpStatusCode.OK, (await StockLedgerTests.PostAsync(keeper, new { kind = "Transfer", partId = relay.PartId, fromLocationId = station, toLocationId = chengdu, quantity = 1m })).StatusCode);
        await StepAsync(keeper, take, "cancel", expected: HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Conflict, (await keeper.PutAsJsonAsync($"/api/v1/stock-takes/{take.Id}/counts", new { version = take.Version, lines = counts })).StatusCode);
    }

    [Fact]
    public async Task The_same_count_started_eight_times_at_once_is_one_count()
    {
        var chengdu = await LocationAsync("ST-CD");
        using var keeper = app.ClientFor("warehouse");
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => keeper.PostAsJsonAsync("/api/v1/stock-takes", new { locationId = chengdu })));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var take = await answers.Single(a => a.StatusCode == HttpStatusCode.Created).ReadAsync<StockTakeView>();
        await StepAsync(keeper, take, "cancel");
        Assert.Equal(1, await app.WithDbAsync(db => db.StockTakes.CountAsync(t => t.LocationId == chengdu)));
    }
}

/// <summary>The volume generator (issue 13 point 10) on a small scale: its ledger and balances agree and nothing is below zero.</summary>
[Trait("Rule", "R-PRT-1")]
public sealed class PartsHistoryGeneratorTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_generated_year_of_movements_keeps_book_equal_to_stock()
    {
        using (var keeper = app.ClientFor("warehouse"))
        {
            Assert.Equal(HttpStatusCode.OK, (await keeper.GetAsync(new Uri("/api/v1/stock/book-check", UriKind.Relative))).StatusCode); // start the host
        }

        var before = await app.WithDbAsync(db => db.LedgerEntries.CountAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Features.Demo.DemoPartsHistory>().GenerateAsync(40, 3_000, TextWriter.Null);
        }

        Assert.Equal(before + 3_000, await app.WithDbAsync(db => db.LedgerEntries.CountAsync()));
        Assert.Equal(40, await app.WithDbAsync(db => db.SpareParts.CountAsync()));
        Assert.False(await app.WithDbAsync(db => db.StockBalances.AnyAsync(b => b.OnHandHundredths < 0)));
        await StockLedgerTests.AssertBookEqualsStockAsync(app);
    }
}
