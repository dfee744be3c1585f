using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.ContactLog;

/// <summary>R-TKT-1 intake channels: phone call, letter/e-mail, online form, walk-in (来电/来函/在线/上门).</summary>
public enum ContactChannel
{
    Phone,
    LetterEmail,
    Online,
    WalkIn,
}

/// <summary>
/// One inbound call, letter or message in the call & letter log (来电来函处理记录), kept in time order with its
/// handling and reply — whether or not it becomes a ticket.
/// </summary>
public sealed class ContactLogEntry : IVersioned, IAudited
{
    public const int TextMaxLength = 2000;

    public int Id { get; private set; }
    public DateTime ReceivedAtUtc { get; private set; }
    public ContactChannel Channel { get; private set; }
    public string CallerName { get; private set; } = "";
    public string? CallerPhone { get; private set; }
    public int? CustomerId { get; private set; }
    public string Subject { get; private set; } = "";
    public string Content { get; private set; } = "";
    public string? Handling { get; private set; }
    public string? Reply { get; private set; }
    public DateTime? RepliedAtUtc { get; private set; }
    public int? LoggedByPersonId { get; private set; }
    public int? TicketId { get; private set; }
    public int Version { get; set; }

    public static ContactLogEntry Create(DateTime receivedAtUtc, ContactChannel channel, string callerName, string? callerPhone, int? customerId,
        string subject, string content, int? loggedByPersonId) =>
        new()
        {
            ReceivedAtUtc = receivedAtUtc, Channel = channel, CallerName = callerName.Trim(), CallerPhone = callerPhone?.Trim(), CustomerId = customerId,
            Subject = subject.Trim(), Content = content.Trim(), LoggedByPersonId = loggedByPersonId,
        };

    /// <summary>Records how the contact was handled and, when a reply was given, when.</summary>
    public void RecordHandling(string? handling, string? reply, DateTime nowUtc)
    {
        Handling = string.IsNullOrWhiteSpace(handling) ? null : handling.Trim();
        var newReply = string.IsNullOrWhiteSpace(reply) ? null : reply.Trim();
        if (newReply != Reply)
        {
            RepliedAtUtc = newReply is null ? null : nowUtc;
        }

        Reply = newReply;
    }

    /// <summary>Links the ticket opened from this entry; an entry becomes at most one ticket.</summary>
    public Result<ContactLogEntry> LinkTicket(int ticketId)
    {
        if (TicketId is not null)
        {
            return Refusal.Conflict("already_ticketed", $"This contact already became ticket {TicketId}.");
        }

        TicketId = ticketId;
        return this;
    }

    public static FieldErrors Check(DateTime receivedAtUtc, DateTime nowUtc, string? channel, string? callerName, string? callerPhone, string? subject, string? content)
    {
        var errors = new FieldErrors();
        if (receivedAtUtc > nowUtc.AddMinutes(5))
        {
            errors.Add("receivedAt", "future", "receivedAt cannot be in the future.");
        }

        if (!Enum.TryParse<ContactChannel>(channel, ignoreCase: true, out _) || int.TryParse(channel, out _))
        {
            errors.Add("channel", "unknown", $"channel must be one of: {string.Join(", ", Enum.GetNames<ContactChannel>())}.");
        }

        errors.RequiredText("callerName", callerName, 50);
        errors.MaxLength("callerPhone", callerPhone, 30);
        PhoneRules.Check(errors, "callerPhone", callerPhone);
        errors.RequiredText("subject", subject, 100);
        errors.RequiredText("content", content, TextMaxLength);
        return errors;
    }
}
