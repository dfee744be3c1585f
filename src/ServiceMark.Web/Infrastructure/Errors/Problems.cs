using Microsoft.AspNetCore.Http.HttpResults;
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
        RefusalKind.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", refusal),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Kind, "Unknown refusal kind."),
    };

    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.Succeeded ? onSuccess(result.Value!) : From(result.Refusal!);

    private static ProblemHttpResult Problem(int status, string title, Refusal refusal) =>
        TypedResults.Problem(
            detail: refusal.Message,
            statusCode: status,
            title: title,
            extensions: new Dictionary<string, object?> { ["code"] = refusal.Code });
}
