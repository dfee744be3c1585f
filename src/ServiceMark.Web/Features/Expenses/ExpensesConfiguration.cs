using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Expenses;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Expenses;

internal sealed class PerDiemAllowanceConfiguration : IEntityTypeConfiguration<PerDiemAllowance>
{
    public void Configure(EntityTypeBuilder<PerDiemAllowance> b)
    {
        b.ToTable("PerDiemAllowances");
        b.Property(a => a.Name).HasMaxLength(PerDiemAllowance.NameMaxLength);
        b.Property(a => a.RatePerDay).HasConversion(Fen.Converter);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasIndex(a => a.Name).IsUnique();
    }
}

internal sealed class TravelAdvanceConfiguration : IEntityTypeConfiguration<TravelAdvance>
{
    public void Configure(EntityTypeBuilder<TravelAdvance> b)
    {
        b.ToTable("TravelAdvances");
        b.Property(a => a.Purpose).HasMaxLength(TravelAdvance.PurposeMaxLength);
        b.Property(a => a.DecisionNote).HasMaxLength(TravelAdvance.NoteMaxLength);
        b.Property(a => a.Amount).HasConversion(Fen.Converter);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.DecidedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PaidById).OnDelete(DeleteBehavior.Restrict);

        // A person's advances; the lists to decide and to pay, and the outstanding ones, by status.
        b.HasIndex(a => new { a.PersonId, a.Status });
        b.HasIndex(a => new { a.Status, a.PaidAtUtc });
    }
}

internal sealed class ExpenseClaimConfiguration : IEntityTypeConfiguration<ExpenseClaim>
{
    public void Configure(EntityTypeBuilder<ExpenseClaim> b)
    {
        b.ToTable("ExpenseClaims");
        b.Property(c => c.Total).HasConversion(Fen.Converter);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.DecisionNote).HasMaxLength(ExpenseClaim.NoteMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.DecidedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.PaidById).OnDelete(DeleteBehavior.Restrict);

        // Lines in their own table: the cost facts (by category and month) sum them in SQL.
        b.OwnsMany(c => c.Lines, line =>
        {
            line.ToTable("ExpenseClaimLines");
            line.WithOwner().HasForeignKey("ClaimId");
            line.Property<int>("Id");
            line.HasKey("Id");
            line.Property(l => l.Category).HasConversion<string>().HasMaxLength(20);
            line.Property(l => l.Amount).HasConversion(Fen.Converter);
            line.Property(l => l.RatePerDay).HasConversion(Fen.NullableConverter);
            line.Property(l => l.Description).HasMaxLength(ExpenseClaim.DescriptionMaxLength);
            line.Property(l => l.Allowance).HasMaxLength(PerDiemAllowance.NameMaxLength);
            line.HasOne<Domain.Tickets.ServiceTicket>().WithMany().HasForeignKey(l => l.TicketId).OnDelete(DeleteBehavior.Restrict);
            line.HasIndex(l => new { l.Category, l.Date });
            line.HasIndex(l => l.TicketId); // a ticket's cost
        });

        b.HasIndex(c => new { c.PersonId, c.Status });
        b.HasIndex(c => new { c.Status, c.SubmittedAtUtc });
        b.HasIndex(c => c.PaidAtUtc);
    }
}

internal sealed class LabourRateConfiguration : IEntityTypeConfiguration<LabourRate>
{
    public void Configure(EntityTypeBuilder<LabourRate> b)
    {
        b.ToTable("LabourRates");
        b.Property(r => r.SchemeCode).HasMaxLength(LabourRate.CodeMaxLength);
        b.Property(r => r.LevelCode).HasMaxLength(LabourRate.CodeMaxLength);
        b.Property(r => r.RatePerHour).HasConversion(Fen.Converter);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.IsDefault);
        b.HasIndex(r => new { r.SchemeCode, r.LevelCode }).IsUnique(); // one rate per grade, and one default (empty codes)
    }
}

internal sealed class StandardCostConfiguration : IEntityTypeConfiguration<StandardCost>
{
    public void Configure(EntityTypeBuilder<StandardCost> b)
    {
        b.ToTable("StandardCosts");
        b.Property(s => s.Amount).HasConversion(Fen.Converter);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => s.JobType).IsUnique(); // one standard per job type: the cost facts join it on the ticket's category
    }
}

internal sealed class PaidServiceApprovalConfiguration : IEntityTypeConfiguration<PaidServiceApproval>
{
    public void Configure(EntityTypeBuilder<PaidServiceApproval> b)
    {
        b.ToTable("PaidServiceApprovals");
        b.Property(p => p.Amount).HasConversion(Fen.Converter);
        b.Property(p => p.Description).HasMaxLength(PaidServiceApproval.DescriptionMaxLength);
        b.Property(p => p.DecisionNote).HasMaxLength(TravelAdvance.NoteMaxLength);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Reference);
        b.HasOne<Domain.Tickets.ServiceTicket>().WithMany().HasForeignKey(p => p.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.RequestedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.DecidedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.TicketId);
        b.HasIndex(p => p.Status); // the leaders' list of requests to decide
    }
}

internal sealed class CashHandOverConfiguration : IEntityTypeConfiguration<CashHandOver>
{
    public void Configure(EntityTypeBuilder<CashHandOver> b)
    {
        b.ToTable("CashHandOvers");
        b.Property(h => h.Amount).HasConversion(Fen.Converter);
        b.Property(h => h.ReceiptNumber).HasMaxLength(CashHandOver.ReceiptMaxLength);
        b.Property(h => h.Version).IsConcurrencyToken();
        b.HasOne<Domain.Tickets.ServiceTicket>().WithMany().HasForeignKey(h => h.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(h => h.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(h => h.ConfirmedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(h => h.TicketId);
        b.HasIndex(h => new { h.Confirmed, h.CollectedOn }); // what finance has still to confirm, oldest first
    }
}
