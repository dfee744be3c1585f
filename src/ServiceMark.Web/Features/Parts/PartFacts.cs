using ServiceMark.Domain.Parts;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Features.Parts;

/// <summary>
/// The facts measured on the parts trail (issue 13 point 8), registered with the others: what the engineers' stock gave to
/// signed reports, and how the old parts came back and were dealt with. The evidence of each is the tickets behind it.
/// </summary>
public static class PartFacts
{
    /// <summary>
    /// One row per consumption entry (销帐) posted in the period against a ticket, for the engineer whose personal stock it
    /// left (the location's person); a station's store has no person and counts for people together only.
    /// </summary>
    public static FactSource Consumption { get; } = new("consumption", FactEvidenceKind.Ticket, IsSplit: false, (scope, sql) =>
    {
        var (person, filter) = scope switch
        {
            { ByPerson: true } or { People: not null } => (scope.ByPerson ? "l.\"PersonId\"" : "0", $" AND l.\"PersonId\" IN ({scope.PeopleList})"),
            _ => ("0", ""),
        };
        return $"SELECT {person} AS \"PersonKey\", '' AS \"Split\", t.\"Id\" AS \"EvidenceId\", t.\"Number\" AS \"EvidenceNumber\", e.\"ValueFen\" " +
               "FROM \"LedgerEntries\" e JOIN \"StockLocations\" l ON l.\"Id\" = e.\"FromLocationId\" " +
               "JOIN \"ServiceTickets\" t ON t.\"Id\" = e.\"DocumentId\" " +
               $"WHERE e.\"Kind\" = '{nameof(MovementKind.Consumption)}' AND e.\"DocumentType\" = '{nameof(ServiceTicket)}' " +
               $"AND e.\"PostedAtUtc\" >= @from AND e.\"PostedAtUtc\" < @to{filter}";
    });

    /// <summary>One row per old part created (its report signed) in the period, for the engineer who must bring it back.</summary>
    public static FactSource Returns { get; } = new("old_part_returns", FactEvidenceKind.Ticket, IsSplit: false, (scope, sql) =>
        OldPartRows(scope, sql, "EngineerId", "CreatedAtUtc"));

    /// <summary>One row per old part inspected in the period, for the person who inspected it.</summary>
    public static FactSource Inspections { get; } = new("old_part_inspections", FactEvidenceKind.Ticket, IsSplit: false, (scope, sql) =>
        OldPartRows(scope, sql, "InspectedById", "InspectedAtUtc"));

    /// <summary>One row per old part disposed of in the period, for the person who disposed of it.</summary>
    public static FactSource Disposals { get; } = new("old_part_disposals", FactEvidenceKind.Ticket, IsSplit: false, (scope, sql) =>
        OldPartRows(scope, sql, "DisposedById", "DisposedAtUtc"));

    /// <summary>
    /// The old parts whose <paramref name="when"/> falls in the period, keyed by <paramref name="who"/>, with 0/1 columns the
    /// measures read: Decided (back, or overdue as of today), OnTime (back by the due day), Overdue, Inspected/DisposedOnTime.
    /// </summary>
    private static string OldPartRows(FactScope scope, FactSql sql, string who, string when)
    {
        var (person, filter) = scope switch
        {
            { ByPerson: true } or { People: not null } => (scope.ByPerson ? $"o.\"{who}\"" : "0", $" AND o.\"{who}\" IN ({scope.PeopleList})"),
            _ => ("0", ""),
        };
        const string awaiting = nameof(OldPartStatus.AwaitingReturn);
        var overdue = $"o.\"Status\" = '{awaiting}' AND o.\"DueOn\" < {sql.TodayLiteral}";
        return $"SELECT {person} AS \"PersonKey\", '' AS \"Split\", t.\"Id\" AS \"EvidenceId\", t.\"Number\" AS \"EvidenceNumber\", " +
               $"CASE WHEN o.\"Status\" <> '{awaiting}' OR ({overdue}) THEN 1 ELSE 0 END AS \"Decided\", " +
               $"CASE WHEN {overdue} THEN 1 ELSE 0 END AS \"Overdue\", " +
               $"{Flag("ReturnedOnTime")} AS \"OnTime\", {Flag("InspectedOnTime")} AS \"InspectedOnTime\", {Flag("DisposedOnTime")} AS \"DisposedOnTime\" " +
               "FROM \"OldParts\" o JOIN \"ServiceTickets\" t ON t.\"Id\" = o.\"TicketId\" " +
               $"WHERE o.\"{when}\" >= @from AND o.\"{when}\" < @to{filter}";
    }

    /// <summary>One row per claim the person raised in the period, cancelled ones aside.</summary>
    public static FactSource ClaimsRaised { get; } = new("claims_raised", FactEvidenceKind.Ticket, IsSplit: false, (scope, sql) =>
        ClaimRows(scope, $"c.\"RaisedAtUtc\" >= @from AND c.\"RaisedAtUtc\" < @to AND c.\"Status\" <> '{nameof(ClaimStatus.Cancelled)}'"));

    /// <summary>One row per claim of the person closed in the period: settled (by its settlement) or rejected (by the answer).</summary>
    public static FactSource ClaimsClosed { get; } = new("claims_closed", FactEvidenceKind.Ticket, IsSplit: false, (scope, sql) =>
        ClaimRows(scope, $"((c.\"Status\" = '{nameof(ClaimStatus.Settled)}' AND c.\"SettledAtUtc\" >= @from AND c.\"SettledAtUtc\" < @to) " +
                         $"OR (c.\"Status\" = '{nameof(ClaimStatus.Rejected)}' AND c.\"DecidedAtUtc\" >= @from AND c.\"DecidedAtUtc\" < @to))"));

    private static string ClaimRows(FactScope scope, string where)
    {
        var (person, filter) = scope switch
        {
            { ByPerson: true } or { People: not null } => (scope.ByPerson ? "c.\"RaisedById\"" : "0", $" AND c.\"RaisedById\" IN ({scope.PeopleList})"),
            _ => ("0", ""),
        };
        return $"SELECT {person} AS \"PersonKey\", '' AS \"Split\", t.\"Id\" AS \"EvidenceId\", t.\"Number\" AS \"EvidenceNumber\", " +
               "c.\"ClaimAmount\", c.\"RecoveredAmount\" FROM \"SupplierClaims\" c JOIN \"ServiceTickets\" t ON t.\"Id\" = c.\"TicketId\" " +
               $"WHERE {where}{filter}";
    }

    /// <summary>A nullable boolean column as 1 (true) or 0 (false or not yet decided), the same on both providers.</summary>
    private static string Flag(string column) => $"CASE WHEN o.\"{column}\" IS NOT NULL AND o.\"{column}\" THEN 1 ELSE 0 END";

    /// <summary>Registers the parts facts, after the ticket and complaint facts in the list.</summary>
    public static FactRegistry AddPartFacts(this FactRegistry registry) => registry
        .Add(new(PartFactCodes.PartsCost, 200, Consumption, new SumOfFen("r.\"ValueFen\""), "CNY",
            "Σ quantity × unit price of the catalogue parts written off against signed reports from the person's stock"))
        .Add(new(PartFactCodes.PartsCostPerTicket, 210, Consumption, new SumOfFenPerRecord("r.\"ValueFen\""), "CNY",
            "parts cost ÷ tickets the parts were written off against"))
        .Add(new(PartFactCodes.OldPartReturnRate, 220, Returns, new RateOf("r.\"Decided\" = 1", "r.\"OnTime\" = 1"), "percent",
            "old parts back by their due day ÷ old parts back or overdue (created in the period)"))
        .Add(new(PartFactCodes.OldPartsOverdue, 230, Returns, new CountOf("r.\"Overdue\" = 1"), "count",
            "old parts created in the period and not back after their due day"))
        .Add(new(PartFactCodes.OldPartInspectionOnTimeRate, 240, Inspections, new RateOf("1 = 1", "r.\"InspectedOnTime\" = 1"), "percent",
            $"old parts inspected within {OldPart.InspectionDays} days of their return ÷ old parts inspected"))
        .Add(new(PartFactCodes.OldPartDisposalOnTimeRate, 250, Disposals, new RateOf("1 = 1", "r.\"DisposedOnTime\" = 1"), "percent",
            $"old parts disposed of within {OldPart.DisposalDays} days of their inspection ÷ old parts disposed of"))
        .Add(new(PartFactCodes.WarrantyClaimsRaised, 260, ClaimsRaised, new CountOf("1 = 1"), "count", "secondary claims raised to suppliers"))
        .Add(new(PartFactCodes.WarrantyRecoveredAmount, 270, ClaimsClosed, new SumOfFen("r.\"RecoveredAmount\""), "CNY",
            "Σ amounts recovered on claims settled"))
        .Add(new(PartFactCodes.WarrantyRecoveryRate, 280, ClaimsClosed, new RatioOfFen("r.\"RecoveredAmount\"", "r.\"ClaimAmount\""), "percent",
            "Σ recovered ÷ Σ claimed, claims settled or rejected"));
}
