using ServiceMark.Domain.Returns;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Features.Returns;

/// <summary>
/// The facts measured on returned products (issue 14 points 7 and 9, plan F), registered with the others: the quality pass rate
/// of the first test, the repairs finished by the day promised, and the turnaround. They are the person's who answers for the
/// repair; the evidence is the returns.
/// </summary>
public static class ReturnFacts
{
    private static (string Person, string Filter) Person(FactScope scope) => scope switch
    {
        { ByPerson: true } or { People: not null } => (scope.ByPerson ? "p.\"ResponsiblePersonId\"" : "0", $" AND p.\"ResponsiblePersonId\" IN ({scope.PeopleList})"),
        _ => ("0", ""),
    };

    private static string Columns(FactScope scope, FactSql sql)
    {
        return $"{Person(scope).Person} AS \"PersonKey\", '' AS \"Split\", p.\"Id\" AS \"EvidenceId\", {sql.PrefixedNumber("FX", "p.\"Id\"")} AS \"EvidenceNumber\"";
    }

    private static string InPeriod(string column, FactSql sql) => $"p.\"{column}\" >= {sql.LocalDate("@from")} AND p.\"{column}\" < {sql.LocalDate("@to")}";

    /// <summary>One row per return first tested in the period, and whether it passed that first test.</summary>
    public static FactSource FirstTests { get; } = new("returns_first_tested", FactEvidenceKind.Return, IsSplit: false, (scope, sql) =>
        $"SELECT {Columns(scope, sql)}, CASE WHEN p.\"FirstTestPassed\" THEN 1 ELSE 0 END AS \"Passed\" FROM \"ProductReturns\" p " +
        $"WHERE {InPeriod("FirstTestedOn", sql)}{Person(scope).Filter}");

    /// <summary>
    /// One row per return (not cancelled) promised back in the period before today, and whether it was completed by that day; one
    /// promised for today or later cannot be judged late yet.
    /// </summary>
    public static FactSource Promised { get; } = new("returns_promised", FactEvidenceKind.Return, IsSplit: false, (scope, sql) =>
        $"SELECT {Columns(scope, sql)}, CASE WHEN p.\"CompletedOn\" IS NOT NULL AND p.\"CompletedOn\" <= p.\"DueOn\" THEN 1 ELSE 0 END AS \"OnTime\" " +
        $"FROM \"ProductReturns\" p WHERE {InPeriod("DueOn", sql)} AND p.\"DueOn\" < {sql.TodayLiteral} AND p.\"Status\" <> '{nameof(ReturnStatus.Cancelled)}'" +
        Person(scope).Filter);

    /// <summary>One row per return sent back or refunded in the period, with its turnaround in days.</summary>
    public static FactSource Completed { get; } = new("returns_completed", FactEvidenceKind.Return, IsSplit: false, (scope, sql) =>
    {
        var days = sql.IsPostgres
            ? "(p.\"CompletedOn\" - p.\"ReceivedOn\")"
            : "CAST(julianday(p.\"CompletedOn\") - julianday(p.\"ReceivedOn\") AS INTEGER)";
        return $"SELECT {Columns(scope, sql)}, {days} AS \"Days\" FROM \"ProductReturns\" p WHERE {InPeriod("CompletedOn", sql)}{Person(scope).Filter}";
    });

    public static FactRegistry AddReturnFacts(this FactRegistry registry) => registry
        .Add(new(ReturnFactCodes.QualityPassRate, 500, FirstTests, new RateOf("1 = 1", "r.\"Passed\" = 1"), "percent",
            "returns that passed their first quality test ÷ returns first tested in the period"))
        .Add(new(ReturnFactCodes.TaskAchievement, 510, Promised, new RateOf("1 = 1", "r.\"OnTime\" = 1"), "percent",
            "returns completed by the day promised ÷ returns promised in the period (up to today)"))
        .Add(new(ReturnFactCodes.Turnaround, 520, Completed, new MeanOf("r.\"Days\""), "days",
            "mean days from receipt to sent back or refunded, of the returns completed in the period"));
}
