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

    /// <summary>R-CMP-1: only complaints decided valid and attributable to service count against people (NULL: not decided).</summary>
    public static FactRegistry AddComplaintFacts(this FactRegistry registry) =>
        registry.Add(new(ServiceFactsCalculator.ValidComplaints, 100, Complaints,
            new CountOf("r.\"IsValid\" AND r.\"AttributableToService\"", outOfAll: true), "count", "complaints decided valid and attributable to service"));
}
