using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Tickets;

namespace ServiceMark.Web.Features.Notifications;

public enum NotificationKind
{
    /// <summary>A service-level target of a ticket is about to fall due (R-SLA-4).</summary>
    SlaWarning,

    /// <summary>A service-level target of a ticket was breached: escalated to the supervisor (R-SLA-4).</summary>
    SlaEscalation,

    /// <summary>A grading window opened and the engineer meets every condition for the next grade (R-GRD-5): to the engineer and their superior.</summary>
    GradingWindowOpen,

    /// <summary>A deadline of an assessment period is near and the recipient still has something to do (R-ASM-4).</summary>
    AssessmentDeadline,

    /// <summary>An engineer asks to charge a customer for service (R-TKT-5): to the superior who decides.</summary>
    PaidServiceRequested,

    /// <summary>Cash collected on site was handed over (R-TKT-5): to finance (HR), to confirm.</summary>
    CashHandOver,

    /// <summary>Cash handed over is still not confirmed after the days finance has: to finance (HR), again each round.</summary>
    UnconfirmedCash,

    /// <summary>A contract instalment is past its due day and not fully paid: to the person answering for the contract.</summary>
    InstalmentOverdue,

    /// <summary>A returned product is still open after the day promised: to the person answering for the repair.</summary>
    ReturnOverdue,
}

/// <summary>
/// A message to one person: the in-app inbox and the outbox at once. Written in the same transaction as the event that
/// causes it (never queued in memory), so an acknowledged alert always has its notifications. Title and body are
/// resource keys with parameters, so each reader sees them in their own language.
/// </summary>
public sealed class Notification
{
    public const int KeyMaxLength = 100;
    public const int ParametersMaxLength = 2000;
    public const int LinkMaxLength = 200;

    public long Id { get; set; }
    public int RecipientPersonId { get; set; }
    public NotificationKind Kind { get; set; }
    public int? TicketId { get; set; }

    /// <summary>The SLA alert that caused this notification, if any.</summary>
    public long? SlaAlertId { get; set; }

    /// <summary>The assessment period the notification is about (its page is the link when there is no sheet).</summary>
    public int? AssessmentPeriodId { get; set; }

    /// <summary>The assessment sheet the notification is about (the recipient's own sheet), if any.</summary>
    public int? AssessmentSheetId { get; set; }

    /// <summary>The deadline reminder that caused this notification, if any.</summary>
    public long? AssessmentReminderId { get; set; }

    /// <summary>The overdue reminder that caused this notification, if any.</summary>
    public long? OverdueReminderId { get; set; }

    /// <summary>The page the notification is about when it is no ticket or assessment (a contract, a return); wins over them.</summary>
    public string? Link { get; set; }

    public string TitleKey { get; set; } = "";
    public string BodyKey { get; set; } = "";

    /// <summary>The parameters of title and body as a JSON object of strings (e.g. ticketNumber, target, dueUtc; period, deadline, due).</summary>
    public string ParametersJson { get; set; } = "{}";

    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }

    public IReadOnlyDictionary<string, string> Parameters =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(ParametersJson) ?? [];

    public static string ToJson(IReadOnlyDictionary<string, string> parameters) => JsonSerializer.Serialize(parameters);
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.Property(n => n.TitleKey).HasMaxLength(Notification.KeyMaxLength);
        b.Property(n => n.BodyKey).HasMaxLength(Notification.KeyMaxLength);
        b.Property(n => n.ParametersJson).HasMaxLength(Notification.ParametersMaxLength);
        b.Property(n => n.Link).HasMaxLength(Notification.LinkMaxLength);
        b.Ignore(n => n.Parameters);
        b.HasIndex(n => new { n.RecipientPersonId, n.ReadAtUtc, n.CreatedAtUtc });
        b.HasIndex(n => n.TicketId);
        b.HasIndex(n => n.SlaAlertId);
        b.HasIndex(n => n.AssessmentReminderId);
        b.HasIndex(n => n.OverdueReminderId);
        b.HasIndex(n => n.AssessmentPeriodId);
        b.HasIndex(n => n.AssessmentSheetId);
        b.HasOne<Features.Assessment.StoredAssessmentPeriod>().WithMany().HasForeignKey(n => n.AssessmentPeriodId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Features.Assessment.AssessmentSheet>().WithMany().HasForeignKey(n => n.AssessmentSheetId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(n => n.RecipientPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServiceTicket>().WithMany().HasForeignKey(n => n.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}
