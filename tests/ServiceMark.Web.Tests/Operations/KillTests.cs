using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Demo;

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

    /// <summary>The web app as a separate OS process on a free loopback port, in demo mode.</summary>
    private sealed class AppProcess : IDisposable
    {
        private readonly Process process;

        private AppProcess(Process process, string baseUrl)
        {
            this.process = process;
            BaseUrl = baseUrl;
        }

        public string BaseUrl { get; }

        public static async Task<AppProcess> StartAsync(Dictionary<string, string> env)
        {
            var root = RepositoryRoot();
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var web = Path.Combine(root, "src", "ServiceMark.Web");
            var dll = Path.Combine(web, "bin", configuration, "net10.0", "ServiceMark.Web.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first");
            var baseUrl = $"http://127.0.0.1:{FreePort()}";
            var start = new ProcessStartInfo("dotnet", [dll, "--urls", baseUrl])
            {
                WorkingDirectory = web,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["ServiceMark__DemoMode"] = "true";
            start.Environment["ServiceMark__DemoHistoryTickets"] = "0";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["ServiceLevels__MonitorEnabled"] = "false";
            foreach (var (k, v) in env)
            {
                start.Environment[k] = v;
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var app = new AppProcess(process, baseUrl);
            using var probe = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    if ((await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode)
                    {
                        return app;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // not listening yet
                }

                Assert.False(process.HasExited, "the app process exited during start-up");
                await Task.Delay(250);
            }

            app.Kill();
            throw new TimeoutException("the app process did not become ready in 90 s");
        }

        public async Task<string> TokenAsync(string userName)
        {
            using var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = DemoSeeder.DemoPassword });
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }

        public HttpClient Client(string token)
        {
            var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        public void Kill()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }

        public void Dispose()
        {
            Kill();
            process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ServiceMark.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("ServiceMark.slnx not found above the test folder.");
        }
    }
}
