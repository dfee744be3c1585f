namespace ServiceMark.Domain.Common;

/// <summary>
/// Checks for amounts people type: money in CNY (0 to 100 million, at most 2 decimals) and physical quantities with an
/// upper bound, so that an absurd input is a field error instead of an overflow in the database column.
/// </summary>
public static class Amounts
{
    public const decimal MaxMoney = 100_000_000m;

    public static void CheckMoney(FieldErrors errors, string field, decimal amount)
    {
        if (amount < 0m)
        {
            errors.Add(field, "negative", $"{field} cannot be negative.");
        }
        else if (amount > MaxMoney)
        {
            errors.Add(field, "range", $"{field} must be at most {MaxMoney:N0}.");
        }
        else if (Rounding.Round(amount) != amount)
        {
            errors.Add(field, "too_precise", $"{field} has at most {Rounding.Decimals} decimals.");
        }
    }

    public static void CheckQuantity(FieldErrors errors, string field, decimal? value, decimal max)
    {
        if (value < 0m)
        {
            errors.Add(field, "negative", $"{field} cannot be negative.");
        }
        else if (value > max)
        {
            errors.Add(field, "range", $"{field} must be at most {max:N0}.");
        }
    }
}
