using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Customers;
using ServiceMark.Domain.Installations;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Tickets;

namespace ServiceMark.Web.Features.Installations;

internal sealed class InstallationPlanConfiguration : IEntityTypeConfiguration<InstallationPlan>
{
    public void Configure(EntityTypeBuilder<InstallationPlan> b)
    {
        b.ToTable("InstallationPlans");
        b.Property(p => p.Note).HasMaxLength(InstallationPlan.NoteMaxLength);
        b.Property(p => p.CancelReason).HasMaxLength(InstallationPlan.NoteMaxLength);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Number);
        b.Ignore(p => p.TicketKey);
        b.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.ResponsiblePersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServiceTicket>().WithMany().HasForeignKey(p => p.TicketId).OnDelete(DeleteBehavior.Restrict);

        // The completion fact reads a person's plans — or everyone's — by the planned finish; a ticket's plan by the ticket.
        b.HasIndex(p => p.PlannedFinish);
        b.HasIndex(p => new { p.ResponsiblePersonId, p.PlannedFinish });
        b.HasIndex(p => p.TicketId).IsUnique();
    }
}
