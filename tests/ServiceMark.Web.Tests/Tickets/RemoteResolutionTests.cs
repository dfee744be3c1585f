using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.ServiceLevels;
using ServiceMark.Domain.Tickets;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Tickets;

/// <summary>远程解决 (R-TKT-7): a ticket solved by phone or remote connection, measured by its own service level.</summary>
[Trait("Rule", "R-TKT-7")]
public sealed class RemoteResolutionTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<TicketView> AcceptedAsync(string serial)
    {
        var driver = new TicketDriver(app);
        var ticket = await driver.CreateAsync(serial);
        using var specialist = app.ClientFor("specialist");
        ticket = await TicketDriver.ActAsync(specialist, ticket, "dispatch", new { engineerIds = new[] { await driver.PersonIdAsync("E0011") } });
        using var engineer = app.ClientFor("engineer");
        return await TicketDriver.ActAsync(engineer, ticket, "accept");
    }

    [Fact]
    public async Task The_engineer_resolves_by_phone_and_the_ticket_is_held_to_the_remote_target_not_to_an_arrival()
    {
        var ticket = await AcceptedAsync("LZYTBGCK0R1000701");
        using var engineer = app.ClientFor("engineer");
        Assert.Contains(TicketAction.ResolveRemotely, ticket.AllowedActions);

        ticket = await TicketDriver.ActAsync(engineer, ticket, "resolve-remotely", new { remoteMethod = "Phone", note = "电话指导司机复位车门气泵控制阀" });

        Assert.Equal((TicketStatus.Resolved, RemoteMethod.Phone), (ticket.Status, ticket.RemoteMethod));
        Assert.Equal([nameof(SlaTarget.RemoteResolution)], ticket.ServiceLevels.Select(s => s.Target)); // the body policy's arrival is gone
        Assert.True(ticket.ServiceLevels[0] is { MetAtUtc: not null, IsBreached: false });
        var outcomes = await app.WithDbAsync(db => db.TicketServiceLevelOutcomes.Where(o => o.TicketId == ticket.Id).Select(o => o.Target).ToListAsync());
        Assert.Equal([SlaTarget.RemoteResolution], outcomes);
        Assert.Contains(ticket.Events, e => e.Action == TicketAction.ResolveRemotely && e.Note == "电话指导司机复位车门气泵控制阀");

        // Then as any ticket: the report, the customer's signature (a photo of the stamped confirmation), approval.
        var saved = await engineer.PutAsJsonAsync($"/api/v1/tickets/{ticket.Id}/report", new
        {
            version = ticket.Version, findings = "气泵控制阀卡滞", workDone = "电话指导复位控制阀", partsReplaced = Array.Empty<object>(), compensationAmount = 0m,
            oldPartsReturned = false, paidServiceAmount = 0m,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        ticket = await saved.ReadAsync<TicketView>();
        var signed = await engineer.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/report/sign",
            new { version = ticket.Version, signerName = "赵建华", signatureDataUrl = TicketDriver.SignaturePng, customerStamped = true });
        ticket = await signed.ReadAsync<TicketView>();
        Assert.Equal((TicketStatus.ReportSigned, true), (ticket.Status, ticket.Report!.CustomerStamped)); // stamped as well: an effective record

        // Self: the engineer's own tick earns them nothing until a leader approves the report with its stamp.
        Assert.Empty(await StampedAsync());
        using var supervisor = app.ClientFor("supervisor");
        await TicketDriver.ActAsync(supervisor, ticket, "approve-report");
        Assert.Equal([ticket.Id], await StampedAsync());
    }

    /// <summary>The engineer E0011's effective records (stamped_reports evidence) reported around today.</summary>
    private async Task<IReadOnlyList<int>> StampedAsync()
    {
        var person = await new TicketDriver(app).PersonIdAsync("E0011");
        var today = app.Services.GetRequiredService<Infrastructure.CompanyClock>().Today;
        await using var scope = app.Services.CreateAsyncScope();
        var facts = (await scope.ServiceProvider.GetRequiredService<Features.ServiceFacts.ServiceFactsQueries>()
            .ForEachPersonAsync([person], today.AddDays(-1), today.AddDays(1))).Value![person];
        return facts.Single(f => f.Code == Domain.ServiceFacts.ServiceFactsCalculator.StampedReports).EvidenceTicketIds;
    }

    [Fact]
    public async Task Without_a_method_or_what_was_done_nothing_changes_and_the_fields_are_named()
    {
        var ticket = await AcceptedAsync("LZYTBGCK0R1000702");
        using var engineer = app.ClientFor("engineer");
        var url = $"/api/v1/tickets/{ticket.Id}/actions/resolve-remotely";

        Assert.Equal(["remoteMethod"], await (await engineer.PostAsJsonAsync(url, new { ticket.Version, note = "电话指导" })).FieldErrorsAsync());
        Assert.Equal(["remoteMethod"], await (await engineer.PostAsJsonAsync(url, new { ticket.Version, remoteMethod = "Fax", note = "电话指导" })).FieldErrorsAsync());
        Assert.Equal(["note"], await (await engineer.PostAsJsonAsync(url, new { ticket.Version, remoteMethod = "RemoteConnection", note = " " })).FieldErrorsAsync());

        var after = await (await engineer.GetAsync($"/api/v1/tickets/{ticket.Id}")).ReadAsync<TicketView>();
        Assert.Equal((TicketStatus.Accepted, ticket.Version, (RemoteMethod?)null), (after.Status, after.Version, after.RemoteMethod));
    }

    [Fact]
    public async Task Only_the_assigned_engineer_or_a_dispatcher_may_and_a_stale_or_second_resolution_is_a_conflict()
    {
        var ticket = await AcceptedAsync("LZYTBGCK0R1000703");
        var url = $"/api/v1/tickets/{ticket.Id}/actions/resolve-remotely";
        var body = new { ticket.Version, remoteMethod = "Phone", note = "电话指导" };

        using (var colleague = app.ClientFor("engineer2"))
        {
            // A colleague does not see the ticket at all.
            Assert.Equal(HttpStatusCode.NotFound, (await colleague.PostAsJsonAsync(url, body)).StatusCode);
        }

        using (var warehouse = app.ClientFor("warehouse"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await warehouse.PostAsJsonAsync(url, body)).StatusCode);
        }

        using var engineer = app.ClientFor("engineer");
        Assert.Equal(HttpStatusCode.Conflict, (await engineer.PostAsJsonAsync(url, body with { Version = ticket.Version - 1 })).StatusCode);
        await TicketDriver.ActAsync(engineer, ticket, "resolve-remotely", new { remoteMethod = "Phone", note = "电话指导" });
        var twice = await engineer.PostAsJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Fact]
    public async Task Once_the_engineer_is_on_site_the_visit_is_resolved_as_a_visit()
    {
        var ticket = await AcceptedAsync("LZYTBGCK0R1000704");
        using var engineer = app.ClientFor("engineer");
        ticket = await TicketDriver.ActAsync(engineer, ticket, "arrive");
        Assert.DoesNotContain(TicketAction.ResolveRemotely, ticket.AllowedActions);

        var refused = await engineer.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/actions/resolve-remotely", new { ticket.Version, remoteMethod = "Phone", note = "电话指导" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(TicketRefusal.InvalidTransition, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
