namespace ServiceMark.Web.Infrastructure.Audit;

/// <summary>
/// One row of the append-only audit log. Written only by <see cref="AuditRecorder"/> in the same
/// transaction as the change; database triggers refuse any UPDATE or DELETE of these rows.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The reason column's length: a longer reason (e.g. a card's full text) is cut here; the entity keeps it whole.</summary>
    public const int ReasonMaxLength = 1000;

    public long Id { get; init; }
    public DateTime OccurredAtUtc { get; init; }
    public string? ActorUserId { get; init; }
    public string ActorName { get; init; } = "";
    public string EntityType { get; init; } = "";
    public string EntityId { get; init; } = "";
    public string Action { get; init; } = "";
    public string? BeforeJson { get; init; }
    public string? AfterJson { get; init; }
    public string? Reason { get; init; }
    public string? CorrelationId { get; init; }
}
