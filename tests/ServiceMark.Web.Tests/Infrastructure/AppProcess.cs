using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using ServiceMark.Web.Features.Demo;

namespace ServiceMark.Tests.Infrastructure;

/// <summary>
/// The web app as a separate OS process (the built ServiceMark.Web.dll) on a free loopback port, in demo mode, in
/// Development, with the SLA monitor off unless <c>env</c> says otherwise. Its console output is kept for assertions.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private AppProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int ProcessId => process.Id;

    /// <summary>Everything the process wrote to standard output and error so far, one line each.</summary>
    public IReadOnlyList<string> Output => output.ToArray();

    /// <summary>The folder of the web project (its content, appsettings.json) and of the built dll.</summary>
    public static string WebProjectDirectory => Path.Combine(RepositoryRoot(), "src", "ServiceMark.Web");

    /// <summary>Starts the app and waits until /health/ready answers; <paramref name="workingDirectory"/> defaults to the web project's folder.</summary>
    public static async Task<AppProcess> StartAsync(Dictionary<string, string> env, string? workingDirectory = null)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var web = WebProjectDirectory;
        var dll = Path.Combine(web, "bin", configuration, "net10.0", "ServiceMark.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first");
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", baseUrl])
        {
            WorkingDirectory = workingDirectory ?? web,
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
        var app = new AppProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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

            if (process.HasExited)
            {
                await process.WaitForExitAsync(); // all output read
                Assert.Fail($"the app process exited during start-up (code {process.ExitCode}):{Environment.NewLine}{string.Join(Environment.NewLine, app.Output.TakeLast(40))}");
            }

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

    public HttpClient Client(string? token)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(BaseUrl) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

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

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
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
