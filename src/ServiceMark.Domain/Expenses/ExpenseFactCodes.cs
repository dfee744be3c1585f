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
}
