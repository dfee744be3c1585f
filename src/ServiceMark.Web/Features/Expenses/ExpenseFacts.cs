using ServiceMark.Domain.Expenses;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Features.Expenses;

/// <summary>
/// The facts measured on expense claims (issue 14 points 3 and 9), registered with the others: what the person's paid
/// claims charged to tickets. The evidence is the tickets charged; lines without a ticket are the department's, not a ticket's.
/// </summary>
public static class ExpenseFacts
{
    /// <summary>One row per claim line charged to a ticket, of the claims paid in the period, for the claimant.</summary>
    public static FactSource TravelCost { get; } = new("travel_cost", FactEvidenceKind.Ticket, IsSplit: false, (scope, sql) =>
    {
        var (person, filter) = scope switch
        {
            { ByPerson: true } or { People: not null } => (scope.ByPerson ? "c.\"PersonId\"" : "0", $" AND c.\"PersonId\" IN ({scope.PeopleList})"),
            _ => ("0", ""),
        };
        return $"SELECT {person} AS \"PersonKey\", '' AS \"Split\", t.\"Id\" AS \"EvidenceId\", t.\"Number\" AS \"EvidenceNumber\", l.\"Amount\" AS \"AmountFen\" " +
               "FROM \"ExpenseClaims\" c JOIN \"ExpenseClaimLines\" l ON l.\"ClaimId\" = c.\"Id\" JOIN \"ServiceTickets\" t ON t.\"Id\" = l.\"TicketId\" " +
               $"WHERE c.\"Status\" = '{nameof(ExpenseClaimStatus.Paid)}' AND c.\"PaidAtUtc\" >= @from AND c.\"PaidAtUtc\" < @to{filter}";
    });

    /// <summary>Registers the expense facts, after the parts facts in the list.</summary>
    public static FactRegistry AddExpenseFacts(this FactRegistry registry) => registry
        .Add(new(ExpenseFactCodes.TravelCost, 300, TravelCost, new SumOfFen("r.\"AmountFen\""), "CNY",
            "Σ expense lines charged to tickets on the person's claims paid in the period"))
        .Add(new(ExpenseFactCodes.TravelCostPerTicket, 310, TravelCost, new SumOfFenPerRecord("r.\"AmountFen\""), "CNY",
            "travel cost ÷ tickets it was charged to"));
}
