namespace ServiceMark.Web.Infrastructure.Audit;

/// <summary>
/// An audited entity with text properties too large to copy whole into every audit row, twice (before and after): a
/// score sheet's ~10 KB snapshot, re-scored many times a period. For each such property the audit row keeps what
/// <see cref="AuditDiff"/> makes of the two values — a digest of each and only the parts that changed — instead of
/// the values.
/// </summary>
public interface IAuditedAsDiff
{
    /// <summary>The properties recorded as a diff.</summary>
    IReadOnlyCollection<string> DiffedProperties { get; }

    /// <summary>What the audit row's "before" and "after" show for a property, from its old and new value (null: none,
    /// as for a row just added). Must not throw on a value that is null, partial or not what the entity writes today.</summary>
    (object? Before, object? After) AuditDiff(string property, string? before, string? after);
}
