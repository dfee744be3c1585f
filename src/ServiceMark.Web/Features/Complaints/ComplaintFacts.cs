using ServiceMark.Domain.Complaints;
using ServiceMark.Domain.ServiceFacts;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Features.Complaints;

/// <summary>The facts measured on complaints about the people in scope, by the day the complaint was received.</summary>
public static class ComplaintFacts
{
    /// <summary>Every complaint received in the period about someone in scope (everyone: every complaint).</summary>
    public static FactSource Complaints { get; } = new("complaints", FactEvidenceKind.Complaint, IsSplit: false, (scope, sql) =>
    {
        var (person, filter) = scope switch
        {
            { ByPerson: true } or { People: not null } => (scope.ByPerson ? "c.\"EngineerPersonId\"" : "0", $" AND c.\"EngineerPersonId\" IN ({scope.PeopleList})"),
            _ => ("0", ""),
        };
        return $"SELECT {person} AS \"PersonKey\", '' AS \"Split\", c.\"Id\" AS \"EvidenceId\", CAST(NULL AS TEXT) AS \"EvidenceNumber\", " +
               "c.\"IsValid\", c.\"AttributableToService\" " +
               $"FROM \"Complaints\" c WHERE c.\"ReceivedAtUtc\" >= @from AND c.\"ReceivedAtUtc\" < @to{filter}";
    });

    /// <summary>
    /// 客户投诉率 (plan E): the period's tickets of the people in scope (<see cref="TicketFacts.Rows"/>: each once together) and the
    /// complaints about them that count (valid and attributable to service), one row each, told apart by "IsComplaint".
    /// </summary>
    public static FactSource ComplaintsAndTickets { get; } = new("complaints_and_tickets", FactEvidenceKind.Complaint, IsSplit: false, (scope, sql) =>
        "SELECT x.\"PersonKey\", x.\"Split\", x.\"EvidenceId\", x.\"EvidenceNumber\", 0 AS \"IsComplaint\" " +
        $"FROM ({TicketFacts.Rows(scope, sql)}) x UNION ALL " +
        "SELECT c.\"PersonKey\", c.\"Split\", c.\"EvidenceId\", c.\"EvidenceNumber\", 1 " +
        $"FROM ({Complaints.Rows(scope, sql)}) c WHERE c.\"IsValid\" AND c.\"AttributableToService\"");

    /// <summary>R-CMP-1: only complaints decided valid and attributable to service count against people (NULL: not decided).</summary>
    public static FactRegistry AddComplaintFacts(this FactRegistry registry) =>
        registry.Add(new(ServiceFactsCalculator.ValidComplaints, 100, Complaints,
            new CountOf("r.\"IsValid\" AND r.\"AttributableToService\"", outOfAll: true), "count", "complaints decided valid and attributable to service"))
        .Add(new(ComplaintFactCodes.ComplaintRate, 105, ComplaintsAndTickets, new PerHundredOf("r.\"IsComplaint\" = 1", "r.\"IsComplaint\" = 0"), "percent",
            "valid complaints attributable to service ÷ tickets reported in the period"));
}
