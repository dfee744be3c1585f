using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Budgets;

/// <summary>
/// The department's money facts (issue 14 point 9, plan E): measured on the department as a whole, never on a person, so a
/// plan names them with the department scope.
/// </summary>
public static class BudgetFactCodes
{
    /// <summary>Percent: 费用预算执行偏差率, |actual − budget| ÷ budget of the period's months (<see cref="BudgetDeviation"/>).</summary>
    public const string DeviationRate = "budget_deviation_rate";

    /// <summary>Percent: 成本收入比, the same actual cost ÷ the revenue received (paid service handed over and confirmed, contract payments).</summary>
    public const string CostRevenueRatio = "cost_revenue_ratio";

    /// <summary>The facts only a department has.</summary>
    public static IReadOnlyList<string> DepartmentOnly { get; } = [DeviationRate, CostRevenueRatio];
}

/// <summary>成本收入比: cost ÷ revenue × 100, in percent, rounded once; none when nothing was received.</summary>
public static class CostRevenue
{
    public static decimal? Ratio(decimal cost, decimal revenue) => revenue <= 0m ? null : Rounding.Round(cost * 100m / revenue);
}
