using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.ServiceLevels;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Features.Notifications;

namespace ServiceMark.Web.Features.ServiceLevels;

/// <summary>
/// That the breach job warned or escalated about one target of one ticket (R-SLA-4). The unique index on
/// (ticket, target, kind) is what makes "never twice" hold across restarts, crashes and several app instances:
/// a second insert fails and its notifications, saved in the same transaction, are never written.
/// </summary>
public sealed class SlaAlertRecord
{
    public long Id { get; set; }
    public int TicketId { get; set; }
    public SlaTarget Target { get; set; }

    /// <summary><see cref="SlaAlert.Warn"/> or <see cref="SlaAlert.Escalate"/>.</summary>
    public SlaAlert Kind { get; set; }

    /// <summary>The due time the decision was made on.</summary>
    public DateTime DueAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Who was told, saved with the alert in one transaction (the outbox).</summary>
    public List<Notification> Notifications { get; } = [];
}

internal sealed class SlaAlertRecordConfiguration : IEntityTypeConfiguration<SlaAlertRecord>
{
    public void Configure(EntityTypeBuilder<SlaAlertRecord> b)
    {
        b.ToTable("SlaAlerts");
        b.HasIndex(a => new { a.TicketId, a.Target, a.Kind }).IsUnique();
        b.HasOne<ServiceTicket>().WithMany().HasForeignKey(a => a.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Notifications).WithOne().HasForeignKey(n => n.SlaAlertId).OnDelete(DeleteBehavior.Cascade);
    }
}
