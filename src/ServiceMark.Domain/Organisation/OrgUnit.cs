using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Organisation;

/// <summary>A department, team (班组) or service station (服务站) — R-ORG-1.</summary>
public sealed class OrgUnit : IVersioned, IAudited
{
    public int Id { get; private set; }
    public OrgUnitKind Kind { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int? ParentId { get; private set; }
    public string? Address { get; private set; }
    public bool IsActive { get; private set; } = true;
    public int Version { get; set; }

    public static OrgUnit Create(OrgUnitKind kind, string code, string name, int? parentId, string? address) =>
        new() { Kind = kind, Code = code.Trim(), Name = name.Trim(), ParentId = parentId, Address = address?.Trim() };

    public void Update(string code, string name, int? parentId, string? address, bool isActive)
    {
        Code = code.Trim();
        Name = name.Trim();
        ParentId = parentId;
        Address = address?.Trim();
        IsActive = isActive;
    }
}
