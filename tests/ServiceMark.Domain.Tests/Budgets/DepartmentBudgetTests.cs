using ServiceMark.Domain.Budgets;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Tests.Budgets;

[Trait("Rule", "R-EXP-1")]
public sealed class DepartmentBudgetTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_deviation_rate_is_the_distance_from_the_budget_in_percent_rounded_once()
    {
        // ¥12 000.00 budgeted for travel in March, ¥13 530.00 spent: |13 530 − 12 000| ÷ 12 000 = 12.75 %.
        Assert.Equal(12.75m, BudgetDeviation.Rate(12_000m, 13_530m));
        // Under budget counts the same way: ¥9 000.00 of ¥12 000.00 is 25 % off.
        Assert.Equal(25m, BudgetDeviation.Rate(12_000m, 9_000m));
        // 1 ÷ 3 of a percent: 0.333… rounds once to 0.33.
        Assert.Equal(0.33m, BudgetDeviation.Rate(300m, 301m));
        Assert.Equal(0m, BudgetDeviation.Rate(500m, 500m));
        Assert.Null(BudgetDeviation.Rate(0m, 120m));

        // A quarter is judged on its sums, not on the months' rates: (10 000 + 10 000 + 10 000) against 9 000 + 11 000 + 13 000.
        var budget = BudgetDeviation.MonthsOf(1).Sum(_ => 10_000m);
        Assert.Equal([1, 2, 3], BudgetDeviation.MonthsOf(1));
        Assert.Equal(10m, BudgetDeviation.Rate(budget, 9_000m + 11_000m + 13_000m));
    }

    [Fact]
    public void A_revision_keeps_the_budget_it_replaces_and_needs_a_reason()
    {
        var budget = DepartmentBudget.Create(2027, [new(BudgetCategory.Travel, 1, 12_000m), new(BudgetCategory.Parts, 1, 0m)], null, 5, "head", Now).Value!;
        Assert.Equal((1, 12_000m, 0m), (budget.Revision, budget.Amount(BudgetCategory.Travel, 1), budget.Amount(BudgetCategory.Parts, 1)));
        Assert.Single(budget.Lines); // zeros are not stored

        Assert.Equal(["reason"], budget.Revise([new(BudgetCategory.Travel, 1, 15_000m)], " ", 5, "head", Now).Refusal!.Errors.Select(e => e.Field));
        Assert.Equal(1, budget.Revision);
        var previous = budget.Revise([new(BudgetCategory.Travel, 1, 15_000m)], "新增巡检线路", 5, "head", Now.AddDays(1)).Value!;
        Assert.Equal((1, 12_000m), (previous.Revision, previous.Lines.Single().Amount));
        Assert.Equal((2, 15_000m, "新增巡检线路"), (budget.Revision, budget.Amount(BudgetCategory.Travel, 1), budget.Reason));
    }

    [Fact]
    public void Bad_lines_name_their_field_and_change_nothing()
    {
        var refused = DepartmentBudget.Create(1999, [
            new(BudgetCategory.Travel, 13, 1m), new((BudgetCategory)99, 1, 1m), new(BudgetCategory.Lodging, 2, -1m), new(BudgetCategory.Lodging, 3, 0.001m),
            new(BudgetCategory.Freight, 4, 1m), new(BudgetCategory.Freight, 4, 2m), new(BudgetCategory.Other, 5, Amounts.MaxMoney + 1m),
        ], null, 5, "head", Now).Refusal!;
        Assert.Equal(["year", "lines[0].month", "lines[1].category", "lines[2].amount", "lines[3].amount", "lines[5].month", "lines[6].amount"],
            refused.Errors.Select(e => e.Field));
        Assert.Equal(["lines"], DepartmentBudget.Create(2027, null, null, 5, "head", Now).Refusal!.Errors.Select(e => e.Field));

        var budget = DepartmentBudget.Create(2027, [new(BudgetCategory.Travel, 1, 100m)], null, 5, "head", Now).Value!;
        Assert.NotNull(budget.Revise([new(BudgetCategory.Travel, 0, 100m)], "改", 5, "head", Now).Refusal);
        Assert.Equal((1, 100m), (budget.Revision, budget.Amount(BudgetCategory.Travel, 1)));
    }

    [Fact]
    public void The_cost_revenue_ratio_is_cost_per_hundred_of_revenue_rounded_once_and_none_without_revenue()
    {
        Assert.Equal(62.5m, CostRevenue.Ratio(25_000m, 40_000m));
        Assert.Equal(33.33m, CostRevenue.Ratio(100m, 300m)); // 33.333… rounded once
        Assert.Equal(150m, CostRevenue.Ratio(1_500m, 1_000m)); // spending more than was received
        Assert.Equal(0m, CostRevenue.Ratio(0m, 1_000m));
        Assert.Null(CostRevenue.Ratio(1_000m, 0m));
    }
}
