using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceMark.Web.Infrastructure.Idempotency;

/// <summary>
/// A create request that carried an `Idempotency-Key`: written in the same transaction as the record it created, so
/// a client that retries after a timeout or a crash gets the same record back instead of a duplicate.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int KeyMaxLength = 100;

    public long Id { get; init; }
    public string UserId { get; init; } = "";
    public string Operation { get; init; } = "";
    public string Key { get; init; } = "";
    public int ResourceId { get; init; }
    public DateTime CreatedAtUtc { get; init; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("IdempotencyRecords");
        b.Property(r => r.UserId).HasMaxLength(64);
        b.Property(r => r.Operation).HasMaxLength(50);
        b.Property(r => r.Key).HasMaxLength(IdempotencyRecord.KeyMaxLength);
        b.HasIndex(r => new { r.UserId, r.Operation, r.Key }).IsUnique();
    }
}
