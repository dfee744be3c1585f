namespace ServiceMark.Domain.Expenses;

/// <summary>
/// The service facts measured on expense claims (issue 14 points 3 and 9), by the codes plans name. Their SQL is registered
/// by the web layer's ExpenseFacts with the others.
/// </summary>
public static class ExpenseFactCodes
{
    /// <summary>CNY: Σ the lines charged to tickets of the person's claims paid in the period.</summary>
    public const string TravelCost = "travel_cost";

    /// <summary>CNY: <see cref="TravelCost"/> ÷ the tickets it was charged to.</summary>
    public const string TravelCostPerTicket = "travel_cost_per_ticket";

    /// <summary>CNY: Σ the cost (labour, parts, travel, compensation) of the person's tickets closed among those reported in the period.</summary>
    public const string ServiceCost = "service_cost";

    /// <summary>CNY: <see cref="ServiceCost"/> ÷ those tickets.</summary>
    public const string ServiceCostPerTicket = "service_cost_per_ticket";

    /// <summary>Count: those tickets whose cost went above the standard of their job type (<see cref="StandardCost"/>).</summary>
    public const string CostOverruns = "cost_overruns";

    /// <summary>
    /// Percent: 服务预算执行 of plan D, 100 − the overspend of the person's closed tickets against the standards of their job types
    /// (<see cref="StandardCost.Execution"/>), over the tickets that have a standard.
    /// </summary>
    public const string ServiceBudgetExecution = "service_budget_execution";
}
