using ServiceMark.Domain.Expenses;
using ServiceMark.Domain.Parts;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Features.ServiceFacts;
using ServiceMark.Web.Features.Tickets;

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

    /// <summary>
    /// The tickets of <see cref="TicketFacts.Rows"/> with, once closed, their cost in fen ("CostFen") as <see cref="TicketCosts"/>
    /// reads it — labour at the rate of the grade each engineer held on the day the work was completed, rounded once per ticket;
    /// the ledger's consumption; lines of approved or paid claims; the current report's compensation — and the standard of their
    /// job type ("StandardFen", NULL when none is set). The cost is read for closed tickets only, whose records are complete.
    /// </summary>
    /// <remarks>
    /// The rows end in an OFFSET, which both providers take as a fence: without it the aggregate around them is flattened into
    /// one query and the cost — four correlated sums — is computed once for every column that names it (five, 1.8 s for a
    /// department's month at 1 M tickets) instead of once per row.
    /// </remarks>
    public static FactSource TicketCost { get; } = new("ticket_cost", FactEvidenceKind.Ticket, IsSplit: false, (scope, sql) =>
        TicketFacts.Rows(scope, sql, join: "LEFT JOIN \"StandardCosts\" sc ON sc.\"JobType\" = t.\"FaultCategory\"",
            columns: $", CASE WHEN t.\"ClosedAtUtc\" IS NOT NULL THEN {CostFen(sql)} END AS \"CostFen\", sc.\"Amount\" AS \"StandardFen\"")
        + (sql.IsPostgres ? " OFFSET 0" : " LIMIT -1 OFFSET 0"));

    /// <summary>A ticket's cost in whole fen, as SQL over the ticket <c>t</c>; each part is a sum over the ticket's own rows, by index.</summary>
    private static string CostFen(FactSql sql)
    {
        string Bigint(string e) => sql.IsPostgres ? $"CAST({e} AS bigint)" : e;
        var onSite = sql.IsPostgres
            ? "CAST(FLOOR(EXTRACT(EPOCH FROM (t.\"ResolvedAtUtc\" - t.\"ArrivedAtUtc\")) / 60) AS bigint)"
            : $"((t.\"{TicketFactColumns.ResolutionTicks}\" - t.\"{TicketFactColumns.ArrivalTicks}\") / {TimeSpan.TicksPerMinute})";
        var minutes = $"(CASE WHEN t.\"ArrivedAtUtc\" IS NOT NULL AND t.\"ResolvedAtUtc\" > t.\"ArrivedAtUtc\" THEN {onSite} ELSE 0 END)";
        // The grade held on the completion day, then its rate (NULL when it has none, so the department's rate applies).
        var rate = "COALESCE((SELECT lr.\"RatePerHour\" FROM \"PersonGrades\" g LEFT JOIN \"LabourRates\" lr ON lr.\"SchemeCode\" = g.\"SchemeCode\" " +
                   $"AND lr.\"LevelCode\" = g.\"LevelCode\" WHERE g.\"PersonId\" = a2.\"EngineerId\" AND g.\"EffectiveFrom\" <= {sql.LocalDate("t.\"ResolvedAtUtc\"")} " +
                   "ORDER BY g.\"EffectiveFrom\" DESC LIMIT 1), " +
                   "(SELECT d.\"RatePerHour\" FROM \"LabourRates\" d WHERE d.\"SchemeCode\" = ''), 0)";

        // Σ minutes × rate in fen per hour is 60 × the labour in fen: + 30 then ÷ 60 rounds it half away from zero (it is never negative).
        var labour = $"(({Bigint($"(SELECT COALESCE(SUM({minutes} * {rate}), 0) FROM \"TicketAssignments\" a2 WHERE a2.\"TicketId\" = t.\"Id\")")} + 30) / 60)";
        var parts = Bigint("(SELECT COALESCE(SUM(e.\"ValueFen\"), 0) FROM \"LedgerEntries\" e " +
                           $"WHERE e.\"DocumentType\" = '{nameof(ServiceTicket)}' AND e.\"DocumentId\" = t.\"Id\" AND e.\"Kind\" = '{nameof(MovementKind.Consumption)}')");
        var travel = Bigint("(SELECT COALESCE(SUM(l.\"Amount\"), 0) FROM \"ExpenseClaimLines\" l JOIN \"ExpenseClaims\" c ON c.\"Id\" = l.\"ClaimId\" " +
                            $"WHERE l.\"TicketId\" = t.\"Id\" AND c.\"Status\" IN ('{nameof(ExpenseClaimStatus.Approved)}', '{nameof(ExpenseClaimStatus.Paid)}'))");

        // Compensation is stored as a decimal (text on SQLite): × 100 and rounded, whole fen at two decimals.
        var fen = sql.IsPostgres ? "CAST(ROUND(r.\"CompensationAmount\" * 100) AS bigint)" : "CAST(ROUND(CAST(r.\"CompensationAmount\" AS REAL) * 100) AS INTEGER)";
        var compensation = $"COALESCE((SELECT {fen} FROM \"ServiceReports\" r WHERE r.\"TicketId\" = t.\"Id\" ORDER BY r.\"Revision\" DESC LIMIT 1), 0)";
        return $"({labour} + {parts} + {travel} + {compensation})";
    }

    /// <summary>Registers the expense facts, after the parts facts in the list.</summary>
    public static FactRegistry AddExpenseFacts(this FactRegistry registry) => registry
        .Add(new(ExpenseFactCodes.TravelCost, 300, TravelCost, new SumOfFen("r.\"AmountFen\""), "CNY",
            "Σ expense lines charged to tickets on the person's claims paid in the period"))
        .Add(new(ExpenseFactCodes.TravelCostPerTicket, 310, TravelCost, new SumOfFenPerRecord("r.\"AmountFen\""), "CNY",
            "travel cost ÷ tickets it was charged to"))
        .Add(new(ExpenseFactCodes.ServiceCost, 320, TicketCost, new SumOfFen("r.\"CostFen\""), "CNY",
            "Σ cost (labour, parts, travel, compensation) of the person's closed tickets reported in the period"))
        .Add(new(ExpenseFactCodes.ServiceCostPerTicket, 330, TicketCost, new SumOfFenPerRecord("r.\"CostFen\""), "CNY",
            "service cost ÷ closed tickets"))
        .Add(new(ExpenseFactCodes.CostOverruns, 340, TicketCost, new CountOf("r.\"CostFen\" > r.\"StandardFen\""), "count",
            "closed tickets that cost more than the standard of their job type"))
        .Add(new(ExpenseFactCodes.ServiceBudgetExecution, 350, TicketCost,
            new SumsOfFen("r.\"CostFen\"", "r.\"StandardFen\"", StandardCost.Execution, "r.\"CostFen\" IS NOT NULL AND r.\"StandardFen\" IS NOT NULL", EvidenceAbove: true),
            "percent", "100 − (Σ cost − Σ standard) ÷ Σ standard of the person's closed tickets with a standard, when above it"));
}
