using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Infrastructure.Errors;

/// <summary>
/// Turns a bug into a 500 ProblemDetails with a correlation id (and nothing else), logged with that id.
/// Malformed requests that ASP.NET Core reports as <see cref="BadHttpRequestException"/> become 400s; a save that lost a
/// race (a stale version, or a unique key taken by a parallel request) becomes a 409 naming the field — here, once, so that
/// every handler is covered whether it saves through <see cref="SaveExtensions.TrySaveAsync"/> or directly (ADR 0002).
/// </summary>
internal sealed partial class UnexpectedErrorHandler(ILogger<UnexpectedErrorHandler> logger, IProblemDetailsService problemDetails)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var correlationId = Activity.Current?.TraceId.ToString() ?? httpContext.TraceIdentifier;
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            httpContext.Response.StatusCode = bad.StatusCode;
            problem = new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message };
            if (FieldOf(bad) is { } field)
            {
                // Name the field the body or query string could not be read for (e.g. a date that does not exist, ?year=abc).
                var message = bad.Message.StartsWith("Required parameter", StringComparison.Ordinal) ? $"{field} is required." : $"{field} has a value that cannot be read.";
                problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
            }
        }
        else if (exception is DbUpdateException failedSave && LostRace(httpContext, failedSave) is { } refusal)
        {
            var path = LoggablePath(httpContext.Request.Path);
            var fields = string.Join(",", refusal.Errors.Select(e => e.Field));
            LogLostRace(logger, correlationId, httpContext.Request.Method, path, refusal.Code, fields);

            httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
            problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = refusal.Message };
            foreach (var (key, value) in refusal.Errors.Count > 0
                         ? Problems.FieldExtensions(refusal.Code, refusal.Errors)
                         : new Dictionary<string, object?> { ["code"] = refusal.Code })
            {
                problem.Extensions[key] = value;
            }
        }
        else
        {
            LogUnexpected(logger, exception, correlationId, httpContext.Request.Method, LoggablePath(httpContext.Request.Path));
            httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred",
                Detail = $"Quote this correlation id when you report the problem: {correlationId}",
            };
        }

        problem.Extensions["correlationId"] = correlationId;
        if (!httpContext.Request.Path.StartsWithSegments("/api") && problem.Status == StatusCodes.Status500InternalServerError)
        {
            // A page request gets a page; the id is hex, so it needs no escaping.
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            await httpContext.Response.WriteAsync(
                $"<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>ServiceMark</title><body style=\"font-family:sans-serif;padding:2rem\">" +
                $"<h1>系统出错 / Something went wrong</h1><p>请将此编号告知管理员 / Quote this id to your administrator: <code>{correlationId}</code></p><p><a href=\"/\">首页 / Home</a></p></body></html>",
                cancellationToken);
            return true;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = null });
    }

    /// <summary>The refusal for a save that lost a race: a stale version, or a unique key a parallel request took first.</summary>
    private static Refusal? LostRace(HttpContext httpContext, DbUpdateException exception)
    {
        if (exception is DbUpdateConcurrencyException)
        {
            return Refusal.StaleVersion();
        }

        // The handler's context is disposed by now (its entries cannot be read): a fresh one lends the model.
        using var db = httpContext.RequestServices.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return UniqueViolations.Describe(exception, db.Model);
    }

    /// <summary>A survey link's path carries its secret: logged without it (SECURITY.md: no survey tokens in logs).</summary>
    internal static string LoggablePath(PathString path) =>
        path.StartsWithSegments("/survey") ? "/survey/***"
        : path.StartsWithSegments("/api/v1/public/surveys") ? "/api/v1/public/surveys/***"
        : path.ToString();

    /// <summary>
    /// The field whose value could not be read, if the binder says: a JSON property ("$.hireDate" → "hireDate"), or a
    /// route or query-string parameter of a minimal API ("Failed to bind parameter \"int? year\" from \"abc\"." → "year").
    /// </summary>
    private static string? FieldOf(BadHttpRequestException bad)
    {
        for (var e = bad.InnerException; e is not null; e = e.InnerException)
        {
            if (e is System.Text.Json.JsonException { Path: { Length: > 2 } path } && path.StartsWith("$.", StringComparison.Ordinal))
            {
                return path[2..];
            }
        }

        return bad.InnerException is null && BindingFailure().Match(bad.Message) is { Success: true } m ? m.Groups["name"].Value : null;
    }

    /// <summary>RequestDelegateFactory's messages for a parameter that does not parse or is missing (the name follows its type).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:Failed to bind parameter|Required parameter) ""[^""]*? (?<name>[A-Za-z_][A-Za-z0-9_]*)""",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex BindingFailure();

    [LoggerMessage(Level = LogLevel.Information, Message = "Save lost a race {CorrelationId} on {Method} {Path}: {Code} {Fields}")]
    private static partial void LogLostRace(ILogger logger, string correlationId, string method, string path, string code, string fields);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error {CorrelationId} on {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string correlationId, string method, string path);
}
