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
        // Lists are newest first by id: a status filter reads this index in id order (docs/decisions/0004).
        b.HasIndex(t => new { t.Status, t.Id }).HasDatabaseName("IX_ServiceTickets_Status_Id");
        b.HasIndex(t => t.CustomerId);
        b.HasIndex(t => new { t.Status, t.FollowUpDueAtUtc });

        // Overdue, due today and "most urgent first" in the ticket list: open tickets only (closed ones have no next due time).
        b.HasIndex(t => t.NextDueAtUtc).HasFilter("\"NextDueAtUtc\" IS NOT NULL").HasDatabaseName("IX_ServiceTickets_NextDue"); // the follow-up list: closed tickets, newest due first
        b.HasIndex(t => t.OriginalTicketId); // "was this ticket reopened as a repeat fault" for the service facts

        // Every start asks whether any ticket was never measured (TicketOutcomes.BackfillAsync): without this index that
        // question scans the table (1.1 s at 1 M tickets); a partial index holds only the unmeasured ones, usually none.
        b.HasIndex(t => t.ServiceLevelCalendarVersion).HasFilter("\"ServiceLevelCalendarVersion\" IS NULL").HasDatabaseName("IX_ServiceTickets_Unmeasured");

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

/// <summary>
/// What the service facts read of a ticket, per provider. SQLite stores instants as text, and parsing them while summing
/// a month's durations was most of a department's facts (≈ 350 of 570 ms at 1 M tickets): there the durations are
/// virtual generated columns, in ticks, computed when a row is written into IX_ServiceTickets_Facts and read from it as
/// integers (docs/decisions/0006). PostgreSQL computes them from its timestamps in the query (TicketFacts.Rows).
/// </summary>
internal static class TicketFactColumns
{
    public const string ResponseTicks = "ResponseTicks";
    public const string ArrivalTicks = "ArrivalTicks";
    public const string ResolutionTicks = "ResolutionTicks";
    public const string ReportDelayTicks = "ReportDelayTicks";

    /// <summary>The duration columns and the instants each one spans, as (name, from, to).</summary>
    public static IReadOnlyList<(string Name, string From, string To)> Durations { get; } =
    [
        (ResponseTicks, nameof(ServiceTicket.ReportedAtUtc), nameof(ServiceTicket.FirstResponseAtUtc)),
        (ArrivalTicks, nameof(ServiceTicket.ReportedAtUtc), nameof(ServiceTicket.ArrivedAtUtc)),
        (ResolutionTicks, nameof(ServiceTicket.ReportedAtUtc), nameof(ServiceTicket.ResolvedAtUtc)),
        (ReportDelayTicks, nameof(ServiceTicket.ResolvedAtUtc), nameof(ServiceTicket.ReportSignedAtUtc)),
    ];

    public static void Configure(EntityTypeBuilder<ServiceTicket> b, bool sqlite)
    {
        var columns = new List<string>
        {
            nameof(ServiceTicket.ReportedAtUtc), nameof(ServiceTicket.Id), nameof(ServiceTicket.Status), nameof(ServiceTicket.Number),
            nameof(ServiceTicket.FirstResponseAtUtc), nameof(ServiceTicket.ArrivedAtUtc), nameof(ServiceTicket.ResolvedAtUtc),
            nameof(ServiceTicket.ClosedAtUtc), nameof(ServiceTicket.ReportSignedAtUtc), nameof(ServiceTicket.OriginalTicketId),
            nameof(ServiceTicket.RemoteMethod),
        };
        if (sqlite)
        {
            foreach (var (name, from, to) in Durations)
            {
                // Derived, never written by the app: the audit leaves computed columns out.
                b.Property<long?>(name).HasComputedColumnSql(SqliteTicks(to, from), stored: false);
                columns.Add(name);
            }
        }

        // Covers the service facts' walk over a period: in ReportedAtUtc then id order, with every column the facts read,
        // so scoring a quarter reads this index in sequence instead of one wide ticket row per ticket from all over the
        // table (bench/README.md: scoring 2 000 people over 1 M tickets). The tickets have no index of their own on
        // ReportedAtUtc: this one leads with it and serves every range and the list's jump-to-date seek (index only).
        // (Status, ReportedAtUtc, Id) went too: lists are newest first by id (IX_ServiceTickets_Status_Id).
        b.HasIndex([.. columns]).HasDatabaseName("IX_ServiceTickets_Facts");
    }

    /// <summary>
    /// Ticks from one text instant to another, exactly: EF Core writes "yyyy-MM-dd HH:mm:ss.FFFFFFF" (up to 7 digits of
    /// fraction, trailing zeros dropped); whole seconds by strftime, the fraction as an integer. NULL when either is.
    /// </summary>
    private static string SqliteTicks(string to, string from) =>
        $"(CAST(strftime('%s', substr(\"{to}\", 1, 19)) AS INTEGER) - CAST(strftime('%s', substr(\"{from}\", 1, 19)) AS INTEGER)) * {TimeSpan.TicksPerSecond}" +
        $" + {Fraction(to)} - {Fraction(from)}";

    private static string Fraction(string column) =>
        $"(CASE WHEN length(\"{column}\") > 20 THEN CAST(substr(\"{column}\" || '000000', 21, 7) AS INTEGER) ELSE 0 END)";
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

        // A ticket's current report and its compensation from the index alone: the cost facts read it for every closed
        // ticket of a period (a department's month at 1 M tickets: 148 → 43 ms).
        b.Property<int?>("TicketId");
        b.HasIndex("TicketId", nameof(ServiceReport.Revision), nameof(ServiceReport.CompensationAmount));

        // The reports bearing the customer's stamp (the stamped_reports fact): few, so the facts' join probes a small index
        // (a department's month at 1 M tickets: 85 → 17 ms).
        b.HasIndex("TicketId").HasFilter($"\"{nameof(ServiceReport.CustomerStamped)}\"").HasDatabaseName("IX_ServiceReports_Stamped");
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
