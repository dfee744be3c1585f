using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Expenses;
using ServiceMark.Domain.Parts;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure;

namespace ServiceMark.Web.Features.Expenses;

/// <summary>What a cost summary's rows are.</summary>
public enum CostGrouping
{
    Customer,
    Model,
    FaultCategory,
    Team,
    Month,
}

/// <summary>One group's cost; <see cref="Key"/> is the customer's, model's or team's id, the fault category or the month (yyyy-MM).</summary>
public sealed record CostSummaryRow(string Key, string Name, int Tickets, decimal Labour, decimal Parts, decimal Travel, decimal Compensation, decimal Total,
    decimal? PerTicket);

public sealed record CostSummaryView(DateOnly From, DateOnly To, CostGrouping By, int Total, int Page, int PageSize, IReadOnlyList<CostSummaryRow> Rows,
    CostSummaryRow Totals, IReadOnlyList<string> MissingRates);

/// <summary>
/// 服务成本汇总 (issue 14 point 3): the cost of the tickets reported in a period — the period the service facts count tickets
/// in — by customer, product model, fault category, team (the lead engineer's) or month, with the same four parts as a
/// ticket's cost (<see cref="TicketCosts"/>). Every part is one GROUP BY in SQL over the period's tickets; labour groups the
/// minutes on site by engineer and the grade they held on the day the work was completed, and is priced and rounded once
/// per group, so a group's labour can differ by a fen from the sum of its tickets' rounded labour.
/// </summary>
public sealed class CostSummaries(IDbContextFactory<AppDbContext> contexts, CompanyClock clock, TicketCosts costs)
{
    public const int MaxDays = 366;

    /// <summary>The largest page: a department's customers in a year fit in it (the Excel export asks for it).</summary>
    public const int MaxRows = 20_000;

    private sealed record CountRow(string Key, long Tickets);

    private sealed record LabourRow(string Key, int EngineerId, string? Grade, long Minutes);

    private sealed record FenRow(string Key, long Fen);

    private sealed record CompensationRow(string Key, decimal Amount);

    public async Task<Result<CostSummaryView>> SummariseAsync(DateOnly? from, DateOnly? to, CostGrouping by, int page, int pageSize, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (from is null)
        {
            errors.Add("from", "required", "from is a date (yyyy-MM-dd).");
        }

        if (to is null)
        {
            errors.Add("to", "required", "to is a date (yyyy-MM-dd).");
        }
        else if (to == DateOnly.MaxValue || (from is not null && (to < from || to.Value.DayNumber - from.Value.DayNumber >= MaxDays)))
        {
            errors.Add("to", "range", $"to is on or after from and at most {MaxDays} days from it.");
        }

        if (!Enum.IsDefined(by))
        {
            errors.Add("by", "invalid", "by is Customer, Model, FaultCategory, Team or Month.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, MaxRows));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var postgres = db.Database.IsNpgsql();
        var fromUtc = DateTime.SpecifyKind(clock.ToUtc(from!.Value.ToDateTime(TimeOnly.MinValue)), DateTimeKind.Utc);
        var toUtc = DateTime.SpecifyKind(clock.ToUtc(to!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue)), DateTimeKind.Utc);

        // The company's offset from UTC at the start of the period: the local day a ticket was completed (which grade it was
        // worked at) and the local month it was reported in. China keeps one offset all year.
        var offset = (int)clock.Zone.GetUtcOffset(fromUtc).TotalMinutes;
        var key = Key(by, postgres, offset);
        var period = $"t.\"ReportedAtUtc\" >= {{0}} AND t.\"ReportedAtUtc\" < {{1}} AND t.\"Status\" <> '{nameof(TicketStatus.Cancelled)}'";

        // Each query selects the key with what it sums from the period's tickets, then groups the derived rows by the key.
        // Only this class's constants go into the text; the period is passed as parameters.
        Task<List<T>> GroupedAsync<T>(string sums, string columns, string from, string alsoBy = "")
        {
            var sql = $"SELECT k.\"Key\"{sums} FROM (SELECT {key} AS \"Key\"{columns} FROM \"ServiceTickets\" t {from}) k GROUP BY k.\"Key\"{alsoBy}";
            return db.Database.SqlQueryRaw<T>(sql, fromUtc, toUtc).ToListAsync(ct);
        }

        var counts = await GroupedAsync<CountRow>(", CAST(COUNT(*) AS bigint) AS \"Tickets\"", "", $"WHERE {period}");

        var completedDay = new ServiceFacts.FactSql(postgres, offsetMinutes: offset).LocalDate("t.\"ResolvedAtUtc\"");
        var onSite = postgres
            ? "CAST(FLOOR(EXTRACT(EPOCH FROM (t.\"ResolvedAtUtc\" - t.\"ArrivedAtUtc\")) / 60) AS bigint)"
            : $"((t.\"{Tickets.TicketFactColumns.ResolutionTicks}\" - t.\"{Tickets.TicketFactColumns.ArrivalTicks}\") / {TimeSpan.TicksPerMinute})";
        var labour = await GroupedAsync<LabourRow>(", k.\"EngineerId\", k.\"Grade\", CAST(SUM(k.\"Minutes\") AS bigint) AS \"Minutes\"",
            $", a.\"EngineerId\", {onSite} AS \"Minutes\", " +
            "(SELECT g.\"SchemeCode\" || '/' || g.\"LevelCode\" FROM \"PersonGrades\" g WHERE g.\"PersonId\" = a.\"EngineerId\" " +
            $"AND g.\"EffectiveFrom\" <= {completedDay} ORDER BY g.\"EffectiveFrom\" DESC LIMIT 1) AS \"Grade\"",
            $"JOIN \"TicketAssignments\" a ON a.\"TicketId\" = t.\"Id\" WHERE {period} AND t.\"ArrivedAtUtc\" IS NOT NULL AND t.\"ResolvedAtUtc\" > t.\"ArrivedAtUtc\"",
            ", k.\"EngineerId\", k.\"Grade\"");

        const string fenSum = ", CAST(SUM(k.\"Fen\") AS bigint) AS \"Fen\"";
        var parts = await GroupedAsync<FenRow>(fenSum, ", e.\"ValueFen\" AS \"Fen\"",
            $"JOIN \"LedgerEntries\" e ON e.\"DocumentType\" = '{nameof(ServiceTicket)}' AND e.\"DocumentId\" = t.\"Id\" AND e.\"Kind\" = '{nameof(MovementKind.Consumption)}' " +
            $"WHERE {period} AND e.\"ValueFen\" IS NOT NULL");

        var travel = await GroupedAsync<FenRow>(fenSum, ", l.\"Amount\" AS \"Fen\"",
            "JOIN \"ExpenseClaimLines\" l ON l.\"TicketId\" = t.\"Id\" JOIN \"ExpenseClaims\" c ON c.\"Id\" = l.\"ClaimId\" " +
            $"WHERE {period} AND c.\"Status\" IN ('{nameof(ExpenseClaimStatus.Approved)}', '{nameof(ExpenseClaimStatus.Paid)}')");

        // Compensation is rare: its amounts are read as they are stored (decimal text on SQLite) and summed here, exactly.
        var compensationSql =
            $"SELECT {key} AS \"Key\", r.\"CompensationAmount\" AS \"Amount\" FROM \"ServiceTickets\" t JOIN \"ServiceReports\" r ON r.\"TicketId\" = t.\"Id\" " +
            $"WHERE {period} AND CAST(r.\"CompensationAmount\" AS REAL) <> 0 " +
            "AND r.\"Revision\" = (SELECT MAX(x.\"Revision\") FROM \"ServiceReports\" x WHERE x.\"TicketId\" = t.\"Id\")";
        var compensation = await db.Database.SqlQueryRaw<CompensationRow>(compensationSql, fromUtc, toUtc).ToListAsync(ct);

        var rates = (await costs.ListRatesAsync(ct)).Where(r => r.RatePerHour is not null).ToDictionary(r => $"{r.SchemeCode}/{r.LevelCode}", r => r.RatePerHour!.Value);
        var fallback = rates.GetValueOrDefault("/");
        var unpriced = new HashSet<int>();
        decimal? RateOf(LabourRow row)
        {
            if (row.Grade is not null && rates.TryGetValue(row.Grade, out var rate))
            {
                return rate;
            }

            return rates.ContainsKey("/") ? fallback : null;
        }

        foreach (var row in labour.Where(l => l.Minutes > 0 && RateOf(l) is null))
        {
            unpriced.Add(row.EngineerId);
        }

        var names = await NamesAsync(db, by, counts.Select(c => c.Key).ToList(), ct);
        // Each part looked up by its group's key: a year by customer has thousands of groups and rows.
        var labourBy = labour.ToLookup(l => l.Key);
        var partsBy = parts.ToDictionary(p => p.Key, p => p.Fen);
        var travelBy = travel.ToDictionary(p => p.Key, p => p.Fen);
        var compensationBy = compensation.ToLookup(p => p.Key, p => p.Amount);
        var rows = counts.Select(c =>
        {
            var labourOf = TicketCost.LabourOf(labourBy[c.Key].Select(l => ((int)Math.Min(int.MaxValue, l.Minutes), RateOf(l) ?? 0m)));
            var cost = new TicketCost(labourOf, partsBy.GetValueOrDefault(c.Key) / 100m, travelBy.GetValueOrDefault(c.Key) / 100m, compensationBy[c.Key].Sum());
            return Row(c.Key, names.GetValueOrDefault(c.Key) ?? c.Key, (int)c.Tickets, cost);
        }).OrderByDescending(r => r.Total).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

        var totals = Row("", "", rows.Sum(r => r.Tickets),
            new TicketCost(rows.Sum(r => r.Labour), rows.Sum(r => r.Parts), rows.Sum(r => r.Travel), rows.Sum(r => r.Compensation)));
        var missing = unpriced.Count == 0 ? [] : await db.People.Where(p => unpriced.Contains(p.Id)).OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(ct);
        return new CostSummaryView(from.Value, to.Value, by, rows.Count, page, pageSize, rows.Skip((page - 1) * pageSize).Take(pageSize).ToList(), totals, missing);
    }

    private static CostSummaryRow Row(string key, string name, int tickets, TicketCost cost) =>
        new(key, name, tickets, cost.Labour, cost.Parts, cost.Travel, cost.Compensation, cost.Total, tickets == 0 ? null : Rounding.Round(cost.Total / tickets));

    /// <summary>The group's key as text, the same expression in every query; a team is the lead engineer's current team.</summary>
    private static string Key(CostGrouping by, bool postgres, int offsetMinutes) => by switch
    {
        CostGrouping.Customer => "CAST(t.\"CustomerId\" AS TEXT)",
        CostGrouping.Model => "COALESCE(CAST(t.\"ProductModelId\" AS TEXT), '')",
        CostGrouping.FaultCategory => "t.\"FaultCategory\"",
        CostGrouping.Team => "COALESCE((SELECT CAST(MIN(p.\"OrgUnitId\") AS TEXT) FROM \"TicketAssignments\" la JOIN \"People\" p ON p.\"Id\" = la.\"EngineerId\" " +
                             "WHERE la.\"TicketId\" = t.\"Id\" AND la.\"IsLead\"), '')",
        _ => postgres
            ? $"to_char(t.\"ReportedAtUtc\" + make_interval(mins => {offsetMinutes}), 'YYYY-MM')"
            : $"strftime('%Y-%m', t.\"ReportedAtUtc\", '{offsetMinutes:+0;-0} minutes')",
    };

    private static async Task<Dictionary<string, string>> NamesAsync(AppDbContext db, CostGrouping by, List<string> keys, CancellationToken ct)
    {
        var ids = keys.Select(k => int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        return by switch
        {
            CostGrouping.Customer => await db.Customers.Where(c => ids.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id.ToString(CultureInfo.InvariantCulture), c => c.Name, ct),
            CostGrouping.Model => await db.ProductModels.Where(m => ids.Contains(m.Id))
                .ToDictionaryAsync(m => m.Id.ToString(CultureInfo.InvariantCulture), m => m.Name, ct),
            CostGrouping.Team => await db.OrgUnits.Where(u => ids.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id.ToString(CultureInfo.InvariantCulture), u => u.Name, ct),
            _ => [],
        };
    }
}
