using PhoneNumbers;

namespace ServiceMark.Domain.Common;

/// <summary>
/// Phone numbers as they are dialled in China: an 11-digit mobile number or a landline with its area code (0371-6789 1234);
/// a number written with + and a country code is checked against that country's plan. Validated with libphonenumber
/// (Google's numbering-plan data), so a 21-digit number or an unassigned prefix is refused.
/// </summary>
public static class PhoneRules
{
    public const string DefaultRegion = "CN";

    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    public static bool IsValid(string phone)
    {
        try
        {
            return Numbers.IsValidNumber(Numbers.Parse(phone.Trim(), DefaultRegion));
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>Adds a "phone" error for <paramref name="field"/> when a number is given and is not a valid one.</summary>
    public static void Check(FieldErrors errors, string field, string? phone)
    {
        if (!string.IsNullOrWhiteSpace(phone) && !IsValid(phone))
        {
            errors.Add(field, "phone", $"{field} must be a mobile number (11 digits) or a landline number with its area code.");
        }
    }
}
