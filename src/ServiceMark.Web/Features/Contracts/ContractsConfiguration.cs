using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Contracts;
using ServiceMark.Domain.Customers;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Contracts;

internal sealed class MaintenanceContractConfiguration : IEntityTypeConfiguration<MaintenanceContract>
{
    public void Configure(EntityTypeBuilder<MaintenanceContract> b)
    {
        b.ToTable("MaintenanceContracts");
        b.HasIndex(c => c.Number).IsUnique();
        b.Property(c => c.Number).HasMaxLength(MaintenanceContract.NumberMaxLength);
        b.Property(c => c.Note).HasMaxLength(MaintenanceContract.NoteMaxLength);
        b.Property(c => c.TerminationReason).HasMaxLength(MaintenanceContract.NoteMaxLength);
        b.Property(c => c.Amount).HasConversion(Fen.Converter);
        b.Property(c => c.Collected).HasConversion(Fen.Converter);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.Outstanding);
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.ResponsiblePersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Instalments).WithOne().HasForeignKey(i => i.ContractId).OnDelete(DeleteBehavior.Cascade);

        // A person's contracts (the facts by the signing date), renewals by end date, and a customer's contracts by start: the
        // renewals list asks of each candidate whether a later one follows (10 000 contracts: 339 → 4 ms with the start in it).
        b.HasIndex(c => new { c.ResponsiblePersonId, c.SignedOn });
        b.HasIndex(c => new { c.Status, c.EndsOn });
        b.HasIndex(c => new { c.CustomerId, c.StartsOn });

        // One renewal per contract among those not cancelled: two offices renewing it at once meet here (a 409).
        b.HasIndex(c => c.RenewsContractId).IsUnique().HasFilter($"\"RenewsContractId\" IS NOT NULL AND \"Status\" <> '{nameof(ContractStatus.Cancelled)}'");
    }
}

internal sealed class ContractInstalmentConfiguration : IEntityTypeConfiguration<ContractInstalment>
{
    public void Configure(EntityTypeBuilder<ContractInstalment> b)
    {
        b.ToTable("ContractInstalments");
        b.Property(i => i.Amount).HasConversion(Fen.Converter);
        b.Property(i => i.Collected).HasConversion(Fen.Converter);
        b.Property(i => i.InvoiceNumber).HasMaxLength(ContractInstalment.InvoiceNumberMaxLength);
        b.Ignore(i => i.Outstanding);
        b.HasIndex(i => new { i.ContractId, i.Sequence }).IsUnique();
        b.HasIndex(i => i.DueOn); // receivables by due date; the collection rate of a period
    }
}

internal sealed class ContractPaymentConfiguration : IEntityTypeConfiguration<ContractPayment>
{
    public void Configure(EntityTypeBuilder<ContractPayment> b)
    {
        b.ToTable("ContractPayments");
        b.Property(p => p.Amount).HasConversion(Fen.Converter);
        b.Property(p => p.Reference).HasMaxLength(ContractPayment.ReferenceMaxLength);
        b.HasOne<MaintenanceContract>().WithMany().HasForeignKey(p => p.ContractId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.RecordedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Allocations).WithOne().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => p.ContractId);
        b.HasIndex(p => p.ReceivedOn); // the department's revenue of a period (BudgetFacts)
    }
}

internal sealed class PaymentAllocationConfiguration : IEntityTypeConfiguration<PaymentAllocation>
{
    public void Configure(EntityTypeBuilder<PaymentAllocation> b)
    {
        b.ToTable("PaymentAllocations");
        b.Property(a => a.Amount).HasConversion(Fen.Converter);
        b.Ignore(a => a.OnTime);
        b.HasOne<ContractInstalment>().WithMany().HasForeignKey(a => a.InstalmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.InstalmentId);
    }
}

internal sealed class PlannedVisitConfiguration : IEntityTypeConfiguration<PlannedVisit>
{
    public void Configure(EntityTypeBuilder<PlannedVisit> b)
    {
        b.ToTable("PlannedVisits");
        b.Ignore(v => v.TicketKey);
        b.HasOne<MaintenanceContract>().WithMany().HasForeignKey(v => v.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.Tickets.ServiceTicket>().WithMany().HasForeignKey(v => v.TicketId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(v => new { v.ContractId, v.DueOn }).IsUnique();

        // The scheduler's question: visits due to open and not yet opened.
        b.HasIndex(v => v.OpensOn).HasFilter("\"TicketId\" IS NULL").HasDatabaseName("IX_PlannedVisits_ToOpen");
        b.HasIndex(v => v.TicketId);
    }
}

internal sealed class MaintenanceChecklistConfiguration : IEntityTypeConfiguration<MaintenanceChecklist>
{
    public void Configure(EntityTypeBuilder<MaintenanceChecklist> b)
    {
        b.ToTable("MaintenanceChecklists");
        b.HasIndex(c => c.ProductModelId).IsUnique(); // 0: the department's own
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}

/// <summary>A record's results are one JSON column: read and written whole with the record.</summary>
internal static class CheckResultsColumn
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<CheckResult>, string> Converter = new(
        v => System.Text.Json.JsonSerializer.Serialize(v, Json),
        s => System.Text.Json.JsonSerializer.Deserialize<List<CheckResult>>(s, Json) ?? new List<CheckResult>());

    public static readonly Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<CheckResult>> Comparer = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        v => v.Aggregate(0, (h, r) => HashCode.Combine(h, r.GetHashCode())),
        v => v.ToList());
}

internal sealed class MaintenanceRecordConfiguration : IEntityTypeConfiguration<MaintenanceRecord>
{
    public void Configure(EntityTypeBuilder<MaintenanceRecord> b)
    {
        b.ToTable("MaintenanceRecords");
        b.HasOne<Domain.Tickets.ServiceTicket>().WithMany().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => m.TicketId).IsUnique();
        b.Property(m => m.Results).HasConversion(CheckResultsColumn.Converter, CheckResultsColumn.Comparer);
        b.Property(m => m.RecordedBy).HasMaxLength(256);
        b.Property(m => m.Version).IsConcurrencyToken();
    }
}
