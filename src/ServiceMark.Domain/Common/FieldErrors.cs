namespace ServiceMark.Domain.Common;

/// <summary>Collects field errors while a request is checked, so that every problem is reported at once.</summary>
public sealed class FieldErrors
{
    private readonly List<FieldError> errors = [];

    public IReadOnlyList<FieldError> All => errors;
    public bool Any => errors.Count > 0;

    public void Add(string field, string code, string message) => errors.Add(new FieldError(field, code, message));

    public void Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "required", $"{field} is required.");
        }
    }

    public void MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, "too_long", $"{field} must be at most {max} characters.");
        }
    }

    public void RequiredText(string field, string? value, int max)
    {
        Required(field, value);
        MaxLength(field, value, max);
    }

    public Refusal ToRefusal() => Refusal.Invalid(errors.ToArray());

    /// <summary>
    /// The refusal for these errors and perhaps a unique value already taken (<see cref="Refusal.Duplicate(string, string)"/>):
    /// a malformed request is a 400 that names the taken value too, so one answer lists everything to correct; a well-formed
    /// request whose only problem is the taken value is a 409, the same as a parallel request that lost the race gets.
    /// Null when there is nothing to refuse.
    /// </summary>
    public Refusal? Refuse(Refusal? duplicate) => Any ? Refusal.Invalid([.. errors, .. duplicate?.Errors ?? []]) : duplicate;
}
