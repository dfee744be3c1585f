using ServiceMark.Domain.Common;
using ServiceMark.Domain.Tickets;

namespace ServiceMark.Domain.Expenses;

/// <summary>
/// 标准成本: what a job of a type should cost the department (labour, parts, travel and compensation together), set by the
/// head or HR. A ticket whose cost goes above its type's standard is a cost overrun (超支) — seed 002's "指导、调试、维护成本:
/// −2.5 per counted overrun". The job type is the ticket's fault category (installation and consultation are among them)
/// until planned work brings types of its own.
/// </summary>
public sealed class StandardCost : IVersioned, IAudited
{
    public const decimal MaxAmount = 1_000_000m;

    public int Id { get; private set; }
    public FaultCategory JobType { get; private set; }
    public decimal Amount { get; private set; }
    public int Version { get; set; }

    private StandardCost()
    {
    }

    public static Result<StandardCost> Create(FaultCategory jobType, decimal amount)
    {
        if (!Enum.IsDefined(jobType))
        {
            return Refusal.Invalid("jobType", "invalid", $"jobType is one of: {string.Join(", ", Enum.GetNames<FaultCategory>())}.");
        }

        var standard = new StandardCost { JobType = jobType };
        return standard.Change(amount) is { } refused ? refused : standard;
    }

    public Refusal? Change(decimal amount)
    {
        var errors = new FieldErrors();
        Amounts.CheckMoney(errors, "amount", amount);
        if (!errors.Any && (amount <= 0m || amount > MaxAmount))
        {
            errors.Add("amount", "range", $"amount is more than 0 and at most {MaxAmount:N0}.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        Amount = amount;
        return null;
    }

    /// <summary>Whether a ticket that cost <paramref name="total"/> went over its type's standard; never without a standard.</summary>
    public static bool IsOverrun(decimal total, decimal? standard) => standard is { } s && total > s;

    /// <summary>
    /// 服务预算执行 (plan D: "100 − 服务预算超支百分比"): 100 − (Σ cost − Σ standard) ÷ Σ standard × 100 when the tickets together
    /// cost more than their standards, else 100; never below 0, rounded once. Tickets under their standard make up for those
    /// above it, as one budget does. None without a standard.
    /// </summary>
    public static decimal? Execution(decimal cost, decimal standard) =>
        standard <= 0m ? null : Math.Max(0m, Rounding.Round(100m - (Math.Max(0m, cost - standard) * 100m / standard)));
}
