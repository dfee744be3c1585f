using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Customers;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Returns;
using ServiceMark.Domain.Tickets;

namespace ServiceMark.Web.Features.Returns;

internal sealed class ProductReturnConfiguration : IEntityTypeConfiguration<ProductReturn>
{
    public void Configure(EntityTypeBuilder<ProductReturn> b)
    {
        b.ToTable("ProductReturns");
        b.Property(r => r.Item).HasMaxLength(ProductReturn.ItemMaxLength);
        b.Property(r => r.SerialNumber).HasMaxLength(ProductReturn.SerialMaxLength);
        b.Property(r => r.ReplacementSerial).HasMaxLength(ProductReturn.SerialMaxLength);
        b.Property(r => r.Fault).HasMaxLength(ProductReturn.TextMaxLength);
        b.Property(r => r.Finding).HasMaxLength(ProductReturn.TextMaxLength);
        b.Property(r => r.RepairWork).HasMaxLength(ProductReturn.TextMaxLength);
        b.Property(r => r.CancelReason).HasMaxLength(ProductReturn.TextMaxLength);
        b.Property(r => r.ShippingReference).HasMaxLength(ProductReturn.ItemMaxLength);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Decision).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.TurnaroundDays);
        b.Ignore(r => r.OnTime);
        b.Ignore(r => r.Number);
        b.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(r => r.ResponsiblePersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServiceTicket>().WithMany().HasForeignKey(r => r.TicketId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ProductUnit>().WithMany().HasForeignKey(r => r.ProductUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Tests).WithOne().HasForeignKey(t => t.ReturnId).OnDelete(DeleteBehavior.Cascade);

        // The facts read a person's returns — or everyone's — by the day first tested, promised back and completed; the lists by
        // status and due day.
        b.HasIndex(r => r.FirstTestedOn);
        b.HasIndex(r => r.DueOn);
        b.HasIndex(r => r.CompletedOn);
        b.HasIndex(r => new { r.ResponsiblePersonId, r.FirstTestedOn });
        b.HasIndex(r => new { r.ResponsiblePersonId, r.DueOn });
        b.HasIndex(r => new { r.ResponsiblePersonId, r.CompletedOn });
        b.HasIndex(r => new { r.Status, r.DueOn });
        b.HasIndex(r => r.SerialNumber);
        b.HasIndex(r => r.ReplacementSerial);
        b.HasIndex(r => r.TicketId);
    }
}

internal sealed class ReturnTestConfiguration : IEntityTypeConfiguration<ReturnTest>
{
    public void Configure(EntityTypeBuilder<ReturnTest> b)
    {
        b.ToTable("ReturnTests");
        b.Property(t => t.Note).HasMaxLength(ProductReturn.TextMaxLength);
        b.HasIndex(t => new { t.ReturnId, t.Sequence }).IsUnique();
        b.HasOne<Person>().WithMany().HasForeignKey(t => t.TestedById).OnDelete(DeleteBehavior.Restrict);
    }
}
