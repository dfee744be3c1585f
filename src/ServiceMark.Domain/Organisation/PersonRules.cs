using System.Text.RegularExpressions;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Organisation;

/// <summary>The rules a person's record must satisfy, independent of storage.</summary>
public static partial class PersonRules
{
    public const int NameMaxLength = 50;
    public const int EmployeeNumberMaxLength = 20;
    public const int PhoneMaxLength = 30;
    public const int EmailMaxLength = 100;

    [GeneratedRegex(@"^[A-Za-z0-9\-]+$")]
    private static partial Regex EmployeeNumberPattern();

    [GeneratedRegex(@"^[0-9+\- ]{5,30}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    /// <summary>Checks the shape of the details; existence of referenced rows is checked by the caller.</summary>
    public static FieldErrors Check(PersonDetails d)
    {
        var errors = new FieldErrors();
        errors.RequiredText("employeeNumber", d.EmployeeNumber, EmployeeNumberMaxLength);
        if (!string.IsNullOrWhiteSpace(d.EmployeeNumber) && !EmployeeNumberPattern().IsMatch(d.EmployeeNumber.Trim()))
        {
            errors.Add("employeeNumber", "format", "employeeNumber may contain only letters, digits and '-'.");
        }

        errors.RequiredText("name", d.Name, NameMaxLength);
        if (!string.IsNullOrWhiteSpace(d.Phone) && !PhonePattern().IsMatch(d.Phone.Trim()))
        {
            errors.Add("phone", "format", "phone must be 5–30 digits, spaces, '+' or '-'.");
        }
        else
        {
            PhoneRules.Check(errors, "phone", d.Phone);
        }

        errors.MaxLength("email", d.Email, EmailMaxLength);
        if (!string.IsNullOrWhiteSpace(d.Email) && !EmailPattern().IsMatch(d.Email.Trim()))
        {
            errors.Add("email", "format", "email is not a valid e-mail address.");
        }

        if (d.PositionId <= 0)
        {
            errors.Add("positionId", "required", "positionId is required.");
        }

        if (d.OrgUnitId <= 0)
        {
            errors.Add("orgUnitId", "required", "orgUnitId is required.");
        }

        if (d.ProbationEndDate is { } end && end < d.HireDate)
        {
            errors.Add("probationEndDate", "before_hire", "probationEndDate cannot be before hireDate.");
        }

        if (d.Status == EmploymentStatus.Probation && d.ProbationEndDate is null)
        {
            errors.Add("probationEndDate", "required", "probationEndDate is required while the person is on probation.");
        }

        return errors;
    }

    /// <summary>
    /// Whether making <paramref name="superiorId"/> the superior of <paramref name="personId"/> would close a loop
    /// in the reporting lines (a person above themselves). <paramref name="superiorOf"/> gives the current lines.
    /// </summary>
    public static bool WouldCreateReportingCycle(int personId, int superiorId, Func<int, int?> superiorOf)
    {
        var seen = new HashSet<int>();
        int? current = superiorId;
        while (current is { } id)
        {
            if (id == personId)
            {
                return true;
            }

            if (!seen.Add(id))
            {
                return false; // an existing loop elsewhere is not this change's doing
            }

            current = superiorOf(id);
        }

        return false;
    }
}
