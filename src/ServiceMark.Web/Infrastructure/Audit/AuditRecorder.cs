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

    /// <param name="AfterDiffs">For an <see cref="IAuditedAsDiff"/> entity, the "after" side of its diffed properties.</param>
    internal sealed record PendingChange(EntityEntry Entry, string Action, string? BeforeJson, IReadOnlyDictionary<string, object?>? AfterDiffs);

    /// <summary>Captures the changes before saving: the "before" values are gone afterwards.</summary>
    public static List<PendingChange> Capture(ChangeTracker tracker) =>
        tracker.Entries()
            .Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(Pending)
            .ToList();

    private static PendingChange Pending(EntityEntry e)
    {
        if (e.Entity is not IAuditedAsDiff diffed)
        {
            return new PendingChange(e, e.State.ToString(), e.State == EntityState.Added ? null : Snapshot(e, original: true), null);
        }

        // Both sides now, while the original values are still there; the "after" ones do not change by saving.
        var before = new Dictionary<string, object?>(StringComparer.Ordinal);
        var after = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in diffed.DiffedProperties)
        {
            var old = e.State == EntityState.Added ? null : e.OriginalValues[property] as string;
            var current = e.State == EntityState.Deleted ? null : e.CurrentValues[property] as string;
            (before[property], after[property]) = diffed.AuditDiff(property, old, current);
        }

        return new PendingChange(e, e.State.ToString(), e.State == EntityState.Added ? null : Snapshot(e, original: true, before), after);
    }

    /// <summary>Builds the audit rows once the database has assigned ids to new rows.</summary>
    public static IEnumerable<AuditEntry> ToEntries(IEnumerable<PendingChange> changes, Actor actor, string? reason, DateTime nowUtc, string? addedAs = null) =>
        changes.Select(c => new AuditEntry
        {
            OccurredAtUtc = nowUtc,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            EntityType = c.Entry.Metadata.ClrType.Name,
            EntityId = ((IAudited)c.Entry.Entity).Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Action = addedAs is not null && c.Action == nameof(EntityState.Added) ? addedAs : c.Action,
            BeforeJson = c.BeforeJson,
            AfterJson = c.Action == nameof(EntityState.Deleted) ? null : Snapshot(c.Entry, original: false, c.AfterDiffs),
            Reason = reason is { Length: > AuditEntry.ReasonMaxLength } ? string.Concat(reason.AsSpan(0, AuditEntry.ReasonMaxLength - 1), "…") : reason,
            CorrelationId = Activity.Current?.TraceId.ToString(),
        });

    private static string Snapshot(EntityEntry entry, bool original, IReadOnlyDictionary<string, object?>? diffs = null)
    {
        var values = original ? entry.OriginalValues : entry.CurrentValues;
        var map = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in values.Properties)
        {
            if (property.GetComputedColumnSql() is not null)
            {
                continue; // derived by the database from the audited columns (and not known before the write)
            }

            map[property.Name] = diffs is not null && diffs.TryGetValue(property.Name, out var diff) ? diff : values[property];
        }

        return JsonSerializer.Serialize(map, Json);
    }
}
