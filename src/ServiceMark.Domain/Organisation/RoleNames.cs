namespace ServiceMark.Domain.Organisation;

/// <summary>The roles of ServiceMark. A person's role follows from their position; admin is granted to an account.</summary>
public static class RoleNames
{
    public const string Admin = "admin";
    public const string DepartmentHead = "department-head";
    public const string Supervisor = "supervisor";
    public const string Specialist = "specialist";
    public const string Engineer = "engineer";
    public const string WarehouseKeeper = "warehouse-keeper";
    public const string Hr = "hr";
    public const string GeneralManager = "general-manager";

    /// <summary>营销副总: reviews promotion forms and sits on the grading panel (R-GRD-4); same value as the grading domain's.</summary>
    public const string MarketingVp = Grading.GradingRoles.MarketingVp;

    /// <summary>行政及人力资源副总: reviews promotion forms after the marketing VP (R-GRD-4).</summary>
    public const string HrVp = Grading.GradingRoles.HrVp;

    /// <summary>The roles a position can carry (admin is not a position).</summary>
    public static readonly IReadOnlyList<string> PositionRoles =
        [DepartmentHead, Supervisor, Specialist, Engineer, WarehouseKeeper, Hr, GeneralManager, MarketingVp, HrVp];

    public static readonly IReadOnlyList<string> All = [Admin, .. PositionRoles];

    public static bool IsPositionRole(string role) => PositionRoles.Contains(role);
}
