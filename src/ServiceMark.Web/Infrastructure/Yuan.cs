using System.Globalization;

namespace ServiceMark.Web.Infrastructure;

/// <summary>An amount of money as the money pages show it: ¥1,234.50.</summary>
public static class Yuan
{
    public static string Format(decimal amount) => amount.ToString("¥#,##0.00", CultureInfo.InvariantCulture);
}
