using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Complaints;

namespace ServiceMark.Web.Features.Complaints;

/// <summary>
/// A complaint and its history. Ticket and person ids are plain ints (no foreign keys): the complaint keeps its
/// record even if the ticket module changes, and people are never deleted. Enums are stored as strings by convention.
/// </summary>
internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.ToTable("Complaints");
        b.Property(c => c.Complainant).HasMaxLength(ComplaintRules.ComplainantMaxLength);
        b.Property(c => c.Description).HasMaxLength(ComplaintRules.TextMaxLength);
        b.Property(c => c.RootCause).HasMaxLength(ComplaintRules.TextMaxLength);
        b.Property(c => c.CorrectiveAction).HasMaxLength(ComplaintRules.TextMaxLength);
        b.Property(c => c.DecisionReason).HasMaxLength(ComplaintRules.ReasonMaxLength);
        b.Property(c => c.CompensationAmount).HasPrecision(12, 2);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => c.Status);
        b.HasIndex(c => c.DeadlineUtc);
        b.HasIndex(c => c.ReceivedAtUtc);
        b.Ignore(c => c.CountsAgainstPeople);
        b.Ignore(c => c.ValidityDecided);

        b.OwnsMany(c => c.Events, e =>
        {
            e.ToTable("ComplaintEvents");
            e.WithOwner().HasForeignKey("ComplaintId");
            e.Property<int>("Id");
            e.HasKey("Id");
            e.Property(x => x.Action).HasMaxLength(40);

            // The decision note carries the reason plus the decision before and after.
            e.Property(x => x.Note).HasMaxLength(ComplaintRules.TextMaxLength);
        });
        b.Navigation(c => c.Events).HasField("events").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
