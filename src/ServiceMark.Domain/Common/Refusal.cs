namespace ServiceMark.Domain.Common;

/// <summary>Why a request was not carried out. A value, not an exception: the edges map it to ProblemDetails.</summary>
public enum RefusalKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>A field-level validation error. <paramref name="Field"/> is the request property in camelCase.</summary>
public sealed record FieldError(string Field, string Code, string Message);

public sealed record Refusal(RefusalKind Kind, string Code, string Message, IReadOnlyList<FieldError> Errors)
{
    public static Refusal Invalid(IReadOnlyList<FieldError> errors) =>
        new(RefusalKind.Validation, "validation", "One or more fields are invalid.", errors);

    public static Refusal Invalid(string field, string code, string message) =>
        Invalid([new FieldError(field, code, message)]);

    public static Refusal NotFound(string what) => new(RefusalKind.NotFound, "not_found", $"{what} was not found.", []);

    public static Refusal Forbidden(string message) => new(RefusalKind.Forbidden, "forbidden", message, []);

    public static Refusal Conflict(string code, string message) => new(RefusalKind.Conflict, code, message, []);

    /// <summary>
    /// The value of a unique field is already taken — found by the handler's own check or by the database when a parallel
    /// request won the race. A conflict with the stored data (409), not a malformed request: the same answer either way.
    /// </summary>
    public static Refusal Duplicate(IReadOnlyList<string> fields, string message) =>
        new(RefusalKind.Conflict, DuplicateCode, message, fields.Select(f => new FieldError(f, DuplicateCode, message)).ToList());

    public static Refusal Duplicate(string field, string message) => Duplicate([field], message);

    public const string DuplicateCode = "duplicate";

    public static Refusal StaleVersion() =>
        Conflict("stale_version", "The record was changed by someone else since you loaded it. Reload and try again.");
}

/// <summary>The outcome of a use case: a value or the reason it was refused.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Refusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    public T? Value { get; }
    public Refusal? Refusal { get; }
    public bool Succeeded => Refusal is null;

    public static Result<T> Ok(T value) => new(value, null);
    public static Result<T> Refused(Refusal refusal) => new(default, refusal);

    public static implicit operator Result<T>(Refusal refusal) => Refused(refusal);

    public static implicit operator Result<T>(T value) => Ok(value);
}
