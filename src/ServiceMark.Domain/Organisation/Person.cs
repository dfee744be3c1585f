using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Organisation;

/// <summary>A member of staff (R-ORG-2, R-ORG-4). Never deleted: leaving or deactivation keeps the history.</summary>
public sealed class Person : IVersioned, IAudited
{
    public int Id { get; private set; }
    public string EmployeeNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public int PositionId { get; private set; }
    public int OrgUnitId { get; private set; }
    public int? SuperiorId { get; private set; }
    public EmploymentStatus Status { get; private set; }
    public DateOnly HireDate { get; private set; }
    public DateOnly? ProbationEndDate { get; private set; }
    public bool IsActive { get; private set; } = true;
    public string? DeactivationReason { get; private set; }
    public int Version { get; set; }

    public static Person Create(PersonDetails details)
    {
        var person = new Person();
        person.Apply(details);
        return person;
    }

    public void Update(PersonDetails details) => Apply(details);

    public void Deactivate(string reason)
    {
        IsActive = false;
        DeactivationReason = reason.Trim();
    }

    public void Reactivate()
    {
        IsActive = true;
        DeactivationReason = null;
    }

    private void Apply(PersonDetails d)
    {
        EmployeeNumber = d.EmployeeNumber.Trim();
        Name = d.Name.Trim();
        Phone = NullIfBlank(d.Phone);
        Email = NullIfBlank(d.Email);
        PositionId = d.PositionId;
        OrgUnitId = d.OrgUnitId;
        SuperiorId = d.SuperiorId;
        Status = d.Status;
        HireDate = d.HireDate;
        ProbationEndDate = d.ProbationEndDate;
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The editable facts of a person, already checked by <see cref="PersonRules"/>.</summary>
public sealed record PersonDetails(
    string EmployeeNumber,
    string Name,
    string? Phone,
    string? Email,
    int PositionId,
    int OrgUnitId,
    int? SuperiorId,
    EmploymentStatus Status,
    DateOnly HireDate,
    DateOnly? ProbationEndDate);
