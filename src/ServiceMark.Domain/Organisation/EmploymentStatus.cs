namespace ServiceMark.Domain.Organisation;

/// <summary>R-ORG-4. Probation staff get base pay only and are not in the monthly KPI assessment.</summary>
public enum EmploymentStatus
{
    Probation,
    Regular,
    Transferred,
    Left,
}

public static class EmploymentStatusRules
{
    /// <summary>Whether a person in this status takes part in the monthly KPI assessment (R-ORG-4).</summary>
    public static bool IsAssessed(this EmploymentStatus status) =>
        status is EmploymentStatus.Regular or EmploymentStatus.Transferred;
}
