using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Budgets;

/// <summary>
/// The cost categories a department budget is set in, each with an actual recorded elsewhere: the expense claims' categories
/// (approved or paid lines, by the line's date), the parts written off to customers' vehicles (the ledger), and the
/// compensation on service reports (by the day the ticket was completed).
/// </summary>
public enum BudgetCategory
{
    Travel,
    Lodging,
    PerDiem,
    Freight,
    FieldPurchase,
    Other,
    Parts,
    Compensation,
}

/// <summary>One month's amount for one category.</summary>
public sealed record BudgetLine(BudgetCategory Category, int Month, decimal Amount);

/// <summary>
/// 年度费用预算: the department's budget for a year by cost category and month. Every change is a new revision with its
/// reason, and the earlier revisions are kept (<see cref="BudgetRevision"/>), so the budget a month was judged against can be
/// read again. A category or month not given is budgeted at zero.
/// </summary>
public sealed class DepartmentBudget : IVersioned, IAudited
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const int ReasonMaxLength = 200;

    public int Id { get; private set; }
    public int Year { get; private set; }
    public int Revision { get; private set; }
    public IReadOnlyList<BudgetLine> Lines { get; private set; } = [];
    public string Reason { get; private set; } = "";
    public int? ChangedById { get; private set; }
    public string ChangedBy { get; private set; } = "";
    public DateTime ChangedAtUtc { get; private set; }
    public int Version { get; set; }

    public decimal Amount(BudgetCategory category, int month) =>
        Lines.FirstOrDefault(l => l.Category == category && l.Month == month)?.Amount ?? 0m;

    public static Result<DepartmentBudget> Create(int year, IReadOnlyList<BudgetLine>? lines, string? reason, int? actorId, string actor, DateTime nowUtc)
    {
        var errors = new FieldErrors();
        if (year is < MinYear or > MaxYear)
        {
            errors.Add("year", "range", $"year is from {MinYear} to {MaxYear}.");
        }

        var budget = new DepartmentBudget { Year = year };
        if (budget.Check(lines, reason, errors) is { } refused)
        {
            return refused;
        }

        budget.Apply(lines!, reason, actorId, actor, nowUtc);
        return budget;
    }

    /// <summary>A new revision: the whole table again, with the reason for the change.</summary>
    public Result<BudgetRevision> Revise(IReadOnlyList<BudgetLine>? lines, string? reason, int? actorId, string actor, DateTime nowUtc)
    {
        var errors = new FieldErrors();
        errors.RequiredText("reason", reason, ReasonMaxLength);
        if (Check(lines, reason, errors) is { } refused)
        {
            return refused;
        }

        var previous = BudgetRevision.Of(this);
        Apply(lines!, reason, actorId, actor, nowUtc);
        return previous;
    }

    private Refusal? Check(IReadOnlyList<BudgetLine>? lines, string? reason, FieldErrors errors)
    {
        errors.MaxLength("reason", reason, ReasonMaxLength);
        if (lines is null)
        {
            errors.Add("lines", "required", "lines lists the amounts by category and month.");
        }
        else
        {
            var seen = new HashSet<(BudgetCategory, int)>();
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (line is null)
                {
                    errors.Add($"lines[{i}]", "required", "A line has a category, a month and an amount.");
                    continue;
                }

                if (!Enum.IsDefined(line.Category))
                {
                    errors.Add($"lines[{i}].category", "invalid", "category is one of the budget categories.");
                }

                if (line.Month is < 1 or > 12)
                {
                    errors.Add($"lines[{i}].month", "range", "month is from 1 to 12.");
                }
                else if (!seen.Add((line.Category, line.Month)))
                {
                    errors.Add($"lines[{i}].month", "duplicate", "Each category has one amount a month.");
                }

                Amounts.CheckMoney(errors, $"lines[{i}].amount", line.Amount);
            }
        }

        return errors.Any ? errors.ToRefusal() : null;
    }

    private void Apply(IReadOnlyList<BudgetLine> lines, string? reason, int? actorId, string actor, DateTime nowUtc)
    {
        Lines = lines.Where(l => l.Amount != 0m).OrderBy(l => l.Category).ThenBy(l => l.Month).ToList();
        Revision++;
        Reason = reason?.Trim() ?? "";
        (ChangedById, ChangedBy, ChangedAtUtc) = (actorId, actor, nowUtc);
    }
}

/// <summary>A budget as it was before a revision replaced it.</summary>
public sealed class BudgetRevision
{
    public int Id { get; private set; }
    public int BudgetId { get; private set; }
    public int Year { get; private set; }
    public int Revision { get; private set; }
    public IReadOnlyList<BudgetLine> Lines { get; private set; } = [];
    public string Reason { get; private set; } = "";
    public string ChangedBy { get; private set; } = "";
    public DateTime ChangedAtUtc { get; private set; }

    public static BudgetRevision Of(DepartmentBudget budget) => new()
    {
        BudgetId = budget.Id, Year = budget.Year, Revision = budget.Revision, Lines = budget.Lines, Reason = budget.Reason,
        ChangedBy = budget.ChangedBy, ChangedAtUtc = budget.ChangedAtUtc,
    };
}

/// <summary>
/// 费用预算执行偏差率 (BudgetDeviationRate): |actual − budget| ÷ budget × 100, in percent, rounded once. None when nothing was
/// budgeted (any spending then is unbudgeted, shown as such, not as an infinite rate).
/// </summary>
public static class BudgetDeviation
{
    public static decimal? Rate(decimal budget, decimal actual) =>
        budget <= 0m ? null : Rounding.Round(Math.Abs(actual - budget) * 100m / budget);

    /// <summary>The months of a quarter (1–4).</summary>
    public static IEnumerable<int> MonthsOf(int quarter) => Enumerable.Range((quarter - 1) * 3 + 1, 3);
}
