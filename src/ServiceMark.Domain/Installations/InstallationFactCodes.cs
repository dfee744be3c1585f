namespace ServiceMark.Domain.Installations;

/// <summary>The service facts measured on installation plans (issue 14 points 6 and 9), by the codes plans name.</summary>
public static class InstallationFactCodes
{
    /// <summary>Percent: of the plans the person leads that were to finish in the period (up to today), those whose commissioning
    /// report the customer signed by the planned finish (安装计划完成率); the evidence lists those that were not.</summary>
    public const string PlanCompletion = "installation_plan_completion";
}
