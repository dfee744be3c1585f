using ServiceMark.Domain.Contracts;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Features.Contracts;

/// <summary>
/// The facts measured on maintenance contracts (issue 14 points 5 and 9), registered with the others: the amount of the
/// contracts a person answers for, by the day they were signed, and how much of what fell due was paid on time. The evidence
/// is the contracts. A contract counts once it was put in force (a draft or a cancelled one is no business yet).
/// </summary>
public static class ContractFacts
{
    private static readonly string InForce = $"c.\"Status\" IN ('{nameof(ContractStatus.Active)}', '{nameof(ContractStatus.Terminated)}')";

    private static (string Person, string Filter) Person(FactScope scope) => scope switch
    {
        { ByPerson: true } or { People: not null } => (scope.ByPerson ? "c.\"ResponsiblePersonId\"" : "0", $" AND c.\"ResponsiblePersonId\" IN ({scope.PeopleList})"),
        _ => ("0", ""),
    };

    /// <summary>One row per contract in force signed in the period (local dates), for the person answering for it.</summary>
    public static FactSource SignedContracts { get; } = new("contracts_signed", FactEvidenceKind.Contract, IsSplit: false, (scope, sql) =>
    {
        var (person, filter) = Person(scope);
        return $"SELECT {person} AS \"PersonKey\", '' AS \"Split\", c.\"Id\" AS \"EvidenceId\", c.\"Number\" AS \"EvidenceNumber\", c.\"Amount\" AS \"AmountFen\" " +
               $"FROM \"MaintenanceContracts\" c WHERE {InForce} AND c.\"SignedOn\" >= {sql.LocalDate("@from")} AND c.\"SignedOn\" < {sql.LocalDate("@to")}{filter}";
    });

    /// <summary>
    /// One row per instalment of a contract in force that fell due in the period before today, with the money paid on it by its
    /// due date ("OnTimeFen"); an instalment not yet due cannot be judged late yet, so it waits for a later query.
    /// </summary>
    public static FactSource Due { get; } = new("instalments_due", FactEvidenceKind.Contract, IsSplit: false, (scope, sql) =>
    {
        var (person, filter) = Person(scope);
        return $"SELECT {person} AS \"PersonKey\", '' AS \"Split\", c.\"Id\" AS \"EvidenceId\", c.\"Number\" AS \"EvidenceNumber\", i.\"Amount\" AS \"DueFen\", " +
               "COALESCE((SELECT SUM(a.\"Amount\") FROM \"PaymentAllocations\" a WHERE a.\"InstalmentId\" = i.\"Id\" AND a.\"ReceivedOn\" <= a.\"DueOn\"), 0) AS \"OnTimeFen\" " +
               "FROM \"MaintenanceContracts\" c JOIN \"ContractInstalments\" i ON i.\"ContractId\" = c.\"Id\" " +
               $"WHERE {InForce} AND i.\"DueOn\" >= {sql.LocalDate("@from")} AND i.\"DueOn\" < {sql.LocalDate("@to")} AND i.\"DueOn\" < {sql.TodayLiteral}{filter}";
    });

    public static FactRegistry AddContractFacts(this FactRegistry registry) => registry
        .Add(new(ContractFactCodes.ContractAmount, 400, SignedContracts, new SumOfFen("r.\"AmountFen\""), "CNY",
            "Σ amounts of the maintenance contracts in force the person answers for, signed in the period"))
        .Add(new(ContractFactCodes.CollectionRate, 410, Due, new RatioOfFen("r.\"OnTimeFen\"", "r.\"DueFen\""), "percent",
            "paid by the due date ÷ due, of the instalments of the person's contracts due in the period (up to today)"));
}
