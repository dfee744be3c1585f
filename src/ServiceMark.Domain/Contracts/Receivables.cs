using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Contracts;

/// <summary>One instalment's part in a collection rate: how much fell due and how much of it was paid by its due date.</summary>
public sealed record DueInstalment(decimal Amount, decimal CollectedByDueDate);

/// <summary>
/// Receivables (应收账款) and their collection (账款回收率, R-EXP-2): a payment settles the oldest instalment due first, and
/// the collection rate of a period is the money paid by the due date ÷ the money that fell due in it — a late payment
/// settles the debt but not the rate of the period it was due in.
/// </summary>
public static class Receivables
{
    /// <summary>
    /// Splits a payment over the outstanding instalments, oldest due first (index into <paramref name="instalments"/> → amount).
    /// A payment above everything outstanding is refused: money received without a debt is not a receivable.
    /// </summary>
    public static Result<IReadOnlyList<(int Index, decimal Amount)>> Allocate(IReadOnlyList<(DateOnly DueOn, decimal Outstanding)> instalments, decimal amount)
    {
        var errors = new FieldErrors();
        Amounts.CheckMoney(errors, "amount", amount);
        if (!errors.Any && amount <= 0m)
        {
            errors.Add("amount", "range", "A payment is more than 0.");
        }

        var owed = instalments.Sum(i => i.Outstanding);
        if (!errors.Any && amount > owed)
        {
            errors.Add("amount", "over_collected", $"The contract has {owed:0.00} outstanding; a payment of {amount:0.00} is more than that.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var result = new List<(int, decimal)>();
        var left = amount;
        foreach (var (index, outstanding) in instalments.Select((i, n) => (n, i.Outstanding)).OrderBy(x => instalments[x.n].DueOn).ThenBy(x => x.n))
        {
            if (left == 0m)
            {
                break;
            }

            var share = Math.Min(left, outstanding);
            if (share > 0m)
            {
                result.Add((index, share));
                left -= share;
            }
        }

        return result;
    }

    /// <summary>Collected by the due date ÷ due, in percent by the one rounding rule; nothing due: no rate.</summary>
    public static decimal? CollectionRate(IReadOnlyCollection<DueInstalment> due)
    {
        var total = due.Sum(d => d.Amount);
        return total == 0m ? null : Rounding.Round(due.Sum(d => Math.Min(d.CollectedByDueDate, d.Amount)) * 100m / total);
    }

    /// <summary>The age bucket of an overdue receivable, as the receivables list groups them.</summary>
    public static AgeBucket Bucket(int daysOverdue) => daysOverdue switch
    {
        <= 0 => AgeBucket.NotDue,
        <= 30 => AgeBucket.UpTo30,
        <= 90 => AgeBucket.UpTo90,
        <= 180 => AgeBucket.UpTo180,
        _ => AgeBucket.Over180,
    };
}

public enum AgeBucket
{
    NotDue,
    UpTo30,
    UpTo90,
    UpTo180,
    Over180,
}
