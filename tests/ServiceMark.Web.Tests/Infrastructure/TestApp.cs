using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Demo;

namespace ServiceMark.Tests.Infrastructure;

/// <summary>
/// The app in-process over a fresh database (a new SQLite file, or a new PostgreSQL database when
/// asked for), seeded with the demo company, on a fake clock. One per test class.
/// </summary>
public class TestApp : WebApplicationFactory<Program>
{
    public const string PostgresVariable = "SERVICEMARK_TEST_POSTGRES";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "servicemark-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, (string Token, DateTimeOffset IssuedAt)> tokens = new(StringComparer.Ordinal);
    private string? postgresDatabase;

    public TestApp() : this(usePostgres: false)
    {
    }

    protected TestApp(bool usePostgres)
    {
        Directory.CreateDirectory(directory);
        UsesPostgres = usePostgres;
        SqlitePath = Path.Combine(directory, "servicemark.db");
        if (usePostgres)
        {
            postgresDatabase = "sm_test_" + Guid.NewGuid().ToString("N")[..12];
            ConnectionString = CreatePostgresDatabase(postgresDatabase);
        }
        else
        {
            ConnectionString = $"Data Source={SqlitePath}";
        }
    }

    public bool UsesPostgres { get; }
    public string SqlitePath { get; }
    public string ConnectionString { get; }
    public string DataDirectory => directory;
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Extra configuration for a derived fixture (e.g. a real Kestrel port for browser tests).</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ServiceMark:DemoMode", "true");
        builder.UseSetting("ServiceMark:DemoHistoryTickets", "0"); // tests make the tickets they need
        builder.UseSetting("ContractVisits:Enabled", "false"); // tests that move the clock would see visits open; ContractTests run the job themselves
        builder.UseSetting("OverdueReminders:Enabled", "false"); // the same for reminders; OverdueReminderTests run the job themselves
        builder.UseSetting("ServiceMark:DataDirectory", directory);
        builder.UseSetting("Database:Provider", UsesPostgres ? "Postgres" : "Sqlite");
        builder.UseSetting("ConnectionStrings:ServiceMark", ConnectionString);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
        });
        Configure(builder);
    }

    /// <summary>A client signed in (bearer token) as the demo user with this user name; null for anonymous.</summary>
    public HttpClient ClientFor(string? userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });
        if (userName is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(userName));
        }

        return client;
    }

    public string TokenFor(string userName)
    {
        lock (tokens)
        {
            // A token lasts an hour of the (fake) clock: a test that moves the clock gets a fresh one.
            if (!tokens.TryGetValue(userName, out var cached) || Clock.GetUtcNow() - cached.IssuedAt > TimeSpan.FromMinutes(50))
            {
                using var anonymous = CreateClient();
                var response = anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = DemoSeeder.DemoPassword }).GetAwaiter().GetResult();
                response.EnsureSuccessStatusCode();
                var token = response.Content.ReadFromJsonAsync<TokenResponse>().GetAwaiter().GetResult()!.AccessToken;
                cached = (token, Clock.GetUtcNow());
                tokens[userName] = cached;
            }

            return cached.Token;
        }
    }

    /// <summary>After a test signs this user out (or resets, deactivates them…), their cached token no longer works.</summary>
    public void ForgetToken(string userName)
    {
        lock (tokens)
        {
            tokens.Remove(userName);
        }
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var context = await db.CreateDbContextAsync();
        return await action(context);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            DropPostgresDatabase(postgresDatabase);
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on a slow shutdown: the temp folder is cleaned by the OS
        }
    }

    public static string CreatePostgresDatabase(string name)
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
        ExecutePostgres($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// FORCE ends the test's own sessions, but not an autovacuum worker busy on the fresh database (ending one needs a
    /// superuser: 42501); such a worker finishes within moments, so the drop is retried for a few seconds.
    /// </summary>
    private static void DropPostgresDatabase(string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                ExecutePostgres($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (attempt < 20 && e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                Thread.Sleep(500);
            }
        }
    }

    public static void ExecutePostgres(string sql)
    {
        using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed record TokenResponse(string AccessToken);
}

/// <summary>The same app over PostgreSQL; only constructed when SERVICEMARK_TEST_POSTGRES is set.</summary>
public sealed class PostgresTestApp() : TestApp(usePostgres: true);

public static class Requirements
{
    /// <summary>Skips the test with a visible reason when PostgreSQL is not configured.</summary>
    public static void Postgres() =>
        Assert.SkipWhen(string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestApp.PostgresVariable)),
            $"PostgreSQL tests need {TestApp.PostgresVariable}=<connection string> (CI sets it).");
}
