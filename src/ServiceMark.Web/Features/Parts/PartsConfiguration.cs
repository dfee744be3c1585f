using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Customers;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Parts;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Parts;

/// <summary>
/// Stock on hand of one part in one location that holds stock, kept in the transaction of every ledger entry that touches it
/// (docs/decisions/0010-parts-ledger.md): screens read this row, never a sum over the ledger. Quantities are stored as whole
/// hundredths so that both databases compare and subtract them as integers (SQLite keeps decimals as text).
/// </summary>
public sealed class StockBalance
{
    public int LocationId { get; set; }
    public int PartId { get; set; }
    public long OnHandHundredths { get; set; }
    public long Version { get; set; }

    public decimal OnHand => Quantities.FromHundredths(OnHandHundredths);
}

/// <summary>A location's minimum and maximum of a part (R-PRT-1): below the minimum it is to be replenished up to the maximum.</summary>
public sealed class StockLimit
{
    public int Id { get; set; }
    public int LocationId { get; set; }
    public int PartId { get; set; }
    public decimal Minimum { get; set; }
    public decimal Maximum { get; set; }
}

public static class Quantities
{
    public static long ToHundredths(decimal quantity) => (long)decimal.Round(quantity * 100m, 0, MidpointRounding.ToEven);

    public static decimal FromHundredths(long hundredths) => hundredths / 100m;
}

internal sealed class SupplierConfiguration : IEntityTypeConfiguration<Supplier>
{
    public void Configure(EntityTypeBuilder<Supplier> b)
    {
        b.ToTable("Suppliers");
        b.Property(s => s.Code).HasMaxLength(Supplier.CodeMaxLength);
        b.HasIndex(s => s.Code).IsUnique();
        b.Property(s => s.Name).HasMaxLength(Supplier.NameMaxLength);
        b.Property(s => s.ContactName).HasMaxLength(Supplier.NameMaxLength);
        b.Property(s => s.ContactPhone).HasMaxLength(30);
        b.Property(s => s.ClaimTerms).HasMaxLength(Supplier.TextMaxLength);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class SparePartConfiguration : IEntityTypeConfiguration<SparePart>
{
    public void Configure(EntityTypeBuilder<SparePart> b)
    {
        b.ToTable("SpareParts");
        b.Property(p => p.Code).HasMaxLength(SparePart.CodeMaxLength);
        b.HasIndex(p => p.Code).IsUnique();
        b.Property(p => p.Name).HasMaxLength(SparePart.NameMaxLength);
        b.HasIndex(p => p.Name);
        b.Property(p => p.Specification).HasMaxLength(SparePart.SpecificationMaxLength);
        b.Property(p => p.Unit).HasMaxLength(SparePart.UnitMaxLength);
        b.HasOne<Supplier>().WithMany().HasForeignKey(p => p.SupplierId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.OwnsMany(p => p.Prices, price =>
        {
            price.ToTable("SparePartPrices");
            price.WithOwner().HasForeignKey("SparePartId");
            price.HasKey(x => x.Id);
            price.Property(x => x.UnitPrice).HasPrecision(12, 2);
            price.HasIndex("SparePartId", nameof(PartPrice.EffectiveFrom)).IsUnique();
        });
        b.OwnsMany(p => p.Fits, fit =>
        {
            fit.ToTable("SparePartFits");
            fit.WithOwner().HasForeignKey("SparePartId");
            fit.HasKey(x => x.Id);
            fit.HasOne<ProductModel>().WithMany().HasForeignKey(x => x.ProductModelId).OnDelete(DeleteBehavior.Restrict);
            fit.HasIndex("SparePartId", nameof(PartFit.ProductModelId)).IsUnique();
        });
        b.Navigation(p => p.Prices).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(p => p.Fits).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class StockLocationConfiguration : IEntityTypeConfiguration<StockLocation>
{
    public void Configure(EntityTypeBuilder<StockLocation> b)
    {
        b.ToTable("StockLocations");
        b.Property(l => l.Code).HasMaxLength(StockLocation.CodeMaxLength);
        b.HasIndex(l => l.Code).IsUnique();
        b.Property(l => l.Name).HasMaxLength(StockLocation.NameMaxLength);
        b.Ignore(l => l.HoldsStock);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(l => l.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Restrict);

        // One personal stock per engineer.
        b.HasIndex(l => l.PersonId).IsUnique();
        b.Property(l => l.Version).IsConcurrencyToken();
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.ToTable("LedgerEntries");
        b.Property(e => e.Quantity).HasConversion(q => Quantities.ToHundredths(q), h => Quantities.FromHundredths(h));
        b.Property(e => e.UnitPrice).HasPrecision(12, 2);
        b.Property(e => e.DocumentType).HasMaxLength(LedgerEntry.DocumentTypeMaxLength);
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.Reason).HasMaxLength(LedgerEntry.ReasonMaxLength);
        b.HasOne<SparePart>().WithMany().HasForeignKey(e => e.PartId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StockLocation>().WithMany().HasForeignKey(e => e.FromLocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StockLocation>().WithMany().HasForeignKey(e => e.ToLocationId).OnDelete(DeleteBehavior.Restrict);

        // A part's movements newest first, a location's movements, and a document's movements.
        b.HasIndex(e => new { e.PartId, e.Id });
        b.HasIndex(e => new { e.FromLocationId, e.Id });
        b.HasIndex(e => new { e.ToLocationId, e.Id });
        b.HasIndex(e => new { e.DocumentType, e.DocumentId });

        // The parts facts read a period's consumption (销帐) without walking the whole ledger.
        b.HasIndex(e => new { e.Kind, e.PostedAtUtc });
    }
}

internal sealed class StockBalanceConfiguration : IEntityTypeConfiguration<StockBalance>
{
    public void Configure(EntityTypeBuilder<StockBalance> b)
    {
        b.ToTable("StockBalances", t => t.HasCheckConstraint("CK_StockBalances_NotNegative", "\"OnHandHundredths\" >= 0"));
        b.HasKey(x => new { x.LocationId, x.PartId });
        b.Ignore(x => x.OnHand);
        b.HasIndex(x => x.PartId);
        b.HasOne<StockLocation>().WithMany().HasForeignKey(x => x.LocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SparePart>().WithMany().HasForeignKey(x => x.PartId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StockLimitConfiguration : IEntityTypeConfiguration<StockLimit>
{
    public void Configure(EntityTypeBuilder<StockLimit> b)
    {
        b.ToTable("StockLimits");
        b.HasIndex(x => new { x.LocationId, x.PartId }).IsUnique();
        b.Property(x => x.Minimum).HasPrecision(12, 2);
        b.Property(x => x.Maximum).HasPrecision(12, 2);
        b.HasOne<StockLocation>().WithMany().HasForeignKey(x => x.LocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SparePart>().WithMany().HasForeignKey(x => x.PartId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartRequisitionConfiguration : IEntityTypeConfiguration<PartRequisition>
{
    public void Configure(EntityTypeBuilder<PartRequisition> b)
    {
        b.ToTable("PartRequisitions");
        b.Property(r => r.Purpose).HasMaxLength(PartRequisition.TextMaxLength);
        b.Property(r => r.DecisionNote).HasMaxLength(PartRequisition.TextMaxLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<Person>().WithMany().HasForeignKey(r => r.RequesterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StockLocation>().WithMany().HasForeignKey(r => r.FromLocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StockLocation>().WithMany().HasForeignKey(r => r.ToLocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Tickets.ServiceTicket>().WithMany().HasForeignKey(r => r.TicketId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.Status, r.Id });
        b.HasIndex(r => new { r.RequesterId, r.Id });
        b.HasIndex(r => r.TicketId);
        b.OwnsMany(r => r.Lines, line =>
        {
            line.ToTable("PartRequisitionLines");
            line.WithOwner().HasForeignKey("RequisitionId");
            line.HasKey(x => x.Id);
            line.Property(x => x.Quantity).HasConversion(q => Quantities.ToHundredths(q), h => Quantities.FromHundredths(h));
            line.HasOne<SparePart>().WithMany().HasForeignKey(x => x.PartId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Navigation(r => r.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OldPartConfiguration : IEntityTypeConfiguration<OldPart>
{
    public void Configure(EntityTypeBuilder<OldPart> b)
    {
        b.ToTable("OldParts");
        b.Property(o => o.Name).HasMaxLength(OldPart.NameMaxLength);
        b.Property(o => o.Quantity).HasConversion(q => Quantities.ToHundredths(q), h => Quantities.FromHundredths(h));
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Disposal).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.InspectionNote).HasMaxLength(OldPart.TextMaxLength);
        b.Property(o => o.DisposalNote).HasMaxLength(OldPart.TextMaxLength);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasOne<Domain.Tickets.ServiceTicket>().WithMany().HasForeignKey(o => o.TicketId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SparePart>().WithMany().HasForeignKey(o => o.PartId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(o => o.EngineerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StockLocation>().WithMany().HasForeignKey(o => o.ReceivedAtLocationId).OnDelete(DeleteBehavior.Restrict);

        // The lists (to receive, to inspect, overdue), a ticket's old parts, and the facts' periods (created, inspected, disposed of).
        b.HasIndex(o => new { o.Status, o.DueOn });
        b.HasIndex(o => o.TicketId);
        b.HasIndex(o => o.CreatedAtUtc);
        b.HasIndex(o => o.InspectedAtUtc);
        b.HasIndex(o => o.DisposedAtUtc);
    }
}

internal sealed class SupplierClaimConfiguration : IEntityTypeConfiguration<SupplierClaim>
{
    public void Configure(EntityTypeBuilder<SupplierClaim> b)
    {
        b.ToTable("SupplierClaims");

        // Money as whole fen: the claim facts sum integers on both providers (SQLite keeps decimals as text).
        foreach (var money in new[] { nameof(SupplierClaim.PartAmount), nameof(SupplierClaim.LabourAmount), nameof(SupplierClaim.FreightAmount),
                     nameof(SupplierClaim.ClaimAmount), nameof(SupplierClaim.ShippingCost), nameof(SupplierClaim.RecoveredAmount) })
        {
            b.Property<decimal>(money).HasConversion(Fen.Converter);
        }

        b.Property(c => c.AcceptedAmount).HasConversion(Fen.NullableConverter);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Note).HasMaxLength(SupplierClaim.TextMaxLength);
        b.Property(c => c.DecisionNote).HasMaxLength(SupplierClaim.TextMaxLength);
        b.Property(c => c.Carrier).HasMaxLength(SupplierClaim.CarrierMaxLength);
        b.Property(c => c.TrackingNumber).HasMaxLength(SupplierClaim.TrackingMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Supplier>().WithMany().HasForeignKey(c => c.SupplierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Tickets.ServiceTicket>().WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OldPart>().WithMany().HasForeignKey(c => c.OldPartId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.RaisedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(c => c.ShippingApprovedById).OnDelete(DeleteBehavior.Restrict);

        // One claim per old part (a parallel second raise is 409); the outstanding list by status; the facts' periods.
        b.HasIndex(c => c.OldPartId).IsUnique();
        b.HasIndex(c => new { c.Status, c.SupplierId });
        b.HasIndex(c => c.RaisedAtUtc);
        b.HasIndex(c => c.SettledAtUtc);
        b.HasIndex(c => c.DecidedAtUtc);
    }
}

internal sealed class StockTakeConfiguration : IEntityTypeConfiguration<StockTake>
{
    public void Configure(EntityTypeBuilder<StockTake> b)
    {
        b.ToTable("StockTakes");
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.DecisionNote).HasMaxLength(StockTake.TextMaxLength);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.Ignore(t => t.Accuracy);
        b.HasOne<StockLocation>().WithMany().HasForeignKey(t => t.LocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(t => t.StartedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(t => t.DecidedById).OnDelete(DeleteBehavior.Restrict);

        // One open count per location: two starts at the same moment give one count and a 409. The filter is the same SQL on both providers.
        b.HasIndex(t => t.LocationId).IsUnique().HasFilter("\"Status\" IN ('Counting', 'Submitted')").HasDatabaseName("IX_StockTakes_OpenPerLocation");
        b.HasIndex(t => new { t.LocationId, t.Id });
        b.OwnsMany(t => t.Lines, line =>
        {
            line.ToTable("StockTakeLines");
            line.WithOwner().HasForeignKey("StockTakeId");
            line.HasKey(x => x.Id);
            line.Property(x => x.BookQuantity).HasConversion(q => Quantities.ToHundredths(q), h => Quantities.FromHundredths(h));
            line.Property(x => x.CountedQuantity).HasConversion(q => q == null ? (long?)null : Quantities.ToHundredths(q.Value), h => h == null ? null : Quantities.FromHundredths(h.Value));
            line.Property(x => x.Explanation).HasMaxLength(StockTake.TextMaxLength);
            line.Ignore(x => x.Difference);
            line.HasOne<SparePart>().WithMany().HasForeignKey(x => x.PartId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Navigation(t => t.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
