using CsCheck;
using ServiceMark.Domain.Expenses;

namespace ServiceMark.Domain.Tests.Expenses;

/// <summary>单台次服务成本 (issue 14 point 3): labour at the grade's rate, rounded once, and the parts that make the total.</summary>
[Trait("Rule", "R-EXP-1")]
public sealed class TicketCostTests
{
    [Fact]
    public void Labour_is_hours_on_site_times_the_grades_rate_rounded_once()
    {
        // 2 h 20 min on site by a 中级 engineer at ¥80.00 and his 初级 helper at ¥55.50: 186.67 + 129.50 = ¥316.17.
        var minutes = TicketCost.MinutesOnSite(new DateTime(2026, 12, 7, 1, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 7, 3, 20, 59, DateTimeKind.Utc));
        Assert.Equal(140, minutes);
        Assert.Equal(316.17m, TicketCost.LabourOf([(minutes, 80m), (minutes, 55.5m)]));
        Assert.Equal(0, TicketCost.MinutesOnSite(null, DateTime.UtcNow));
        Assert.Equal(0, TicketCost.MinutesOnSite(new DateTime(2026, 12, 7, 3, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 7, 1, 0, 0, DateTimeKind.Utc)));

        var cost = new TicketCost(316.17m, 165m, 686.5m, 200m);
        Assert.Equal(1367.67m, cost.Total);

        // Splitting the same time in stretches costs the same (rounding happens once, on the sum).
        Gen.Select(Gen.Int[1, 600], Gen.Int[1, 600], Gen.Int[1, 100_000]).Sample((a, b, rateFen) =>
        {
            var rate = rateFen / 100m;
            return TicketCost.LabourOf([(a, rate), (b, rate)]) == TicketCost.LabourOf([(a + b, rate)]);
        });
    }

    [Fact]
    public void A_rate_names_both_scheme_and_level_or_neither_and_is_positive_money()
    {
        Assert.True(LabourRate.Create(null, null, 60m).Value!.IsDefault);
        Assert.False(LabourRate.Create("default", "Intermediate", 80m).Value!.IsDefault);
        Assert.Equal(["levelCode"], LabourRate.Create("default", null, 80m).Refusal!.Errors.Select(e => e.Field));
        Assert.Equal(["ratePerHour"], LabourRate.Create(null, null, 0m).Refusal!.Errors.Select(e => e.Field));
        Assert.Equal(["ratePerHour"], LabourRate.Create(null, null, 1.005m).Refusal!.Errors.Select(e => e.Field));
    }

    /// <summary>Plan D's 服务预算执行: 100 − the overspend of the tickets together against their standards.</summary>
    [Fact]
    public void Budget_execution_is_100_less_the_overspend_of_the_tickets_together()
    {
        Assert.Equal(100m, StandardCost.Execution(890.05m, 1_000m)); // under the standards
        Assert.Equal(100m, StandardCost.Execution(1_000m, 1_000m)); // at them
        Assert.Equal(88m, StandardCost.Execution(1_120m, 1_000m)); // 12 % over
        Assert.Equal(66.67m, StandardCost.Execution(400m, 300m)); // 33.33… % over, rounded once
        Assert.Equal(0m, StandardCost.Execution(2_500m, 1_000m)); // 150 % over: no execution left, never below 0
        Assert.Null(StandardCost.Execution(500m, 0m)); // no standard
    }

    [Fact]
    public void Budget_execution_is_between_0_and_100_and_falls_as_the_cost_rises() =>
        Gen.Select(Gen.Int[0, 10_000_000], Gen.Int[0, 10_000_000], Gen.Int[1, 10_000_000]).Sample((a, b, s) =>
        {
            var (low, high, standard) = (Math.Min(a, b) / 100m, Math.Max(a, b) / 100m, s / 100m);
            var (x, y) = (StandardCost.Execution(low, standard)!.Value, StandardCost.Execution(high, standard)!.Value);
            return x is >= 0m and <= 100m && y is >= 0m and <= 100m && x >= y;
        });
}
