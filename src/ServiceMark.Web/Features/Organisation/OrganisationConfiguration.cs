using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Organisation;

namespace ServiceMark.Web.Features.Organisation;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("People");
        b.Property(p => p.EmployeeNumber).HasMaxLength(PersonRules.EmployeeNumberMaxLength);
        b.HasIndex(p => p.EmployeeNumber).IsUnique();
        b.Property(p => p.Name).HasMaxLength(PersonRules.NameMaxLength);
        b.HasIndex(p => p.Name);
        b.Property(p => p.Phone).HasMaxLength(PersonRules.PhoneMaxLength);
        b.Property(p => p.Email).HasMaxLength(PersonRules.EmailMaxLength);
        b.Property(p => p.DeactivationReason).HasMaxLength(500);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Position>().WithMany().HasForeignKey(p => p.PositionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.SuperiorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PositionConfiguration : IEntityTypeConfiguration<Position>
{
    public void Configure(EntityTypeBuilder<Position> b)
    {
        b.ToTable("Positions");
        b.Property(p => p.Code).HasMaxLength(OrgRules.CodeMaxLength);
        b.HasIndex(p => p.Code).IsUnique();
        b.Property(p => p.Name).HasMaxLength(OrgRules.NameMaxLength);
        b.Property(p => p.Role).HasMaxLength(40);
        b.Property(p => p.StandardAnnualBonus).HasPrecision(12, 2);
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.ToTable("OrgUnits");
        b.Property(u => u.Code).HasMaxLength(OrgRules.CodeMaxLength);
        b.HasIndex(u => u.Code).IsUnique();
        b.Property(u => u.Name).HasMaxLength(OrgRules.NameMaxLength);
        b.Property(u => u.Address).HasMaxLength(OrgRules.AddressMaxLength);
        b.Property(u => u.Version).IsConcurrencyToken();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
