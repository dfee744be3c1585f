using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Notifications;
using ServiceMark.Web.Features.Organisation;

namespace ServiceMark.Web.Tests.Notifications;

/// <summary>The workbench inbox (issue 12 point 2): grouped by ticket and kind, counted, paged, and marked read all at once.</summary>
[Trait("Rule", "R-SLA-4")]
public sealed class NotificationInboxTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Notifications_are_grouped_by_ticket_and_kind_paged_and_marked_read_together()
    {
        var driver = new TicketDriver(app);
        var me = await driver.PersonIdAsync("E0011");
        var colleague = await driver.PersonIdAsync("E0012");
        var first = await driver.CreateAsync();
        var second = await driver.CreateAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await driver.AddSlaNotificationsAsync(me, NotificationKind.SlaWarning, first.Id, first.Number, 3, now);
        await driver.AddSlaNotificationsAsync(me, NotificationKind.SlaEscalation, first.Id, first.Number, 2, now);
        await driver.AddSlaNotificationsAsync(me, NotificationKind.SlaWarning, second.Id, second.Number, 1, now);
        await driver.AddSlaNotificationsAsync(colleague, NotificationKind.SlaWarning, first.Id, first.Number, 4, now);

        using var engineer = app.ClientFor("engineer");
        Assert.Equal(6, (await engineer.GetFromJsonAsync<UnreadCount>("/api/v1/notifications/unread-count", Json.Options))!.Count);
        var groups = await engineer.GetFromJsonAsync<PageOf<NotificationGroup>>("/api/v1/notifications/groups?pageSize=2", Json.Options);
        Assert.Equal(3, groups!.Total);
        Assert.Equal(2, groups.Items.Count);
        var all = (await engineer.GetFromJsonAsync<PageOf<NotificationGroup>>("/api/v1/notifications/groups?pageSize=10", Json.Options))!.Items;
        Assert.Equal(3, all.Single(g => g.TicketId == first.Id && g.Kind == NotificationKind.SlaWarning).Count);
        Assert.Equal(2, all.Single(g => g.TicketId == first.Id && g.Kind == NotificationKind.SlaEscalation).Count);
        Assert.Equal($"/tickets/{first.Id}", all.First(g => g.TicketId == first.Id).Latest.Link);

        // One group read: the three warnings about the first ticket, nothing else.
        var warning = all.Single(g => g.TicketId == first.Id && g.Kind == NotificationKind.SlaWarning).Latest.Id;
        var marked = await engineer.PostAsync(new Uri($"/api/v1/notifications/read-all?groupOf={warning}", UriKind.Relative), null);
        Assert.Equal(3, (await marked.ReadAsync<UnreadCount>()).Count);
        Assert.Equal(3, (await engineer.GetFromJsonAsync<UnreadCount>("/api/v1/notifications/unread-count", Json.Options))!.Count);

        // Someone else's notification is not found, and marking all read leaves the colleague's alone.
        var theirs = await app.WithDbAsync(db => db.Notifications.Where(n => n.RecipientPersonId == colleague).Select(n => n.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.PostAsync(new Uri($"/api/v1/notifications/read-all?groupOf={theirs}", UriKind.Relative), null)).StatusCode);
        Assert.Equal(3, (await (await engineer.PostAsync(new Uri("/api/v1/notifications/read-all", UriKind.Relative), null)).ReadAsync<UnreadCount>()).Count);
        Assert.Equal(0, (await engineer.GetFromJsonAsync<UnreadCount>("/api/v1/notifications/unread-count", Json.Options))!.Count);
        Assert.Equal(4, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.RecipientPersonId == colleague && n.ReadAtUtc == null)));
    }
}
