using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ServiceMark.Domain.Budgets;

namespace ServiceMark.Web.Features.Budgets;

/// <summary>A budget's 96 amounts are one JSON column: they are read and written whole, never queried one by one.</summary>
internal static class BudgetLinesColumn
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static readonly ValueConverter<IReadOnlyList<BudgetLine>, string> Converter = new(
        v => JsonSerializer.Serialize(v, Json),
        s => JsonSerializer.Deserialize<List<BudgetLine>>(s, Json) ?? new List<BudgetLine>());

    public static readonly ValueComparer<IReadOnlyList<BudgetLine>> Comparer = new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        v => v.Aggregate(0, (h, l) => HashCode.Combine(h, l.GetHashCode())),
        v => v.ToList());
}

internal sealed class DepartmentBudgetConfiguration : IEntityTypeConfiguration<DepartmentBudget>
{
    public void Configure(EntityTypeBuilder<DepartmentBudget> b)
    {
        b.ToTable("DepartmentBudgets");
        b.HasIndex(x => x.Year).IsUnique();
        b.Property(x => x.Lines).HasConversion(BudgetLinesColumn.Converter, BudgetLinesColumn.Comparer);
        b.Property(x => x.Reason).HasMaxLength(DepartmentBudget.ReasonMaxLength);
        b.Property(x => x.ChangedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class BudgetRevisionConfiguration : IEntityTypeConfiguration<BudgetRevision>
{
    public void Configure(EntityTypeBuilder<BudgetRevision> b)
    {
        b.ToTable("BudgetRevisions");
        b.HasOne<DepartmentBudget>().WithMany().HasForeignKey(x => x.BudgetId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.BudgetId, x.Revision }).IsUnique();
        b.Property(x => x.Lines).HasConversion(BudgetLinesColumn.Converter, BudgetLinesColumn.Comparer);
        b.Property(x => x.Reason).HasMaxLength(DepartmentBudget.ReasonMaxLength);
        b.Property(x => x.ChangedBy).HasMaxLength(256);
    }
}
