namespace ServiceMark.Domain.Returns;

/// <summary>The service facts measured on returned products (issue 14 points 7 and 9), by the codes plans name.</summary>
public static class ReturnFactCodes
{
    /// <summary>Percent: of the returns the person answers for that were first tested in the period, those that passed that first
    /// test (返修产品质量合格率, plan F); the evidence lists those that failed.</summary>
    public const string QualityPassRate = "returned_quality_pass_rate";

    /// <summary>Percent: of the returns the person answers for that were promised back in the period (up to today), those completed
    /// by the promised day (返修任务达成率, plan F); the evidence lists those that were not.</summary>
    public const string TaskAchievement = "return_task_achievement";

    /// <summary>Days: the mean turnaround, receipt to sent back or refunded, of the person's returns completed in the period.</summary>
    public const string Turnaround = "return_turnaround_days";
}
