using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Tests.Infrastructure;
using Npgsql;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Tests.Operations;

/// <summary>A bug answers 500 with a correlation id and nothing of its internals, on the API and on pages; an unreachable database 503.</summary>
public sealed class UnexpectedErrorTests
{
    [Fact]
    public async Task A_failure_inside_a_handler_is_a_500_with_only_a_correlation_id()
    {
        await using var app = new BrokenDatabaseApp();
        using var hr = app.ClientFor("hr");
        var response = await hr.GetAsync(new Uri("/api/v1/people", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret connection detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        var correlationId = (await response.ReadJsonAsync()).GetProperty("correlationId").GetString();
        Assert.Matches("^[0-9a-f]{32}$", correlationId);
    }

    [Fact]
    public async Task An_unreachable_database_is_a_503_with_retry_after_not_a_500()
    {
        await using var app = new TestApp();
        using var hr = app.ClientFor("hr");
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync(new Uri("/api/v1/people", UriKind.Relative))).StatusCode);

        // The database's folder disappears (an unmounted volume): every new connection fails with SQLITE_CANTOPEN.
        SqliteConnection.ClearAllPools();
        Directory.Delete(app.DataDirectory, recursive: true);
        var response = await hr.GetAsync(new Uri("/api/v1/people", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, (await response.ReadJsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public void Connection_failures_are_told_apart_from_bugs_and_conflicts()
    {
        Assert.NotNull(UnexpectedErrorHandler.DatabaseUnavailable(new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException(111))));
        Assert.NotNull(UnexpectedErrorHandler.DatabaseUnavailable(
            new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new NpgsqlException("Exception while reading from stream", new TimeoutException()))));
        Assert.NotNull(UnexpectedErrorHandler.DatabaseUnavailable(new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03")));
        Assert.NotNull(UnexpectedErrorHandler.DatabaseUnavailable(new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300")));
        Assert.NotNull(UnexpectedErrorHandler.DatabaseUnavailable(new SqliteException("unable to open database file", 14)));
        Assert.NotNull(UnexpectedErrorHandler.DatabaseUnavailable(new SqliteException("database is locked", 5)));

        Assert.Null(UnexpectedErrorHandler.DatabaseUnavailable(new PostgresException("duplicate key value", "ERROR", "ERROR", "23505")));
        Assert.Null(UnexpectedErrorHandler.DatabaseUnavailable(new PostgresException("could not serialize access", "ERROR", "ERROR", "40001")));
        Assert.Null(UnexpectedErrorHandler.DatabaseUnavailable(new SqliteException("UNIQUE constraint failed: People.EmployeeNumber", 19)));
        Assert.Null(UnexpectedErrorHandler.DatabaseUnavailable(new InvalidOperationException("a bug")));
    }

    private sealed class BrokenDatabaseApp : TestApp
    {
        protected override void Configure(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services => services.AddSingleton<IDbContextFactory<AppDbContext>, ThrowingFactory>());
    }

    private sealed class ThrowingFactory : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => throw new InvalidOperationException("secret connection detail");
    }
}
