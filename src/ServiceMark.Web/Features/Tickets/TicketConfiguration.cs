using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Customers;
using ServiceMark.Domain.Tickets;

namespace ServiceMark.Web.Features.Tickets;

internal sealed class ServiceTicketConfiguration : IEntityTypeConfiguration<ServiceTicket>
{
    public void Configure(EntityTypeBuilder<ServiceTicket> b)
    {
        b.ToTable("ServiceTickets");
        b.Property(t => t.Number).HasMaxLength(ServiceTicket.NumberMaxLength);
        b.HasIndex(t => t.Number).IsUnique();
        // The list filtered by status and shown newest first reads this index in order instead of sorting every match.
        b.HasIndex(t => new { t.Status, t.ReportedAtUtc, t.Id });
        // Lists are newest first by id: a status filter reads this index in id order (docs/decisions/0004).
        b.HasIndex(t => new { t.Status, t.Id }).HasDatabaseName("IX_ServiceTickets_Status_Id");
        b.HasIndex(t => t.CustomerId);
        b.HasIndex(t => t.ReportedAtUtc);
        b.HasIndex(t => t.OriginalTicketId); // "was this ticket reopened as a repeat fault" for the service facts

        // Every start asks whether any ticket was never measured (TicketOutcomes.BackfillAsync): without this index that
        // question scans the table (1.1 s at 1 M tickets); a partial index holds only the unmeasured ones, usually none.
        b.HasIndex(t => t.ServiceLevelCalendarVersion).HasFilter("\"ServiceLevelCalendarVersion\" IS NULL").HasDatabaseName("IX_ServiceTickets_Unmeasured");

        // Covers the service facts' walk over a period (ServiceFactsQueries.ForEachPersonAsync): in ReportedAtUtc then id
        // order, with every column the facts read, so scoring a quarter reads this index in sequence instead of one wide
        // ticket row per ticket from all over the table (bench/README.md: scoring 2 000 people over 1 M tickets).
        b.HasIndex(t => new
        {
            t.ReportedAtUtc, t.Id, t.Status, t.Number, t.FirstResponseAtUtc, t.ArrivedAtUtc, t.ResolvedAtUtc, t.ClosedAtUtc, t.ReportSignedAtUtc,
            t.OriginalTicketId,
        }).HasDatabaseName("IX_ServiceTickets_Facts");
        b.Property(t => t.ContactName).HasMaxLength(ServiceTicket.ContactNameMaxLength);
        b.Property(t => t.ContactPhone).HasMaxLength(ServiceTicket.ContactPhoneMaxLength);
        b.Property(t => t.SiteAddress).HasMaxLength(ServiceTicket.SiteAddressMaxLength);
        b.Property(t => t.SerialNumber).HasMaxLength(ServiceTicket.SerialNumberMaxLength);
        b.Property(t => t.FaultDescription).HasMaxLength(ServiceTicket.FaultDescriptionMaxLength);
        b.Property(t => t.WarrantyReason).HasMaxLength(ServiceTicket.WarrantyReasonMaxLength);
        b.Property(t => t.OriginalTicketNumber).HasMaxLength(ServiceTicket.NumberMaxLength);
        b.Property(t => t.ReportedByUserName).HasMaxLength(256);
        b.Property(t => t.DistanceKm).HasPrecision(9, 1);
        b.Property(t => t.RunningHours).HasPrecision(12, 1);
        b.Property(t => t.MileageKm).HasPrecision(12, 1);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.Ignore(t => t.Report);
        b.Ignore(t => t.LeadEngineerId);
        b.Ignore(t => t.LastStepAtUtc);
        b.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.Assignments).WithOne().HasForeignKey("TicketId").OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Events).WithOne().HasForeignKey("TicketId").OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Reports).WithOne().HasForeignKey("TicketId").OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(t => t.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(t => t.Reports).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TicketAssignmentConfiguration : IEntityTypeConfiguration<TicketAssignment>
{
    public void Configure(EntityTypeBuilder<TicketAssignment> b)
    {
        b.ToTable("TicketAssignments");

        // Engineer → tickets without touching the assignment rows themselves (service facts per person or team).
        b.HasIndex(nameof(TicketAssignment.EngineerId), "TicketId");

        // Ticket → its engineers from the index alone (the facts' walk over a period goes ticket by ticket).
        b.HasIndex("TicketId", nameof(TicketAssignment.EngineerId));
    }
}

internal sealed class TicketEventConfiguration : IEntityTypeConfiguration<TicketEvent>
{
    public void Configure(EntityTypeBuilder<TicketEvent> b)
    {
        b.ToTable("TicketEvents");
        b.Property(e => e.ActorUserName).HasMaxLength(256);
        b.Property(e => e.Note).HasMaxLength(ServiceTicket.NoteMaxLength);
        b.HasIndex(e => e.AtUtc);
    }
}

internal sealed class ServiceReportConfiguration : IEntityTypeConfiguration<ServiceReport>
{
    public void Configure(EntityTypeBuilder<ServiceReport> b)
    {
        b.ToTable("ServiceReports");
        foreach (var text in new[] { nameof(ServiceReport.Findings), nameof(ServiceReport.Cause), nameof(ServiceReport.Responsibility), nameof(ServiceReport.WorkDone), nameof(ServiceReport.AdviceGiven), nameof(ServiceReport.OldPartsNote), nameof(ServiceReport.ApprovalComment), nameof(ServiceReport.RejectionReason) })
        {
            b.Property(text).HasMaxLength(ServiceReport.TextMaxLength);
        }

        b.Property(r => r.PaidServiceApprovalReference).HasMaxLength(ServiceReport.ReferenceMaxLength);
        b.Property(r => r.SignerName).HasMaxLength(ServiceReport.SignerNameMaxLength);
        b.Property(r => r.SignatureAttachmentId).HasMaxLength(ServiceReport.AttachmentIdMaxLength);
        b.Property(r => r.RecordedByUserName).HasMaxLength(256);
        b.Property(r => r.CompensationAmount).HasPrecision(14, 2);
        b.Property(r => r.PaidServiceAmount).HasPrecision(14, 2);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.IsWorkRecorded);
        b.Ignore(r => r.IsSigned);
        b.Ignore(r => r.IsApproved);
        b.Ignore(r => r.IsRejected);
        b.HasMany(r => r.PartsReplaced).WithOne().HasForeignKey("ReportId").OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Amendments).WithOne().HasForeignKey("ReportId").OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.PartsReplaced).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(r => r.Amendments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ReplacedPartConfiguration : IEntityTypeConfiguration<ReplacedPart>
{
    public void Configure(EntityTypeBuilder<ReplacedPart> b)
    {
        b.ToTable("ReplacedParts");
        b.Property(p => p.Name).HasMaxLength(ServiceReport.PartNameMaxLength);
        b.Property(p => p.Reason).HasMaxLength(ServiceReport.PartReasonMaxLength);
        b.Property(p => p.Quantity).HasPrecision(12, 2);
    }
}

internal sealed class ServiceReportAmendmentConfiguration : IEntityTypeConfiguration<ServiceReportAmendment>
{
    public void Configure(EntityTypeBuilder<ServiceReportAmendment> b)
    {
        b.ToTable("ServiceReportAmendments");
        b.Property(a => a.Text).HasMaxLength(ServiceReport.TextMaxLength);
        b.Property(a => a.ByUserName).HasMaxLength(256);
    }
}

/// <summary>
/// The last ticket number given out on a day (T + yyyyMMdd + sequence). Incremented by an UPDATE inside the creating
/// transaction, which locks the row: concurrent creations wait for each other instead of picking the same number.
/// </summary>
public sealed class TicketNumberCounter
{
    public string Day { get; set; } = "";
    public int Last { get; set; }
}

internal sealed class TicketNumberCounterConfiguration : IEntityTypeConfiguration<TicketNumberCounter>
{
    public void Configure(EntityTypeBuilder<TicketNumberCounter> b)
    {
        b.ToTable("TicketNumberCounters");
        b.HasKey(c => c.Day);
        b.Property(c => c.Day).HasMaxLength(8);
    }
}
