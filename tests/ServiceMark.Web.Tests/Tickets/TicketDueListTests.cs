using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Tickets;

/// <summary>
/// Overdue work is visible where work is planned (issue 12 point 2): each open ticket's next due time, the working time
/// left or overdue, filters for overdue / due today / waiting, most urgent first, by engineer and team.
/// </summary>
[Trait("Rule", "R-SLA-1")]
public sealed class TicketDueListTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<TicketPage> ListAsync(string query)
    {
        using var specialist = app.ClientFor("specialist");
        var response = await specialist.GetAsync(new Uri("/api/v1/tickets?pageSize=200&" + query, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<TicketPage>();
    }

    private Task<DateTime?> StoredNextDueAsync(int id) => app.WithDbAsync(db => db.Tickets.Where(t => t.Id == id).Select(t => t.NextDueAtUtc).SingleAsync());

    [Fact]
    public async Task An_open_ticket_shows_its_next_due_time_and_once_past_it_is_overdue_first_in_line()
    {
        var driver = new TicketDriver(app);

        // A body fault within 100 km: an engineer on site within 24 clock hours.
        var late = await driver.CreateAsync();
        var reported = (await ListAsync($"search={late.Number}")).Items.Single();
        Assert.Equal(reported.ReportedAtUtc.AddHours(24), reported.NextDueAtUtc);
        Assert.Equal(reported.NextDueAtUtc, await StoredNextDueAsync(late.Id));
        Assert.False(reported.IsOverdue);
        Assert.True(reported.DueIn >= TimeSpan.Zero);

        app.Clock.Advance(TimeSpan.FromHours(2));
        var fresh = await driver.CreateAsync();
        app.Clock.Advance(TimeSpan.FromHours(23));

        var overdue = await ListAsync("due=Overdue");
        var row = overdue.Items.Single(t => t.Id == late.Id);
        Assert.True(row.IsOverdue);
        Assert.True(row.DueIn <= TimeSpan.Zero); // working time: an hour overdue over lunch or at night is no working time yet
        Assert.DoesNotContain(overdue.Items, t => t.Id == fresh.Id);
        Assert.False((await ListAsync("dueFirst=true")).Items.Single(t => t.Id == fresh.Id).IsOverdue);

        // Most urgent first: the earliest due time leads, whatever the report order.
        var urgent = (await ListAsync("dueFirst=true")).Items.Where(t => t.Id == late.Id || t.Id == fresh.Id).Select(t => t.Id).ToList();
        Assert.Equal([late.Id, fresh.Id], urgent);

        // Waiting for the customer pauses the clock: no longer overdue, listed as waiting.
        using (var specialist = app.ClientFor("specialist"))
        {
            await TicketDriver.ActAsync(specialist, late, "wait-for-customer", new { reason = "客户车辆在外地运营" });
        }

        Assert.DoesNotContain((await ListAsync("due=Overdue")).Items, t => t.Id == late.Id);
        Assert.Contains((await ListAsync("due=Waiting")).Items, t => t.Id == late.Id);
    }

    [Fact]
    public async Task Engineer_and_team_filters_find_the_tickets_of_their_lead_and_closing_clears_the_due_time()
    {
        var driver = new TicketDriver(app);
        var engineerId = await driver.PersonIdAsync("E0011");
        var teamId = await app.WithDbAsync(db => db.People.Where(p => p.Id == engineerId).Select(p => p.OrgUnitId).SingleAsync());
        var ticket = await driver.SignAsync(await driver.CreateAsync());

        Assert.Contains((await ListAsync($"engineerId={engineerId}")).Items, t => t.Id == ticket.Id);
        Assert.DoesNotContain((await ListAsync($"engineerId={await driver.PersonIdAsync("E0012")}")).Items, t => t.Id == ticket.Id);
        Assert.Contains((await ListAsync($"teamId={teamId}")).Items, t => t.Id == ticket.Id);
        Assert.DoesNotContain((await ListAsync("teamId=999999")).Items, t => t.Id == ticket.Id);

        using var supervisor = app.ClientFor("supervisor");
        ticket = await TicketDriver.ActAsync(supervisor, ticket, "approve-report");
        using var specialist = app.ClientFor("specialist");
        await TicketDriver.ActAsync(specialist, ticket, "close");
        Assert.Null(await StoredNextDueAsync(ticket.Id));
        Assert.DoesNotContain((await ListAsync("dueFirst=true")).Items, t => t.Id == ticket.Id);
    }

    [Fact]
    public async Task Most_urgent_first_cannot_be_combined_with_the_report_order_cursor_or_date()
    {
        using var specialist = app.ClientFor("specialist");
        var response = await specialist.GetAsync(new Uri("/api/v1/tickets?dueFirst=true&from=2026-01-01", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"from\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        response = await specialist.GetAsync(new Uri("/api/v1/tickets?due=Late", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("due", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
