using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ServiceMark.Domain.Common;

namespace ServiceMark.Web.Infrastructure.Audit;

/// <summary>Turns the tracked changes of audited entities into audit rows (who, when, what, before/after, why).</summary>
internal static class AuditRecorder
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    internal sealed record PendingChange(EntityEntry Entry, string Action, string? BeforeJson);

    /// <summary>Captures the changes before saving: the "before" values are gone afterwards.</summary>
    public static List<PendingChange> Capture(ChangeTracker tracker) =>
        tracker.Entries()
            .Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => new PendingChange(e, e.State.ToString(), e.State == EntityState.Added ? null : Snapshot(e, original: true)))
            .ToList();

    /// <summary>Builds the audit rows once the database has assigned ids to new rows.</summary>
    public static IEnumerable<AuditEntry> ToEntries(IEnumerable<PendingChange> changes, Actor actor, string? reason, DateTime nowUtc) =>
        changes.Select(c => new AuditEntry
        {
            OccurredAtUtc = nowUtc,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            EntityType = c.Entry.Metadata.ClrType.Name,
            EntityId = ((IAudited)c.Entry.Entity).Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Action = c.Action,
            BeforeJson = c.BeforeJson,
            AfterJson = c.Action == nameof(EntityState.Deleted) ? null : Snapshot(c.Entry, original: false),
            Reason = reason is { Length: > AuditEntry.ReasonMaxLength } ? string.Concat(reason.AsSpan(0, AuditEntry.ReasonMaxLength - 1), "…") : reason,
            CorrelationId = Activity.Current?.TraceId.ToString(),
        });

    private static string Snapshot(EntityEntry entry, bool original)
    {
        var values = original ? entry.OriginalValues : entry.CurrentValues;
        var map = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in values.Properties)
        {
            map[property.Name] = values[property];
        }

        return JsonSerializer.Serialize(map, Json);
    }
}
