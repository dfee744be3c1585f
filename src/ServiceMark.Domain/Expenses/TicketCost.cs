using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Expenses;

/// <summary>
/// 单台次服务成本 (issue 14 point 3): what a ticket cost the department — the engineers' working time at their grade's
/// labour rate, the parts written off to the customer's vehicle, the expense lines charged to it (approved or paid claims),
/// and the compensation on its service report. Each part is exact to the fen; the total is their sum.
/// </summary>
public sealed record TicketCost(decimal Labour, decimal Parts, decimal Travel, decimal Compensation)
{
    public decimal Total => Labour + Parts + Travel + Compensation;

    /// <summary>
    /// Σ minutes × rate per hour ÷ 60 over the engineers who worked on it: exact until the one rounding rule is applied once
    /// to the sum, so the same work costs the same whether it was one stretch or several.
    /// </summary>
    public static decimal LabourOf(IEnumerable<(int Minutes, decimal RatePerHour)> work) => Rounding.Round(work.Sum(w => w.Minutes * w.RatePerHour) / 60m);

    /// <summary>Whole minutes on site, from arrival to resolution; none when either is missing or they are out of order.</summary>
    public static int MinutesOnSite(DateTime? arrivedUtc, DateTime? resolvedUtc) =>
        arrivedUtc is { } a && resolvedUtc is { } r && r > a ? (int)Math.Min(int.MaxValue, Math.Floor((r - a).TotalMinutes)) : 0;
}

/// <summary>
/// 工时费率: the labour cost per hour of an engineer of a grade (scheme and level), kept by HR. The row with empty codes is
/// the department's rate for people without a grade.
/// </summary>
public sealed class LabourRate : IVersioned, IAudited
{
    public const int CodeMaxLength = 50;
    public const decimal MaxRatePerHour = 10_000m;

    public int Id { get; private set; }
    public string SchemeCode { get; private set; } = "";
    public string LevelCode { get; private set; } = "";
    public decimal RatePerHour { get; private set; }
    public int Version { get; set; }

    public bool IsDefault => SchemeCode.Length == 0;

    public static Result<LabourRate> Create(string? schemeCode, string? levelCode, decimal ratePerHour)
    {
        var errors = new FieldErrors();
        errors.MaxLength("schemeCode", schemeCode, CodeMaxLength);
        errors.MaxLength("levelCode", levelCode, CodeMaxLength);
        if (string.IsNullOrWhiteSpace(schemeCode) != string.IsNullOrWhiteSpace(levelCode))
        {
            errors.Add("levelCode", "required", "A grade's rate names both its scheme and its level; the default names neither.");
        }

        var rate = new LabourRate { SchemeCode = schemeCode?.Trim() ?? "", LevelCode = levelCode?.Trim() ?? "" };
        if (rate.Change(ratePerHour) is { } refused)
        {
            foreach (var e in refused.Errors)
            {
                errors.Add(e.Field, e.Code, e.Message);
            }
        }

        return errors.Any ? errors.ToRefusal() : rate;
    }

    public Refusal? Change(decimal ratePerHour)
    {
        var errors = new FieldErrors();
        Amounts.CheckMoney(errors, "ratePerHour", ratePerHour);
        if (!errors.Any && (ratePerHour <= 0m || ratePerHour > MaxRatePerHour))
        {
            errors.Add("ratePerHour", "range", $"ratePerHour is more than 0 and at most {MaxRatePerHour:N0}.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        RatePerHour = ratePerHour;
        return null;
    }
}
