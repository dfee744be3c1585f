using System.Globalization;
using System.Text;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.ServiceFacts;

namespace ServiceMark.Web.Features.ServiceFacts;

/// <summary>What a fact's evidence rows are: tickets (shown by number) or complaints (shown by id).</summary>
public enum FactEvidenceKind
{
    Ticket,
    Complaint,

    /// <summary>Maintenance contracts (shown by number).</summary>
    Contract,

    /// <summary>Returned products (shown by their FX number).</summary>
    Return,

    /// <summary>Installation plans (shown by their AZ number).</summary>
    Installation,

    /// <summary>Months of the department's budget compared with what was spent and received (id yyyymm, shown as yyyy-MM).</summary>
    Budget,
}

/// <summary>
/// The people a facts query is about. <see cref="ByPerson"/>: one result per person, a ticket counting for each of its
/// engineers (scoring a period). Otherwise one result for them together, each ticket once; <see cref="People"/> null is
/// everyone, including tickets nobody was assigned. <see cref="Unit"/>: the people of a team, station or department, which the
/// department's own facts (its budget, its money) are measured for; one person together is not a unit.
/// </summary>
public sealed record FactScope(IReadOnlyList<int>? People, bool ByPerson, bool Unit = false)
{
    /// <summary>Whether the scope is the department as a whole (everyone, or a unit): what its money facts are measured on.</summary>
    public bool IsDepartment => !ByPerson && (People is null || Unit);

    public static FactScope Everyone { get; } = new(null, false);

    /// <summary>The people as SQL literals: ints only, so inlining them cannot inject anything, and 2 000 of them fit
    /// every provider's statement where 2 000 parameters would not fit some.</summary>
    internal string PeopleList => string.Join(",", People!.Select(p => p.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>
/// The provider the fact definitions write their SQL for, and the department policy's numbers some definitions compare
/// with (<see cref="ReportDeadline"/>, default 24 h): read per query, so a changed policy counts from the next query on.
/// </summary>
public sealed class FactSql(bool postgres, TimeSpan? reportDeadline = null, DateOnly? today = null, int offsetMinutes = 0)
{
    /// <summary>The placeholder of the report deadline in a definition's formula.</summary>
    public const string ReportDeadlineHours = "{reportDeadlineHours}";

    public bool IsPostgres => postgres;

    /// <summary>The company's offset from UTC in minutes (China keeps one all year): the local day of an instant, e.g. the day a
    /// ticket's work was completed, which decides the grade it was priced at.</summary>
    public int OffsetMinutes => offsetMinutes;

    /// <summary>The company's local date of a UTC instant column, as each provider compares it with a date column.</summary>
    public string LocalDate(string column) => postgres
        ? $"CAST({column} + make_interval(mins => {offsetMinutes}) AS date)"
        : $"date({column}, '{offsetMinutes.ToString("+0;-0", CultureInfo.InvariantCulture)} minutes')";

    /// <summary>A record's number made of a prefix and its id in six digits (FX000042), as the domain shows it.</summary>
    public string PrefixedNumber(string prefix, string idColumn) => postgres
        ? $"'{prefix}' || lpad(CAST({idColumn} AS text), 6, '0')"
        : $"'{prefix}' || printf('%06d', {idColumn})";

    public TimeSpan ReportDeadline { get; } = reportDeadline ?? ServiceFactsCalculator.ReportDeadline;

    /// <summary>The company's today as a SQL date literal ('2026-12-07'): what "overdue" is measured against (formatted here from
    /// a date, so nothing to inject; none given: nothing is overdue). Both providers compare it with a date column: SQLite as
    /// ISO text, PostgreSQL as a date.</summary>
    public string TodayLiteral { get; } = $"'{(today ?? DateOnly.MinValue).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    /// <summary>A definition's formula with this query's numbers in it.</summary>
    public string Formula(string formula) =>
        formula.Replace(ReportDeadlineHours, ReportDeadline.TotalHours.ToString("0.##", CultureInfo.InvariantCulture), StringComparison.Ordinal);
}

/// <summary>
/// How a fact is aggregated: the SQL aggregate columns it adds to its source's GROUP BY, how those numbers become the
/// value (by the domain's arithmetic, <see cref="ServiceFactsCalculator"/>), and which rows its evidence lists.
/// Conditions are SQL over the source's row alias <c>r</c>.
/// </summary>
public abstract record FactMeasure
{
    internal abstract IEnumerable<string> Columns(FactSql sql);

    /// <summary>The value, numerator, denominator and how many rows the evidence lists, from this measure's columns.</summary>
    internal abstract (decimal? Value, int Numerator, int Denominator, int Evidence) Read(ReadOnlySpan<decimal> columns);

    /// <summary>The rows the evidence lists, as SQL over <c>r</c>.</summary>
    internal abstract string Evidence(FactSql sql);

    internal static string CountWhere(string condition) => $"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)";
}

/// <summary>How many rows meet a condition; the evidence lists them. With <paramref name="OutOfAll"/> the denominator is
/// every row of the source (valid complaints out of all complaints), else the count itself.</summary>
public sealed record CountOf(Func<FactSql, string> Where, bool OutOfAll = false) : FactMeasure
{
    public CountOf(string where, bool outOfAll = false)
        : this(_ => where, outOfAll)
    {
    }

    internal override IEnumerable<string> Columns(FactSql sql) => [CountWhere(Where(sql)), "COUNT(*)"];

    internal override (decimal?, int, int, int) Read(ReadOnlySpan<decimal> c) =>
        (c[0], (int)c[0], OutOfAll ? (int)c[1] : (int)c[0], (int)c[0]);

    internal override string Evidence(FactSql sql) => Where(sql);
}

/// <summary>A percentage of a population that succeeded; the evidence lists those that did NOT (what a reviewer asks
/// about). <paramref name="Success"/> must be true or false, never NULL, on the population's rows.</summary>
public sealed record RateOf(Func<FactSql, string> Population, Func<FactSql, string> Success) : FactMeasure
{
    public RateOf(string population, string success)
        : this(_ => population, _ => success)
    {
    }

    internal override IEnumerable<string> Columns(FactSql sql) => [CountWhere(Population(sql)), CountWhere($"{Population(sql)} AND {Success(sql)}")];

    internal override (decimal?, int, int, int) Read(ReadOnlySpan<decimal> c) =>
        (ServiceFactsCalculator.Percent((int)c[1], (int)c[0]), (int)c[1], (int)c[0], (int)c[0] - (int)c[1]);

    internal override string Evidence(FactSql sql) => $"{Population(sql)} AND NOT ({Success(sql)})";
}

/// <summary>A percentage of a population that has some mark (tickets resolved remotely of tickets resolved); unlike
/// <see cref="RateOf"/> nothing here failed, so the evidence lists the rows that have it — what the share counts.</summary>
public sealed record ShareOf(string Population, string Member) : FactMeasure
{
    internal override IEnumerable<string> Columns(FactSql sql) => [CountWhere(Population), CountWhere($"{Population} AND {Member}")];

    internal override (decimal?, int, int, int) Read(ReadOnlySpan<decimal> c) =>
        (ServiceFactsCalculator.Percent((int)c[1], (int)c[0]), (int)c[1], (int)c[0], (int)c[1]);

    internal override string Evidence(FactSql sql) => $"{Population} AND {Member}";
}

/// <summary>The mean in hours of a duration column in ticks, over the rows where it is set; exact: the database sums
/// whole seconds and the ticks below the second apart (so neither sum can overflow 64 bits over a year of tickets), and
/// the division is the domain's.</summary>
public sealed record MeanHours(string Ticks) : FactMeasure
{
    internal override IEnumerable<string> Columns(FactSql sql) =>
        [CountWhere($"{Ticks} IS NOT NULL"), $"SUM({Ticks} / {TimeSpan.TicksPerSecond})", $"SUM({Ticks} % {TimeSpan.TicksPerSecond})"];

    internal override (decimal?, int, int, int) Read(ReadOnlySpan<decimal> c)
    {
        var n = (int)c[0];
        return (ServiceFactsCalculator.MeanHours((c[1] * TimeSpan.TicksPerSecond) + c[2], n), n, n, n);
    }

    internal override string Evidence(FactSql sql) => $"{Ticks} IS NOT NULL";
}

/// <summary>The mean of a numeric column over the rows where it is set (a survey's 1–10 answer).</summary>
public sealed record MeanOf(string Value) : FactMeasure
{
    internal override IEnumerable<string> Columns(FactSql sql) => [CountWhere($"{Value} IS NOT NULL"), $"SUM({Value})"];

    internal override (decimal?, int, int, int) Read(ReadOnlySpan<decimal> c)
    {
        var n = (int)c[0];
        return (ServiceFactsCalculator.Mean(c[1], n), n, n, n);
    }

    internal override string Evidence(FactSql sql) => $"{Value} IS NOT NULL";
}

/// <summary>A money column kept in whole fen (分), summed exactly and shown in yuan; the evidence lists the rows it sums. No rows: ¥0.</summary>
public sealed record SumOfFen(string Fen) : FactMeasure
{
    internal override IEnumerable<string> Columns(FactSql sql) => [CountWhere($"{Fen} IS NOT NULL"), $"SUM({Fen})"];

    internal override (decimal?, int, int, int) Read(ReadOnlySpan<decimal> c)
    {
        var n = (int)c[0];
        return (c[1] / 100m, n, n, n);
    }

    internal override string Evidence(FactSql sql) => $"{Fen} IS NOT NULL";
}

/// <summary>A money column in fen summed per distinct evidence record (parts cost per ticket): the sum ÷ the records, by the
/// domain's one rounding; no records: no value.</summary>
public sealed record SumOfFenPerRecord(string Fen) : FactMeasure
{
    internal override IEnumerable<string> Columns(FactSql sql) =>
        [$"COUNT(DISTINCT CASE WHEN {Fen} IS NOT NULL THEN r.\"EvidenceId\" END)", $"SUM({Fen})"];

    internal override (decimal?, int, int, int) Read(ReadOnlySpan<decimal> c)
    {
        var n = (int)c[0];
        return (ServiceFactsCalculator.Mean(c[1] / 100m, n), n, n, n);
    }

    internal override string Evidence(FactSql sql) => $"{Fen} IS NOT NULL";
}

/// <summary>Σ one fen column ÷ Σ another, as a percentage (money recovered of money claimed); the evidence lists the rows where the
/// first falls short of the second. Numerator and denominator are the rows.</summary>
public sealed record RatioOfFen(string Part, string Whole) : FactMeasure
{
    internal override IEnumerable<string> Columns(FactSql sql) => ["COUNT(*)", $"SUM({Part})", $"SUM({Whole})", CountWhere($"{Part} < {Whole}")];

    internal override (decimal?, int, int, int) Read(ReadOnlySpan<decimal> c) =>
        (c[2] == 0m ? null : Rounding.Round(c[1] * 100m / c[2]), (int)c[0] - (int)c[3], (int)c[0], (int)c[3]);

    internal override string Evidence(FactSql sql) => $"{Part} < {Whole}";
}

/// <summary>
/// Two fen columns summed over the rows of a population (<paramref name="Population"/>, SQL over <c>r</c>, every row when null)
/// and compared by the domain's arithmetic (<paramref name="Value"/> of the actual and the reference, in yuan): budget against
/// actual, cost against revenue, cost against standards. The numerator counts the rows where the actual is above the
/// reference, the denominator the rows; the evidence lists those above it (<paramref name="EvidenceAbove"/>) or every row.
/// </summary>
public sealed record SumsOfFen(string Actual, string Reference, Func<decimal, decimal, decimal?> Value, string? Population = null, bool EvidenceAbove = false)
    : FactMeasure
{
    private string Where => Population ?? "1 = 1";

    internal override IEnumerable<string> Columns(FactSql sql) =>
        [CountWhere(Where), $"SUM(CASE WHEN {Where} THEN {Actual} END)", $"SUM(CASE WHEN {Where} THEN {Reference} END)", CountWhere($"{Where} AND {Actual} > {Reference}")];

    internal override (decimal?, int, int, int) Read(ReadOnlySpan<decimal> c) =>
        ((int)c[0] == 0 ? null : Value(c[1] / 100m, c[2] / 100m), (int)c[3], (int)c[0], EvidenceAbove ? (int)c[3] : (int)c[0]);

    internal override string Evidence(FactSql sql) => EvidenceAbove ? $"{Where} AND {Actual} > {Reference}" : Where;
}

/// <summary>The rows meeting one condition per hundred rows meeting another (complaints per hundred tickets), in percent; the
/// evidence lists the first.</summary>
public sealed record PerHundredOf(string Part, string Whole) : FactMeasure
{
    internal override IEnumerable<string> Columns(FactSql sql) => [CountWhere(Part), CountWhere(Whole)];

    internal override (decimal?, int, int, int) Read(ReadOnlySpan<decimal> c) =>
        (ServiceFactsCalculator.Percent((int)c[0], (int)c[1]), (int)c[0], (int)c[1], (int)c[0]);

    internal override string Evidence(FactSql sql) => Part;
}

/// <summary>
/// Where facts' rows come from; every source is one GROUP BY per query. <see cref="Rows"/> writes the SELECT of the
/// rows for a scope, with the columns every source has — "PersonKey" (the person, or 0 for people together), "Split"
/// (a second grouping key such as the service-level target, '' when none), "EvidenceId" and "EvidenceNumber" — and its
/// own. <c>@from</c> and <c>@to</c> are the period's UTC bounds.
/// </summary>
public sealed record FactSource(string Name, FactEvidenceKind EvidenceKind, bool IsSplit, Func<FactScope, FactSql, string> Rows);

/// <summary>
/// One fact: its code (for a split source, the code of each split is "code:split"), its place in the list, its source,
/// its aggregation and evidence (<see cref="Measure"/>), and its unit and formula as shown next to the value.
/// </summary>
public sealed record FactDefinition(string Code, int Order, FactSource Source, FactMeasure Measure, string Unit, string Formula);

/// <summary>
/// The catalogue of facts: every feature that measures something registers its definitions at start-up (tickets, surveys
/// and complaints today; parts, money, work records and training next), and the facts queries aggregate each source in
/// one GROUP BY. A definition comes with a worked-example test that its SQL gives what the domain's definition gives.
/// </summary>
public sealed class FactRegistry
{
    private readonly List<FactDefinition> definitions = [];

    public IReadOnlyList<FactDefinition> Definitions => definitions;

    public FactRegistry Add(FactDefinition definition)
    {
        if (definitions.Exists(d => d.Code == definition.Code))
        {
            throw new InvalidOperationException($"The fact {definition.Code} is registered twice.");
        }

        definitions.Add(definition);
        definitions.Sort((a, b) => a.Order.CompareTo(b.Order));
        return this;
    }

    /// <summary>The definition of a fact code ("on_time_rate:Response" is on_time_rate's, split "Response").</summary>
    public (FactDefinition Definition, string Split)? Find(string code)
    {
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        var (name, split) = colon < 0 ? (code, "") : (code[..colon], code[(colon + 1)..]);
        return definitions.FirstOrDefault(d => d.Code == name) is { } found && split.Length > 0 == found.Source.IsSplit
            ? (found, split)
            : null;
    }

    /// <summary>The GROUP BY of one source for a scope: PersonKey, Split, then each definition's columns in order.</summary>
    public string AggregateSql(FactSource source, FactScope scope, FactSql sql)
    {
        // People together have one key: grouping by it would still feed every row through a sorter (a department's
        // month: ≈ 40 of 160 ms), so an unsplit source together is one plain aggregate row, even over no rows at all.
        var keys = (scope.ByPerson, source.IsSplit) switch
        {
            (true, _) => new[] { "r.\"PersonKey\"", "r.\"Split\"" },
            (false, true) => ["r.\"Split\""],
            _ => [],
        };
        var text = new StringBuilder(scope.ByPerson ? "SELECT r.\"PersonKey\"" : "SELECT 0").Append(source.IsSplit ? ", r.\"Split\"" : ", ''");
        foreach (var column in definitions.Where(d => d.Source == source).SelectMany(d => d.Measure.Columns(sql)))
        {
            text.Append(", ").Append(column);
        }

        text.Append(" FROM (").Append(source.Rows(scope, sql)).Append(") r");
        return keys.Length == 0 ? text.ToString() : text.Append(" GROUP BY ").Append(string.Join(", ", keys)).ToString();
    }

    /// <summary>The rows a fact's evidence lists: PersonKey, EvidenceId, EvidenceNumber, by person then id. <c>@split</c>
    /// is the split; paging, when asked, by <c>@take</c> and <c>@skip</c>.</summary>
    public static string EvidenceSql(FactDefinition definition, FactScope scope, FactSql sql, bool paged) =>
        $"SELECT r.\"PersonKey\", r.\"EvidenceId\", r.\"EvidenceNumber\" FROM ({definition.Source.Rows(scope, sql)}) r " +
        $"WHERE r.\"Split\" = @split AND {definition.Measure.Evidence(sql)} ORDER BY r.\"PersonKey\", r.\"EvidenceId\"" +
        (paged ? " LIMIT @take OFFSET @skip" : "");

    /// <summary>
    /// The evidence of several facts of one source in one walk over its rows (scoring: the cited facts of everyone):
    /// PersonKey, EvidenceId, EvidenceNumber, then a 0/1 column per fact saying whether the row is that fact's evidence.
    /// The splits are <c>@split0</c>, <c>@split1</c>, … in the order of <paramref name="facts"/>.
    /// </summary>
    public static string EvidenceSql(IReadOnlyList<(FactDefinition Definition, string Split)> facts, FactScope scope, FactSql sql)
    {
        var source = facts[0].Definition.Source;
        if (facts.Any(f => f.Definition.Source != source))
        {
            throw new ArgumentException("The facts must share their source.", nameof(facts));
        }

        var conditions = facts.Select((f, i) => $"(r.\"Split\" = @split{i} AND {f.Definition.Measure.Evidence(sql)})").ToList();
        return "SELECT r.\"PersonKey\", r.\"EvidenceId\", r.\"EvidenceNumber\"" +
               string.Concat(conditions.Select(c => $", CASE WHEN {c} THEN 1 ELSE 0 END")) +
               $" FROM ({source.Rows(scope, sql)}) r WHERE {string.Join(" OR ", conditions)} ORDER BY r.\"PersonKey\", r.\"EvidenceId\"";
    }

    /// <summary>How many rows a fact's evidence lists, for the pages' total.</summary>
    public static string EvidenceCountSql(FactDefinition definition, FactScope scope, FactSql sql) =>
        $"SELECT COUNT(*) FROM ({definition.Source.Rows(scope, sql)}) r WHERE r.\"Split\" = @split AND {definition.Measure.Evidence(sql)}";
}
