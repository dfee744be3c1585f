using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Features.Notifications;

namespace ServiceMark.Web.Features.Assessment;

/// <summary>
/// That one person was reminded of one deadline of one period, for one task (R-ASM-4). The unique index on (period,
/// deadline, recipient, task) is what makes "at most once" hold across restarts, crashes and several app instances: a
/// second insert fails, and the notification saved in the same transaction is never written. The task is in the key
/// because one person may have two different things to do for the same deadline at different times (a supervisor
/// writes their own self-review, and later reviews their reports' sheets): each is said once.
/// </summary>
public sealed class AssessmentReminderRecord
{
    public long Id { get; set; }
    public int PeriodId { get; set; }
    public AssessmentDeadline Deadline { get; set; }
    public int RecipientPersonId { get; set; }

    /// <summary>What the person was asked to do.</summary>
    public ReminderWork Work { get; set; }

    /// <summary>The deadline's date the reminder was about.</summary>
    public DateOnly DueOn { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The notification, saved with this row in one transaction (the outbox).</summary>
    public List<Notification> Notifications { get; } = [];
}

internal sealed class AssessmentReminderRecordConfiguration : IEntityTypeConfiguration<AssessmentReminderRecord>
{
    public void Configure(EntityTypeBuilder<AssessmentReminderRecord> b)
    {
        b.ToTable("AssessmentReminders");
        b.HasIndex(r => new { r.PeriodId, r.Deadline, r.RecipientPersonId, r.Work }).IsUnique();
        b.HasIndex(r => r.RecipientPersonId);
        b.HasOne<StoredAssessmentPeriod>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(r => r.RecipientPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Notifications).WithOne().HasForeignKey(n => n.AssessmentReminderId).OnDelete(DeleteBehavior.Cascade);
    }
}
