using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Customers;

/// <summary>A product model (e.g. a 12 m city bus) with its standard three-guarantee (三包) terms.</summary>
public sealed class ProductModel : IVersioned, IAudited
{
    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Category { get; private set; }
    public int WarrantyMonths { get; private set; }
    public decimal? WarrantyMileageKm { get; private set; }
    public bool IsActive { get; private set; } = true;
    public int Version { get; set; }

    public static ProductModel Create(string code, string name, string? category, int warrantyMonths, decimal? warrantyMileageKm) =>
        new() { Code = code.Trim(), Name = name.Trim(), Category = category?.Trim(), WarrantyMonths = warrantyMonths, WarrantyMileageKm = warrantyMileageKm };

    public void Update(string code, string name, string? category, int warrantyMonths, decimal? warrantyMileageKm, bool isActive)
    {
        Code = code.Trim();
        Name = name.Trim();
        Category = category?.Trim();
        WarrantyMonths = warrantyMonths;
        WarrantyMileageKm = warrantyMileageKm;
        IsActive = isActive;
    }
}

/// <summary>One sold unit, identified by its serial number (VIN for vehicles).</summary>
public sealed class ProductUnit : IVersioned, IAudited
{
    public int Id { get; private set; }
    public string SerialNumber { get; private set; } = "";
    public int ProductModelId { get; private set; }
    public int CustomerId { get; private set; }
    public DateOnly SaleDate { get; private set; }

    /// <summary>Terms agreed for this unit when they differ from the model's; null means the model's terms.</summary>
    public int? WarrantyMonthsOverride { get; private set; }

    public decimal? WarrantyMileageKmOverride { get; private set; }
    public int Version { get; set; }

    public static ProductUnit Create(string serialNumber, int productModelId, int customerId, DateOnly saleDate, int? warrantyMonths, decimal? warrantyMileageKm) =>
        new()
        {
            SerialNumber = serialNumber.Trim().ToUpperInvariant(), ProductModelId = productModelId, CustomerId = customerId, SaleDate = saleDate,
            WarrantyMonthsOverride = warrantyMonths, WarrantyMileageKmOverride = warrantyMileageKm,
        };

    public void Update(int productModelId, int customerId, DateOnly saleDate, int? warrantyMonths, decimal? warrantyMileageKm)
    {
        ProductModelId = productModelId;
        CustomerId = customerId;
        SaleDate = saleDate;
        WarrantyMonthsOverride = warrantyMonths;
        WarrantyMileageKmOverride = warrantyMileageKm;
    }
}
