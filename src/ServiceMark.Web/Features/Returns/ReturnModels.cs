using ServiceMark.Domain.Returns;

namespace ServiceMark.Web.Features.Returns;

/// <summary>A returned product as received: the customer, optionally the ticket that sent it and the registered unit (whose model and
/// serial number fill in the item), what is wrong, who answers for the repair and the day promised back (default 15 days).</summary>
public sealed record ReturnRequest(
    int CustomerId,
    int? TicketId,
    int? ProductUnitId,
    string? Item,
    string? SerialNumber,
    string? Fault,
    DateOnly? ReceivedOn,
    int ResponsiblePersonId,
    DateOnly? DueOn);

/// <summary>
/// A step on a return, with the version read and the day it happened (default today). inspect: finding, decision; repair: work,
/// replacementSerial (an exchange); test: passed, note (what failed); ship: reference (carrier and waybill); refund; cancel:
/// reason; assign: personId.
/// </summary>
public sealed record ReturnStepRequest(
    int Version,
    DateOnly? On = null,
    string? Finding = null,
    ReturnDecision? Decision = null,
    string? Work = null,
    string? ReplacementSerial = null,
    bool? Passed = null,
    string? Note = null,
    string? Reference = null,
    string? Reason = null,
    int? PersonId = null);

public sealed record ReturnTestView(int Sequence, DateOnly TestedOn, string TestedBy, bool Passed, string? Note);

public sealed record ReturnView(
    int Id,
    string Number,
    ReturnStatus Status,
    int CustomerId,
    string CustomerName,
    int? TicketId,
    string? TicketNumber,
    int? ProductUnitId,
    string Item,
    string? SerialNumber,
    string Fault,
    DateOnly ReceivedOn,
    string? ReceivedBy,
    int ResponsiblePersonId,
    string ResponsibleName,
    DateOnly DueOn,
    bool Overdue,
    ReturnDecision? Decision,
    string? Finding,
    DateOnly? InspectedOn,
    string? InspectedBy,
    string? RepairWork,
    string? ReplacementSerial,
    DateOnly? RepairedOn,
    int? WorkedById,
    IReadOnlyList<ReturnTestView> Tests,
    DateOnly? ShippedOn,
    string? ShippingReference,
    DateOnly? RefundedOn,
    int? TurnaroundDays,
    string? CancelReason,
    int Version);

public sealed record ReturnSummary(int Id, string Number, ReturnStatus Status, string CustomerName, string Item, string? SerialNumber, string ResponsibleName,
    DateOnly ReceivedOn, DateOnly DueOn, bool Overdue, DateOnly? CompletedOn);

/// <summary>Which returns a list shows.</summary>
public enum ReturnFilter
{
    /// <summary>Not yet sent back, refunded or cancelled.</summary>
    Open,

    /// <summary>Open past the day promised.</summary>
    Overdue,

    /// <summary>Sent back or refunded.</summary>
    Completed,

    All,
}
