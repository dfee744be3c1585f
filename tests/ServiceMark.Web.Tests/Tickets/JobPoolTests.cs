using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Tickets;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Tickets;

/// <summary>The team job pool (工单池, R-TKT-6): offered by the dispatcher, taken by one engineer of that team.</summary>
[Trait("Rule", "R-TKT-6")]
public sealed class JobPoolTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_pooled_ticket_is_seen_and_taken_only_by_the_teams_engineers()
    {
        var driver = new TicketDriver(app);
        var ticket = await driver.CreateAsync();
        using var specialist = app.ClientFor("specialist");
        using var engineer = app.ClientFor("engineer");   // body team
        using var engineer2 = app.ClientFor("engineer2"); // chassis team
        var bodyTeam = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0011").Select(p => p.OrgUnitId).SingleAsync());

        Assert.Equal(["orgUnitId"], await (await specialist.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/actions/offer-to-pool", new { ticket.Version })).FieldErrorsAsync());
        // An engineer does not see an unassigned ticket at all, let alone offer it.
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/actions/offer-to-pool", new { ticket.Version, orgUnitId = bodyTeam })).StatusCode);
        ticket = await TicketDriver.ActAsync(specialist, ticket, "offer-to-pool", new { orgUnitId = bodyTeam });
        Assert.Equal(TicketStatus.InPool, ticket.Status);
        Assert.Empty(ticket.Assignments);

        // The chassis engineer does not even see it; the body engineer sees it in their list and takes it.
        Assert.Equal(HttpStatusCode.NotFound, (await engineer2.GetAsync($"/api/v1/tickets/{ticket.Id}")).StatusCode);
        var mine = await (await engineer.GetAsync("/api/v1/tickets?pageSize=100")).ReadJsonAsync();
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetInt32() == ticket.Id);
        var seen = await (await engineer.GetAsync($"/api/v1/tickets/{ticket.Id}")).ReadAsync<TicketView>();
        Assert.Contains(TicketAction.TakeFromPool, seen.AllowedActions);

        // A dispatcher cannot take it for themselves.
        Assert.Equal(HttpStatusCode.Forbidden, (await specialist.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/actions/take-from-pool", new { ticket.Version })).StatusCode);

        ticket = await TicketDriver.ActAsync(engineer, ticket, "take-from-pool");
        Assert.Equal(TicketStatus.Accepted, ticket.Status);
        var lead = Assert.Single(ticket.Assignments);
        Assert.True(lead.IsLead);
        Assert.Equal(await driver.PersonIdAsync("E0011"), lead.EngineerId);

        // Taken once: the next attempt is a conflict.
        Assert.Equal(HttpStatusCode.Conflict, (await engineer.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/actions/take-from-pool", new { ticket.Version })).StatusCode);
    }
}
