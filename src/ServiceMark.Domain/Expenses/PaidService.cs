using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Expenses;

/// <summary>Where a request to charge the customer for service (有偿服务审批, R-TKT-5) stands.</summary>
public enum PaidServiceStatus
{
    Requested,
    Approved,
    Rejected,
    Cancelled,
}

public enum PaidServiceAction
{
    Approve,
    Reject,
    Cancel,
}

/// <summary>The request's state machine, as a table (tested exhaustively).</summary>
public static class PaidServiceTransitions
{
    private static readonly Dictionary<(PaidServiceStatus, PaidServiceAction), PaidServiceStatus> Table = new()
    {
        [(PaidServiceStatus.Requested, PaidServiceAction.Approve)] = PaidServiceStatus.Approved,
        [(PaidServiceStatus.Requested, PaidServiceAction.Reject)] = PaidServiceStatus.Rejected,
        [(PaidServiceStatus.Requested, PaidServiceAction.Cancel)] = PaidServiceStatus.Cancelled,
    };

    public static PaidServiceStatus? Next(PaidServiceStatus from, PaidServiceAction action) => Table.TryGetValue((from, action), out var to) ? to : null;
}

/// <summary>
/// 有偿服务审批 (R-TKT-5, issue 14 point 2): before doing work the customer pays for (out of warranty, damage, extra work), the
/// engineer or the dispatcher asks for it on the ticket — what and how much — and a leader approves it in the system. The
/// service report may charge at most the approved amount; the approval is its reference. Nobody approves their own request.
/// </summary>
public sealed class PaidServiceApproval : IVersioned, IAudited
{
    public const int DescriptionMaxLength = 500;

    public int Id { get; private set; }
    public int TicketId { get; private set; }
    public decimal Amount { get; private set; }
    public string Description { get; private set; } = "";
    public int RequestedById { get; private set; }
    public DateTime RequestedAtUtc { get; private set; }
    public PaidServiceStatus Status { get; private set; }
    public int? DecidedById { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string? DecisionNote { get; private set; }
    public int Version { get; set; }

    private PaidServiceApproval()
    {
    }

    /// <summary>The reference a report charging this approval's money carries.</summary>
    public string Reference => $"PS-{Id}";

    public static Result<PaidServiceApproval> Request(DateTime nowUtc, int ticketId, int requestedById, decimal amount, string? description)
    {
        var errors = new FieldErrors();
        errors.RequiredText("chargedFor", description, DescriptionMaxLength);
        Amounts.CheckMoney(errors, "amount", amount);
        if (!errors.All.Any(e => e.Field == "amount") && amount <= 0m)
        {
            errors.Add("amount", "range", "A paid service is more than 0.");
        }

        return errors.Any
            ? errors.ToRefusal()
            : new PaidServiceApproval
            {
                TicketId = ticketId, RequestedById = requestedById, RequestedAtUtc = nowUtc, Amount = amount, Description = description!.Trim(),
                Status = PaidServiceStatus.Requested,
            };
    }

    public Refusal? Decide(DateTime nowUtc, int leaderId, bool approve, string? note) =>
        Approvals.CheckDecision(leaderId, RequestedById, approve, note, "decide your own paid-service request")
        ?? Move(approve ? PaidServiceAction.Approve : PaidServiceAction.Reject, () =>
        {
            DecidedById = leaderId;
            DecidedAtUtc = nowUtc;
            DecisionNote = Approvals.Clean(note);
        });

    public Refusal? Cancel() => Move(PaidServiceAction.Cancel, () => { });

    private Refusal? Move(PaidServiceAction action, Action apply)
    {
        if (PaidServiceTransitions.Next(Status, action) is not { } next)
        {
            return Refusal.Conflict("invalid_transition", $"A paid-service request that is {Status} cannot be {action}.");
        }

        apply();
        Status = next;
        return null;
    }
}

/// <summary>
/// 现金交接 (R-TKT-5, issue 14 point 2): cash a customer paid the engineer on site, handed over on return and confirmed by
/// finance (HR here) — never by the engineer who holds it. Until confirmed it is listed, oldest first, with its age.
/// </summary>
public sealed class CashHandOver : IVersioned, IAudited, IExpenseDocument
{
    public const int ReceiptMaxLength = 60;

    public int Id { get; private set; }
    public int TicketId { get; private set; }
    public int PersonId { get; private set; }
    public decimal Amount { get; private set; }
    public DateOnly CollectedOn { get; private set; }
    public string? ReceiptNumber { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
    public bool Confirmed { get; private set; }
    public int? ConfirmedById { get; private set; }
    public DateTime? ConfirmedAtUtc { get; private set; }
    public int Version { get; set; }

    private CashHandOver()
    {
    }

    public static Result<CashHandOver> Record(DateTime nowUtc, DateOnly today, int ticketId, int personId, decimal amount, DateOnly collectedOn, string? receiptNumber)
    {
        var errors = new FieldErrors();
        Amounts.CheckMoney(errors, "amount", amount);
        if (!errors.All.Any(e => e.Field == "amount") && amount <= 0m)
        {
            errors.Add("amount", "range", "Cash handed over is more than 0.");
        }

        if (collectedOn > today)
        {
            errors.Add("collectedOn", "future", "collectedOn is not after today.");
        }

        errors.MaxLength("receiptNumber", receiptNumber, ReceiptMaxLength);
        return errors.Any
            ? errors.ToRefusal()
            : new CashHandOver
            {
                TicketId = ticketId, PersonId = personId, Amount = amount, CollectedOn = collectedOn, RecordedAtUtc = nowUtc,
                ReceiptNumber = string.IsNullOrWhiteSpace(receiptNumber) ? null : receiptNumber.Trim(),
            };
    }

    /// <summary>Finance confirms the cash was received; never the person who handed it over.</summary>
    public Refusal? Confirm(DateTime nowUtc, int financeId)
    {
        if (SegregationOfDuties.RefuseSelf(financeId, PersonId, "confirm your own cash hand-over") is { } self)
        {
            return self;
        }

        if (Confirmed)
        {
            return Refusal.Conflict("invalid_transition", "The hand-over is already confirmed.");
        }

        Confirmed = true;
        ConfirmedById = financeId;
        ConfirmedAtUtc = nowUtc;
        return null;
    }

    /// <summary>Days the cash has been held without confirmation on <paramref name="today"/>; null once confirmed.</summary>
    public int? AgeInDays(DateOnly today) => Confirmed ? null : today.DayNumber - CollectedOn.DayNumber;
}
