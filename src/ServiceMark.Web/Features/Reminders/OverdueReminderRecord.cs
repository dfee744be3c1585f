using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Features.Notifications;

namespace ServiceMark.Web.Features.Reminders;

/// <summary>What an overdue reminder is about. Stored as its name: never rename a member.</summary>
public enum OverdueKind
{
    /// <summary>Cash collected on site and handed over, not yet confirmed by finance (R-TKT-5): to finance (HR).</summary>
    UnconfirmedCash,

    /// <summary>A contract instalment past its due day and not fully paid: to the person answering for the contract.</summary>
    InstalmentOverdue,

    /// <summary>A returned product still open after the day promised: to the person answering for the repair.</summary>
    ReturnOverdue,
}

/// <summary>
/// That one person was reminded, in one round (<see cref="Domain.Common.ReminderSchedule"/>), of one overdue thing. The unique
/// index on (kind, subject, recipient, round) makes "once a round" hold across restarts, crashes and several instances: a second
/// insert fails, and the notification saved in the same transaction is never written.
/// </summary>
public sealed class OverdueReminderRecord
{
    public long Id { get; set; }
    public OverdueKind Kind { get; set; }

    /// <summary>The hand-over, instalment or return.</summary>
    public int SubjectId { get; set; }

    public int RecipientPersonId { get; set; }
    public int Round { get; set; }

    /// <summary>The day it became overdue.</summary>
    public DateOnly OverdueFrom { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The notification, saved with this row in one transaction (the outbox).</summary>
    public List<Notification> Notifications { get; } = [];
}

internal sealed class OverdueReminderRecordConfiguration : IEntityTypeConfiguration<OverdueReminderRecord>
{
    public void Configure(EntityTypeBuilder<OverdueReminderRecord> b)
    {
        b.ToTable("OverdueReminders");
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(r => new { r.Kind, r.SubjectId, r.RecipientPersonId, r.Round }).IsUnique();
        b.HasIndex(r => r.RecipientPersonId);
        b.HasOne<Person>().WithMany().HasForeignKey(r => r.RecipientPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Notifications).WithOne().HasForeignKey(n => n.OverdueReminderId).OnDelete(DeleteBehavior.Cascade);
    }
}
