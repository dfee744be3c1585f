using System.Globalization;

namespace ServiceMark.Domain.Warranty;

/// <summary>Decides whether a fault falls under the three-guarantee warranty of the unit's serial number (R-TKT-2).</summary>
public static class WarrantyCheck
{
    /// <summary>
    /// The last day covered. The sale day is the first day of the period (三包有效期自开具发票之日起计算), so an
    /// N-month warranty ends the day before the same day N months later: sold 2025-03-01, 24 months → 2027-02-28.
    /// When that month has no such day (sold 2024-01-31, 1 month: there is no 2024-02-31) the period runs to the end
    /// of that month (2024-02-29), as 民法典 第二百零三条 does for periods without a corresponding day. Plain
    /// "AddMonths then minus a day" would give 2024-02-28 and take a day from a customer who bought at month end.
    /// The end date never moves backwards when the sale date moves forwards.
    /// </summary>
    public static DateOnly EndDate(DateOnly saleDate, int months)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        var anniversary = saleDate.AddMonths(months);
        var firstDayOut = anniversary.Day == saleDate.Day
            ? anniversary
            : new DateOnly(anniversary.Year, anniversary.Month, 1).AddMonths(1); // clamped: the day does not exist
        return firstDayOut.AddDays(-1);
    }

    /// <summary>
    /// Evaluates every condition of <paramref name="terms"/> and reports each one, so a specialist sees all reasons,
    /// not only the first that failed. A limit is met when the reading is at or below it. A missing reading does not
    /// void the warranty (the unit is under warranty unless a fact says otherwise) but makes the verdict inconclusive.
    /// </summary>
    /// <param name="faultCategory">The ticket's fault category; null when not yet classified.</param>
    public static WarrantyVerdict Evaluate(
        DateOnly saleDate,
        WarrantyTerms terms,
        DateOnly faultDate,
        decimal? mileageKm,
        decimal? runningHours,
        string? faultCategory = null)
    {
        var end = EndDate(saleDate, terms.Months);
        var reasons = new List<WarrantyReason>();
        var inWarranty = true;

        var periodValues = Values(
            ("saleDate", Date(saleDate)), ("months", Raw(terms.Months)), ("endDate", Date(end)), ("faultDate", Date(faultDate)));
        if (faultDate > end)
        {
            inWarranty = false;
            reasons.Add(new(WarrantyReasonCodes.PeriodEnded, periodValues,
                $"sold {Date(saleDate)}, {terms.Months}-month warranty ended {Date(end)}: the fault on {Date(faultDate)} is after it"));
        }
        else
        {
            reasons.Add(new(WarrantyReasonCodes.PeriodWithin, periodValues,
                $"sold {Date(saleDate)}, {terms.Months}-month warranty ends {Date(end)}: within"));
        }

        if (faultDate < saleDate)
        {
            reasons.Add(new(WarrantyReasonCodes.FaultBeforeSale, Values(("saleDate", Date(saleDate)), ("faultDate", Date(faultDate))),
                $"the fault date {Date(faultDate)} is before the sale date {Date(saleDate)}: check both dates"));
        }

        inWarranty &= CheckLimit(reasons, mileageKm, terms.MaxMileageKm, "mileageKm", "maxMileageKm", "mileage", "km",
            WarrantyReasonCodes.MileageWithin, WarrantyReasonCodes.MileageExceeded, WarrantyReasonCodes.MileageUnknown);
        inWarranty &= CheckLimit(reasons, runningHours, terms.MaxRunningHours, "runningHours", "maxRunningHours", "running time", "h",
            WarrantyReasonCodes.RunningHoursWithin, WarrantyReasonCodes.RunningHoursExceeded, WarrantyReasonCodes.RunningHoursUnknown);

        if (!terms.CoversAllCategories)
        {
            var covered = string.Join(", ", terms.CoveredFaultCategories!);
            if (string.IsNullOrWhiteSpace(faultCategory))
            {
                reasons.Add(new(WarrantyReasonCodes.CategoryUnknown, Values(("coveredCategories", covered)),
                    $"the warranty covers only {covered}: the fault category is not known yet"));
            }
            else if (terms.Covers(faultCategory))
            {
                reasons.Add(new(WarrantyReasonCodes.CategoryCovered, Values(("faultCategory", faultCategory)),
                    $"{faultCategory} faults are covered"));
            }
            else
            {
                inWarranty = false;
                reasons.Add(new(WarrantyReasonCodes.CategoryNotCovered,
                    Values(("faultCategory", faultCategory), ("coveredCategories", covered)),
                    $"{faultCategory} faults are not covered (covered: {covered})"));
            }
        }

        return new WarrantyVerdict(inWarranty, end, reasons);
    }

    private static bool CheckLimit(
        List<WarrantyReason> reasons, decimal? reading, decimal? limit, string readingName, string limitName,
        string what, string unit, string withinCode, string exceededCode, string unknownCode)
    {
        if (limit is not { } max)
        {
            return true;
        }

        if (reading is not { } value)
        {
            reasons.Add(new(unknownCode, Values((limitName, Raw(max))),
                $"{what} not recorded: the {Number(max)} {unit} limit was not checked"));
            return true;
        }

        var values = Values((readingName, Raw(value)), (limitName, Raw(max)));
        if (value > max)
        {
            reasons.Add(new(exceededCode, values, $"{what} {Number(value)} {unit} exceeds the {Number(max)} {unit} limit"));
            return false;
        }

        reasons.Add(new(withinCode, values, $"{what} {Number(value)} {unit} is within the {Number(max)} {unit} limit"));
        return true;
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(decimal n) => n.ToString("#,0.##", CultureInfo.InvariantCulture);

    // Values stay unformatted so the UI can group digits the way its language does.
    private static string Raw(decimal n) => n.ToString("0.##########", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Values(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
