using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using ServiceMark.Domain.Common;

namespace ServiceMark.Web.Infrastructure.Errors;

/// <summary>The one mapping from a refusal to RFC 7807 ProblemDetails (400 / 403 / 404 / 409).</summary>
public static class Problems
{
    public static IResult From(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Validation => TypedResults.ValidationProblem(
            refusal.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: refusal.Message,
            title: "Validation failed",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = refusal.Code,
                ["errorCodes"] = refusal.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray()),
            }),
        RefusalKind.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", refusal),
        RefusalKind.Forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden", refusal),
        RefusalKind.Conflict when refusal.Errors.Count > 0 => FieldConflict(refusal),
        RefusalKind.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", refusal),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Kind, "Unknown refusal kind."),
    };

    /// <summary>The success as <paramref name="onSuccess"/> makes it (<c>TypedResults.Ok</c>, <c>TypedResults.Created</c> …), else the refusal.</summary>
    public static Answer<TSuccess> ToHttp<T, TSuccess>(this Result<T> result, Func<T, TSuccess> onSuccess)
        where TSuccess : IResult, IEndpointMetadataProvider =>
        result.Succeeded ? onSuccess(result.Value!) : Answer<TSuccess>.Refused(result.Refusal!);

    /// <summary>For an answer whose type says nothing to the OpenAPI document (a file): the endpoint declares it with <c>Produces</c>.</summary>
    public static IResult ToHttpResult<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.Succeeded ? onSuccess(result.Value!) : From(result.Refusal!);

    /// <summary>200 with the record, or 404 naming what was not found.</summary>
    public static Answer<Ok<T>> OkOrNotFound<T>(T? value, string what)
        where T : class =>
        value is not null ? TypedResults.Ok(value) : Answer<Ok<T>>.Refused(Refusal.NotFound(what));

    /// <summary>A conflict about particular fields (a unique value already taken): 409 naming them like a validation problem does.</summary>
    private static ProblemHttpResult FieldConflict(Refusal refusal) =>
        TypedResults.Problem(
            detail: refusal.Message,
            statusCode: StatusCodes.Status409Conflict,
            title: "Conflict",
            extensions: FieldExtensions(refusal.Code, refusal.Errors));

    /// <summary>The extensions of a 409 about fields: the code, <c>field</c> (the one to correct), <c>errors</c> and <c>errorCodes</c>.</summary>
    public static Dictionary<string, object?> FieldExtensions(string code, IReadOnlyList<FieldError> errors) => new()
    {
        ["code"] = code,
        ["field"] = errors[^1].Field,
        ["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        ["errorCodes"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray()),
    };

    private static ProblemHttpResult Problem(int status, string title, Refusal refusal) =>
        TypedResults.Problem(
            detail: refusal.Message,
            statusCode: status,
            title: title,
            extensions: new Dictionary<string, object?> { ["code"] = refusal.Code });
}
