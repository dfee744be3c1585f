using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Expenses;

/// <summary>Where an expense claim (报销, R-EXP-1) stands.</summary>
public enum ExpenseClaimStatus
{
    Draft,
    Submitted,
    Returned,
    Approved,
    Paid,
    Cancelled,
}

public enum ExpenseClaimAction
{
    Submit,
    Return,
    Approve,
    Pay,
    Cancel,
}

/// <summary>What an expense line is for (issue 14 point 1).</summary>
public enum ExpenseCategory
{
    /// <summary>交通: tickets, fuel, tolls, taxis.</summary>
    Travel,

    /// <summary>住宿.</summary>
    Lodging,

    /// <summary>出差补助: by the allowance table (<see cref="PerDiem"/>).</summary>
    PerDiem,

    /// <summary>运费: parts or old parts sent.</summary>
    Freight,

    /// <summary>现场采购: parts bought on site, booked in the parts ledger.</summary>
    FieldPurchase,

    Other,
}

/// <summary>The claim's state machine, as a table (tested exhaustively).</summary>
public static class ExpenseClaimTransitions
{
    private static readonly Dictionary<(ExpenseClaimStatus, ExpenseClaimAction), ExpenseClaimStatus> Table = new()
    {
        [(ExpenseClaimStatus.Draft, ExpenseClaimAction.Submit)] = ExpenseClaimStatus.Submitted,
        [(ExpenseClaimStatus.Draft, ExpenseClaimAction.Cancel)] = ExpenseClaimStatus.Cancelled,
        [(ExpenseClaimStatus.Submitted, ExpenseClaimAction.Approve)] = ExpenseClaimStatus.Approved,
        [(ExpenseClaimStatus.Submitted, ExpenseClaimAction.Return)] = ExpenseClaimStatus.Returned,
        [(ExpenseClaimStatus.Returned, ExpenseClaimAction.Submit)] = ExpenseClaimStatus.Submitted,
        [(ExpenseClaimStatus.Returned, ExpenseClaimAction.Cancel)] = ExpenseClaimStatus.Cancelled,
        [(ExpenseClaimStatus.Approved, ExpenseClaimAction.Pay)] = ExpenseClaimStatus.Paid,
    };

    public static ExpenseClaimStatus? Next(ExpenseClaimStatus from, ExpenseClaimAction action) => Table.TryGetValue((from, action), out var to) ? to : null;

    /// <summary>The claimant may change the lines while the claim is with them.</summary>
    public static bool IsEditable(ExpenseClaimStatus status) => status is ExpenseClaimStatus.Draft or ExpenseClaimStatus.Returned;
}

/// <summary>
/// One item of a claim: what for, when, how much, and how many receipts back it. A per-diem line covers the trip from
/// <see cref="Date"/> to <see cref="Until"/> at the allowance table's <see cref="RatePerDay"/> (kept on the line, so a later
/// change of the table does not change a claim already made) and its amount is exactly <see cref="PerDiem.Amount"/>.
/// A line charged to a ticket (<see cref="TicketId"/>) is part of that ticket's cost; one without is the department's.
/// </summary>
public sealed record ExpenseLine(ExpenseCategory Category, DateOnly Date, decimal Amount, string? Description, int Receipts, DateOnly? Until = null,
    decimal? RatePerDay = null, string? Allowance = null, int? TicketId = null);

/// <summary>
/// 报销 (R-EXP-1): after a trip the engineer lists what it cost by category, with receipts; the claim settles the advances
/// it names (<see cref="ExpenseSettlement"/>); the leader approves or returns it for correction, finance pays the balance.
/// Nobody approves or pays their own claim.
/// </summary>
public sealed class ExpenseClaim : IVersioned, IAudited, IExpenseDocument
{
    public const int MaxLines = 100;
    public const int DescriptionMaxLength = 200;
    public const int NoteMaxLength = Approvals.NoteMaxLength;
    public const int MaxReceipts = 100;
    public const int MaxTripDays = 366;

    public int Id { get; private set; }
    public int PersonId { get; private set; }
    public List<ExpenseLine> Lines { get; private set; } = [];

    /// <summary>The sum of the lines, to the fen.</summary>
    public decimal Total { get; private set; }

    /// <summary>The advances this claim settles (paid, the claimant's own).</summary>
    public List<int> AdvanceIds { get; private set; } = [];

    public ExpenseClaimStatus Status { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    public int? DecidedById { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string? DecisionNote { get; private set; }
    public int? PaidById { get; private set; }
    public DateTime? PaidAtUtc { get; private set; }
    public int Version { get; set; }

    public static Result<ExpenseClaim> Draft(DateTime nowUtc, int personId, IReadOnlyList<ExpenseLine>? lines, IEnumerable<int>? advanceIds)
    {
        var claim = new ExpenseClaim { CreatedAtUtc = nowUtc, PersonId = personId, Status = ExpenseClaimStatus.Draft };
        return claim.SetLines(lines, advanceIds) is { } refused ? Result<ExpenseClaim>.Refused(refused) : claim;
    }

    /// <summary>Replaces the lines and the advances settled, while the claim is with the claimant (draft or returned).</summary>
    public Refusal? Edit(IReadOnlyList<ExpenseLine>? lines, IEnumerable<int>? advanceIds) =>
        ExpenseClaimTransitions.IsEditable(Status)
            ? SetLines(lines, advanceIds)
            : Refusal.Conflict("invalid_transition", $"A claim that is {Status} cannot be changed.");

    private Refusal? SetLines(IReadOnlyList<ExpenseLine>? lines, IEnumerable<int>? advanceIds)
    {
        var errors = new FieldErrors();
        lines ??= [];
        if (lines.Count > MaxLines)
        {
            errors.Add("lines", "range", $"A claim has at most {MaxLines} lines.");
        }

        for (var i = 0; i < Math.Min(lines.Count, MaxLines); i++)
        {
            var line = lines[i];
            if (!Enum.IsDefined(line.Category))
            {
                errors.Add($"lines[{i}].category", "invalid", "Unknown expense category.");
            }

            Amounts.CheckMoney(errors, $"lines[{i}].amount", line.Amount);
            if (line.Amount == 0m && line.Category != ExpenseCategory.PerDiem) // a per diem's amount is checked against its days and rate
            {
                errors.Add($"lines[{i}].amount", "range", "A line costs more than 0.");
            }

            errors.MaxLength($"lines[{i}].description", line.Description, DescriptionMaxLength);
            if (line.Category == ExpenseCategory.PerDiem)
            {
                CheckPerDiem(errors, i, line);
            }

            if (line.Receipts is < 0 or > MaxReceipts)
            {
                errors.Add($"lines[{i}].receipts", "range", $"receipts is 0 to {MaxReceipts}.");
            }
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        Lines = lines.Select(l => l with { Description = string.IsNullOrWhiteSpace(l.Description) ? null : l.Description.Trim() }).ToList();
        Total = Lines.Sum(l => l.Amount);
        AdvanceIds = advanceIds?.Distinct().Order().ToList() ?? [];
        return null;
    }

    private static void CheckPerDiem(FieldErrors errors, int i, ExpenseLine line)
    {
        if (line.Until is not { } until)
        {
            errors.Add($"lines[{i}].until", "required", "A per-diem line says the day the trip ended.");
        }
        else if (PerDiem.Days(line.Date, until) is null)
        {
            errors.Add($"lines[{i}].until", "before_start", "The trip cannot end before it starts.");
        }
        else if (until.DayNumber - line.Date.DayNumber > MaxTripDays)
        {
            errors.Add($"lines[{i}].until", "range", $"A trip lasts at most {MaxTripDays} days on one line.");
        }
        else if (line.RatePerDay is not { } rate || rate <= 0m)
        {
            errors.Add($"lines[{i}].allowanceId", "required", "A per-diem line is paid by a rate of the allowance table.");
        }
        else if (PerDiem.Amount(line.Date, until, rate) != line.Amount)
        {
            errors.Add($"lines[{i}].amount", "mismatch", $"The per diem is {PerDiem.Days(line.Date, until)} days × {rate} = {PerDiem.Amount(line.Date, until, rate)}.");
        }
    }

    /// <summary>送审: a claim with at least one line goes to the leader.</summary>
    public Refusal? Submit(DateTime nowUtc) =>
        Lines.Count == 0 && ExpenseClaimTransitions.Next(Status, ExpenseClaimAction.Submit) is not null
            ? Refusal.Invalid("lines", "required", "A claim lists at least one expense.")
            : Move(ExpenseClaimAction.Submit, () => SubmittedAtUtc = nowUtc);

    /// <summary>The leader approves, or returns it for correction with the reason. Never one's own claim.</summary>
    public Refusal? Decide(DateTime nowUtc, int leaderId, bool approve, string? note) =>
        Approvals.CheckDecision(leaderId, PersonId, approve, note, "decide your own expense claim") ?? Move(approve ? ExpenseClaimAction.Approve : ExpenseClaimAction.Return, () =>
        {
            DecidedById = leaderId;
            DecidedAtUtc = nowUtc;
            DecisionNote = Approvals.Clean(note);
        });

    /// <summary>Finance records the payment of the balance (or the return of the surplus); never on one's own claim.</summary>
    public Refusal? Pay(DateTime nowUtc, int payerId) =>
        SegregationOfDuties.RefuseSelf(payerId, PersonId, "pay your own expense claim") ?? Move(ExpenseClaimAction.Pay, () =>
        {
            PaidById = payerId;
            PaidAtUtc = nowUtc;
        });

    public Refusal? Cancel() => Move(ExpenseClaimAction.Cancel, () => { });

    private Refusal? Move(ExpenseClaimAction action, Action apply)
    {
        if (ExpenseClaimTransitions.Next(Status, action) is not { } next)
        {
            return Refusal.Conflict("invalid_transition", $"A claim that is {Status} cannot be {action}.");
        }

        apply();
        Status = next;
        return null;
    }
}
