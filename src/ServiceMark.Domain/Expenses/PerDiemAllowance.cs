using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Expenses;

/// <summary>
/// A row of the department's travel allowance table (出差补助标准), e.g. 省内出差 ¥80.00 a day, 省外出差 ¥100.00, 偏远地区 ¥120.00.
/// A per-diem claim line copies the rate it used, so changing a row changes only the claims written after it.
/// </summary>
public sealed class PerDiemAllowance : IVersioned, IAudited
{
    public const int NameMaxLength = 50;
    public const decimal MaxRatePerDay = 10_000m;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public decimal RatePerDay { get; private set; }
    public bool IsActive { get; private set; } = true;
    public int Version { get; set; }

    public static Result<PerDiemAllowance> Create(string? name, decimal ratePerDay)
    {
        var allowance = new PerDiemAllowance();
        return allowance.Change(name, ratePerDay, true) is { } refused ? Result<PerDiemAllowance>.Refused(refused) : allowance;
    }

    public Refusal? Change(string? name, decimal ratePerDay, bool isActive)
    {
        var errors = new FieldErrors();
        errors.RequiredText("name", name, NameMaxLength);
        Amounts.CheckMoney(errors, "ratePerDay", ratePerDay);
        if (!errors.All.Any(e => e.Field == "ratePerDay") && (ratePerDay <= 0m || ratePerDay > MaxRatePerDay))
        {
            errors.Add("ratePerDay", "range", $"ratePerDay is more than 0 and at most {MaxRatePerDay:N0}.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        Name = name!.Trim();
        RatePerDay = ratePerDay;
        IsActive = isActive;
        return null;
    }
}
