using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.ServiceLevels;

/// <summary>The rules a service-level policy must satisfy; every problem is reported at once.</summary>
public static class ServiceLevelPolicyRules
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 500;

    public static FieldErrors Check(ServiceLevelPolicyDetails d)
    {
        var errors = new FieldErrors();
        errors.RequiredText("name", d.Name, NameMaxLength);
        errors.MaxLength("description", d.Description, DescriptionMaxLength);

        if (!string.IsNullOrWhiteSpace(d.FaultCategory) && !ServiceLevelCriteria.FaultCategories.Any(c => ServiceLevelCriteria.Same(c, d.FaultCategory.Trim())))
        {
            errors.Add("faultCategory", "unknown",
                $"faultCategory must be empty (any) or one of {string.Join(", ", ServiceLevelCriteria.FaultCategories)}.");
        }

        if (!string.IsNullOrWhiteSpace(d.Urgency) && !ServiceLevelCriteria.Urgencies.Any(u => ServiceLevelCriteria.Same(u, d.Urgency.Trim())))
        {
            errors.Add("urgency", "unknown", $"urgency must be empty (any) or one of {string.Join(", ", ServiceLevelCriteria.Urgencies)}.");
        }

        if (d.MinDistanceKm is < 0)
        {
            errors.Add("minDistanceKm", "negative", "minDistanceKm cannot be negative.");
        }

        if (d.MaxDistanceKm is < 0)
        {
            errors.Add("maxDistanceKm", "negative", "maxDistanceKm cannot be negative.");
        }

        if (d.MinDistanceKm is { } min && d.MaxDistanceKm is { } max && min >= max)
        {
            // The band is min < distance ≤ max, so min = max would match no ticket at all.
            errors.Add("maxDistanceKm", "not_above_min", "maxDistanceKm must be greater than minDistanceKm.");
        }

        var targets = new (string Field, TimeSpan? Value)[]
        {
            ("firstResponse", d.FirstResponse), ("arrival", d.Arrival), ("resolution", d.Resolution), ("writtenContact", d.WrittenContact),
            ("remoteResolution", d.RemoteResolution),
        };
        if (targets.All(t => t.Value is null))
        {
            errors.Add("targets", "required", "Set at least one target: firstResponse, arrival, resolution, writtenContact or remoteResolution.");
        }

        foreach (var (field, value) in targets)
        {
            if (value is { } v && v <= TimeSpan.Zero)
            {
                errors.Add(field, "must_be_positive", $"{field} must be longer than zero.");
            }
        }

        return errors;
    }
}
