using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.ServiceLevels;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Demo;
using ServiceMark.Web.Features.Notifications;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.ServiceLevels;
using ServiceMark.Web.Features.Tickets;
using ServiceMark.Web.Infrastructure.Jobs;

namespace ServiceMark.Web.Tests.ServiceLevels;

/// <summary>
/// The breach job (R-SLA-4) driven by hand: each test moves the fake clock and calls <see cref="SlaMonitor.ScanOnceAsync"/>.
/// The timer may also fire when the clock moves; that is harmless, because an alert can exist only once, so every
/// assertion is about the rows of the test's own ticket. Tokens expire after an hour of fake time: each step signs in afresh.
/// </summary>
[Trait("Rule", "R-SLA-4")]
public sealed class SlaMonitorTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly TimeSpan WarnBefore = TimeSpan.FromMinutes(120);

    private SlaMonitor Monitor => app.Services.GetRequiredService<SlaMonitor>();

    private Task<int> PersonIdAsync(string number) => app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == number).Select(p => p.Id).SingleAsync());

    /// <summary>A client with a token issued now (the fixture caches tokens, which the moved clock expires).</summary>
    private async Task<HttpClient> SignInAsync(string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = DemoSeeder.DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.ReadJsonAsync()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A body fault 12 km away (an engineer on site within 24 clock hours), dispatched to 马超 (E0011, body team) and accepted.</summary>
    private async Task<TicketView> DispatchedTicketAsync()
    {
        using var specialist = await SignInAsync("specialist");
        var created = await specialist.PostAsJsonAsync("/api/v1/tickets", new
        {
            customerId = 1, contactName = "赵建华", contactPhone = "13703710101", siteAddress = "郑州市金水区农业路18号", distanceKm = 12m,
            serialNumber = "LZYTBGCK0R1000101", mileageKm = 86000m, faultCategory = "Body", faultDescription = "前门气泵漏气", urgency = "High", channel = "Phone",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ticket = await created.ReadAsync<TicketView>();
        var engineer = await PersonIdAsync("E0011");
        ticket = await ActAsync(specialist, ticket, "dispatch", new Dictionary<string, object?> { ["engineerIds"] = new[] { engineer }, ["leadId"] = engineer });
        using var lead = await SignInAsync("engineer");
        return await ActAsync(lead, ticket, "accept");
    }

    private static async Task<TicketView> ActAsync(HttpClient client, TicketView ticket, string action, Dictionary<string, object?>? extra = null)
    {
        var body = new Dictionary<string, object?>(extra ?? []) { ["version"] = ticket.Version };
        var response = await client.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/actions/{action}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<TicketView>();
    }

    private static DateTime ArrivalDue(TicketView ticket) => ticket.ServiceLevels.Single(s => s.Target == nameof(SlaTarget.Arrival)).DueUtc;

    private void MoveClockTo(DateTime utc)
    {
        var target = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        if (target > app.Clock.GetUtcNow())
        {
            app.Clock.SetUtcNow(target);
        }
    }

    private Task<List<SlaAlertRecord>> AlertsAsync(int ticketId) =>
        app.WithDbAsync(db => db.SlaAlerts.AsNoTracking().Where(a => a.TicketId == ticketId).OrderBy(a => a.Id).ToListAsync());

    private Task<List<Notification>> NotificationsAsync(int ticketId) =>
        app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.TicketId == ticketId).OrderBy(n => n.Id).ToListAsync());

    [Fact]
    public async Task A_near_target_warns_the_engineer_and_dispatcher_once_then_escalates_once_to_the_supervisor()
    {
        var ticket = await DispatchedTicketAsync();
        var due = ArrivalDue(ticket);
        var engineer = await PersonIdAsync("E0011");
        var dispatcher = await PersonIdAsync("E0008");
        var supervisor = await app.WithDbAsync(db => db.People.Where(p => p.Name == "刘洋").Select(p => p.Id).SingleAsync());

        await Monitor.ScanOnceAsync(TestContext.Current.CancellationToken);
        Assert.Empty(await AlertsAsync(ticket.Id));

        MoveClockTo(due - WarnBefore + TimeSpan.FromMinutes(1));
        await Monitor.ScanOnceAsync(TestContext.Current.CancellationToken);
        await Monitor.ScanOnceAsync(TestContext.Current.CancellationToken);
        var warning = Assert.Single(await AlertsAsync(ticket.Id));
        Assert.Equal((SlaTarget.Arrival, SlaAlert.Warn, due), (warning.Target, warning.Kind, warning.DueAtUtc));
        var warned = await NotificationsAsync(ticket.Id);
        Assert.All(warned, n => Assert.Equal(NotificationKind.SlaWarning, n.Kind));
        Assert.Equal(new[] { dispatcher, engineer }.Order(), warned.Select(n => n.RecipientPersonId).Order());
        Assert.All(warned, n => Assert.Equal(warning.Id, n.SlaAlertId));

        MoveClockTo(due + TimeSpan.FromMinutes(1));
        await Monitor.ScanOnceAsync(TestContext.Current.CancellationToken);
        MoveClockTo(due + TimeSpan.FromHours(5));
        await Monitor.ScanOnceAsync(TestContext.Current.CancellationToken);
        var alerts = await AlertsAsync(ticket.Id);
        Assert.Equal([SlaAlert.Warn, SlaAlert.Escalate], alerts.Select(a => a.Kind));
        var escalated = (await NotificationsAsync(ticket.Id)).Where(n => n.Kind == NotificationKind.SlaEscalation).ToList();
        Assert.Equal(supervisor, Assert.Single(escalated).RecipientPersonId);

        // The engineer sees the warning in their language, linked to the ticket.
        using var lead = await SignInAsync("engineer");
        var mine = await lead.GetFromJsonAsync<PageOf<NotificationView>>("/api/v1/notifications?unreadOnly=true&pageSize=200", Json.Options, TestContext.Current.CancellationToken);
        var shown = Assert.Single(mine!.Items, n => n.TicketId == ticket.Id);
        Assert.Equal(NotificationKind.SlaWarning, shown.Kind);
        Assert.Contains(ticket.Number, shown.Title, StringComparison.Ordinal);
        Assert.Contains("到场", shown.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_met_in_time_is_never_escalated()
    {
        var ticket = await DispatchedTicketAsync();
        var due = ArrivalDue(ticket);
        using (var lead = await SignInAsync("engineer"))
        {
            ticket = await ActAsync(lead, ticket, "start-travel");
            ticket = await ActAsync(lead, ticket, "arrive");
        }

        MoveClockTo(due - TimeSpan.FromMinutes(30));
        await Monitor.ScanOnceAsync(TestContext.Current.CancellationToken);
        MoveClockTo(due + TimeSpan.FromDays(10));
        await Monitor.ScanOnceAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await AlertsAsync(ticket.Id));
        Assert.Empty(await NotificationsAsync(ticket.Id));
    }

    [Fact]
    public async Task A_paused_clock_is_not_escalated_while_waiting_for_the_customer_and_is_after_it_resumes_late()
    {
        var ticket = await DispatchedTicketAsync();
        var due = ArrivalDue(ticket);
        using (var lead = await SignInAsync("engineer"))
        {
            ticket = await ActAsync(lead, ticket, "wait-for-customer", new() { ["reason"] = "客户要求改约下周" });
        }

        MoveClockTo(due + TimeSpan.FromDays(3));
        await Monitor.ScanOnceAsync(TestContext.Current.CancellationToken);
        Assert.Empty(await AlertsAsync(ticket.Id));

        using (var lead = await SignInAsync("engineer"))
        {
            ticket = await ActAsync(lead, ticket, "customer-responded", new() { ["note"] = "客户已回复" });
        }

        var resumedDue = ArrivalDue(ticket);
        Assert.True(resumedDue > due + TimeSpan.FromDays(3));
        MoveClockTo(resumedDue + TimeSpan.FromMinutes(1));
        await Monitor.ScanOnceAsync(TestContext.Current.CancellationToken);
        var escalation = Assert.Single(await AlertsAsync(ticket.Id), a => a.Kind == SlaAlert.Escalate);
        Assert.Equal(resumedDue, escalation.DueAtUtc);
    }

    [Fact]
    public async Task Concurrent_scans_write_each_alert_and_its_notifications_once()
    {
        var tickets = new List<TicketView>();
        for (var i = 0; i < 3; i++)
        {
            tickets.Add(await DispatchedTicketAsync());
        }

        MoveClockTo(tickets.Max(ArrivalDue) + TimeSpan.FromMinutes(1));
        var ct = TestContext.Current.CancellationToken;
        var other = ActivatorUtilities.CreateInstance<SlaMonitor>(app.Services);
        await Task.WhenAll(Monitor.ScanOnceAsync(ct), Monitor.ScanOnceAsync(ct), other.ScanOnceAsync(ct), other.RunOnceAsync(ct));

        foreach (var ticket in tickets)
        {
            var alert = Assert.Single(await AlertsAsync(ticket.Id));
            Assert.Equal(SlaAlert.Escalate, alert.Kind);
            Assert.Single(await NotificationsAsync(ticket.Id));
        }
    }

    [Fact]
    public async Task The_database_refuses_a_second_alert_and_with_it_its_notifications()
    {
        var ticket = await DispatchedTicketAsync();
        MoveClockTo(ArrivalDue(ticket) + TimeSpan.FromMinutes(1));
        await Monitor.ScanOnceAsync(TestContext.Current.CancellationToken);
        var first = Assert.Single(await AlertsAsync(ticket.Id));
        var before = (await NotificationsAsync(ticket.Id)).Count;

        var engineer = await PersonIdAsync("E0011");
        await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            var duplicate = new SlaAlertRecord { TicketId = ticket.Id, Target = first.Target, Kind = first.Kind, DueAtUtc = first.DueAtUtc, CreatedAtUtc = first.CreatedAtUtc };
            duplicate.Notifications.Add(new Notification
            {
                RecipientPersonId = engineer, Kind = NotificationKind.SlaEscalation, TicketId = ticket.Id, TitleKey = SlaMonitor.EscalationTitleKey,
                BodyKey = SlaMonitor.EscalationBodyKey, CreatedAtUtc = first.CreatedAtUtc,
            });
            db.SlaAlerts.Add(duplicate);
            return await db.SaveChangesAsync();
        }));

        Assert.Single(await AlertsAsync(ticket.Id));
        Assert.Equal(before, (await NotificationsAsync(ticket.Id)).Count);
    }

    [Fact]
    public async Task The_notifications_api_shows_only_mine_and_someone_elses_cannot_be_marked_read()
    {
        var ticket = await DispatchedTicketAsync();
        MoveClockTo(ArrivalDue(ticket) - TimeSpan.FromMinutes(60));
        await Monitor.ScanOnceAsync(TestContext.Current.CancellationToken);
        var engineer = await PersonIdAsync("E0011");
        var theirs = (await NotificationsAsync(ticket.Id)).Single(n => n.RecipientPersonId == engineer);

        using var other = await SignInAsync("engineer2");
        var otherId = await PersonIdAsync("E0017");
        var otherList = await other.GetFromJsonAsync<PageOf<NotificationView>>("/api/v1/notifications?pageSize=200", Json.Options, TestContext.Current.CancellationToken);
        Assert.Equal(await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientPersonId == otherId)), otherList!.Total);
        Assert.DoesNotContain(otherList.Items, n => n.Id == theirs.Id);
        var refused = await other.PostAsync(new Uri($"/api/v1/notifications/{theirs.Id}/read", UriKind.Relative), null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Null((await NotificationsAsync(ticket.Id)).Single(n => n.Id == theirs.Id).ReadAtUtc);

        using var lead = await SignInAsync("engineer");
        var list = await lead.GetFromJsonAsync<PageOf<NotificationView>>("/api/v1/notifications?pageSize=200", Json.Options, TestContext.Current.CancellationToken);
        Assert.Equal(await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientPersonId == engineer)), list!.Total);
        Assert.Contains(list.Items, n => n.Id == theirs.Id);

        var read = await lead.PostAsync(new Uri($"/api/v1/notifications/{theirs.Id}/read", UriKind.Relative), null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.NotNull((await read.ReadAsync<NotificationView>()).ReadAtUtc);

        // Unread first: the one just read comes after every unread one.
        list = await lead.GetFromJsonAsync<PageOf<NotificationView>>("/api/v1/notifications?pageSize=200", Json.Options, TestContext.Current.CancellationToken);
        var position = list!.Items.ToList().FindIndex(n => n.Id == theirs.Id);
        Assert.All(list.Items.Take(position), n => Assert.Null(n.ReadAtUtc));
        var unread = await lead.GetFromJsonAsync<PageOf<NotificationView>>("/api/v1/notifications?unreadOnly=true&pageSize=200", Json.Options, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(unread!.Items, n => n.Id == theirs.Id);
    }

    [Fact]
    public async Task A_job_lease_is_held_by_one_instance_until_it_expires()
    {
        var leases = app.Services.GetRequiredService<JobLeases>();
        var ct = TestContext.Current.CancellationToken;
        var name = "test-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True(await leases.TryAcquireAsync(name, "instance-a", TimeSpan.FromMinutes(2), ct));
        Assert.False(await leases.TryAcquireAsync(name, "instance-b", TimeSpan.FromMinutes(2), ct));
        Assert.True(await leases.TryAcquireAsync(name, "instance-a", TimeSpan.FromMinutes(2), ct)); // renewal

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.True(await leases.TryAcquireAsync(name, "instance-b", TimeSpan.FromMinutes(2), ct));
        Assert.False(await leases.TryAcquireAsync(name, "instance-a", TimeSpan.FromMinutes(2), ct));

        await leases.ReleaseAsync(name, "instance-b", ct);
        Assert.True(await leases.TryAcquireAsync(name, "instance-a", TimeSpan.FromMinutes(2), ct));
    }
}
