using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Complaints;

/// <summary>Shape rules of a complaint's facts and the default deadline.</summary>
public static class ComplaintRules
{
    public const int ComplainantMaxLength = 100;
    public const int TextMaxLength = 2000;
    public const int ReasonMaxLength = 1000;

    /// <summary>
    /// Seeded default for the deadline, in calendar days from receipt: the complaint engineer's resolution target is
    /// 72 h (R-SLA-5), so three days. An admin changes it; the caller passes the configured value.
    /// </summary>
    public const int DefaultDeadlineDays = 3;

    public static DateTime DefaultDeadline(DateTime receivedAtUtc, int days = DefaultDeadlineDays) => receivedAtUtc.AddDays(days);

    /// <param name="nowUtc">The deadline must lie after this instant.</param>
    public static FieldErrors Check(ComplaintDetails d, DateTime nowUtc)
    {
        var errors = new FieldErrors();
        if (!Enum.IsDefined(d.Source))
        {
            errors.Add("source", "unknown", "source is not a known complaint source.");
        }

        errors.RequiredText("complainant", d.Complainant, ComplainantMaxLength);
        if (d.TicketId is <= 0)
        {
            errors.Add("ticketId", "invalid", "ticketId must be a ticket's id, or empty.");
        }

        if (d.EngineerPersonId is <= 0)
        {
            errors.Add("engineerPersonId", "invalid", "engineerPersonId must be a person's id, or empty.");
        }

        if (!Enum.IsDefined(d.Category))
        {
            errors.Add("category", "unknown", "category must be ProductQuality, TechnicalUse or Service.");
        }

        if (!Enum.IsDefined(d.Severity))
        {
            errors.Add("severity", "unknown", "severity must be Minor, Major or Critical.");
        }

        errors.RequiredText("description", d.Description, TextMaxLength);
        if (d.DeadlineUtc <= nowUtc)
        {
            errors.Add("deadlineUtc", "not_in_future", "deadlineUtc must be in the future.");
        }

        return errors;
    }

    /// <summary>Money in CNY: not negative, at most fen precision.</summary>
    public static void CheckAmount(FieldErrors errors, string field, decimal amount) => Amounts.CheckMoney(errors, field, amount);
}
