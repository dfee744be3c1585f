using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Assessment;
using ServiceMark.Web.Features.Demo;
using ServiceMark.Web.Features.Grading;
using ServiceMark.Web.Features.ServiceLevels;

namespace ServiceMark.Web.Tests.Operations;

/// <summary>
/// Scale-out (docs/operations.md, "Several instances"): two app processes with different working directories, started
/// at the same moment on one fresh PostgreSQL database, share what they must — both start (migrating and seeding
/// under the startup lock), each accepts the other's bearer tokens and sign-in cookies (one key ring in the database),
/// a calendar change made through one is used by the other at once, ticket numbers drawn on both at once never collide
/// nor log errors, and each background job runs in one of them only.
/// </summary>
public sealed partial class SeveralInstancesTests
{
    private static readonly string[] Jobs = [SlaMonitor.LeaseName, DeadlineReminders.LeaseName, GradingWindowMonitor.LeaseName];

    [Fact]
    public async Task Two_instances_started_together_on_one_postgres_database_share_what_they_must()
    {
        Requirements.Postgres();
        var name = "sm_multi_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = TestApp.CreatePostgresDatabase(name);
        var env = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__ServiceMark"] = connectionString,
            ["ServiceLevels__MonitorEnabled"] = "true",
            ["ServiceLevels__MonitorIntervalSeconds"] = "1",
            ["AssessmentReminders__IntervalSeconds"] = "1",
            ["Grading__ReminderIntervalSeconds"] = "1",
        };
        var starting = new[] { AppProcess.StartAsync(env, Deployment("a")), AppProcess.StartAsync(env, Deployment("b")) };
        try
        {
            var started = await Task.WhenAll(starting); // both come up: neither crashes on the other's migrations or seed rows
            var (a, b) = (started[0], started[1]);

            await TokensAndCookiesOfOneAreAcceptedByTheOtherAsync(a, b);
            await ACalendarChangeOnOneIsUsedByTheOtherAtOnceAsync(a, b);
            await TicketNumbersDrawnOnBothAtOnceAreDistinctAsync(a, b);
            await EachJobRunsInOneInstanceAsync(connectionString, a, b);
            await ACodeRacedOnBothIsOneCreateAndConflictsAsync(a, b);

            // Expected races (the day's ticket counter, job leases, a lost unique key, the migrator's probe of its history table on
            // a fresh database) are handled or answered, never logged as errors: from start to end, no error line.
            Assert.DoesNotContain(a.Output.Concat(b.Output), l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var start in starting.Where(s => s.IsCompletedSuccessfully))
            {
                (await start).Dispose();
            }

            NpgsqlConnection.ClearAllPools();
            TestApp.ExecutePostgres($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    /// <summary>A working directory of its own with the shipped appsettings.json, as a second deployment would have.</summary>
    private static string Deployment(string instance)
    {
        var directory = Path.Combine(Path.GetTempPath(), "servicemark-instances", Guid.NewGuid().ToString("N"), instance);
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(AppProcess.WebProjectDirectory, "appsettings.json"), Path.Combine(directory, "appsettings.json"));
        return directory;
    }

    private static async Task TokensAndCookiesOfOneAreAcceptedByTheOtherAsync(AppProcess a, AppProcess b)
    {
        using (var bWithTokenOfA = b.Client(await a.TokenAsync("specialist")))
        {
            Assert.Equal(HttpStatusCode.OK, (await bWithTokenOfA.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        }

        // Sign in through A's page, as a browser does (antiforgery token and cookie), then show B the cookies.
        var cookies = new CookieContainer();
        using var browserOnA = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(a.BaseUrl) };
        var page = await (await browserOnA.GetAsync(new Uri("/account/login", UriKind.Relative))).Content.ReadAsStringAsync();
        var antiforgery = AntiforgeryField().Match(page);
        Assert.True(antiforgery.Success, "the sign-in form carries an antiforgery token");
        var signedIn = await browserOnA.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery.Groups[1].Value),
            ["Input.UserName"] = "hr",
            ["Input.Password"] = DemoSeeder.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(cookies.GetCookies(new Uri(a.BaseUrl)), c => c.Name.StartsWith("ServiceMark.Auth", StringComparison.Ordinal));

        using var browserOnB = b.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/people");
        request.Headers.Add("Cookie", cookies.GetCookieHeader(new Uri(a.BaseUrl)));
        var people = await browserOnB.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, people.StatusCode); // not the redirect to sign-in that an unreadable cookie gets
    }

    private static async Task ACalendarChangeOnOneIsUsedByTheOtherAtOnceAsync(AppProcess a, AppProcess b)
    {
        using var adminOnA = a.Client(await a.TokenAsync("admin"));
        using var specialistOnB = b.Client(await b.TokenAsync("specialist"));
        var calendars = await (await adminOnA.GetAsync(new Uri("/api/v1/calendars", UriKind.Relative))).ReadJsonAsync();
        var calendar = calendars.EnumerateArray().Single(c => c.GetProperty("isDefault").GetBoolean());
        var id = calendar.GetProperty("id").GetInt32();
        var before = calendar.GetProperty("version").GetInt32();

        // B measures a ticket under the calendar as it is now (and keeps it built in memory).
        Assert.Equal(before, await CalendarVersionOfNewTicketAsync(specialistOnB));

        object[] office = [new { start = "08:30", end = "12:00" }, new { start = "13:30", end = "17:30" }];
        var week = new Dictionary<string, object[]>
        {
            ["monday"] = office, ["tuesday"] = office, ["wednesday"] = office, ["thursday"] = office, ["friday"] = office,
            ["saturday"] = [new { start = "09:00", end = "12:00" }],
        };
        var saved = await adminOnA.PutAsJsonAsync($"/api/v1/calendars/{id}/week", new { days = week, makeUpWorkdayHoursOf = "monday", version = before });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = (await saved.ReadJsonAsync()).GetProperty("version").GetInt32();
        Assert.NotEqual(before, after);

        Assert.Equal(after, await CalendarVersionOfNewTicketAsync(specialistOnB));
    }

    private static async Task<int> CalendarVersionOfNewTicketAsync(HttpClient specialist)
    {
        var created = await specialist.PostAsJsonAsync("/api/v1/tickets", NewTicket());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadJsonAsync()).GetProperty("calendar").GetProperty("version").GetInt32();
    }

    private static async Task TicketNumbersDrawnOnBothAtOnceAreDistinctAsync(AppProcess a, AppProcess b)
    {
        using var onA = a.Client(await a.TokenAsync("specialist"));
        using var onB = b.Client(await b.TokenAsync("specialist"));
        var created = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => (i % 2 == 0 ? onA : onB).PostAsJsonAsync("/api/v1/tickets", NewTicket())));
        Assert.All(created, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = await Task.WhenAll(created.Select(async r => (await r.ReadJsonAsync()).GetProperty("number").GetString()));
        Assert.Equal(numbers.Length, numbers.Distinct().Count());
    }

    /// <summary>One customer code sent to both instances at once: one 201, the rest 409 naming the code.</summary>
    private static async Task ACodeRacedOnBothIsOneCreateAndConflictsAsync(AppProcess a, AppProcess b)
    {
        using var onA = a.Client(await a.TokenAsync("specialist"));
        using var onB = b.Client(await b.TokenAsync("specialist"));
        var body = new { code = "C" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), name = "两地同时建档" };
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? onA : onB).PostAsJsonAsync("/api/v1/customers", body)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    /// <summary>
    /// The jobs tick every second in both instances; for several seconds each job's lease stays with one holder, and that
    /// holder is one of the two processes (its id carries the process id).
    /// </summary>
    private static async Task EachJobRunsInOneInstanceAsync(string connectionString, AppProcess a, AppProcess b)
    {
        var holders = Jobs.ToDictionary(j => j, _ => new HashSet<string>(StringComparer.Ordinal));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var samples = 0;
        while (samples < 8 && DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand("""SELECT "Name", "Holder" FROM "JobLeases" WHERE "ExpiresAtUtc" > now()""", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            while (await reader.ReadAsync())
            {
                seen[reader.GetString(0)] = reader.GetString(1);
            }

            if (Jobs.All(seen.ContainsKey))
            {
                samples++;
                foreach (var (job, holder) in seen)
                {
                    holders[job].Add(holder);
                }
            }

            await Task.Delay(500);
        }

        Assert.Equal(8, samples);
        var processes = new[] { $"/{a.ProcessId}/", $"/{b.ProcessId}/" };
        Assert.All(Jobs, job =>
        {
            Assert.Single(holders[job]);
            Assert.Contains(processes, p => holders[job].Single().Contains(p, StringComparison.Ordinal));
        });
    }

    private static object NewTicket() => new
    {
        customerId = 1, contactName = "赵建华", contactPhone = "13703710101", siteAddress = "郑州市金水区农业路18号", distanceKm = 12m,
        serialNumber = "LZYTBGCK0R1000101", faultCategory = "Body", faultDescription = "两个实例", urgency = "Normal", channel = "Phone",
    };

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
