using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Organisation;

/// <summary>A job position (岗位, R-ORG-2). Its role decides what its holders may see and do (R-ORG-3).</summary>
public sealed class Position : IVersioned, IAudited
{
    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Role { get; private set; } = RoleNames.Engineer;
    public bool IsManagerial { get; private set; }
    public bool IsActive { get; private set; } = true;

    /// <summary>
    /// The position's standard annual bonus in CNY (岗位标准奖金, R-ASM-8): quarterly and year-end bonuses are this × their
    /// share × the assessment bonus ratio. Empty when the position has no assessment bonus.
    /// </summary>
    public decimal? StandardAnnualBonus { get; private set; }
    public int Version { get; set; }

    public static Position Create(string code, string name, string role, bool isManagerial) =>
        new() { Code = code.Trim(), Name = name.Trim(), Role = role, IsManagerial = isManagerial };

    public void SetStandardAnnualBonus(decimal? amount) => StandardAnnualBonus = amount;

    public void Update(string code, string name, string role, bool isManagerial, bool isActive)
    {
        Code = code.Trim();
        Name = name.Trim();
        Role = role;
        IsManagerial = isManagerial;
        IsActive = isActive;
    }
}
