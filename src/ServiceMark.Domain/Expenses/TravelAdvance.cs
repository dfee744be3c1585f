using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Expenses;

/// <summary>Where a travel advance (借款, R-EXP-1) stands.</summary>
public enum AdvanceStatus
{
    Requested,
    Approved,
    Rejected,
    Paid,
    Settled,
    Cancelled,
}

public enum AdvanceAction
{
    Approve,
    Reject,
    Pay,
    Settle,
    Cancel,
}

/// <summary>The advance's state machine, as a table (tested exhaustively).</summary>
public static class AdvanceTransitions
{
    private static readonly Dictionary<(AdvanceStatus, AdvanceAction), AdvanceStatus> Table = new()
    {
        [(AdvanceStatus.Requested, AdvanceAction.Approve)] = AdvanceStatus.Approved,
        [(AdvanceStatus.Requested, AdvanceAction.Reject)] = AdvanceStatus.Rejected,
        [(AdvanceStatus.Requested, AdvanceAction.Cancel)] = AdvanceStatus.Cancelled,
        [(AdvanceStatus.Approved, AdvanceAction.Pay)] = AdvanceStatus.Paid,
        [(AdvanceStatus.Approved, AdvanceAction.Cancel)] = AdvanceStatus.Cancelled,
        [(AdvanceStatus.Paid, AdvanceAction.Settle)] = AdvanceStatus.Settled,
    };

    public static AdvanceStatus? Next(AdvanceStatus from, AdvanceAction action) => Table.TryGetValue((from, action), out var to) ? to : null;

    /// <summary>Money the person holds and has not yet accounted for with a claim: what "outstanding advances" lists.</summary>
    public static bool IsOutstanding(AdvanceStatus status) => status == AdvanceStatus.Paid;
}

/// <summary>
/// 借款 (R-EXP-1): before a trip an engineer asks for money (why, for which tickets, how much); the leader approves it, finance
/// pays it, and the expense claim after the trip settles it (<see cref="ExpenseSettlement"/>). Nobody approves or pays their own.
/// </summary>
public sealed class TravelAdvance : IVersioned, IAudited, IExpenseDocument
{
    public const int PurposeMaxLength = 500;
    public const int NoteMaxLength = Approvals.NoteMaxLength;

    public int Id { get; private set; }
    public int PersonId { get; private set; }
    public string Purpose { get; private set; } = "";

    /// <summary>The tickets the trip serves (their ids); may be empty for a trip planned before its tickets exist.</summary>
    public List<int> TicketIds { get; private set; } = [];

    public decimal Amount { get; private set; }
    public AdvanceStatus Status { get; private set; }
    public DateTime RequestedAtUtc { get; private set; }
    public int? DecidedById { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string? DecisionNote { get; private set; }
    public int? PaidById { get; private set; }
    public DateTime? PaidAtUtc { get; private set; }
    public int? SettledByClaimId { get; private set; }
    public DateTime? SettledAtUtc { get; private set; }
    public int Version { get; set; }

    public static Result<TravelAdvance> Request(DateTime nowUtc, int personId, string? purpose, IEnumerable<int>? ticketIds, decimal amount)
    {
        var errors = new FieldErrors();
        errors.RequiredText("purpose", purpose, PurposeMaxLength);
        Amounts.CheckMoney(errors, "amount", amount);
        if (!errors.All.Any(e => e.Field == "amount") && amount <= 0m)
        {
            errors.Add("amount", "range", "An advance is more than 0.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        return new TravelAdvance
        {
            RequestedAtUtc = nowUtc, PersonId = personId, Purpose = purpose!.Trim(), TicketIds = ticketIds?.Distinct().Order().ToList() ?? [],
            Amount = amount, Status = AdvanceStatus.Requested,
        };
    }

    /// <summary>The leader's decision; a rejection says why. Never on one's own advance.</summary>
    public Refusal? Decide(DateTime nowUtc, int leaderId, bool approve, string? note) =>
        Approvals.CheckDecision(leaderId, PersonId, approve, note, "decide your own advance") ?? Move(approve ? AdvanceAction.Approve : AdvanceAction.Reject, () =>
        {
            DecidedById = leaderId;
            DecidedAtUtc = nowUtc;
            DecisionNote = Approvals.Clean(note);
        });

    /// <summary>Finance (or HR) records the payment; never to oneself.</summary>
    public Refusal? Pay(DateTime nowUtc, int payerId) =>
        SegregationOfDuties.RefuseSelf(payerId, PersonId, "pay your own advance") ?? Move(AdvanceAction.Pay, () =>
        {
            PaidById = payerId;
            PaidAtUtc = nowUtc;
        });

    /// <summary>Accounted for by a paid expense claim (the balance paid or returned with it).</summary>
    public Refusal? Settle(DateTime nowUtc, int claimId) => Move(AdvanceAction.Settle, () =>
    {
        SettledByClaimId = claimId;
        SettledAtUtc = nowUtc;
    });

    /// <summary>Withdrawn by the person before the money is paid.</summary>
    public Refusal? Cancel() => Move(AdvanceAction.Cancel, () => { });

    /// <summary>Days since the money was paid, for an advance still outstanding (the list of advances by age).</summary>
    public int? AgeInDays(DateOnly today, Func<DateTime, DateOnly> localDate) =>
        Status == AdvanceStatus.Paid && PaidAtUtc is { } paid ? today.DayNumber - localDate(paid).DayNumber : null;

    private Refusal? Move(AdvanceAction action, Action apply)
    {
        if (AdvanceTransitions.Next(Status, action) is not { } next)
        {
            return Refusal.Conflict("invalid_transition", $"An advance that is {Status} cannot be {action}.");
        }

        apply();
        Status = next;
        return null;
    }
}
