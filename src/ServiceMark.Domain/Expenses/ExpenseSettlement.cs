using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Expenses;

/// <summary>
/// What an expense claim leaves to pay once it settles the claimant's advances (借款冲抵): the department pays the balance
/// when the claim is larger, the claimant returns the surplus when the advances were larger. Exact to the fen: the inputs
/// are whole fen, so no rounding happens; exactly one of the two is non-zero unless they match.
/// </summary>
public sealed record ExpenseSettlement(decimal ClaimTotal, decimal Advanced, decimal ToPay, decimal ToReturn)
{
    public static ExpenseSettlement Of(decimal claimTotal, IEnumerable<decimal> advances)
    {
        var advanced = advances.Sum();
        var balance = claimTotal - advanced;
        return new ExpenseSettlement(claimTotal, advanced, balance > 0m ? balance : 0m, balance < 0m ? -balance : 0m);
    }
}

/// <summary>
/// 出差补助 (per diem): a rate per day from the department's allowance table, for every calendar day of the trip — the
/// day of departure and the day of return included, weekends and public holidays included (the engineer is away on
/// them; the business calendar's working time, which the service-level clocks use, plays no part here).
/// </summary>
public static class PerDiem
{
    /// <summary>The days paid for a trip from <paramref name="departure"/> to <paramref name="returned"/>; null when it ends before it starts.</summary>
    public static int? Days(DateOnly departure, DateOnly returned) => returned < departure ? null : returned.DayNumber - departure.DayNumber + 1;

    /// <summary>Days × rate, by the one rounding rule (a rate has at most 2 decimals, so nothing is lost).</summary>
    public static decimal Amount(DateOnly departure, DateOnly returned, decimal ratePerDay) =>
        Days(departure, returned) is { } days ? Rounding.Round(days * ratePerDay) : 0m;
}
