using CsCheck;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Parts;

namespace ServiceMark.Domain.Tests.Parts;

/// <summary>The ledger's laws (issue 13 point 11): any sequence of movements keeps on hand = sum of entries ≥ 0 and conserves quantity.</summary>
[Trait("Rule", "R-PRT-1")]
public sealed class StockBookTests
{
    private static readonly Dictionary<int, LocationKind> Locations = new()
    {
        [1] = LocationKind.CentralWarehouse, [2] = LocationKind.ServiceStation, [3] = LocationKind.PersonalStock, [4] = LocationKind.PersonalStock,
        [10] = LocationKind.Supplier, [11] = LocationKind.Customer, [12] = LocationKind.Scrap, [13] = LocationKind.Adjustment,
    };

    /// <summary>Every allowed (kind, from, to) among the locations: movements are drawn from these, so none is refused for its kinds.</summary>
    private static readonly (MovementKind Kind, int From, int To)[] Routes =
        [.. from k in Enum.GetValues<MovementKind>() from f in Locations.Keys from t in Locations.Keys
            where f != t && StockRules.Allows(k, Locations[f], Locations[t]) select (k, f, t)];

    private static readonly Gen<StockMovement> Movement =
        Gen.Select(Gen.Int[0, Routes.Length - 1], Gen.Int[1, 3], Gen.Int[1, 500])
            .Select(m => new StockMovement(Routes[m.Item1].Kind, m.Item2, Routes[m.Item1].From, Routes[m.Item1].To, m.Item3 / 100m, "x"));

    [Fact]
    public void Any_sequence_of_movements_keeps_stock_equal_to_the_entries_never_negative_and_conserved()
    {
        Gen.Select(Movement, Gen.Int[1, 3]).Array[1, 60].Sample(posts =>
        {
            var book = new StockBook(Locations);
            var accepted = new List<StockMovement>();
            foreach (var (movement, lines) in posts)
            {
                var batch = Enumerable.Repeat(movement, lines).ToList();
                if (book.Apply(batch) is null)
                {
                    accepted.AddRange(batch);
                }
            }

            foreach (var (location, part, onHand) in book.Balances)
            {
                var sum = accepted.Where(m => m.PartId == part && m.ToLocationId == location).Sum(m => m.Quantity)
                          - accepted.Where(m => m.PartId == part && m.FromLocationId == location).Sum(m => m.Quantity);
                if (onHand != sum || (StockRules.HoldsStock(Locations[location]) && onHand < 0))
                {
                    return false;
                }
            }

            return Enumerable.Range(1, 3).All(part => book.Total(part) == 0m);
        });
    }

    [Fact]
    public void A_refused_post_changes_nothing_and_names_the_shortage()
    {
        var book = new StockBook(Locations);
        Assert.Null(book.Apply([new StockMovement(MovementKind.Receipt, 1, 10, 1, 2m, null)]));
        var shortage = book.Apply([new StockMovement(MovementKind.Issue, 1, 1, 3, 1.5m, null), new StockMovement(MovementKind.Issue, 1, 1, 4, 1m, null)]);
        Assert.Equal(new Shortage(1, 1, 1m, 0.5m), shortage);
        Assert.Equal(2m, book.OnHand(1, 1));
        Assert.Equal(0m, book.OnHand(3, 1));
    }

    /// <summary>Every movement kind against every pair of location kinds: the table the ledger enforces.</summary>
    [Fact]
    public void Each_movement_goes_only_between_the_kinds_of_location_it_names()
    {
        var allowed = (from m in Enum.GetValues<MovementKind>()
                       from f in Enum.GetValues<LocationKind>()
                       from t in Enum.GetValues<LocationKind>()
                       where StockRules.Allows(m, f, t)
                       select $"{m}:{f}>{t}").ToHashSet();
        string[] stores = ["CentralWarehouse", "ServiceStation"];
        string[] holding = [.. stores, "PersonalStock"];
        var expected = new HashSet<string>();
        expected.UnionWith(stores.Select(s => $"Receipt:Supplier>{s}"));
        expected.UnionWith(from f in stores from t in stores select $"Transfer:{f}>{t}");
        expected.UnionWith(stores.Select(s => $"Issue:{s}>PersonalStock"));
        expected.UnionWith(stores.Select(s => $"Return:PersonalStock>{s}"));
        expected.UnionWith(holding.Select(h => $"Consumption:{h}>Customer"));
        expected.UnionWith(holding.Select(h => $"Scrap:{h}>Scrap"));
        expected.UnionWith(holding.SelectMany(h => new[] { $"Adjustment:Adjustment>{h}", $"Adjustment:{h}>Adjustment" }));
        Assert.Equal(expected.Order(), allowed.Order());
    }

    [Theory]
    [InlineData(0, "range")]
    [InlineData(-1, "range")]
    [InlineData(0.001, "too_precise")]
    [InlineData(1_000_001, "range")]
    public void A_quantity_is_positive_bounded_and_in_hundredths(decimal quantity, string code)
    {
        var errors = new FieldErrors();
        StockRules.Check(errors, new StockMovement(MovementKind.Receipt, 1, 10, 1, quantity, null), LocationKind.Supplier, LocationKind.CentralWarehouse);
        Assert.Equal(code, Assert.Single(errors.All).Code);
    }

    [Fact]
    public void Scrap_and_adjustments_are_explained()
    {
        var errors = new FieldErrors();
        StockRules.Check(errors, new StockMovement(MovementKind.Scrap, 1, 1, 12, 1m, " "), LocationKind.CentralWarehouse, LocationKind.Scrap);
        Assert.Equal("reason", Assert.Single(errors.All).Field);
    }

    [Fact]
    public void A_price_applies_from_its_day_and_earlier_days_keep_theirs()
    {
        var part = SparePart.Create(new SparePartDetails("P1", "车门气泵", null, "件", null));
        Assert.Null(part.SetPrice(new DateOnly(2026, 1, 1), 380m));
        Assert.Null(part.SetPrice(new DateOnly(2026, 7, 1), 420m));
        Assert.NotNull(part.SetPrice(new DateOnly(2026, 8, 1), -1m));
        Assert.Null(part.PriceOn(new DateOnly(2025, 12, 31)));
        Assert.Equal(380m, part.PriceOn(new DateOnly(2026, 6, 30)));
        Assert.Equal(420m, part.PriceOn(new DateOnly(2026, 7, 1)));
        Assert.Null(part.SetPrice(new DateOnly(2026, 7, 1), 400m)); // the same day's price is corrected, not doubled
        Assert.Equal([380m, 400m], part.Prices.OrderBy(p => p.EffectiveFrom).Select(p => p.UnitPrice));
    }
}
