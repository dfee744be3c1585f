using ServiceMark.Domain.Installations;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Features.Installations;

/// <summary>
/// The fact measured on installation plans (issue 14 points 6 and 9): the plans the person leads that were to finish in the period,
/// and whether the customer signed their commissioning report by the planned finish. The evidence is the plans.
/// </summary>
public static class InstallationFacts
{
    /// <summary>
    /// One row per plan (not cancelled) to finish in the period before today, and whether its ticket's report was signed (local day)
    /// by the planned finish; a plan to finish today or later cannot be judged late yet.
    /// </summary>
    public static FactSource Planned { get; } = new("installations_planned", FactEvidenceKind.Installation, IsSplit: false, (scope, sql) =>
    {
        var (person, filter) = scope switch
        {
            { ByPerson: true } or { People: not null } => (scope.ByPerson ? "p.\"ResponsiblePersonId\"" : "0", $" AND p.\"ResponsiblePersonId\" IN ({scope.PeopleList})"),
            _ => ("0", ""),
        };
        return $"SELECT {person} AS \"PersonKey\", '' AS \"Split\", p.\"Id\" AS \"EvidenceId\", {sql.PrefixedNumber("AZ", "p.\"Id\"")} AS \"EvidenceNumber\", " +
               $"CASE WHEN t.\"ReportSignedAtUtc\" IS NOT NULL AND {sql.LocalDate("t.\"ReportSignedAtUtc\"")} <= p.\"PlannedFinish\" THEN 1 ELSE 0 END AS \"Done\" " +
               "FROM \"InstallationPlans\" p LEFT JOIN \"ServiceTickets\" t ON t.\"Id\" = p.\"TicketId\" " +
               $"WHERE p.\"PlannedFinish\" >= {sql.LocalDate("@from")} AND p.\"PlannedFinish\" < {sql.LocalDate("@to")} AND p.\"PlannedFinish\" < {sql.TodayLiteral} " +
               $"AND p.\"Status\" <> '{nameof(InstallationStatus.Cancelled)}'{filter}";
    });

    public static FactRegistry AddInstallationFacts(this FactRegistry registry) => registry
        .Add(new(InstallationFactCodes.PlanCompletion, 600, Planned, new RateOf("1 = 1", "r.\"Done\" = 1"), "percent",
            "installation plans commissioned by their planned finish ÷ plans to finish in the period (up to today)"));
}
