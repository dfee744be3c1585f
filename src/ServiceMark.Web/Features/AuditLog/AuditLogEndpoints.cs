using Microsoft.EntityFrameworkCore;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Audit;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.AuditLog;

public sealed record AuditQuery(string? EntityType = null, string? EntityId = null, string? Actor = null, DateTime? FromUtc = null, DateTime? ToUtc = null, int Page = 1, int PageSize = 50);

public sealed record AuditView(long Id, DateTime OccurredAtUtc, string ActorName, string EntityType, string EntityId, string Action, string? BeforeJson, string? AfterJson, string? Reason, string? CorrelationId);

/// <summary>Read side of the audit log (admins only). There is deliberately no write or delete here.</summary>
public sealed class AuditLogQueries(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<(IReadOnlyList<AuditView> Items, int Total)> SearchAsync(AuditQuery q, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        IQueryable<AuditEntry> rows = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.EntityType))
        {
            rows = rows.Where(a => a.EntityType == q.EntityType.Trim());
        }

        if (!string.IsNullOrWhiteSpace(q.EntityId))
        {
            rows = rows.Where(a => a.EntityId == q.EntityId.Trim());
        }

        if (!string.IsNullOrWhiteSpace(q.Actor))
        {
            rows = rows.Where(a => a.ActorName.Contains(q.Actor.Trim()));
        }

        if (q.FromUtc is { } from)
        {
            rows = rows.Where(a => a.OccurredAtUtc >= from);
        }

        if (q.ToUtc is { } to)
        {
            rows = rows.Where(a => a.OccurredAtUtc < to);
        }

        var pageSize = Math.Clamp(q.PageSize, 1, 200);
        var page = Math.Max(1, q.Page);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(a => new AuditView(a.Id, a.OccurredAtUtc, a.ActorName, a.EntityType, a.EntityId, a.Action, a.BeforeJson, a.AfterJson, a.Reason, a.CorrelationId))
            .ToListAsync(ct);
        return (items, total);
    }

    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }
}

/// <summary>One page of the audit log, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditView> Items, int Total, int Page, int PageSize);

public static class AuditLogEndpoints
{
    public static IEndpointRouteBuilder MapAuditLogEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", async (AuditLogQueries q, CancellationToken ct, string? entityType, string? entityId, string? actor, DateTime? fromUtc, DateTime? toUtc, int page = 1, int pageSize = 50) =>
            {
                var (items, total) = await q.SearchAsync(new AuditQuery(entityType, entityId, actor, fromUtc, toUtc, page, pageSize), ct);
                return TypedResults.Ok(new AuditPage(items, total, page, pageSize));
            })
            .WithTags("Audit").WithName("SearchAuditLog").RequireAuthorization(Policies.ReadAudit);
        return app;
    }
}
