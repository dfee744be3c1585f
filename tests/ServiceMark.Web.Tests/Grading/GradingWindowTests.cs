using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Grading;
using ServiceMark.Web.Features.Notifications;

namespace ServiceMark.Web.Tests.Grading;

/// <summary>
/// Grading cycles (R-GRD-5): a promotion is applied for inside its window only, the engineer's page shows the window, and
/// when a window opens each engineer who meets every condition for the next grade — and their superior — is told once.
/// </summary>
[Trait("Rule", "R-GRD-5")]
public sealed class GradingWindowTests(TestApp app) : IClassFixture<TestApp>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    /// <summary>Moves the company clock (UTC+8) forward to 10:00 on <paramref name="day"/> (never backward).</summary>
    private void SetDay(DateOnly day)
    {
        var target = new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
        if (target > app.Clock.GetUtcNow())
        {
            app.Clock.SetUtcNow(target);
        }
    }

    private Task<int> CountAsync() => app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Kind == NotificationKind.GradingWindowOpen));

    [Fact]
    public async Task A_window_opening_tells_each_eligible_engineer_and_superior_once_and_applications_wait_for_it()
    {
        // HR: Junior applications in a 10-day window opening on the 1st of every month; no recent-results condition for Junior.
        using var hr = app.ClientFor("hr");
        var view = JsonNode.Parse(await hr.GetStringAsync(new Uri("/api/v1/grading/schemes/default", UriKind.Relative)))!.AsObject();
        var body = view["document"]!.DeepClone().AsObject();
        body["version"] = view["version"]!.GetValue<int>();
        body["eligibility"]![0]!["recentResults"] = null;
        body["cycles"] = new JsonArray(
            new JsonObject { ["levelCodes"] = new JsonArray("Junior"), ["everyMonths"] = 1, ["phaseMonth"] = 1, ["windowDays"] = 10 },
            new JsonObject { ["levelCodes"] = new JsonArray("Intermediate", "Senior", "Expert"), ["everyMonths"] = 12, ["phaseMonth"] = 10, ["windowDays"] = 31 });
        var saved = await hr.PutAsJsonAsync("/api/v1/grading/schemes/default", body);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());

        var monitor = app.Services.GetRequiredService<GradingWindowMonitor>();
        var firstOfNext = new DateOnly(Today.Year, Today.Month, 1).AddMonths(1);
        var dayBefore = firstOfNext.AddDays(-1);
        if (Today.Day > 10)
        {
            SetDay(dayBefore);
        }
        else
        {
            // Inside this month's window already: go to the day after it closes.
            SetDay(new DateOnly(Today.Year, Today.Month, 11));
            firstOfNext = new DateOnly(Today.Year, Today.Month, 1).AddMonths(1);
        }

        // Before the window: nothing is sent, and the trainee who meets every condition is told when it opens.
        await monitor.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await CountAsync());
        using var trainee = app.ClientFor("E0014");
        var me = await (await trainee.GetAsync(new Uri("/api/v1/grading/me", UriKind.Relative))).ReadJsonAsync();
        Assert.True(me.GetProperty("next").GetProperty("isEligible").GetBoolean(), me.ToString());
        var window = me.GetProperty("window");
        Assert.Equal(firstOfNext.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), window.GetProperty("opens").GetString());
        Assert.False(window.GetProperty("isOpen").GetBoolean());
        Assert.False(me.GetProperty("mayApply").GetBoolean());
        var refused = await trainee.PostAsJsonAsync("/api/v1/grading/applications", new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(GradeApplicationHandlers.OutsideWindow, (await refused.ReadJsonAsync()).GetProperty("code").GetString());

        // The window opens: the trainee and his superior hear of it, once, however often the job runs.
        SetDay(firstOfNext);
        using var traineeLater = app.ClientFor("E0014"); // a new token on the new day
        await monitor.RunOnceAsync(TestContext.Current.CancellationToken);
        await monitor.RunOnceAsync(TestContext.Current.CancellationToken);
        var (traineeId, superiorId) = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0014").Select(p => new { p.Id, p.SuperiorId }).SingleAsync()) is var x
            ? (x.Id, x.SuperiorId) : default;
        var sent = await app.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.GradingWindowOpen).ToListAsync());
        Assert.NotNull(superiorId);
        Assert.Equal(new[] { traineeId, superiorId!.Value }.Order(), sent.Select(n => n.RecipientPersonId).Order());
        Assert.Equal(1, await app.WithDbAsync(db => db.GradingWindowReminders.CountAsync()));

        var inbox = await (await traineeLater.GetAsync(new Uri("/api/v1/notifications", UriKind.Relative))).ReadJsonAsync();
        var note = inbox.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("kind").GetString() == "GradingWindowOpen");
        Assert.Contains("初级工程师", note.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains(firstOfNext.AddDays(9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), note.GetProperty("body").GetString(), StringComparison.Ordinal);

        // Inside the window he may apply; an engineer not eligible is not told (E0021, a trainee without the training).
        me = await (await traineeLater.GetAsync(new Uri("/api/v1/grading/me", UriKind.Relative))).ReadJsonAsync();
        Assert.True(me.GetProperty("window").GetProperty("isOpen").GetBoolean());
        Assert.True(me.GetProperty("mayApply").GetBoolean());
        var opened = await traineeLater.PostAsJsonAsync("/api/v1/grading/applications", new { });
        Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var notEligible = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0021").Select(p => p.Id).SingleAsync());
        Assert.DoesNotContain(sent, n => n.RecipientPersonId == notEligible);

        // The next day the job runs again: nobody is told twice.
        SetDay(firstOfNext.AddDays(1));
        await monitor.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, await CountAsync());
    }
}
