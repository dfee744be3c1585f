namespace ServiceMark.Domain.Complaints;

/// <summary>The service facts measured on complaints beside the calculator's count (plan E's 客户投诉率).</summary>
public static class ComplaintFactCodes
{
    /// <summary>Percent: complaints decided valid and attributable to service ÷ tickets reported, in the period, × 100.</summary>
    public const string ComplaintRate = "complaint_rate";
}
