using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Parts;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.Parts;

namespace ServiceMark.Web.Tests.Parts;

/// <summary>
/// The parts catalogue and the one stock ledger (issue 13 points 1–2, R-PRT-1): movements from location to location, stock on
/// hand derived from the ledger and never below zero — also when several people take the last units at the same moment —, and
/// book equals stock (帐物一致) as a check that can be run at any time.
/// </summary>
[Trait("Rule", "R-PRT-1")]
public sealed class StockLedgerTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>A supplier, a part with a price and a central warehouse with <paramref name="stock"/> received: the ids a test needs.</summary>
    internal sealed record Setup(int PartId, int WarehouseId, int SupplierLocationId, int CustomerLocationId, int ScrapLocationId);

    internal static async Task<Setup> SetUpAsync(TestApp app, decimal stock)
    {
        using var keeper = app.ClientFor("warehouse");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var supplier = await Created<SupplierView>(await keeper.PostAsJsonAsync("/api/v1/suppliers",
            new { code = $"S-{tag}", name = "宇通配套厂", contactName = "钱经理", contactPhone = "13803710001", claimWindowDays = 90, claimTerms = "三包期内旧件返厂，按件价加工时费结算" }));
        var part = await Created<SparePartView>(await keeper.PostAsJsonAsync("/api/v1/parts",
            new { code = $"P-{tag}", name = "车门气泵", specification = "DN20", unit = "件", supplierId = supplier.Id, unitPrice = 380.50m, productModelIds = new[] { 1 }, returnRequired = true }));
        var warehouse = await Created<StockLocationView>(await keeper.PostAsJsonAsync("/api/v1/stock/locations", new { code = $"W-{tag}", name = "中心库", kind = "CentralWarehouse" }));
        var locations = await keeper.GetFromJsonAsync<List<StockLocationView>>("/api/v1/stock/locations", Json.Options);
        int Virtual(LocationKind kind) => locations!.Single(l => l.Kind == kind).Id;
        var setup = new Setup(part.Id, warehouse.Id, Virtual(LocationKind.Supplier), Virtual(LocationKind.Customer), Virtual(LocationKind.Scrap));
        if (stock > 0)
        {
            var received = await PostAsync(keeper, new { kind = "Receipt", partId = part.Id, fromLocationId = setup.SupplierLocationId, toLocationId = warehouse.Id, quantity = stock });
            Assert.True(received.StatusCode == HttpStatusCode.OK, await received.Content.ReadAsStringAsync());
        }

        return setup;
    }

    internal static Task<HttpResponseMessage> PostAsync(HttpClient client, params object[] lines) =>
        client.PostAsJsonAsync("/api/v1/stock/movements", new { lines, reason = "测试" });

    private static async Task<T> Created<T>(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<T>();
    }

    internal static async Task<decimal> OnHandAsync(TestApp app, int locationId, int partId)
    {
        using var keeper = app.ClientFor("warehouse");
        var page = await keeper.GetFromJsonAsync<PageOf<StockOnHandView>>($"/api/v1/stock/on-hand?locationId={locationId}&partId={partId}", Json.Options);
        return page!.Items.SingleOrDefault()?.OnHand ?? 0m;
    }

    internal static async Task AssertBookEqualsStockAsync(TestApp app)
    {
        using var head = app.ClientFor("head");
        var check = await head.GetFromJsonAsync<BookCheckView>("/api/v1/stock/book-check", Json.Options);
        Assert.True(check!.BookEqualsStock, string.Join("; ", check.Differences));
        Assert.True(check.Entries > 0);
    }

    [Fact]
    public async Task A_part_goes_from_the_supplier_to_the_engineer_and_onto_the_bus_and_the_book_follows_every_step()
    {
        var s = await SetUpAsync(app, 10m);
        using var keeper = app.ClientFor("warehouse");
        var engineer = await new TicketDriver(app).PersonIdAsync("E0011");
        var personal = await keeper.PostAsJsonAsync("/api/v1/stock/locations", new { code = $"E0011-{s.PartId}", name = "马超的随车备件", kind = "PersonalStock", personId = engineer });
        var van = personal.StatusCode == HttpStatusCode.Created
            ? (await personal.ReadAsync<StockLocationView>()).Id
            : (await keeper.GetFromJsonAsync<List<StockLocationView>>("/api/v1/stock/locations", Json.Options))!.Single(l => l.PersonId == engineer).Id;

        // Issue 3 to the engineer, who fits 1 on a bus and brings 1 back; 1 is scrapped at the warehouse.
        var issued = await PostAsync(keeper,
            new { kind = "Issue", partId = s.PartId, fromLocationId = s.WarehouseId, toLocationId = van, quantity = 3 });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var entry = Assert.Single(await issued.ReadAsync<List<LedgerEntryView>>());
        Assert.Equal(380.50m, entry.UnitPrice);
        Assert.Equal("冯静", entry.ActorName);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(keeper,
            new { kind = "Consumption", partId = s.PartId, fromLocationId = van, toLocationId = s.CustomerLocationId, quantity = 1 },
            new { kind = "Return", partId = s.PartId, fromLocationId = van, toLocationId = s.WarehouseId, quantity = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await keeper.PostAsJsonAsync("/api/v1/stock/movements", new
        {
            lines = new[] { new { kind = "Scrap", partId = s.PartId, fromLocationId = s.WarehouseId, toLocationId = s.ScrapLocationId, quantity = 1m, reason = "运输中损坏" } },
        })).StatusCode);

        Assert.Equal(7m, await OnHandAsync(app, s.WarehouseId, s.PartId));
        Assert.Equal(1m, await OnHandAsync(app, van, s.PartId));
        using (var engineerClient = app.ClientFor("engineer"))
        {
            var mine = await engineerClient.GetFromJsonAsync<List<StockOnHandView>>("/api/v1/stock/mine", Json.Options);
            Assert.Equal(1m, mine!.Single(m => m.PartId == s.PartId).OnHand);
        }

        var history = await keeper.GetFromJsonAsync<List<LedgerEntryView>>($"/api/v1/stock/ledger?partId={s.PartId}", Json.Options);
        Assert.Equal([MovementKind.Scrap, MovementKind.Return, MovementKind.Consumption, MovementKind.Issue, MovementKind.Receipt], history!.Select(h => h.Kind));
        var part = await keeper.GetFromJsonAsync<SparePartView>($"/api/v1/parts/{s.PartId}", Json.Options);
        Assert.Equal(8m, part!.Stock.Sum(x => x.OnHand));
        await AssertBookEqualsStockAsync(app);

        // The ledger is append-only: the database refuses to change or delete an entry.
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"LedgerEntries\" SET \"Reason\" = 'x'")));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"LedgerEntries\"")));
    }

    [Fact]
    public async Task Taking_more_than_is_on_hand_is_409_naming_the_shortage_and_changes_nothing()
    {
        var s = await SetUpAsync(app, 2m);
        using var keeper = app.ClientFor("warehouse");
        var entriesBefore = await app.WithDbAsync(db => db.LedgerEntries.CountAsync());

        // Two lines of one post: the second one finds the first took what it needed, so neither is written.
        var response = await PostAsync(keeper,
            new { kind = "Consumption", partId = s.PartId, fromLocationId = s.WarehouseId, toLocationId = s.CustomerLocationId, quantity = 1.5m },
            new { kind = "Consumption", partId = s.PartId, fromLocationId = s.WarehouseId, toLocationId = s.CustomerLocationId, quantity = 1 });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("insufficient_stock", problem.GetProperty("code").GetString());
        Assert.Contains("车门气泵", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2m, await OnHandAsync(app, s.WarehouseId, s.PartId));
        Assert.Equal(entriesBefore, await app.WithDbAsync(db => db.LedgerEntries.CountAsync()));
    }

    [Fact]
    public async Task Twenty_people_taking_one_unit_each_of_ten_at_the_same_moment_get_exactly_ten()
    {
        await RaceAsync(app, stock: 10m, takers: 20);
    }

    [Fact]
    public async Task Two_people_issuing_the_last_unit_at_the_same_moment_one_gets_it_the_other_409()
    {
        await RaceAsync(app, stock: 1m, takers: 2);
    }

    internal static async Task RaceAsync(TestApp app, decimal stock, int takers)
    {
        var s = await SetUpAsync(app, stock);
        using var keeper = app.ClientFor("warehouse");
        var responses = await Task.WhenAll(Enumerable.Range(0, takers).Select(_ => PostAsync(keeper,
            new { kind = "Consumption", partId = s.PartId, fromLocationId = s.WarehouseId, toLocationId = s.CustomerLocationId, quantity = 1 })));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal((int)stock, statuses.Count(x => x == HttpStatusCode.OK));
        Assert.Equal(takers - (int)stock, statuses.Count(x => x == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal("insufficient_stock", (await refused.ReadJsonAsync()).GetProperty("code").GetString());
        }

        Assert.Equal(0m, await OnHandAsync(app, s.WarehouseId, s.PartId));
        await AssertBookEqualsStockAsync(app);
    }

    [Fact]
    public async Task A_wrong_movement_is_refused_naming_its_line_and_field()
    {
        var s = await SetUpAsync(app, 5m);
        using var keeper = app.ClientFor("warehouse");
        var response = await PostAsync(keeper,
            new { kind = "Receipt", partId = s.PartId, fromLocationId = s.WarehouseId, toLocationId = s.CustomerLocationId, quantity = 1 },
            new { kind = "Issue", partId = s.PartId, fromLocationId = s.WarehouseId, toLocationId = s.WarehouseId, quantity = -2 },
            new { kind = "Borrow", partId = 999999, fromLocationId = 999999, toLocationId = s.WarehouseId, quantity = 0.001m },
            new { kind = "Scrap", partId = s.PartId, fromLocationId = s.WarehouseId, toLocationId = s.ScrapLocationId, quantity = 1, reason = (string?)null });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var codes = (await response.ReadJsonAsync()).GetProperty("errorCodes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value[0].GetString());
        Assert.Equal("not_between", codes["lines[0].kind"]);
        Assert.Equal("range", codes["lines[1].quantity"]);
        Assert.Equal("same_location", codes["lines[1].toLocationId"]);
        Assert.Equal("unknown", codes["lines[2].kind"]);
        Assert.Equal("unknown", codes["lines[2].partId"]);
        Assert.Equal("unknown", codes["lines[2].fromLocationId"]);
        Assert.False(codes.ContainsKey("lines[3].reason")); // the request's reason explains the scrap
        Assert.Equal(5m, await OnHandAsync(app, s.WarehouseId, s.PartId));
        Assert.Equal(HttpStatusCode.BadRequest, (await keeper.PostAsJsonAsync("/api/v1/stock/movements", new { lines = Array.Empty<object>() })).StatusCode);
    }

    [Theory]
    [InlineData("engineer", HttpStatusCode.Forbidden)]
    [InlineData("supervisor", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Only_the_warehouse_keeper_posts_movements(string? user, HttpStatusCode expected)
    {
        var s = await SetUpAsync(app, 1m);
        using var client = app.ClientFor(user);
        Assert.Equal(expected, (await PostAsync(client, new { kind = "Consumption", partId = s.PartId, fromLocationId = s.WarehouseId, toLocationId = s.CustomerLocationId, quantity = 1 })).StatusCode);
        Assert.Equal(1m, await OnHandAsync(app, s.WarehouseId, s.PartId));
    }

    [Fact]
    public async Task Catalogue_codes_are_unique_prices_are_dated_and_stale_edits_are_409()
    {
        var s = await SetUpAsync(app, 0m);
        using var keeper = app.ClientFor("warehouse");
        var part = await keeper.GetFromJsonAsync<SparePartView>($"/api/v1/parts/{s.PartId}", Json.Options);
        var again = await keeper.PostAsJsonAsync("/api/v1/parts", new { code = part!.Code, name = "重复", unit = "件" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("duplicate", (await again.ReadJsonAsync()).GetProperty("code").GetString());

        var bad = await keeper.PostAsJsonAsync("/api/v1/parts", new { code = "", name = "x", unit = "", supplierId = 999999, unitPrice = -1m, productModelIds = new[] { 999999 } });
        Assert.Equal(["code", "productModelIds", "supplierId", "unit", "unitPrice"], (await bad.FieldErrorsAsync()).Order());

        var tomorrow = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8)).AddDays(1);
        var repriced = await keeper.PutAsJsonAsync($"/api/v1/parts/{s.PartId}", new
        {
            part.Code, part.Name, part.Specification, part.Unit, part.SupplierId, unitPrice = 420m, priceFrom = tomorrow, productModelIds = part.ProductModelIds,
            part.ReturnRequired, part.Version,
        });
        Assert.True(repriced.StatusCode == HttpStatusCode.OK, await repriced.Content.ReadAsStringAsync());
        var view = await repriced.ReadAsync<SparePartView>();
        Assert.Equal(380.50m, view.UnitPrice); // today's price until tomorrow
        Assert.Equal([420m, 380.50m], view.Prices.Select(p => p.UnitPrice));

        var stale = await keeper.PutAsJsonAsync($"/api/v1/parts/{s.PartId}", new { part.Code, name = "旧版本", part.Unit, part.Version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Fact]
    public async Task Below_minimum_lists_what_to_replenish()
    {
        var s = await SetUpAsync(app, 3m);
        using var keeper = app.ClientFor("warehouse");
        var limit = await keeper.PutAsJsonAsync("/api/v1/stock/limits", new { locationId = s.WarehouseId, partId = s.PartId, minimum = 5m, maximum = 20m });
        Assert.Equal(HttpStatusCode.OK, limit.StatusCode);
        var low = await keeper.GetFromJsonAsync<PageOf<StockOnHandView>>($"/api/v1/stock/on-hand?locationId={s.WarehouseId}&belowMinimum=true", Json.Options);
        var row = Assert.Single(low!.Items);
        Assert.Equal(3m, row.OnHand);
        Assert.Equal(5m, row.Minimum);
        Assert.Equal(20m, row.Maximum);
        var wrong = await keeper.PutAsJsonAsync("/api/v1/stock/limits", new { locationId = s.WarehouseId, partId = s.PartId, minimum = 5m, maximum = 2m });
        Assert.Equal(["maximum"], await wrong.FieldErrorsAsync());
    }
}
