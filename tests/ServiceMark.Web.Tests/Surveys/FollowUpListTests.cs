using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Surveys;
using ServiceMark.Domain.Tickets;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.Surveys;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Surveys;

/// <summary>
/// The follow-up list (issue 12 point 1): paged on the server, newest due first so that a ticket closed a minute ago is
/// on the first page, filtered, and each follow-up due at its own service level (working hours after closing).
/// </summary>
[Trait("Rule", "R-CMP-2")]
public sealed class FollowUpListTests(SurveyTestApp app) : IClassFixture<SurveyTestApp>
{
    private static readonly object GoodAnswers = new { repairQuality = 9, satisfaction = 10, overall = 3, problemSolved = true, comment = "满意" };

    private Task<PageOf<FollowUpDue>> ListAsync(string query = "") => ListAsync(app, query);

    internal static async Task<PageOf<FollowUpDue>> ListAsync(TestApp app, string query = "")
    {
        using var specialist = app.ClientFor("specialist");
        var response = await specialist.GetAsync(new Uri("/api/v1/follow-ups" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<PageOf<FollowUpDue>>();
    }

    [Fact]
    public Task A_ticket_closed_a_minute_ago_is_first_and_becomes_overdue_after_its_working_hours() => ClosedAMinuteAgoIsFirstAsync(app);

    /// <summary>Also run on PostgreSQL (<see cref="Operations.PostgresTests"/>).</summary>
    internal static async Task ClosedAMinuteAgoIsFirstAsync(TestApp app)
    {
        Task<PageOf<FollowUpDue>> ListAsync(string query = "") => FollowUpListTests.ListAsync(app, query);
        var driver = new TicketDriver(app);
        var older = await driver.CloseAsync(await driver.CreateAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var ticket = await driver.CloseAsync(await driver.CreateAsync());

        var first = await ListAsync("?pageSize=1");
        Assert.Equal(ticket.Id, first.Items.Single().TicketId);
        Assert.True(first.Total >= 2);
        Assert.Equal(older.Id, (await ListAsync("?pageSize=1&page=2")).Items.Single().TicketId);

        // Due 15 working hours (two working days) after closing on the business calendar: never sooner than 15 clock hours.
        var row = first.Items.Single();
        Assert.NotNull(row.DueAtUtc);
        Assert.True(row.DueAtUtc - row.ClosedAtUtc >= TimeSpan.FromHours(15), $"due {row.DueAtUtc:o}, closed {row.ClosedAtUtc:o}");
        Assert.False(row.IsOverdue);
        Assert.Equal("马超", row.EngineerName);
        Assert.DoesNotContain((await ListAsync("?overdue=true&pageSize=100")).Items, d => d.TicketId == ticket.Id);

        using (var specialist = app.ClientFor("specialist"))
        {
            var detail = await specialist.GetFromJsonAsync<FollowUpDetail>($"/api/v1/follow-ups/{ticket.Id}", Json.Options);
            Assert.Equal(ticket.Number, detail!.FollowUp.TicketNumber);
            Assert.Equal("更换气管", detail.WorkDone);
            Assert.Null(detail.Satisfaction);
        }

        app.Clock.Advance(row.DueAtUtc!.Value - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
        var overdue = await ListAsync("?overdue=true&pageSize=100");
        Assert.Contains(overdue.Items, d => d.TicketId == ticket.Id && d.IsOverdue);
        Assert.DoesNotContain((await ListAsync("?overdue=false&pageSize=100")).Items, d => d.TicketId == ticket.Id);

        // Done late: no longer due, listed as done and flagged late.
        using (var specialist = app.ClientFor("specialist"))
        {
            Assert.Equal(HttpStatusCode.OK, (await specialist.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/phone-survey", GoodAnswers)).StatusCode);
        }

        Assert.DoesNotContain((await ListAsync("?pageSize=100")).Items, d => d.TicketId == ticket.Id);
        var done = (await ListAsync("?state=Done&pageSize=100")).Items.Single(d => d.TicketId == ticket.Id);
        Assert.Equal((TicketStatus.FollowedUp, true), (done.Status, done.IsOverdue));
        Assert.NotNull(done.FollowedUpAtUtc);
        Assert.Contains((await ListAsync("?state=All&pageSize=100")).Items, d => d.TicketId == ticket.Id);
    }

    [Fact]
    public async Task Filters_by_engineer_team_closing_date_and_search_narrow_the_list()
    {
        var driver = new TicketDriver(app);
        var ticket = await driver.CloseAsync(await driver.CreateAsync());
        var engineerId = await driver.PersonIdAsync("E0011");
        var otherId = await driver.PersonIdAsync("E0012");
        var teamId = await app.WithDbAsync(db => db.People.Where(p => p.Id == engineerId).Select(p => p.OrgUnitId).SingleAsync());

        Assert.Contains((await ListAsync($"?engineerId={engineerId}&pageSize=100")).Items, d => d.TicketId == ticket.Id);
        Assert.DoesNotContain((await ListAsync($"?engineerId={otherId}&pageSize=100")).Items, d => d.TicketId == ticket.Id);
        Assert.Contains((await ListAsync($"?teamId={teamId}&pageSize=100")).Items, d => d.TicketId == ticket.Id);
        Assert.DoesNotContain((await ListAsync("?teamId=999999&pageSize=100")).Items, d => d.TicketId == ticket.Id);
        Assert.Equal(ticket.Id, (await ListAsync($"?search={ticket.Number}")).Items.Single().TicketId);

        var closedAt = (await ListAsync($"?search={ticket.Number}")).Items.Single().ClosedAtUtc!.Value;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(closedAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        Assert.Contains((await ListAsync($"?closedFrom={today:yyyy-MM-dd}&closedTo={today:yyyy-MM-dd}&pageSize=100")).Items, d => d.TicketId == ticket.Id);
        Assert.DoesNotContain((await ListAsync($"?closedTo={today.AddDays(-1):yyyy-MM-dd}&pageSize=100")).Items, d => d.TicketId == ticket.Id);
    }

    [Fact]
    public async Task Bad_filters_name_their_field_and_a_ticket_not_closed_has_no_follow_up()
    {
        using var specialist = app.ClientFor("specialist");
        var response = await specialist.GetAsync(new Uri("/api/v1/follow-ups?pageSize=0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("pageSize", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        response = await specialist.GetAsync(new Uri("/api/v1/follow-ups?closedFrom=2026-03-02&closedTo=2026-03-01", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("closedTo", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var open = await new TicketDriver(app).CreateAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await specialist.GetAsync(new Uri($"/api/v1/follow-ups/{open.Id}", UriKind.Relative))).StatusCode);

        using var engineer = app.ClientFor("engineer");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri("/api/v1/follow-ups", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri($"/api/v1/follow-ups/{open.Id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_follow_up_service_level_is_edited_by_an_administrator_and_used_from_the_next_closing()
    {
        using var head = app.ClientFor("head");
        var settings = await head.GetFromJsonAsync<FollowUpSettingsView>("/api/v1/follow-up-settings", Json.Options);
        Assert.Equal((15, 14), (settings!.DueWithinHours, settings.LinkValidForDays));

        using var specialist = app.ClientFor("specialist");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await specialist.PutAsJsonAsync("/api/v1/follow-up-settings", new { dueWithinHours = 8, linkValidForDays = 7, version = settings.Version })).StatusCode);

        var bad = await head.PutAsJsonAsync("/api/v1/follow-up-settings", new { dueWithinHours = 0, linkValidForDays = 91, version = settings.Version });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("dueWithinHours", problem, StringComparison.Ordinal);
        Assert.Contains("linkValidForDays", problem, StringComparison.Ordinal);
        Assert.Equal(15, (await head.GetFromJsonAsync<FollowUpSettingsView>("/api/v1/follow-up-settings", Json.Options))!.DueWithinHours);

        var saved = await head.PutAsJsonAsync("/api/v1/follow-up-settings", new { dueWithinHours = 40, linkValidForDays = 3, version = settings.Version });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var updated = await saved.ReadAsync<FollowUpSettingsView>();
        Assert.Equal((40, 3), (updated.DueWithinHours, updated.LinkValidForDays));
        Assert.Equal(HttpStatusCode.Conflict,
            (await head.PutAsJsonAsync("/api/v1/follow-up-settings", new { dueWithinHours = 24, linkValidForDays = 3, version = settings.Version })).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(FollowUpSettings))));

        // 40 working hours is a working week: at least five calendar days later; the link lives three days.
        var ticket = await SurveyTestSupport.ClosedTicketAsync(app);
        var row = (await ListAsync($"?search={ticket.Number}")).Items.Single();
        Assert.True(row.DueAtUtc - row.ClosedAtUtc >= TimeSpan.FromDays(4), $"due {row.DueAtUtc:o}, closed {row.ClosedAtUtc:o}");
        var (link, _) = await SurveyTestSupport.IssueLinkAsync(app, ticket.Id);
        Assert.Equal(TimeSpan.FromDays(3), link.ExpiresAtUtc - app.Clock.GetUtcNow().UtcDateTime);

        var restored = await head.PutAsJsonAsync("/api/v1/follow-up-settings", new { dueWithinHours = 15, linkValidForDays = 14, version = updated.Version });
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
    }
}
