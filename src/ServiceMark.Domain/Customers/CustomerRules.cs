using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Customers;

/// <summary>Shape rules for customers, product models and units (R-TKT-2).</summary>
public static class CustomerRules
{
    public const int CodeMaxLength = 30;
    public const int NameMaxLength = 100;
    public const int AddressMaxLength = 200;
    public const int SerialMaxLength = 40;
    public const decimal MaxDistanceKm = 5000m;

    public static FieldErrors CheckCustomer(string? code, string? name, string? region, string? notes)
    {
        var errors = new FieldErrors();
        errors.RequiredText("code", code, CodeMaxLength);
        errors.RequiredText("name", name, NameMaxLength);
        errors.MaxLength("region", region, 50);
        errors.MaxLength("notes", notes, 1000);
        return errors;
    }

    public static FieldErrors CheckSite(string? name, string? address, decimal distanceKm)
    {
        var errors = new FieldErrors();
        errors.RequiredText("name", name, NameMaxLength);
        errors.RequiredText("address", address, AddressMaxLength);
        if (distanceKm is < 0 or > MaxDistanceKm)
        {
            errors.Add("distanceKm", "range", $"distanceKm must be between 0 and {MaxDistanceKm}.");
        }

        return errors;
    }

    public static FieldErrors CheckContact(string? name, string? phone)
    {
        var errors = new FieldErrors();
        errors.RequiredText("name", name, 50);
        errors.MaxLength("phone", phone, 30);
        PhoneRules.Check(errors, "phone", phone);
        return errors;
    }

    public static FieldErrors CheckModel(string? code, string? name, int warrantyMonths, decimal? warrantyMileageKm)
    {
        var errors = new FieldErrors();
        errors.RequiredText("code", code, CodeMaxLength);
        errors.RequiredText("name", name, NameMaxLength);
        if (warrantyMonths is < 0 or > 240)
        {
            errors.Add("warrantyMonths", "range", "warrantyMonths must be between 0 and 240.");
        }

        if (warrantyMileageKm is <= 0 or > 10_000_000m)
        {
            errors.Add("warrantyMileageKm", "range", "warrantyMileageKm must be positive (or empty for no mileage limit).");
        }

        return errors;
    }

    public static FieldErrors CheckUnit(string? serialNumber, DateOnly? saleDate, DateOnly today, int? warrantyMonths)
    {
        var errors = new FieldErrors();
        errors.RequiredText("serialNumber", serialNumber, SerialMaxLength);
        if (saleDate is null)
        {
            errors.Add("saleDate", "required", "saleDate is required.");
        }
        else if (saleDate > today)
        {
            errors.Add("saleDate", "future", "saleDate cannot be in the future.");
        }

        if (warrantyMonths is < 0 or > 240)
        {
            errors.Add("warrantyMonths", "range", "warrantyMonths must be between 0 and 240.");
        }

        return errors;
    }
}
