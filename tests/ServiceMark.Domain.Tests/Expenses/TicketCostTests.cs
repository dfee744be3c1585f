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
}
