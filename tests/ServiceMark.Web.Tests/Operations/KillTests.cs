using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Web.Tests.Operations;

/// <summary>
/// SECURITY.md's kill test: the app runs as its own process, many clients create tickets with idempotency keys,
/// the process is killed with SIGKILL mid-way and restarted; every ticket that was answered 201 is still there,
/// exactly once, and the database is intact.
/// </summary>
public sealed class KillTests
{
    [Fact]
    public async Task Every_acknowledged_ticket_survives_a_kill_on_sqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "servicemark-kill", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var env = new Dictionary<string, string> { ["ServiceMark__DataDirectory"] = directory };
        await RunKillScenarioAsync(env);

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "servicemark.db")};Pooling=False");
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", await check.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Every_acknowledged_ticket_survives_a_kill_on_postgres()
    {
        Requirements.Postgres();
        var name = "sm_kill_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = TestApp.CreatePostgresDatabase(name);
        try
        {
            await RunKillScenarioAsync(new Dictionary<string, string>
            {
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__ServiceMark"] = connectionString,
            });
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            TestApp.ExecutePostgres($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static async Task RunKillScenarioAsync(Dictionary<string, string> env)
    {
        var acknowledged = new ConcurrentDictionary<string, int>();
        using (var first = await AppProcess.StartAsync(env))
        {
            var token = await first.TokenAsync("specialist");
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 8).Select(_ => Task.Run(() => CreateUntilStoppedAsync(first.BaseUrl, token, acknowledged, stop.Token))).ToList();
            // Kill at a random moment once the load is flowing (a slow, shared CI machine may need a while to get there).
            var waited = Stopwatch.StartNew();
            while (acknowledged.Count < 10 && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(50);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1500)));
            first.Kill(); // SIGKILL: no shutdown, no flush beyond what SQLite/PostgreSQL committed
            await stop.CancelAsync();
            await Task.WhenAll(clients);
        }

        Assert.True(acknowledged.Count > 5, $"only {acknowledged.Count} tickets were acknowledged before the kill");

        using var second = await AppProcess.StartAsync(env);
        using var client = second.Client(await second.TokenAsync("specialist"));
        foreach (var (key, id) in acknowledged)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/api/v1/tickets/{id}", UriKind.Relative))).StatusCode);
            using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(NewTicket()) };
            retry.Headers.Add("Idempotency-Key", key);
            var again = await client.SendAsync(retry);
            Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32()); // exactly once
        }
    }

    private static object NewTicket() => new
    {
        customerId = 1, contactName = "赵建华", contactPhone = "13703710101", siteAddress = "郑州市金水区农业路18号", distanceKm = 12m,
        serialNumber = "LZYTBGCK0R1000101", faultCategory = "Body", faultDescription = "压力测试", urgency = "Normal", channel = "Phone",
    };

    private static async Task CreateUntilStoppedAsync(string baseUrl, string token, ConcurrentDictionary<string, int> acknowledged, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        while (!stop.IsCancellationRequested)
        {
            var key = Guid.NewGuid().ToString("N");
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(NewTicket()) };
                request.Headers.Add("Idempotency-Key", key);
                var response = await client.SendAsync(request, stop);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged[key] = (await response.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("id").GetInt32();
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                return; // the server is gone (killed) or the test is stopping: an unanswered request proves nothing
            }
        }
    }
}
