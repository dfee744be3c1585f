using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Infrastructure.Errors;

/// <summary>
/// Turns a bug into a 500 ProblemDetails with a correlation id (and nothing else), logged with that id.
/// Malformed requests that ASP.NET Core reports as <see cref="BadHttpRequestException"/> become 400s; a database that
/// cannot be reached (or is too busy to answer) is a 503 with Retry-After, like the readiness check says; a save that lost a
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
        else if (DatabaseUnavailable(exception) is { } cause)
        {
            // Not a bug: logged as a warning without a stack trace (every request fails the same way while it lasts).
            LogDatabaseUnavailable(logger, correlationId, httpContext.Request.Method, LoggablePath(httpContext.Request.Path), cause.GetType().Name, cause.Message);
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is temporarily unavailable",
                Detail = $"The database cannot be reached right now. Try again in {RetryAfterSeconds} seconds.",
            };
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
        if (!httpContext.Request.Path.StartsWithSegments("/api") && problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            await httpContext.Response.WriteAsync(
                "<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>ServiceMark</title><body style=\"font-family:sans-serif;padding:2rem\">" +
                $"<h1>系统暂时不可用 / Temporarily unavailable</h1><p>请稍后再试 / Please try again in a moment.</p><p><a href=\"/\">首页 / Home</a></p></body></html>",
                cancellationToken);
            return true;
        }

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

    /// <summary>Seconds a client is asked to wait while the database is unreachable.</summary>
    internal const int RetryAfterSeconds = 10;

    /// <summary>
    /// The database failure inside <paramref name="exception"/> that means "not reachable now" rather than a bug, or null.
    /// PostgreSQL: Npgsql's own errors that it marks transient (the socket, a read or the connect timed out or broke) and
    /// server errors of SQLSTATE class 08 (connection exception), 53 (insufficient resources, e.g. too many connections)
    /// and 57P01–57P03 (shutting down, cannot connect now). SQLite: SQLITE_CANTOPEN (the file or its folder is gone or not
    /// readable), SQLITE_BUSY and SQLITE_LOCKED (still locked after the busy timeout). Conflicts (40001, unique keys) are
    /// not in this list: they are answered elsewhere.
    /// </summary>
    internal static System.Data.Common.DbException? DatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                                       || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
                                                       || pg.SqlState is "57P01" or "57P02" or "57P03":
                    return pg;
                case Npgsql.PostgresException:
                    return null;
                case Npgsql.NpgsqlException { IsTransient: true } npgsql:
                    return npgsql;
                case Microsoft.Data.Sqlite.SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is SqliteCantOpen or SqliteBusy or SqliteLocked:
                    return sqlite;
            }
        }

        return null;
    }

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCantOpen = 14;


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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable {CorrelationId} on {Method} {Path}: {Error}: {Reason}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string correlationId, string method, string path, string error, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Save lost a race {CorrelationId} on {Method} {Path}: {Code} {Fields}")]
    private static partial void LogLostRace(ILogger logger, string correlationId, string method, string path, string code, string fields);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error {CorrelationId} on {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string correlationId, string method, string path);
}
