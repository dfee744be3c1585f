using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Features.Notifications;

/// <summary>
/// A notification as its recipient sees it: the keys and parameters (for clients that localise themselves), the title
/// and body already rendered in the request's language, and the page it is about (<see cref="Link"/>: the ticket, the
/// assessment sheet or the assessment period).
/// </summary>
public sealed record NotificationView(
    long Id,
    NotificationKind Kind,
    int? TicketId,
    string TitleKey,
    string BodyKey,
    IReadOnlyDictionary<string, string> Parameters,
    string Title,
    string Body,
    DateTime CreatedAtUtc,
    DateTime? ReadAtUtc,
    int? AssessmentPeriodId = null,
    int? AssessmentSheetId = null,
    string? Link = null);

/// <summary>
/// Unread notifications of one kind about one ticket (or one assessment period, one sheet), shown once with their count:
/// a ticket that keeps breaching is one line on the workbench, not a screenful. <see cref="Latest"/> is the newest.
/// </summary>
public sealed record NotificationGroup(NotificationKind Kind, int? TicketId, int Count, NotificationView Latest);

/// <summary>The signed-in person's inbox (R-SLA-4): only ever their own notifications.</summary>
public sealed class NotificationHandlers(
    IDbContextFactory<AppDbContext> contexts,
    TimeProvider time,
    CompanyClock clock,
    IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Mine, unread first, newest first within each.</summary>
    public async Task<PageOf<NotificationView>> ListAsync(ClaimsPrincipal user, bool unreadOnly = false, int page = 1, int pageSize = 25, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        if (user.PersonId() is not { } me)
        {
            return new PageOf<NotificationView>([], 0, page, pageSize);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var mine = db.Notifications.AsNoTracking().Where(n => n.RecipientPersonId == me);
        if (unreadOnly)
        {
            mine = mine.Where(n => n.ReadAtUtc == null);
        }

        var total = await mine.CountAsync(ct);
        var rows = await mine
            .OrderBy(n => n.ReadAtUtc == null ? 0 : 1)
            .ThenByDescending(n => n.CreatedAtUtc)
            .ThenByDescending(n => n.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(ct);
        return new PageOf<NotificationView>(rows.Select(ToView).ToList(), total, page, pageSize);
    }

    /// <summary>My unread notifications grouped by kind and ticket, newest group first, paged on the server.</summary>
    public async Task<PageOf<NotificationGroup>> ListUnreadGroupsAsync(ClaimsPrincipal user, int page = 1, int pageSize = 10, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 100);
        if (user.PersonId() is not { } me)
        {
            return new PageOf<NotificationGroup>([], 0, page, pageSize);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var groups = db.Notifications.AsNoTracking().Where(n => n.RecipientPersonId == me && n.ReadAtUtc == null)
            .GroupBy(n => new { n.Kind, n.TicketId, n.AssessmentPeriodId, n.AssessmentSheetId, n.Link })
            .Select(g => new { Latest = g.Max(n => n.Id), Count = g.Count() });
        var total = await groups.CountAsync(ct);
        var paged = await groups.OrderByDescending(g => g.Latest).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var ids = paged.Select(g => g.Latest).ToList();
        var latest = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
        return new PageOf<NotificationGroup>(
            paged.Select(g => latest[g.Latest]).Zip(paged, (n, g) => new NotificationGroup(n.Kind, n.TicketId, g.Count, ToView(n))).ToList(), total, page, pageSize);
    }

    /// <summary>
    /// Marks my unread notifications read: all of them, or the group of one notification (its kind and what it is about).
    /// Returns how many were marked.
    /// </summary>
    public async Task<Result<int>> MarkAllReadAsync(ClaimsPrincipal user, long? groupOf = null, CancellationToken ct = default)
    {
        if (user.PersonId() is not { } me)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var mine = db.Notifications.Where(n => n.RecipientPersonId == me && n.ReadAtUtc == null);
        if (groupOf is { } id)
        {
            var member = await db.Notifications.AsNoTracking().Where(n => n.Id == id && n.RecipientPersonId == me)
                .Select(n => new { n.Kind, n.TicketId, n.AssessmentPeriodId, n.AssessmentSheetId, n.Link }).FirstOrDefaultAsync(ct);
            if (member is null)
            {
                return Refusal.NotFound("Notification");
            }

            mine = mine.Where(n => n.Kind == member.Kind && n.TicketId == member.TicketId && n.AssessmentPeriodId == member.AssessmentPeriodId
                                   && n.AssessmentSheetId == member.AssessmentSheetId && n.Link == member.Link);
        }

        var now = time.GetUtcNow().UtcDateTime;
        return await mine.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), ct);
    }

    public async Task<int> CountUnreadAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.PersonId() is not { } me)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.RecipientPersonId == me && n.ReadAtUtc == null, ct);
    }

    /// <summary>Marks one of my notifications read; someone else's is "not found", never "forbidden" (its id reveals nothing).</summary>
    public async Task<Result<NotificationView>> MarkReadAsync(long id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.PersonId() is not { } me)
        {
            return Refusal.NotFound("Notification");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == id && x.RecipientPersonId == me, ct);
        if (n is null)
        {
            return Refusal.NotFound("Notification");
        }

        if (n.ReadAtUtc is null)
        {
            n.ReadAtUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        return ToView(n);
    }

    private NotificationView ToView(Notification n)
    {
        var p = n.Parameters;
        object[] args;
        if (n.Kind == NotificationKind.AssessmentDeadline)
        {
            // {0} period, {1} the deadline's name, {2} its date, {3} how many sheets it concerns.
            var deadline = p.TryGetValue("deadline", out var dl) ? localizer[$"AssessmentDeadline.{dl}"].Value : "";
            args = [p.GetValueOrDefault("period", ""), deadline, p.GetValueOrDefault("due", ""), p.GetValueOrDefault("count", "")];
        }
        else if (p.ContainsKey("0"))
        {
            // Other notifications not about a ticket carry their template arguments as "0", "1", … in order.
            args = Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)).TakeWhile(p.ContainsKey).Select(k => (object)p[k]).ToArray();
        }
        else
        {
            var target = p.TryGetValue("target", out var t) ? localizer[$"SlaTarget.{t}"].Value : "";
            var due = p.TryGetValue("dueUtc", out var d) && DateTime.TryParse(d, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dueUtc)
                ? clock.Format(dueUtc)
                : "";
            args = [p.GetValueOrDefault("ticketNumber", ""), target, due];
        }

        var link = n.Link is { } page ? page
            : n.TicketId is { } ticket ? $"/tickets/{ticket}"
            : n.AssessmentSheetId is { } sheet ? $"/assessment/sheets/{sheet}"
            : n.AssessmentPeriodId is { } period ? $"/assessment/periods/{period}"
            : n.Kind == NotificationKind.GradingWindowOpen
                ? (p.GetValueOrDefault("personId") == n.RecipientPersonId.ToString(CultureInfo.InvariantCulture) ? "/grading/my" : "/grading/applications")
            : null;
        return new NotificationView(n.Id, n.Kind, n.TicketId, n.TitleKey, n.BodyKey, p,
            localizer[n.TitleKey, args].Value, localizer[n.BodyKey, args].Value, n.CreatedAtUtc, n.ReadAtUtc, n.AssessmentPeriodId, n.AssessmentSheetId, link);
    }
}

/// <summary>A count of notifications: unread ones, or those just marked read.</summary>
public sealed record UnreadCount(int Count);

public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications");
        group.MapGet("/", (NotificationHandlers h, ClaimsPrincipal user, CancellationToken ct, bool unreadOnly = false, int page = 1, int pageSize = 25) =>
                h.ListAsync(user, unreadOnly, page, pageSize, ct))
            .WithName("ListMyNotifications").RequireAuthorization();
        group.MapPost("/{id:long}/read", async (long id, NotificationHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.MarkReadAsync(id, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("MarkNotificationRead").RequireAuthorization();
        group.MapGet("/groups", (NotificationHandlers h, ClaimsPrincipal user, CancellationToken ct, int page = 1, int pageSize = 10) =>
                h.ListUnreadGroupsAsync(user, page, pageSize, ct))
            .WithName("ListMyUnreadNotificationGroups").RequireAuthorization();
        group.MapGet("/unread-count", async (NotificationHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(new UnreadCount(await h.CountUnreadAsync(user, ct))))
            .WithName("CountMyUnreadNotifications").RequireAuthorization();
        group.MapPost("/read-all", async (NotificationHandlers h, ClaimsPrincipal user, CancellationToken ct, long? groupOf = null) =>
                (await h.MarkAllReadAsync(user, groupOf, ct)).ToHttp(n => TypedResults.Ok(new UnreadCount(n))))
            .WithName("MarkMyNotificationsRead").RequireAuthorization();
        return app;
    }
}
