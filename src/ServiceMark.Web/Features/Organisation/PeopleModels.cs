using ServiceMark.Domain.Organisation;

namespace ServiceMark.Web.Features.Organisation;

/// <summary>What a client may set on a person. Anything else in the body (id, isActive, roles…) is ignored.</summary>
public sealed record PersonRequest(
    string? EmployeeNumber,
    string? Name,
    string? Phone,
    string? Email,
    int PositionId,
    int OrgUnitId,
    int? SuperiorId,
    string? Status,
    DateOnly? HireDate,
    DateOnly? ProbationEndDate,
    int Version = 0);

public sealed record DeactivateRequest(string? Reason, int Version);

public sealed record PersonView(
    int Id,
    string EmployeeNumber,
    string Name,
    string? Phone,
    string? Email,
    int PositionId,
    string PositionName,
    string Role,
    int OrgUnitId,
    string OrgUnitName,
    int? SuperiorId,
    string? SuperiorName,
    EmploymentStatus Status,
    DateOnly HireDate,
    DateOnly? ProbationEndDate,
    bool IsActive,
    string? DeactivationReason,
    int Version);

public sealed record PeopleQuery(string? Search = null, EmploymentStatus? Status = null, int? OrgUnitId = null, bool IncludeInactive = false, int Page = 1, int PageSize = 25);

public sealed record PageOf<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
