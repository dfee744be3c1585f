using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Parts;

/// <summary>A parts supplier (配套厂家) with the terms under which it accepts warranty claims (R-PRT-1, R-PRT-5).</summary>
public sealed class Supplier : IVersioned, IAudited
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 100;
    public const int TextMaxLength = 1000;

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? ContactName { get; private set; }
    public string? ContactPhone { get; private set; }

    /// <summary>Days after the part was replaced within which the supplier accepts a claim; null when the terms set none.</summary>
    public int? ClaimWindowDays { get; private set; }

    public string? ClaimTerms { get; private set; }
    public bool IsActive { get; private set; } = true;
    public int Version { get; set; }

    public static FieldErrors Check(SupplierDetails d)
    {
        var errors = new FieldErrors();
        errors.RequiredText("code", d.Code, CodeMaxLength);
        errors.RequiredText("name", d.Name, NameMaxLength);
        errors.MaxLength("contactName", d.ContactName, NameMaxLength);
        if (!string.IsNullOrWhiteSpace(d.ContactPhone))
        {
            errors.MaxLength("contactPhone", d.ContactPhone, 30);
            PhoneRules.Check(errors, "contactPhone", d.ContactPhone);
        }

        if (d.ClaimWindowDays is < 1 or > 3650)
        {
            errors.Add("claimWindowDays", "range", "claimWindowDays must be 1–3650 days.");
        }

        errors.MaxLength("claimTerms", d.ClaimTerms, TextMaxLength);
        return errors;
    }

    public static Supplier Create(SupplierDetails d)
    {
        var s = new Supplier();
        s.Update(d);
        return s;
    }

    public void Update(SupplierDetails d)
    {
        Code = d.Code!.Trim();
        Name = d.Name!.Trim();
        ContactName = Clean(d.ContactName);
        ContactPhone = Clean(d.ContactPhone);
        ClaimWindowDays = d.ClaimWindowDays;
        ClaimTerms = Clean(d.ClaimTerms);
        IsActive = d.IsActive;
    }

    internal static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed record SupplierDetails(string? Code, string? Name, string? ContactName, string? ContactPhone, int? ClaimWindowDays, string? ClaimTerms, bool IsActive = true);

/// <summary>A spare part of the catalogue (备件目录, R-PRT-1): what it is, who supplies it, what it costs from when, what it fits.</summary>
public sealed class SparePart : IVersioned, IAudited
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 100;
    public const int SpecificationMaxLength = 200;
    public const int UnitMaxLength = 10;

    private readonly List<PartPrice> prices = [];
    private readonly List<PartFit> fits = [];

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Specification { get; private set; }

    /// <summary>The unit it is counted in (件, 个, 套, 升 …).</summary>
    public string Unit { get; private set; } = "件";

    public int? SupplierId { get; private set; }

    /// <summary>A replaced part of this kind comes back to the warehouse (旧件回收) when it was under warranty.</summary>
    public bool ReturnRequired { get; private set; }

    public bool IsActive { get; private set; } = true;
    public int Version { get; set; }
    public IReadOnlyList<PartPrice> Prices => prices;
    public IReadOnlyList<PartFit> Fits => fits;

    public static FieldErrors Check(SparePartDetails d)
    {
        var errors = new FieldErrors();
        errors.RequiredText("code", d.Code, CodeMaxLength);
        errors.RequiredText("name", d.Name, NameMaxLength);
        errors.MaxLength("specification", d.Specification, SpecificationMaxLength);
        errors.RequiredText("unit", d.Unit, UnitMaxLength);
        if (d.SupplierId is <= 0)
        {
            errors.Add("supplierId", "unknown", "supplierId must name a supplier.");
        }

        return errors;
    }

    public static SparePart Create(SparePartDetails d)
    {
        var p = new SparePart();
        p.Update(d);
        return p;
    }

    public void Update(SparePartDetails d)
    {
        Code = d.Code!.Trim();
        Name = d.Name!.Trim();
        Specification = Supplier.Clean(d.Specification);
        Unit = d.Unit!.Trim();
        SupplierId = d.SupplierId;
        ReturnRequired = d.ReturnRequired;
        IsActive = d.IsActive;
    }

    /// <summary>The models the part fits; replaces the list.</summary>
    public void FitModels(IEnumerable<int> productModelIds)
    {
        var wanted = productModelIds.Distinct().ToHashSet();
        fits.RemoveAll(f => !wanted.Contains(f.ProductModelId));
        foreach (var id in wanted.Where(id => fits.TrueForAll(f => f.ProductModelId != id)).Order())
        {
            fits.Add(new PartFit(id));
        }
    }

    /// <summary>
    /// A price from a day on (R-PRT-1: effective-dated): the one of that day is replaced, earlier ones are kept, so a cost
    /// booked on a date keeps the price of that date.
    /// </summary>
    public Refusal? SetPrice(DateOnly effectiveFrom, decimal unitPrice)
    {
        var errors = new FieldErrors();
        Amounts.CheckMoney(errors, "unitPrice", unitPrice);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        prices.RemoveAll(p => p.EffectiveFrom == effectiveFrom);
        prices.Add(new PartPrice(effectiveFrom, unitPrice));
        return null;
    }

    /// <summary>The price in force on <paramref name="day"/>, or null before the first.</summary>
    public decimal? PriceOn(DateOnly day) => PartPrice.On(prices, day);
}

public sealed record SparePartDetails(string? Code, string? Name, string? Specification, string? Unit, int? SupplierId, bool ReturnRequired = false, bool IsActive = true);

/// <summary>A unit price in CNY from a day on.</summary>
public sealed class PartPrice
{
    private PartPrice()
    {
    }

    internal PartPrice(DateOnly effectiveFrom, decimal unitPrice)
    {
        EffectiveFrom = effectiveFrom;
        UnitPrice = unitPrice;
    }

    public int Id { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public decimal UnitPrice { get; private set; }

    public static decimal? On(IEnumerable<PartPrice> prices, DateOnly day) =>
        prices.Where(p => p.EffectiveFrom <= day).MaxBy(p => p.EffectiveFrom)?.UnitPrice;
}

/// <summary>A product model the part fits.</summary>
public sealed class PartFit
{
    private PartFit()
    {
    }

    internal PartFit(int productModelId) => ProductModelId = productModelId;

    public int Id { get; private set; }
    public int ProductModelId { get; private set; }
}
