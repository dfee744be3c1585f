using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Calendars;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.ServiceFacts;

/// <summary>
/// The stored service-level outcomes (what the facts read) must be exactly the clocks the ticket page rebuilds from the
/// events; a calendar change re-measures open tickets only, closed ones keep the calendar revision they were measured under.
/// </summary>
[Trait("Rule", "R-SLA-2")]
public sealed class ServiceLevelOutcomeTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    [Trait("Rule", "R-SLA-3")]
    public async Task Stored_outcomes_equal_the_clocks_rebuilt_from_events_after_a_pause()
    {
        var driver = new TicketDriver(app);
        using var specialist = app.ClientFor("specialist");
        var ticket = await driver.CreateAsync(category: "Electrical");
        ticket = await TicketDriver.ActAsync(specialist, ticket, "wait-for-customer", new { reason = "客户车辆在外地运营" });
        app.Clock.Advance(TimeSpan.FromMinutes(40)); // within the sign-in's lifetime
        ticket = await TicketDriver.ActAsync(specialist, ticket, "customer-responded");
        await AssertStoredEqualsRebuiltAsync(ticket.Id);

        ticket = await driver.CloseAsync(ticket);
        var stored = await AssertStoredEqualsRebuiltAsync(ticket.Id);
        Assert.Contains(stored, o => o.MetAtUtc is not null);
        Assert.NotNull(ticket.Calendar);
        Assert.NotNull(await app.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.ReportSignedAtUtc).SingleAsync()));
    }

    [Fact]
    public async Task A_calendar_change_remeasures_open_tickets_and_closed_ones_keep_their_calendar_revision()
    {
        var driver = new TicketDriver(app);
        var closed = await driver.CloseAsync(await driver.CreateAsync(category: "Electrical"));
        var open = await driver.CreateAsync(category: "Electrical");
        var closedBefore = Flat(await StoredAsync(closed.Id));
        var openBefore = await StoredAsync(open.Id);
        var calendar = await app.WithDbAsync(db => db.Calendars.SingleAsync(c => c.IsDefault));
        Assert.Equal(new TicketCalendarView(calendar.Id, calendar.Name, calendar.Version), closed.Calendar);

        // Working hours cut to Monday 09:00–17:00: the open ticket's working-time target falls due elsewhere.
        using var head = app.ClientFor("head");
        var week = new { days = new Dictionary<string, object[]> { ["monday"] = [new { start = "09:00", end = "17:00" }] }, makeUpWorkdayHoursOf = "monday", version = calendar.Version };
        var changed = await head.PutAsJsonAsync($"/api/v1/calendars/{calendar.Id}/week", week);
        Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var revision = (await changed.ReadAsync<CalendarView>()).Version;
        Assert.True(revision > calendar.Version);

        var openAfter = await AssertStoredEqualsRebuiltAsync(open.Id);
        Assert.NotEqual(openBefore.Select(o => o.DueUtc), openAfter.Select(o => o.DueUtc));
        Assert.Equal(revision, (await ViewAsync(open.Id)).Calendar!.Version);

        Assert.Equal(closedBefore, Flat(await StoredAsync(closed.Id)));
        Assert.Equal(calendar.Version, (await ViewAsync(closed.Id)).Calendar!.Version);
    }

    private async Task<TicketView> ViewAsync(int id)
    {
        using var specialist = app.ClientFor("specialist");
        return (await specialist.GetFromJsonAsync<TicketView>($"/api/v1/tickets/{id}", Json.Options))!;
    }

    private static List<(Domain.ServiceLevels.SlaTarget, DateTime, DateTime?, bool)> Flat(List<TicketServiceLevelOutcome> rows) =>
        rows.Select(o => (o.Target, o.DueUtc, o.MetAtUtc, o.MetOnTime)).ToList();

    private Task<List<TicketServiceLevelOutcome>> StoredAsync(int ticketId) =>
        app.WithDbAsync(db => db.TicketServiceLevelOutcomes.AsNoTracking().Where(o => o.TicketId == ticketId).OrderBy(o => o.Target).ToListAsync());

    /// <summary>The stored rows against <see cref="TicketServiceLevels.Read"/> on the ticket's events, at the same instant.</summary>
    private async Task<List<TicketServiceLevelOutcome>> AssertStoredEqualsRebuiltAsync(int ticketId)
    {
        var (ticket, policy) = await app.WithDbAsync(async db =>
        {
            var t = await db.Tickets.AsNoTracking().Include(x => x.Events).SingleAsync(x => x.Id == ticketId);
            return (t, await db.ServiceLevelPolicies.AsNoTracking().SingleAsync(p => p.Id == t.ServiceLevelPolicyId));
        });
        var calendar = await app.Services.GetRequiredService<CalendarStore>().GetDefaultAsync();
        var rebuilt = TicketServiceLevels.Read(ticket, policy, calendar, app.Clock.GetUtcNow().UtcDateTime)
            .Select(r => (r.Target, r.View.DueUtc, r.View.MetAtUtc, r.View.MetAtUtc is { } met && met <= r.View.DueUtc))
            .OrderBy(r => r.Target).ToList();
        var stored = await StoredAsync(ticketId);
        Assert.NotEmpty(stored);
        Assert.Equal(rebuilt, Flat(stored));
        return stored;
    }
}
