using ServiceMark.Domain.Budgets;
using ServiceMark.Domain.Expenses;
using ServiceMark.Domain.Parts;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Features.Budgets;

/// <summary>
/// The department's money facts (issue 14 point 9, plan E): the budget deviation rate and the cost/revenue ratio, measured on the
/// department as a whole — everyone, or any unit, reads the department's one budget — and on nobody alone. The evidence is the
/// months compared, each opening the year's budget against actual.
/// </summary>
public static class BudgetFacts
{
    /// <summary>
    /// One row per month of the period with what was budgeted ("BudgetFen"), spent ("CostFen": what <see cref="Budgets"/> counts as
    /// actual — approved or paid claim lines by their date, parts written off by the day posted, compensation by the day the work
    /// was completed) and received ("RevenueFen": paid service collected on site and confirmed by finance, by the day collected;
    /// contract payments, by the day received), all in whole fen. A month's budget counts when the period holds its first day.
    /// </summary>
    public static FactSource Months { get; } = new("department_money", FactEvidenceKind.Budget, IsSplit: false, (scope, sql) =>
    {
        if (!scope.IsDepartment)
        {
            return "SELECT 0 AS \"PersonKey\", '' AS \"Split\", 0 AS \"EvidenceId\", '' AS \"EvidenceNumber\", 0 AS \"BudgetFen\", 0 AS \"CostFen\", 0 AS \"RevenueFen\" WHERE 1 = 0";
        }

        var (from, to) = (sql.LocalDate("@from"), sql.LocalDate("@to"));
        var pg = sql.IsPostgres;

        // The budget's lines are its JSON column's elements (camelCase: category, month, amount in yuan).
        var budget = pg
            ? "SELECT make_date(b.\"Year\", CAST(j->>'month' AS integer), 1) AS \"Day\", CAST(ROUND(CAST(j->>'amount' AS numeric) * 100) AS bigint) AS \"BudgetFen\", " +
              "0 AS \"CostFen\", 0 AS \"RevenueFen\" FROM \"DepartmentBudgets\" b CROSS JOIN LATERAL json_array_elements(CAST(b.\"Lines\" AS json)) j " +
              $"WHERE b.\"Year\" BETWEEN CAST(EXTRACT(YEAR FROM {from}) AS integer) AND CAST(EXTRACT(YEAR FROM {to}) AS integer)"
            : "SELECT printf('%04d-%02d-01', b.\"Year\", json_extract(j.value, '$.month')) AS \"Day\", " +
              "CAST(ROUND(json_extract(j.value, '$.amount') * 100) AS INTEGER) AS \"BudgetFen\", 0 AS \"CostFen\", 0 AS \"RevenueFen\" " +
              "FROM \"DepartmentBudgets\" b, json_each(b.\"Lines\") j " +
              $"WHERE b.\"Year\" BETWEEN CAST(strftime('%Y', {from}) AS INTEGER) AND CAST(strftime('%Y', {to}) AS INTEGER)";
        var claims = "SELECT l.\"Date\", 0, l.\"Amount\", 0 FROM \"ExpenseClaimLines\" l JOIN \"ExpenseClaims\" c ON c.\"Id\" = l.\"ClaimId\" " +
                     $"WHERE c.\"Status\" IN ('{nameof(ExpenseClaimStatus.Approved)}', '{nameof(ExpenseClaimStatus.Paid)}') AND l.\"Date\" >= {from} AND l.\"Date\" < {to}";
        var parts = $"SELECT {sql.LocalDate("e.\"PostedAtUtc\"")}, 0, COALESCE(e.\"ValueFen\", 0), 0 FROM \"LedgerEntries\" e " +
                    $"WHERE e.\"Kind\" = '{nameof(MovementKind.Consumption)}' AND e.\"PostedAtUtc\" >= @from AND e.\"PostedAtUtc\" < @to";

        // Compensation is rare: the reports with an amount first, then their tickets by key; only a ticket's current report counts.
        var (amount, nonZero) = pg
            ? ("CAST(ROUND(r.\"CompensationAmount\" * 100) AS bigint)", "r.\"CompensationAmount\" <> 0")
            : ("CAST(ROUND(CAST(r.\"CompensationAmount\" AS REAL) * 100) AS INTEGER)", "CAST(r.\"CompensationAmount\" AS REAL) <> 0");
        var compensation = $"SELECT {sql.LocalDate("t.\"ResolvedAtUtc\"")}, 0, {amount}, 0 FROM \"ServiceReports\" r JOIN \"ServiceTickets\" t ON t.\"Id\" = r.\"TicketId\" " +
                           $"WHERE {nonZero} AND t.\"ResolvedAtUtc\" >= @from AND t.\"ResolvedAtUtc\" < @to AND t.\"Status\" <> '{nameof(TicketStatus.Cancelled)}' " +
                           "AND r.\"Revision\" = (SELECT MAX(x.\"Revision\") FROM \"ServiceReports\" x WHERE x.\"TicketId\" = r.\"TicketId\")";
        var cash = $"SELECT h.\"CollectedOn\", 0, 0, h.\"Amount\" FROM \"CashHandOvers\" h WHERE h.\"Confirmed\" = TRUE AND h.\"CollectedOn\" >= {from} AND h.\"CollectedOn\" < {to}";
        var payments = $"SELECT p.\"ReceivedOn\", 0, 0, p.\"Amount\" FROM \"ContractPayments\" p WHERE p.\"ReceivedOn\" >= {from} AND p.\"ReceivedOn\" < {to}";

        var (key, number) = pg
            ? ("CAST(to_char(m.\"Day\", 'YYYYMM') AS integer)", "to_char(m.\"Day\", 'YYYY-MM')")
            : ("CAST(strftime('%Y%m', m.\"Day\") AS INTEGER)", "strftime('%Y-%m', m.\"Day\")");
        return $"SELECT 0 AS \"PersonKey\", '' AS \"Split\", {key} AS \"EvidenceId\", {number} AS \"EvidenceNumber\", " +
               "SUM(m.\"BudgetFen\") AS \"BudgetFen\", SUM(m.\"CostFen\") AS \"CostFen\", SUM(m.\"RevenueFen\") AS \"RevenueFen\" " +
               $"FROM ({budget} UNION ALL {claims} UNION ALL {parts} UNION ALL {compensation} UNION ALL {cash} UNION ALL {payments}) m " +
               $"WHERE m.\"Day\" >= {from} AND m.\"Day\" < {to} GROUP BY {key}, {number}";
    });

    public static FactRegistry AddBudgetFacts(this FactRegistry registry) => registry
        .Add(new(BudgetFactCodes.DeviationRate, 500, Months, new SumsOfFen("r.\"CostFen\"", "r.\"BudgetFen\"", (actual, budget) => BudgetDeviation.Rate(budget, actual)),
            "percent", "|actual − budget| ÷ budget of the department's months in the period"))
        .Add(new(BudgetFactCodes.CostRevenueRatio, 510, Months, new SumsOfFen("r.\"CostFen\"", "r.\"RevenueFen\"", CostRevenue.Ratio),
            "percent", "the department's actual cost ÷ revenue received (paid service confirmed, contract payments) in the period"));
}
