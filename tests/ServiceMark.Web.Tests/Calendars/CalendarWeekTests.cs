using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Calendars;

namespace ServiceMark.Web.Tests.Calendars;

/// <summary>Changing the working hours: its own app, because it moves every due time of the default calendar.</summary>
[Trait("Rule", "R-SLA-2")]
public sealed class CalendarWeekTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly object[] Office = [new { start = "08:30", end = "12:00" }, new { start = "13:30", end = "17:30" }];

    [Fact]
    public async Task A_new_week_moves_due_times_and_a_stale_edit_conflicts()
    {
        var id = await app.WithDbAsync(db => db.Calendars.Where(c => c.IsDefault).Select(c => c.Id).SingleAsync());
        var store = app.Services.GetRequiredService<CalendarStore>();
        var before = await store.GetDefaultAsync(TestContext.Current.CancellationToken);
        using var admin = app.ClientFor("admin");
        var view = await (await admin.GetAsync(new Uri($"/api/v1/calendars/{id}", UriKind.Relative))).ReadAsync<CalendarView>();

        // Saturday mornings become working time; make-up days keep Monday's hours.
        var week = new Dictionary<string, object[]>
        {
            ["monday"] = Office, ["tuesday"] = Office, ["wednesday"] = Office, ["thursday"] = Office, ["friday"] = Office,
            ["saturday"] = [new { start = "09:00", end = "12:00" }],
        };
        var saved = await admin.PutAsJsonAsync($"/api/v1/calendars/{id}/week", new { days = week, makeUpWorkdayHoursOf = "monday", version = view.Version });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var changed = await saved.ReadAsync<CalendarView>();
        Assert.Equal(view.Version + 1, changed.Version);
        Assert.Equal(40.5m, changed.Week.HoursPerWeek);
        Assert.NotEqual(view.RulesVersion, changed.RulesVersion);

        var after = await store.GetDefaultAsync(TestContext.Current.CancellationToken);
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal(changed.RulesVersion, after.Version);

        // Friday 16 Oct 2026 16:00 + 8 h: 1.5 h Friday, 3 h Saturday morning, Monday 08:30–12:00 is 3.5 h → 12:00 Monday.
        var due = await (await admin.GetAsync(new Uri($"/api/v1/calendars/{id}/working-time?from=2026-10-16T16:00&hours=8", UriKind.Relative)))
            .ReadAsync<WorkingTimeView>();
        Assert.Equal(new DateTimeOffset(2026, 10, 19, 12, 0, 0, TimeSpan.FromHours(8)), due.Due);

        // Someone who read the calendar before the change gets a 409 and nothing is written.
        var stale = await admin.PutAsJsonAsync($"/api/v1/calendars/{id}/week", new { days = new { monday = Office }, makeUpWorkdayHoursOf = "monday", version = view.Version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("stale_version", (await stale.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(changed.RulesVersion, (await store.GetDefaultAsync(TestContext.Current.CancellationToken)).Version);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(StoredCalendar) && a.Action == "Modified"
            && a.Reason == "working hours changed (R-SLA-2)")));
    }

    [Fact]
    public async Task A_bad_week_names_each_field()
    {
        var id = await app.WithDbAsync(db => db.Calendars.Where(c => c.IsDefault).Select(c => c.Id).SingleAsync());
        using var head = app.ClientFor("head");
        var response = await head.PutAsJsonAsync($"/api/v1/calendars/{id}/week", new
        {
            days = new Dictionary<string, object[]>
            {
                ["monday"] = [new { start = "8.30", end = "12:00" }],
                ["funday"] = [],
                ["tuesday"] = [new { start = "13:00" }],
            },
            makeUpWorkdayHoursOf = "someday",
            version = 0,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["days.funday", "days.monday[0].start", "days.tuesday[0].end", "makeUpWorkdayHoursOf"], (await response.FieldErrorsAsync()).Order());

        // Readable but against the rules of a week (WorkingWeek.Check).
        var rules = await head.PutAsJsonAsync($"/api/v1/calendars/{id}/week", new
        {
            days = new Dictionary<string, object[]>
            {
                ["monday"] = [new { start = "12:00", end = "08:30" }],
                ["tuesday"] = [new { start = "08:30", end = "12:00" }, new { start = "11:00", end = "17:30" }],
            },
            makeUpWorkdayHoursOf = "saturday",
            version = 0,
        });
        Assert.Equal(HttpStatusCode.BadRequest, rules.StatusCode);
        var codes = (await rules.ReadJsonAsync()).GetProperty("errorCodes");
        Assert.Equal("start_not_before_end", codes.GetProperty("days.monday[0]")[0].GetString());
        Assert.Equal("overlap", codes.GetProperty("days.tuesday[1]")[0].GetString());
        Assert.Equal("no_working_time", codes.GetProperty("makeUpWorkdayHoursOf")[0].GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await head.PutAsJsonAsync("/api/v1/calendars/999999/week",
            new { days = new { monday = Office }, makeUpWorkdayHoursOf = "monday", version = 0 })).StatusCode);
    }
}
