using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Surveys;
using ServiceMark.Domain.Tickets;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.Surveys;
using ServiceMark.Web.Features.Tickets;
using static ServiceMark.Web.Tests.Surveys.SurveyTestSupport;

namespace ServiceMark.Web.Tests.Surveys;

[Trait("Rule", "R-CMP-2")]
public sealed class SurveyTests(SurveyTestApp app) : IClassFixture<SurveyTestApp>
{
    private static readonly object GoodAnswers = new { repairQuality = 9, satisfaction = 10, overall = 3, problemSolved = true, comment = "师傅很专业" };

    private async Task<TicketView> TicketAsync(int id)
    {
        using var specialist = app.ClientFor("specialist");
        return (await specialist.GetFromJsonAsync<TicketView>($"/api/v1/tickets/{id}", Json.Options))!;
    }

    [Fact]
    public async Task A_phone_survey_on_a_closed_ticket_follows_it_up_and_shows_on_the_ticket()
    {
        var ticket = await ClosedTicketAsync(app);
        using var specialist = app.ClientFor("specialist");
        var due = (await specialist.GetFromJsonAsync<PageOf<FollowUpDue>>("/api/v1/follow-ups?pageSize=100", Json.Options))!.Items;
        Assert.Contains(due!, d => d.TicketId == ticket.Id && d.TicketNumber == ticket.Number);

        var response = await specialist.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/phone-survey", GoodAnswers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.ReadAsync<SatisfactionSummary>();
        Assert.False(summary.IsLow);

        var after = await TicketAsync(ticket.Id);
        Assert.Equal(TicketStatus.FollowedUp, after.Status);
        Assert.Equal(TicketAction.RecordFollowUp, after.Events[^1].Action);
        Assert.Equal(SurveyMethod.Phone, after.Satisfaction!.Method);
        Assert.Equal((9, 10, 3, true, "师傅很专业"), (after.Satisfaction.RepairQuality, after.Satisfaction.Satisfaction, after.Satisfaction.Overall,
            after.Satisfaction.ProblemSolved, after.Satisfaction.Comment));
        Assert.DoesNotContain(((await specialist.GetFromJsonAsync<PageOf<FollowUpDue>>("/api/v1/follow-ups?pageSize=100", Json.Options))!.Items)!, d => d.TicketId == ticket.Id);

        // Once answered, neither a second phone survey nor a link.
        Assert.Equal(HttpStatusCode.Conflict, (await specialist.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/phone-survey", GoodAnswers)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await specialist.PostAsync(new Uri($"/api/v1/tickets/{ticket.Id}/survey-link", UriKind.Relative), null)).StatusCode);
    }

    [Fact]
    public async Task A_survey_is_only_for_a_closed_ticket_and_only_for_follow_up_staff()
    {
        var ticket = await ClosedTicketAsync(app);
        using var engineer = app.ClientFor("engineer");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsync(new Uri($"/api/v1/tickets/{ticket.Id}/survey-link", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/phone-survey", GoodAnswers)).StatusCode);
        using var gm = app.ClientFor("gm");
        Assert.Equal(HttpStatusCode.Forbidden, (await gm.GetAsync(new Uri("/api/v1/follow-ups", UriKind.Relative))).StatusCode);

        using var specialist = app.ClientFor("specialist");
        var open = await specialist.PostAsJsonAsync("/api/v1/tickets", new
        {
            customerId = 1, contactName = "赵建华", contactPhone = "13703710101", siteAddress = "郑州市金水区农业路18号", distanceKm = 12m,
            serialNumber = "LZYTBGCK0R1000101", mileageKm = 86000m, faultCategory = "Body", faultDescription = "异响", urgency = "Normal", channel = "Phone",
        });
        Assert.Equal(HttpStatusCode.Created, open.StatusCode);
        var openTicket = await open.ReadAsync<TicketView>();
        Assert.Equal(HttpStatusCode.Conflict, (await specialist.PostAsJsonAsync($"/api/v1/tickets/{openTicket.Id}/phone-survey", GoodAnswers)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await specialist.PostAsync(new Uri($"/api/v1/tickets/{openTicket.Id}/survey-link", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await specialist.PostAsync(new Uri("/api/v1/tickets/999999/survey-link", UriKind.Relative), null)).StatusCode);
    }

    [Fact]
    public async Task Validation_names_the_field_that_is_out_of_scale()
    {
        var ticket = await ClosedTicketAsync(app);
        using var specialist = app.ClientFor("specialist");
        var phone = await specialist.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/phone-survey", new { repairQuality = 11, overall = 4, problemSolved = (bool?)null });
        Assert.Equal(HttpStatusCode.BadRequest, phone.StatusCode);
        Assert.Equal(new[] { "overall", "problemSolved", "repairQuality" }, (await phone.FieldErrorsAsync()).Order().ToArray());
        Assert.Equal(TicketStatus.Closed, (await TicketAsync(ticket.Id)).Status);

        var (_, token) = await IssueLinkAsync(app, ticket.Id);
        using var customer = app.ClientFor(null);
        var link = await customer.PostAsJsonAsync($"/api/v1/public/surveys/{token}", new { repairQuality = 0, satisfaction = 5, problemSolved = true });
        Assert.Equal(HttpStatusCode.BadRequest, link.StatusCode);
        var problem = await link.ReadJsonAsync();
        Assert.Equal(new[] { "repairQuality" }, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("out_of_scale", problem.GetProperty("errorCodes").GetProperty("repairQuality")[0].GetString());

        // A refused answer does not use the link up.
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync(new Uri($"/api/v1/public/surveys/{token}", UriKind.Relative))).StatusCode);
        var form = await (await GetPageAsync(customer, token)).Content.ReadAsStringAsync();
        var page = await PostPageAsync(customer, token, AntiforgeryToken(form), new() { ["Input.RepairQuality"] = "11", ["Input.ProblemSolved"] = "True" });
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("data-field=\"repairQuality\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_opens_its_own_survey_once()
    {
        var ticket = await ClosedTicketAsync(app);
        var (link, token) = await IssueLinkAsync(app, ticket.Id);
        Assert.True(token.Length >= SurveyToken.MinLength);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime + SurveyLink.DefaultValidity, link.ExpiresAtUtc, TimeSpan.FromSeconds(1));

        using var customer = app.ClientFor(null);
        var opened = await customer.GetAsync(new Uri($"/api/v1/public/surveys/{token}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("no-store", opened.Headers.CacheControl?.ToString());
        var view = await opened.ReadAsync<PublicSurveyView>();
        Assert.Equal(ticket.Number, view.TicketNumber);
        Assert.Equal(ticket.CustomerName, view.CompanyName);
        var json = await opened.Content.ReadAsStringAsync();
        Assert.DoesNotContain(ticket.Assignments[0].Name, json, StringComparison.Ordinal);
        Assert.DoesNotContain(ticket.ContactPhone, json, StringComparison.Ordinal);

        var answered = await customer.PostAsJsonAsync($"/api/v1/public/surveys/{token}", GoodAnswers);
        Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode);
        var again = await customer.PostAsJsonAsync($"/api/v1/public/surveys/{token}", GoodAnswers);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already_used", (await again.ReadJsonAsync()).GetProperty("code").GetString());

        var page = await GetPageAsync(customer, token);
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("id=\"survey-used\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var after = await TicketAsync(ticket.Id);
        Assert.Equal(TicketStatus.FollowedUp, after.Status);
        Assert.Equal("system", after.Events[^1].Actor);
        Assert.Equal(SurveyMethod.Link, after.Satisfaction!.Method);
        Assert.Equal(SatisfactionSurvey.Customer, after.Satisfaction.AnsweredBy);
        Assert.Equal(1, await app.WithDbAsync(db => db.SatisfactionSurveys.CountAsync(s => s.TicketId == ticket.Id)));
    }

    [Fact]
    public async Task The_survey_page_works_without_an_account_and_shows_the_ticket_but_not_the_people()
    {
        var ticket = await ClosedTicketAsync(app);
        var (_, token) = await IssueLinkAsync(app, ticket.Id);
        using var customer = app.ClientFor(null);
        var page = await GetPageAsync(customer, token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(ticket.Number, html, StringComparison.Ordinal);
        Assert.Contains(ticket.CustomerName, html, StringComparison.Ordinal);
        Assert.DoesNotContain(ticket.Assignments[0].Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain(ticket.ContactPhone, html, StringComparison.Ordinal);
        Assert.DoesNotContain("_framework/blazor.web.js\" autostart", html, StringComparison.Ordinal);

        var antiforgery = AntiforgeryToken(html);
        var answered = await PostPageAsync(customer, token, antiforgery, new()
        {
            ["Input.RepairQuality"] = "8", ["Input.Satisfaction"] = "9", ["Input.Overall"] = "2", ["Input.ProblemSolved"] = "True", ["Input.Comment"] = "<script>alert(1)</script>",
        });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("id=\"survey-thanks\"", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await TicketAsync(ticket.Id);
        Assert.Equal(TicketStatus.FollowedUp, after.Status);
        Assert.Equal((8, 9, 2), (after.Satisfaction!.RepairQuality, after.Satisfaction.Satisfaction, after.Satisfaction.Overall));

        // The form sent again (back button, double click): refused, the first answers stand.
        var second = await PostPageAsync(customer, token, antiforgery, new() { ["Input.RepairQuality"] = "1", ["Input.ProblemSolved"] = "False" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(8, (await TicketAsync(ticket.Id)).Satisfaction!.RepairQuality);
    }

    [Fact]
    public async Task Unknown_and_wrong_tokens_get_the_same_neutral_404()
    {
        var ticket = await ClosedTicketAsync(app);
        var (_, real) = await IssueLinkAsync(app, ticket.Id);
        var wrong = SurveyToken.Encode(new byte[32]);
        var flipped = (real[0] == 'A' ? "B" : "A") + real[1..];
        using var customer = app.ClientFor(null);
        string? firstDetail = null;
        foreach (var token in new[] { wrong, flipped, "abc", new string('x', 300), "not-base64-!!!-0000000000000" })
        {
            var api = await customer.GetAsync(new Uri($"/api/v1/public/surveys/{token}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
            var body = await api.ReadJsonAsync();
            Assert.Equal("link_not_valid", body.GetProperty("code").GetString());
            firstDetail ??= body.GetProperty("detail").GetString();
            Assert.Equal(firstDetail, body.GetProperty("detail").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await customer.PostAsJsonAsync($"/api/v1/public/surveys/{token}", GoodAnswers)).StatusCode);

            var page = await GetPageAsync(customer, token);
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("id=\"survey-not-valid\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain(ticket.Number, html, StringComparison.Ordinal);
            Assert.DoesNotContain(ticket.CustomerName, html, StringComparison.Ordinal);
        }

        // The real link is untouched by the guesses.
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync(new Uri($"/api/v1/public/surveys/{real}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Issuing_again_withdraws_the_earlier_unused_link()
    {
        var ticket = await ClosedTicketAsync(app);
        var (_, first) = await IssueLinkAsync(app, ticket.Id);
        var (_, second) = await IssueLinkAsync(app, ticket.Id);
        Assert.NotEqual(first, second);
        using var customer = app.ClientFor(null);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync(new Uri($"/api/v1/public/surveys/{first}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync(new Uri($"/api/v1/public/surveys/{second}", UriKind.Relative))).StatusCode);
        using var specialist = app.ClientFor("specialist");
        var due = (await specialist.GetFromJsonAsync<PageOf<FollowUpDue>>("/api/v1/follow-ups?pageSize=100", Json.Options))!.Items;
        Assert.NotNull(due!.Single(d => d.TicketId == ticket.Id).OpenLinkExpiresAtUtc);
    }

    [Fact]
    public async Task The_database_and_audit_trail_never_hold_the_raw_token()
    {
        var ticket = await ClosedTicketAsync(app);
        var (link, token) = await IssueLinkAsync(app, ticket.Id);
        using var customer = app.ClientFor(null);
        Assert.Equal(HttpStatusCode.NoContent, (await customer.PostAsJsonAsync($"/api/v1/public/surveys/{token}", GoodAnswers)).StatusCode);

        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM SurveyLinks";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                Assert.NotEqual(token, value);
                Assert.DoesNotContain(token, value ?? "", StringComparison.Ordinal);
            }
        }

        Assert.True(rows > 0);
        var stored = await app.WithDbAsync(db => db.SurveyLinks.SingleAsync(l => l.Id == link.LinkId));
        Assert.Equal(SurveyToken.Hash(token), stored.TokenHash);
        Assert.NotNull(stored.UsedAtUtc);
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => (a.AfterJson != null && a.AfterJson.Contains(token)) || (a.BeforeJson != null && a.BeforeJson.Contains(token)))));
    }

    [Fact]
    public async Task A_low_rating_opens_a_follow_up_task_that_a_specialist_closes()
    {
        var ticket = await ClosedTicketAsync(app);
        var (_, token) = await IssueLinkAsync(app, ticket.Id);
        using var customer = app.ClientFor(null);
        var answered = await customer.PostAsJsonAsync($"/api/v1/public/surveys/{token}", new { repairQuality = 3, satisfaction = 4, overall = 0, problemSolved = false, comment = "还是漏气" });
        Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode);
        Assert.True((await TicketAsync(ticket.Id)).Satisfaction!.IsLow);

        using var specialist = app.ClientFor("specialist");
        var tasks = await specialist.GetFromJsonAsync<FollowUpTaskView[]>("/api/v1/follow-up-tasks", Json.Options);
        var task = Assert.Single(tasks!, t => t.TicketId == ticket.Id);
        Assert.Equal(FollowUpTaskStatus.Open, task.Status);
        Assert.Contains("repair_quality: 3", task.Reason, StringComparison.Ordinal);
        Assert.Contains("not solved", task.Reason, StringComparison.Ordinal);
        Assert.Equal("specialist", await app.WithDbAsync(db => db.FollowUpTasks.Where(t => t.Id == task.Id).Select(t => t.AssignedRole).SingleAsync()));
        Assert.NotNull(await app.WithDbAsync(db => db.FollowUpTasks.Where(t => t.Id == task.Id).Select(t => t.SurveyId).SingleAsync()));

        var done = await specialist.PostAsJsonAsync($"/api/v1/follow-up-tasks/{task.Id}/done", new { version = task.Version, note = "已回电，安排复修" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var doneTask = await done.ReadAsync<FollowUpTaskView>();
        Assert.Equal((FollowUpTaskStatus.Done, "specialist", "已回电，安排复修"), (doneTask.Status, doneTask.DoneBy, doneTask.Note));
        Assert.DoesNotContain((await specialist.GetFromJsonAsync<FollowUpTaskView[]>("/api/v1/follow-up-tasks", Json.Options))!, t => t.Id == task.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await specialist.PostAsJsonAsync($"/api/v1/follow-up-tasks/{task.Id}/done", new { version = doneTask.Version })).StatusCode);

        // A good phone survey opens none.
        var good = await ClosedTicketAsync(app);
        await specialist.PostAsJsonAsync($"/api/v1/tickets/{good.Id}/phone-survey", GoodAnswers);
        Assert.False(await app.WithDbAsync(db => db.FollowUpTasks.AnyAsync(t => t.TicketId == good.Id)));
    }
}

/// <summary>Moves the fake clock, so it has its own app: the fixture's sign-ins expire after an hour of fake time.</summary>
[Trait("Rule", "R-CMP-2")]
public sealed class SurveyExpiryTests(SurveyTestApp app) : IClassFixture<SurveyTestApp>
{
    [Fact]
    public async Task A_link_expires_after_fourteen_days()
    {
        var early = await ClosedTicketAsync(app);
        var late = await ClosedTicketAsync(app);
        var (_, earlyToken) = await IssueLinkAsync(app, early.Id);
        var (_, lateToken) = await IssueLinkAsync(app, late.Id);
        using var customer = app.ClientFor(null);

        app.Clock.Advance(SurveyLink.DefaultValidity - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NoContent,
            (await customer.PostAsJsonAsync($"/api/v1/public/surveys/{earlyToken}", new { overall = 2, problemSolved = true })).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await customer.GetAsync(new Uri($"/api/v1/public/surveys/{lateToken}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, expired.StatusCode);
        Assert.Equal("expired", (await expired.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await customer.PostAsJsonAsync($"/api/v1/public/surveys/{lateToken}", new { overall = 2, problemSolved = true })).StatusCode);
        var page = await GetPageAsync(customer, lateToken);
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("id=\"survey-expired\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The used link says "answered" rather than "expired"; the ticket of the expired link is still due.
        Assert.Equal("already_used", (await (await customer.GetAsync(new Uri($"/api/v1/public/surveys/{earlyToken}", UriKind.Relative))).ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(TicketStatus.Closed, await app.WithDbAsync(db => db.Tickets.Where(t => t.Id == late.Id).Select(t => t.Status).SingleAsync()));
    }
}

/// <summary>The default limit (20 a minute per address) on the public survey endpoints.</summary>
[Trait("Rule", "R-CMP-2")]
public sealed class SurveyRateLimitTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Guessing_survey_links_is_rate_limited()
    {
        using var customer = app.ClientFor(null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            statuses.Add((await customer.GetAsync(new Uri($"/api/v1/public/surveys/{SurveyToken.Encode(new byte[16])}", UriKind.Relative))).StatusCode);
        }

        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await customer.GetAsync(new Uri("/survey/abc", UriKind.Relative))).StatusCode);

        // Other endpoints are not limited.
        using var specialist = app.ClientFor("specialist");
        Assert.Equal(HttpStatusCode.OK, (await specialist.GetAsync(new Uri("/api/v1/follow-ups", UriKind.Relative))).StatusCode);
    }
}
