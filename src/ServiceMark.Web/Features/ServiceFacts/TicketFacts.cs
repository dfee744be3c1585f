using ServiceMark.Domain.ServiceFacts;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Features.ServiceFacts;

/// <summary>
/// The facts measured on service tickets, as <see cref="ServiceFactsCalculator"/> defines them, and the ticket rows
/// other features' facts join to (surveys). Lives here, not in Features/Tickets, so that the ticket list's code and
/// the facts' code change apart.
/// </summary>
public static class TicketFacts
{
    /// <summary>A ticket per row (per engineer when by person): the period's tickets by ReportedAtUtc, cancelled ones aside.</summary>
    public static FactSource Tickets { get; } = new("tickets", FactEvidenceKind.Ticket, IsSplit: false, (scope, sql) => Rows(scope, sql));

    /// <summary>A ticket's service-level target per row, split by target: each target is its own on-time rate.</summary>
    public static FactSource Targets { get; } = new("targets", FactEvidenceKind.Ticket, IsSplit: true, (scope, sql) =>
        Rows(scope, sql, join: "JOIN \"TicketServiceLevelOutcomes\" o ON o.\"TicketId\" = t.\"Id\"", split: "o.\"Target\"",
            columns: ", o.\"MetAtUtc\", o.\"MetOnTime\""));

    /// <summary>
    /// A ticket per row whose report bears the customer's stamp and was approved: the effective records of seed 002, read by
    /// the stamped reports' index. The engineer ticks the stamp and earns the points, so it counts only once a leader (never
    /// the ticket's engineer) has approved the report and, with it, the stamp on the signature photo.
    /// </summary>
    public static FactSource StampedReports { get; } = new("stamped_reports", FactEvidenceKind.Ticket, IsSplit: false, (scope, sql) =>
        Rows(scope, sql, join: "JOIN \"ServiceReports\" sr ON sr.\"TicketId\" = t.\"Id\" AND sr.\"CustomerStamped\" AND sr.\"ApprovedAtUtc\" IS NOT NULL"));

    /// <summary>
    /// The rows of the tickets in scope, with every ticket column the facts read (all in IX_ServiceTickets_Facts, so
    /// the database reads that index over the period instead of the table) and whether a later ticket reopened it as a
    /// repeat fault (IX_ServiceTickets_OriginalTicketId). By person, a ticket is a row per assigned engineer: the domain
    /// never assigns an engineer twice to a ticket (Dispatch counts repeated ids once; every reassignment replaces the
    /// list), so no DISTINCT is needed.
    /// </summary>
    public static string Rows(FactScope scope, FactSql sql, string join = "", string split = "''", string columns = "")
    {
        var (person, assigned, filter) = scope switch
        {
            { ByPerson: true } => ("a.\"EngineerId\"",
                // Many people: "+ 0" keeps SQLite from starting at the engineers' index, which would read every ticket
                // they ever had (four times a quarter's) to keep the period's; a few people: their index is the shorter walk.
                $"JOIN \"TicketAssignments\" a ON a.\"TicketId\" = t.\"Id\" AND a.\"EngineerId\"{(scope.People!.Count > 20 ? " + 0" : "")} IN ({scope.PeopleList}) ",
                ""),
            // A few people: from their assignments to the tickets. A department: the period's tickets, each asked whether
            // one of them had it (IN (SELECT …) would read every ticket the department ever had, by primary key).
            { People.Count: <= 20 } => ("0", "",
                $" AND t.\"Id\" IN (SELECT a.\"TicketId\" FROM \"TicketAssignments\" a WHERE a.\"EngineerId\" IN ({scope.PeopleList}))"),
            { People: not null } => ("0", "",
                // "+ 0": SQLite would otherwise probe the (TicketId, EngineerId) index once per person for every ticket
                // (a department's month at 1 M tickets: 30 s); this way it reads the ticket's few assignments and looks
                // each up in the list.
                $" AND EXISTS (SELECT 1 FROM \"TicketAssignments\" a WHERE a.\"TicketId\" = t.\"Id\" AND a.\"EngineerId\" + 0 IN ({scope.PeopleList}))"),
            _ => ("0", "", ""),
        };
        return $"SELECT {person} AS \"PersonKey\", {split} AS \"Split\", t.\"Id\" AS \"EvidenceId\", t.\"Number\" AS \"EvidenceNumber\", " +
               "t.\"ReportedAtUtc\", t.\"FirstResponseAtUtc\", t.\"ArrivedAtUtc\", t.\"ResolvedAtUtc\", t.\"ClosedAtUtc\", t.\"ReportSignedAtUtc\", " +
               "t.\"Status\", t.\"OriginalTicketId\", t.\"RemoteMethod\", " + Durations(sql) +
               "EXISTS (SELECT 1 FROM \"ServiceTickets\" x WHERE x.\"OriginalTicketId\" = t.\"Id\") AS \"WasReopened\"" + columns +
               $" FROM \"ServiceTickets\" t {assigned}{join} " +
               $"WHERE t.\"ReportedAtUtc\" >= @from AND t.\"ReportedAtUtc\" < @to AND t.\"Status\" <> '{nameof(TicketStatus.Cancelled)}'{filter}";
    }

    /// <summary>
    /// The ticket's durations in ticks, as the columns "ResponseTicks", "ArrivalTicks", "ResolutionTicks" and
    /// "ReportDelayTicks" (NULL until the later instant is set): SQLite reads its generated columns from the facts index
    /// (<see cref="TicketFactColumns"/>); PostgreSQL subtracts its timestamps (exact to the microsecond).
    /// </summary>
    private static string Durations(FactSql sql) => string.Concat(TicketFactColumns.Durations.Select(d => sql.IsPostgres
        ? $"CAST(EXTRACT(EPOCH FROM (t.\"{d.To}\" - t.\"{d.From}\")) * {TimeSpan.TicksPerSecond} AS bigint) AS \"{d.Name}\", "
        : $"t.\"{d.Name}\", "));

    /// <summary>Registers the ticket facts, in the calculator's order (repeat faults last, after the complaints).</summary>
    public static FactRegistry AddTicketFacts(this FactRegistry registry)
    {
        const string closed = "r.\"ClosedAtUtc\" IS NOT NULL";
        return registry
            .Add(new(ServiceFactsCalculator.TicketsHandled, 10, Tickets, new CountOf(closed), "count", "tickets closed in the period"))
            .Add(new(ServiceFactsCalculator.AverageResponseHours, 20, Tickets, new MeanHours($"r.\"{TicketFactColumns.ResponseTicks}\""), "hours",
                "mean of (first response − reported)"))
            .Add(new(ServiceFactsCalculator.AverageArrivalHours, 30, Tickets, new MeanHours($"r.\"{TicketFactColumns.ArrivalTicks}\""), "hours",
                "mean of (arrival on site − reported)"))
            .Add(new(ServiceFactsCalculator.AverageResolutionHours, 40, Tickets, new MeanHours($"r.\"{TicketFactColumns.ResolutionTicks}\""), "hours",
                "mean of (resolved − reported)"))
            // A target not met yet names the fact (the split exists) but is not in its population.
            .Add(new(ServiceFactsCalculator.OnTimeRate, 50, Targets, new RateOf("r.\"MetAtUtc\" IS NOT NULL", "r.\"MetOnTime\""), "percent",
                "{split} targets met on time ÷ {split} targets met"))
            .Add(new(ServiceFactsCalculator.FirstTimeFixRate, 60, Tickets, new RateOf(closed, "NOT r.\"WasReopened\""), "percent",
                "closed tickets not reopened as a repeat fault ÷ closed tickets"))
            .Add(new(ServiceFactsCalculator.FollowUpRate, 70, Tickets, new RateOf(closed, $"r.\"Status\" = '{nameof(TicketStatus.FollowedUp)}'"), "percent",
                "closed tickets followed up ÷ closed tickets"))
            .Add(new(ServiceFactsCalculator.ReportOnTimeRate, 80, Tickets,
                // Rows without a signature: "IS NOT NULL AND …" is false, never NULL, so NOT (…) lists them as evidence.
                // The deadline is the department policy's (FactSql), inlined as a number of ticks: an integer, nothing to inject.
                new RateOf(_ => "r.\"ResolvedAtUtc\" IS NOT NULL",
                    sql => $"r.\"{TicketFactColumns.ReportDelayTicks}\" IS NOT NULL AND r.\"{TicketFactColumns.ReportDelayTicks}\" <= {sql.ReportDeadline.Ticks}"),
                "percent", $"reports signed within {FactSql.ReportDeadlineHours} h of resolution ÷ resolved tickets"))
            .Add(new(ServiceFactsCalculator.RemoteResolutions, 82, Tickets,
                new CountOf("r.\"ResolvedAtUtc\" IS NOT NULL AND r.\"RemoteMethod\" IS NOT NULL"), "count", "tickets resolved by phone or remote connection"))
            .Add(new(ServiceFactsCalculator.RemoteResolutionShare, 84, Tickets,
                new ShareOf("r.\"ResolvedAtUtc\" IS NOT NULL", "r.\"RemoteMethod\" IS NOT NULL"), "percent", "tickets resolved remotely ÷ tickets resolved"))
            .Add(new(ServiceFactsCalculator.StampedReports, 86, StampedReports, new CountOf("r.\"EvidenceId\" IS NOT NULL"), "count",
                "approved reports bearing the customer's stamp"))
            .Add(new(ServiceFactsCalculator.RepeatFaults, 120, Tickets, new CountOf("r.\"OriginalTicketId\" IS NOT NULL"), "count",
                "tickets that reopen an earlier ticket as a repeat fault"));
    }
}
