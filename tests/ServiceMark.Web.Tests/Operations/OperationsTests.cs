using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Demo;
using ServiceMark.Web.Infrastructure.Cli;

namespace ServiceMark.Web.Tests.Operations;

public sealed class OperationsTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Liveness_and_readiness_answer_without_sign_in()
    {
        using var client = app.ClientFor(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_sqlite_database_runs_in_wal_mode_with_foreign_keys_and_full_sync()
    {
        var (journal, foreignKeys, synchronous) = await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            return (await Scalar(connection, "PRAGMA journal_mode"), await Scalar(connection, "PRAGMA foreign_keys"), await Scalar(connection, "PRAGMA synchronous"));
        });
        Assert.Equal("wal", journal);
        Assert.Equal("1", foreignKeys);
        Assert.Equal("2", synchronous); // FULL
    }

    [Fact]
    public async Task Security_headers_are_on_pages_and_api_responses()
    {
        using var client = app.ClientFor(null);
        foreach (var path in new[] { "/account/login", "/api/v1/me", "/health" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.False(response.Headers.Contains("Server"));
        }
    }

    [Fact]
    public async Task The_openapi_document_and_its_reference_page_are_served()
    {
        using var client = app.ClientFor(null);
        var document = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("/api/v1/people", await document.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/scalar/v1", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Unauthenticated_api_calls_get_problem_details_and_pages_redirect_to_sign_in()
    {
        using var client = app.ClientFor(null);
        var api = await client.GetAsync(new Uri("/api/v1/people", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var page = await client.GetAsync(new Uri("/people", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_switch_only_returns_to_local_addresses()
    {
        using var client = app.ClientFor(null);
        var offsite = await client.GetAsync(new Uri("/culture/en?returnUrl=//evil.example/x", UriKind.Relative));
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);
        var local = await client.GetAsync(new Uri("/culture/en?returnUrl=/people", UriKind.Relative));
        Assert.Equal("/people", local.Headers.Location!.OriginalString);
        Assert.Contains(local.Headers.GetValues("Set-Cookie"), c => c.Contains("uic%3Den", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        using var client = app.ClientFor(null);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "E0009", password = "not-the-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "E0009", password = DemoSeeder.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_then_restore_gives_back_the_same_data()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:ServiceMark"] = app.ConnectionString }).Build();
        var backupFile = new FileInfo(Path.Combine(app.DataDirectory, "backup", "sm.db"));
        var before = await SnapshotAsync();
        Assert.Equal(0, SqliteBackup.Backup(config, backupFile));
        Assert.Equal(1, SqliteBackup.Backup(config, backupFile)); // never overwrites

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE People SET Name = 'changed after backup' WHERE EmployeeNumber = 'E0012'"));
        Assert.NotEqual(before, await SnapshotAsync());

        Assert.Equal(0, SqliteBackup.Restore(config, backupFile));
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal("ok", await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            return await Scalar(db.Database.GetDbConnection(), "PRAGMA integrity_check");
        }));
    }

    [Fact]
    public void Restore_refuses_a_file_that_is_not_a_servicemark_backup()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:ServiceMark"] = app.ConnectionString }).Build();
        var junk = Path.Combine(app.DataDirectory, "junk.db");
        File.WriteAllText(junk, "this is not a database");
        Assert.Equal(1, SqliteBackup.Restore(config, new FileInfo(junk)));
        Assert.Equal(1, SqliteBackup.Restore(config, new FileInfo(Path.Combine(app.DataDirectory, "missing.db"))));
    }

    private Task<string> SnapshotAsync() => app.WithDbAsync(async db =>
        string.Join("|", await db.People.OrderBy(p => p.Id).Select(p => p.EmployeeNumber + ":" + p.Name + ":" + p.Version).ToListAsync()) +
        "#" + await db.AuditEntries.CountAsync());

    private static async Task<string> Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
