namespace ServiceMark.Domain.Warranty;

/// <summary>
/// One reason of a warranty verdict: a stable <paramref name="Code"/> (see <see cref="WarrantyReasonCodes"/>) and its
/// <paramref name="Values"/> so the UI can render it in Chinese from a resource template, plus the English sentence
/// for logs, the API and the English UI.
/// </summary>
public sealed record WarrantyReason(string Code, IReadOnlyDictionary<string, string> Values, string English);

/// <summary>
/// Whether a fault is covered, and why in plain words. <see cref="Conclusive"/> is false when a limit could not be
/// checked (a reading was not recorded) or the dates look wrong, so the specialist confirms before relying on it.
/// </summary>
public sealed record WarrantyVerdict(bool InWarranty, DateOnly EndDate, IReadOnlyList<WarrantyReason> Details)
{
    public IReadOnlyList<string> Reasons => Details.Select(d => d.English).ToList();

    public bool Conclusive => !Details.Any(d => WarrantyReasonCodes.Inconclusive.Contains(d.Code));
}

/// <summary>The reason codes and the value names each carries; a resource key per code renders it in Chinese.</summary>
public static class WarrantyReasonCodes
{
    /// <summary>Values: saleDate, months, endDate, faultDate.</summary>
    public const string PeriodWithin = "period_within";

    /// <summary>Values: saleDate, months, endDate, faultDate.</summary>
    public const string PeriodEnded = "period_ended";

    /// <summary>Values: saleDate, faultDate. The fault is treated as within the period, but the dates need checking.</summary>
    public const string FaultBeforeSale = "fault_before_sale";

    /// <summary>Values: mileageKm, maxMileageKm.</summary>
    public const string MileageWithin = "mileage_within";

    /// <summary>Values: mileageKm, maxMileageKm.</summary>
    public const string MileageExceeded = "mileage_exceeded";

    /// <summary>Values: maxMileageKm.</summary>
    public const string MileageUnknown = "mileage_unknown";

    /// <summary>Values: runningHours, maxRunningHours.</summary>
    public const string RunningHoursWithin = "running_hours_within";

    /// <summary>Values: runningHours, maxRunningHours.</summary>
    public const string RunningHoursExceeded = "running_hours_exceeded";

    /// <summary>Values: maxRunningHours.</summary>
    public const string RunningHoursUnknown = "running_hours_unknown";

    /// <summary>Values: faultCategory.</summary>
    public const string CategoryCovered = "category_covered";

    /// <summary>Values: faultCategory, coveredCategories (comma-separated).</summary>
    public const string CategoryNotCovered = "category_not_covered";

    /// <summary>Values: coveredCategories. The terms cover only some categories and the ticket's is not known yet.</summary>
    public const string CategoryUnknown = "category_unknown";

    public static readonly IReadOnlySet<string> Inconclusive =
        new HashSet<string> { FaultBeforeSale, MileageUnknown, RunningHoursUnknown, CategoryUnknown };
}
