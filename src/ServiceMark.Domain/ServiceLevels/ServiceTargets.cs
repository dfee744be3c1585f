using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.ServiceLevels;

/// <summary>
/// Department-level service targets (R-SLA-5): drawn on dashboards and offered as KPI targets. Each comparison is
/// written once here because the seeds mix "≥", "&lt;" and "≤" and a dashboard must not guess which.
/// </summary>
public sealed record ServiceTargets
{
    /// <summary>Seed 001 §3.2.1: share of tickets meeting their service level, at least (≥).</summary>
    public decimal TimelinessRatePercentMin { get; init; } = 90m;

    /// <summary>Seed 001 §3.2.1: customer satisfaction, at least (≥).</summary>
    public decimal SatisfactionRatePercentMin { get; init; } = 85m;

    /// <summary>Seed 001 §3.2.1: complaints attributable to service, strictly below (&lt;).</summary>
    public decimal ServiceComplaintRatePercentBelow { get; init; } = 3m;

    /// <summary>Seed 003, complaint engineer: satisfaction, at least (≥).</summary>
    public decimal ComplaintEngineerSatisfactionPercentMin { get; init; } = 90m;

    /// <summary>Seed 003, complaint engineer: average response time, at most (≤).</summary>
    public decimal ComplaintEngineerResponseHoursMax { get; init; } = 24m;

    /// <summary>Seed 003, complaint engineer: average resolution time, at most (≤).</summary>
    public decimal ComplaintEngineerResolutionHoursMax { get; init; } = 72m;

    /// <summary>Seed 003, complaint engineer: complaint rate, at most (≤).</summary>
    public decimal ComplaintEngineerComplaintRatePercentMax { get; init; } = 5m;

    public static ServiceTargets Default { get; } = new();

    public bool TimelinessMet(decimal ratePercent) => ratePercent >= TimelinessRatePercentMin;

    public bool SatisfactionMet(decimal ratePercent) => ratePercent >= SatisfactionRatePercentMin;

    public bool ServiceComplaintRateMet(decimal ratePercent) => ratePercent < ServiceComplaintRatePercentBelow;

    public bool ComplaintEngineerSatisfactionMet(decimal ratePercent) => ratePercent >= ComplaintEngineerSatisfactionPercentMin;

    public bool ComplaintEngineerResponseMet(decimal hours) => hours <= ComplaintEngineerResponseHoursMax;

    public bool ComplaintEngineerResolutionMet(decimal hours) => hours <= ComplaintEngineerResolutionHoursMax;

    public bool ComplaintEngineerComplaintRateMet(decimal ratePercent) => ratePercent <= ComplaintEngineerComplaintRatePercentMax;

    public static FieldErrors Check(ServiceTargets t)
    {
        var errors = new FieldErrors();
        Percent(errors, "timelinessRatePercentMin", t.TimelinessRatePercentMin);
        Percent(errors, "satisfactionRatePercentMin", t.SatisfactionRatePercentMin);
        Percent(errors, "serviceComplaintRatePercentBelow", t.ServiceComplaintRatePercentBelow);
        Percent(errors, "complaintEngineerSatisfactionPercentMin", t.ComplaintEngineerSatisfactionPercentMin);
        Percent(errors, "complaintEngineerComplaintRatePercentMax", t.ComplaintEngineerComplaintRatePercentMax);
        Hours(errors, "complaintEngineerResponseHoursMax", t.ComplaintEngineerResponseHoursMax);
        Hours(errors, "complaintEngineerResolutionHoursMax", t.ComplaintEngineerResolutionHoursMax);
        return errors;
    }

    private static void Percent(FieldErrors errors, string field, decimal value)
    {
        if (value is < 0m or > 100m)
        {
            errors.Add(field, "out_of_range", $"{field} must be between 0 and 100.");
        }
    }

    private static void Hours(FieldErrors errors, string field, decimal value)
    {
        if (value <= 0m)
        {
            errors.Add(field, "must_be_positive", $"{field} must be greater than 0.");
        }
    }
}
