namespace ServiceMark.Domain.Common;

/// <summary>
/// The one rounding rule of ServiceMark: scores and money are rounded to 2 decimals, half away from
/// zero (93.345 → 93.35, −1.005 → −1.01). Every computed score or amount goes through here.
/// </summary>
public static class Rounding
{
    public const int Decimals = 2;

    public static decimal Round(decimal value) => Math.Round(value, Decimals, MidpointRounding.AwayFromZero);
}
