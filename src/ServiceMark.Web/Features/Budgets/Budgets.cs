using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Budgets;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Expenses;
using ServiceMark.Domain.Parts;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Budgets;

public sealed record BudgetRequest(IReadOnlyList<BudgetLine>? Lines, string? Reason, int Version = 0);

/// <summary>A year's budget as set (revision 0 and no lines when none is set yet).</summary>
public sealed record BudgetView(int Year, int Revision, int Version, IReadOnlyList<BudgetLine> Lines, string Reason, string ChangedBy, DateTime? ChangedAtUtc);

/// <summary>Budget, actual and deviation rate (percent; null when nothing was budgeted) of one category, or of all (Category null), in a month, quarter or the year.</summary>
public sealed record BudgetCell(decimal Budget, decimal Actual, decimal? DeviationRate);

/// <summary>One category's row: twelve months, four quarters and the year.</summary>
public sealed record BudgetComparisonRow(BudgetCategory? Category, IReadOnlyList<BudgetCell> Months, IReadOnlyList<BudgetCell> Quarters, BudgetCell Year);

public sealed record BudgetComparisonView(BudgetView Budget, IReadOnlyList<BudgetComparisonRow> Rows, BudgetComparisonRow Total, BudgetRevenueRow Revenue);

/// <summary>What was received in a month, quarter or the year (paid service confirmed, contract payments) and the total actual cost
/// per hundred of it (成本收入比; null when nothing was received).</summary>
public sealed record RevenueCell(decimal Revenue, decimal? CostRevenueRatio);

/// <summary>The revenue beside the budget's actuals: twelve months, four quarters and the year, as the cost/revenue fact reads them.</summary>
public sealed record BudgetRevenueRow(IReadOnlyList<RevenueCell> Months, IReadOnlyList<RevenueCell> Quarters, RevenueCell Year);

public sealed record BudgetRevisionView(int Revision, IReadOnlyList<BudgetLine> Lines, string Reason, string ChangedBy, DateTime ChangedAtUtc);

/// <summary>
/// 年度费用预算 and 费用预算执行偏差率 (issue 14 point 4): the department head or HR sets a year's budget by category and month,
/// every change a revision with its reason; actuals come from the records — expense claim lines approved or paid (by the
/// line's date), parts written off to customers' vehicles (by the day posted), compensation on service reports (by the day
/// the ticket was completed) — and each month, quarter and the year is compared with its deviation rate.
/// </summary>
public sealed class Budgets(IDbContextFactory<AppDbContext> contexts, CompanyClock clock)
{
    public async Task<BudgetView> GetAsync(int year, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var budget = await db.DepartmentBudgets.AsNoTracking().FirstOrDefaultAsync(b => b.Year == year, ct);
        return budget is null ? new BudgetView(year, 0, 0, [], "", "", null) : await ViewAsync(db, budget, ct);
    }

    public async Task<Result<BudgetView>> SaveAsync(int year, BudgetRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var budget = await db.DepartmentBudgets.FirstOrDefaultAsync(b => b.Year == year, ct);
        var actor = user.Identity?.Name ?? "unknown";
        if (budget is null)
        {
            if (r.Version != 0)
            {
                return Refusal.StaleVersion();
            }

            var created = DepartmentBudget.Create(year, r.Lines, r.Reason, user.PersonId(), actor, clock.UtcNow);
            if (created.Refusal is { } refused)
            {
                return refused;
            }

            // A stored budget starts at version 1, so a second "first" budget for the year (version 0, seen when there was
            // none) is a conflict, not a silent revision.
            budget = created.Value!;
            budget.Version = 1;
            db.DepartmentBudgets.Add(budget);
        }
        else
        {
            // Changed since the reader saw it (a "first" budget sent with version 0 when another just landed among them):
            // a conflict, before asking the reason a revision of what they saw would need.
            if (r.Version != budget.Version)
            {
                return Refusal.StaleVersion();
            }

            db.Entry(budget).Property(b => b.Version).OriginalValue = r.Version;
            var revised = budget.Revise(r.Lines, r.Reason, user.PersonId(), actor, clock.UtcNow);
            if (revised.Refusal is { } refused)
            {
                return refused;
            }

            db.BudgetRevisions.Add(revised.Value!);
        }

        return await db.TrySaveAsync(user, ct, r.Reason) ? await ViewAsync(db, budget, ct) : Refusal.StaleVersion();
    }

    public async Task<IReadOnlyList<BudgetRevisionView>> RevisionsAsync(int year, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var earlier = await db.BudgetRevisions.AsNoTracking().Where(x => x.Year == year).ToListAsync(ct);
        var current = await db.DepartmentBudgets.AsNoTracking().FirstOrDefaultAsync(b => b.Year == year, ct);
        var all = earlier.Select(x => new BudgetRevisionView(x.Revision, x.Lines, x.Reason, x.ChangedBy, x.ChangedAtUtc)).ToList();
        if (current is not null)
        {
            all.Add(new BudgetRevisionView(current.Revision, current.Lines, current.Reason, current.ChangedBy, current.ChangedAtUtc));
        }

        return all.OrderByDescending(x => x.Revision).ToList();
    }

    public async Task<Result<BudgetComparisonView>> CompareAsync(int year, CancellationToken ct = default)
    {
        if (year is < DepartmentBudget.MinYear or > DepartmentBudget.MaxYear)
        {
            return Refusal.Invalid("year", "range", $"year is from {DepartmentBudget.MinYear} to {DepartmentBudget.MaxYear}.");
        }

        var budget = await GetAsync(year, ct);
        var actual = await ActualsAsync(year, ct);
        decimal BudgetOf(BudgetCategory c, int m) => budget.Lines.FirstOrDefault(l => l.Category == c && l.Month == m)?.Amount ?? 0m;
        decimal ActualOf(BudgetCategory c, int m) => actual.GetValueOrDefault((c, m));

        BudgetComparisonRow RowOf(BudgetCategory? category, Func<int, decimal> budgetOf, Func<int, decimal> actualOf)
        {
            BudgetCell Cell(IEnumerable<int> months)
            {
                var list = months.ToList();
                var (b, a) = (list.Sum(budgetOf), list.Sum(actualOf));
                return new BudgetCell(b, a, BudgetDeviation.Rate(b, a));
            }

            return new BudgetComparisonRow(category, Enumerable.Range(1, 12).Select(m => Cell([m])).ToList(),
                Enumerable.Range(1, 4).Select(q => Cell(BudgetDeviation.MonthsOf(q))).ToList(), Cell(Enumerable.Range(1, 12)));
        }

        var categories = Enum.GetValues<BudgetCategory>();
        var rows = categories.Select(c => RowOf(c, m => BudgetOf(c, m), m => ActualOf(c, m))).ToList();
        var total = RowOf(null, m => categories.Sum(c => BudgetOf(c, m)), m => categories.Sum(c => ActualOf(c, m)));
        var received = await RevenueAsync(year, ct);
        RevenueCell Revenue(IEnumerable<int> months)
        {
            var list = months.ToList();
            var (cost, revenue) = (list.Sum(m => categories.Sum(c => ActualOf(c, m))), list.Sum(m => received.GetValueOrDefault(m)));
            return new RevenueCell(revenue, CostRevenue.Ratio(cost, revenue));
        }

        var revenueRow = new BudgetRevenueRow(Enumerable.Range(1, 12).Select(m => Revenue([m])).ToList(),
            Enumerable.Range(1, 4).Select(q => Revenue(BudgetDeviation.MonthsOf(q))).ToList(), Revenue(Enumerable.Range(1, 12)));
        return new BudgetComparisonView(budget, rows, total, revenueRow);
    }

    /// <summary>What was spent in each category and month of the year, from the records, exact to the fen.</summary>
    private async Task<Dictionary<(BudgetCategory, int), decimal>> ActualsAsync(int year, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var result = new Dictionary<(BudgetCategory, int), decimal>();
        void Add(BudgetCategory c, int month, decimal amount) => result[(c, month)] = result.GetValueOrDefault((c, month)) + amount;

        // Claim lines by category and date (a small table; its amounts are whole fen).
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var lines = await db.ExpenseClaims.AsNoTracking()
            .Where(c => c.Status == ExpenseClaimStatus.Approved || c.Status == ExpenseClaimStatus.Paid)
            .SelectMany(c => c.Lines).Where(l => l.Date >= first && l.Date <= last)
            .Select(l => new { l.Category, l.Date, l.Amount }).ToListAsync(ct);
        foreach (var l in lines)
        {
            Add(CategoryOf(l.Category), l.Date.Month, l.Amount);
        }

        // Parts written off, one indexed range a month (Kind, PostedAtUtc).
        for (var month = 1; month <= 12; month++)
        {
            var from = DateTime.SpecifyKind(clock.ToUtc(new DateTime(year, month, 1)), DateTimeKind.Utc);
            var to = DateTime.SpecifyKind(clock.ToUtc(new DateTime(year, month, 1).AddMonths(1)), DateTimeKind.Utc);
            var fen = await db.LedgerEntries.Where(e => e.Kind == MovementKind.Consumption && e.PostedAtUtc >= from && e.PostedAtUtc < to)
                .SumAsync(e => e.ValueFen ?? 0L, ct);
            Add(BudgetCategory.Parts, month, fen / 100m);
        }

        // Compensation is rare: the reports with an amount are found first (one pass over the reports, no ticket scan),
        // then their tickets completed in the year; only the ticket's current report counts.
        var (yearFrom, yearTo) = (clock.ToUtc(new DateTime(year, 1, 1)), clock.ToUtc(new DateTime(year + 1, 1, 1)));
        const string compensationSql =
            "SELECT t.\"ResolvedAtUtc\" AS \"At\", r.\"CompensationAmount\" AS \"Amount\" FROM \"ServiceReports\" r " +
            "JOIN \"ServiceTickets\" t ON t.\"Id\" = r.\"TicketId\" WHERE CAST(r.\"CompensationAmount\" AS REAL) <> 0 " +
            "AND t.\"ResolvedAtUtc\" >= {0} AND t.\"ResolvedAtUtc\" < {1} AND t.\"Status\" <> 'Cancelled' " +
            "AND r.\"Revision\" = (SELECT MAX(x.\"Revision\") FROM \"ServiceReports\" x WHERE x.\"TicketId\" = r.\"TicketId\")";
        var compensations = await db.Database.SqlQueryRaw<CompensationRow>(compensationSql,
            DateTime.SpecifyKind(yearFrom, DateTimeKind.Utc), DateTime.SpecifyKind(yearTo, DateTimeKind.Utc)).ToListAsync(ct);
        foreach (var c in compensations)
        {
            Add(BudgetCategory.Compensation, clock.ToLocal(c.At).Month, c.Amount);
        }

        return result;
    }

    /// <summary>What was received in each month of the year: cash of paid service confirmed by finance (by the day collected) and
    /// contract payments (by the day received), as <see cref="BudgetFacts"/> counts revenue.</summary>
    private async Task<Dictionary<int, decimal>> RevenueAsync(int year, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var cash = await db.CashHandOvers.AsNoTracking().Where(h => h.Confirmed && h.CollectedOn >= first && h.CollectedOn <= last)
            .Select(h => new { Day = h.CollectedOn, h.Amount }).ToListAsync(ct);
        var payments = await db.ContractPayments.AsNoTracking().Where(p => p.ReceivedOn >= first && p.ReceivedOn <= last)
            .Select(p => new { Day = p.ReceivedOn, p.Amount }).ToListAsync(ct);
        return cash.Concat(payments).GroupBy(x => x.Day.Month).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
    }

    private static BudgetCategory CategoryOf(ExpenseCategory category) => category switch
    {
        ExpenseCategory.Travel => BudgetCategory.Travel,
        ExpenseCategory.Lodging => BudgetCategory.Lodging,
        ExpenseCategory.PerDiem => BudgetCategory.PerDiem,
        ExpenseCategory.Freight => BudgetCategory.Freight,
        ExpenseCategory.FieldPurchase => BudgetCategory.FieldPurchase,
        _ => BudgetCategory.Other,
    };

    private sealed record CompensationRow(DateTime At, decimal Amount);

    /// <summary>The view, naming who changed it last by their name (the account name when they are no person).</summary>
    private static async Task<BudgetView> ViewAsync(AppDbContext db, DepartmentBudget b, CancellationToken ct)
    {
        var name = b.ChangedById is { } id ? await db.People.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
        return new(b.Year, b.Revision, b.Version, b.Lines, b.Reason, name ?? b.ChangedBy, b.ChangedAtUtc);
    }
}
