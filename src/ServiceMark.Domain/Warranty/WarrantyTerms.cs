using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Warranty;

/// <summary>
/// The three-guarantee (三包) terms of a product model: a period in months from the sale date, optionally
/// bounded by mileage and by running hours (whichever is reached first ends the warranty), and the fault
/// categories it covers.
/// </summary>
/// <param name="Months">Length of the period; the sale day is its first day (see <see cref="WarrantyCheck.EndDate"/>).</param>
/// <param name="MaxMileageKm">Mileage up to and including which the unit is covered; null = no mileage limit.</param>
/// <param name="MaxRunningHours">Running hours up to and including which the unit is covered; null = no limit.</param>
/// <param name="CoveredFaultCategories">
/// Fault category names as in the ticket's FaultCategory ("Body", "ChassisEngine", …), or the single entry
/// <see cref="AllCategories"/>. Null is read as "all" so that terms without a list cover everything.
/// </param>
public sealed record WarrantyTerms(
    int Months,
    decimal? MaxMileageKm = null,
    decimal? MaxRunningHours = null,
    IReadOnlyList<string>? CoveredFaultCategories = null)
{
    public const string AllCategories = "all";
    public const int MaxMonths = 240;

    public bool CoversAllCategories =>
        CoveredFaultCategories is null
        || CoveredFaultCategories.Any(c => string.Equals(c, AllCategories, StringComparison.OrdinalIgnoreCase));

    public bool Covers(string faultCategory) =>
        CoversAllCategories
        || CoveredFaultCategories!.Any(c => string.Equals(c, faultCategory, StringComparison.OrdinalIgnoreCase));

    public static FieldErrors Check(WarrantyTerms terms)
    {
        var errors = new FieldErrors();
        if (terms.Months is < 1 or > MaxMonths)
        {
            errors.Add("months", "out_of_range", $"months must be between 1 and {MaxMonths}.");
        }

        if (terms.MaxMileageKm is <= 0)
        {
            errors.Add("maxMileageKm", "must_be_positive", "maxMileageKm must be greater than 0, or empty for no limit.");
        }

        if (terms.MaxRunningHours is <= 0)
        {
            errors.Add("maxRunningHours", "must_be_positive", "maxRunningHours must be greater than 0, or empty for no limit.");
        }

        if (terms.CoveredFaultCategories is { Count: 0 })
        {
            errors.Add("coveredFaultCategories", "required", "coveredFaultCategories needs at least one category, or \"all\".");
        }
        else if (terms.CoveredFaultCategories?.Any(string.IsNullOrWhiteSpace) == true)
        {
            errors.Add("coveredFaultCategories", "blank", "coveredFaultCategories may not contain blank entries.");
        }

        return errors;
    }
}
