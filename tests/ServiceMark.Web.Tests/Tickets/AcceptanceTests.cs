using System.Net;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Tickets;

/// <summary>Issue 12 point 5: after dispatch only the dispatched engineers accept or decline; the dispatcher no longer can.</summary>
[Trait("Rule", "R-TKT-3")]
public sealed class AcceptanceTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Only_the_dispatched_engineer_accepts_or_declines()
    {
        var driver = new TicketDriver(app);
        var ticket = await driver.CreateAsync();
        using var specialist = app.ClientFor("specialist");
        ticket = await TicketDriver.ActAsync(specialist, ticket, "dispatch", new { engineerIds = new[] { await driver.PersonIdAsync("E0011") } });
        Assert.DoesNotContain(TicketAction.Accept, ticket.AllowedActions);
        Assert.DoesNotContain(TicketAction.Decline, ticket.AllowedActions);
        await TicketDriver.ActAsync(specialist, ticket, "accept", expected: HttpStatusCode.Forbidden);
        using var supervisor = app.ClientFor("supervisor");
        await TicketDriver.ActAsync(supervisor, ticket, "decline", new { reason = "x" }, expected: HttpStatusCode.Forbidden);

        using var engineer = app.ClientFor("engineer");
        var seen = await engineer.GetAsync(new Uri($"/api/v1/tickets/{ticket.Id}", UriKind.Relative));
        var asEngineer = await seen.ReadAsync<TicketView>();
        Assert.Contains(TicketAction.Accept, asEngineer.AllowedActions);
        Assert.Equal(TicketStatus.Accepted, (await TicketDriver.ActAsync(engineer, asEngineer, "accept")).Status);
    }
}
