using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Customers;
using ServiceMark.Domain.Organisation;

namespace ServiceMark.Web.Features.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("Customers");
        b.Property(c => c.Code).HasMaxLength(CustomerRules.CodeMaxLength);
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.Name).HasMaxLength(CustomerRules.NameMaxLength);
        b.HasIndex(c => c.Name);
        b.Property(c => c.Region).HasMaxLength(50);
        b.Property(c => c.Notes).HasMaxLength(1000);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasMany(c => c.Contacts).WithOne().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Sites).WithOne().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Contacts).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Sites).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CustomerContactConfiguration : IEntityTypeConfiguration<CustomerContact>
{
    public void Configure(EntityTypeBuilder<CustomerContact> b)
    {
        b.ToTable("CustomerContacts");
        b.Property(c => c.Name).HasMaxLength(50);
        b.Property(c => c.Phone).HasMaxLength(30);
        b.Property(c => c.Title).HasMaxLength(50);
    }
}

internal sealed class CustomerSiteConfiguration : IEntityTypeConfiguration<CustomerSite>
{
    public void Configure(EntityTypeBuilder<CustomerSite> b)
    {
        b.ToTable("CustomerSites");
        b.Property(s => s.Name).HasMaxLength(CustomerRules.NameMaxLength);
        b.Property(s => s.Address).HasMaxLength(CustomerRules.AddressMaxLength);
        b.Property(s => s.DistanceKm).HasPrecision(9, 1);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(s => s.NearestStationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProductModelConfiguration : IEntityTypeConfiguration<ProductModel>
{
    public void Configure(EntityTypeBuilder<ProductModel> b)
    {
        b.ToTable("ProductModels");
        b.Property(m => m.Code).HasMaxLength(CustomerRules.CodeMaxLength);
        b.HasIndex(m => m.Code).IsUnique();
        b.Property(m => m.Name).HasMaxLength(CustomerRules.NameMaxLength);
        b.Property(m => m.Category).HasMaxLength(50);
        b.Property(m => m.WarrantyMileageKm).HasPrecision(12, 1);
        b.Property(m => m.Version).IsConcurrencyToken();
    }
}

internal sealed class ProductUnitConfiguration : IEntityTypeConfiguration<ProductUnit>
{
    public void Configure(EntityTypeBuilder<ProductUnit> b)
    {
        b.ToTable("ProductUnits");
        b.Property(u => u.SerialNumber).HasMaxLength(CustomerRules.SerialMaxLength);
        b.HasIndex(u => u.SerialNumber).IsUnique();
        b.HasIndex(u => u.CustomerId);
        b.Property(u => u.WarrantyMileageKmOverride).HasPrecision(12, 1);
        b.Property(u => u.Version).IsConcurrencyToken();
        b.HasOne<ProductModel>().WithMany().HasForeignKey(u => u.ProductModelId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(u => u.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
