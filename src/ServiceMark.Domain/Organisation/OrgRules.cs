using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Organisation;

/// <summary>Shape rules for organisational units and positions.</summary>
public static class OrgRules
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 60;
    public const int AddressMaxLength = 200;

    public static FieldErrors CheckUnit(OrgUnitKind kind, string? code, string? name, int? parentId, string? address)
    {
        var errors = new FieldErrors();
        errors.RequiredText("code", code, CodeMaxLength);
        errors.RequiredText("name", name, NameMaxLength);
        errors.MaxLength("address", address, AddressMaxLength);
        if (kind != OrgUnitKind.Department && parentId is null)
        {
            errors.Add("parentId", "required", "A team or service station belongs to a department: parentId is required.");
        }

        return errors;
    }

    public static FieldErrors CheckPosition(string? code, string? name, string? role)
    {
        var errors = new FieldErrors();
        errors.RequiredText("code", code, CodeMaxLength);
        errors.RequiredText("name", name, NameMaxLength);
        if (role is null || !RoleNames.IsPositionRole(role))
        {
            errors.Add("role", "unknown", $"role must be one of: {string.Join(", ", RoleNames.PositionRoles)}.");
        }

        return errors;
    }
}
