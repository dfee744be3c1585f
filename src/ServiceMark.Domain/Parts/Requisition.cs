using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Parts;

/// <summary>Where a requisition (领料单) stands: raised → approved by the requester's leader → issued by the warehouse keeper.</summary>
public enum RequisitionStatus
{
    Submitted,
    Approved,
    Rejected,
    Issued,
    Cancelled,
}

public enum RequisitionAction
{
    Approve,
    Reject,
    Issue,
    Cancel,
}

/// <summary>The requisition's state machine, as a table (tested exhaustively).</summary>
public static class RequisitionTransitions
{
    private static readonly Dictionary<(RequisitionStatus, RequisitionAction), RequisitionStatus> Table = new()
    {
        [(RequisitionStatus.Submitted, RequisitionAction.Approve)] = RequisitionStatus.Approved,
        [(RequisitionStatus.Submitted, RequisitionAction.Reject)] = RequisitionStatus.Rejected,
        [(RequisitionStatus.Submitted, RequisitionAction.Cancel)] = RequisitionStatus.Cancelled,
        [(RequisitionStatus.Approved, RequisitionAction.Issue)] = RequisitionStatus.Issued,
        [(RequisitionStatus.Approved, RequisitionAction.Cancel)] = RequisitionStatus.Cancelled,
    };

    public static RequisitionStatus? Next(RequisitionStatus from, RequisitionAction action) => Table.TryGetValue((from, action), out var to) ? to : null;
}

/// <summary>One line of a requisition: a part and how many.</summary>
public sealed class RequisitionLine
{
    private RequisitionLine()
    {
    }

    internal RequisitionLine(int partId, decimal quantity)
    {
        PartId = partId;
        Quantity = quantity;
    }

    public int Id { get; private set; }
    public int PartId { get; private set; }
    public decimal Quantity { get; private set; }
}

/// <summary>
/// 领料单 (R-PRT-2): an engineer asks for parts for a ticket (or to carry before departure) from a store into their personal
/// stock; their leader approves or rejects it — never their own —; the warehouse keeper issues it, which posts the movements.
/// </summary>
public sealed class PartRequisition : IVersioned, IAudited
{
    public const int MaxLines = 50;
    public const int TextMaxLength = 500;

    private readonly List<RequisitionLine> lines = [];

    public int Id { get; private set; }
    public int RequesterId { get; private set; }
    public int? TicketId { get; private set; }
    public int FromLocationId { get; private set; }
    public int ToLocationId { get; private set; }
    public string Purpose { get; private set; } = "";
    public RequisitionStatus Status { get; private set; }
    public DateTime RequestedAtUtc { get; private set; }
    public int? DecidedById { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string? DecisionNote { get; private set; }
    public int? IssuedById { get; private set; }
    public DateTime? IssuedAtUtc { get; private set; }
    public int Version { get; set; }
    public IReadOnlyList<RequisitionLine> Lines => lines;

    public static Result<PartRequisition> Submit(DateTime nowUtc, int requesterId, int? ticketId, int fromLocationId, int toLocationId, string? purpose,
        IReadOnlyList<(int PartId, decimal Quantity)> items)
    {
        var errors = new FieldErrors();
        errors.RequiredText("purpose", purpose, TextMaxLength);
        if (items.Count is 0 or > MaxLines)
        {
            errors.Add("lines", items.Count == 0 ? "required" : "range", $"Give 1–{MaxLines} lines.");
        }

        for (var i = 0; i < items.Count; i++)
        {
            StockRules.Check(errors, new StockMovement(MovementKind.Issue, items[i].PartId, fromLocationId, toLocationId, items[i].Quantity, purpose),
                LocationKind.CentralWarehouse, LocationKind.PersonalStock, $"lines[{i}].");
            if (items.Take(i).Any(x => x.PartId == items[i].PartId))
            {
                errors.Add($"lines[{i}].partId", "duplicate", "Each part once per requisition: add the quantities.");
            }
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var requisition = new PartRequisition
        {
            RequesterId = requesterId, TicketId = ticketId, FromLocationId = fromLocationId, ToLocationId = toLocationId, Purpose = purpose!.Trim(),
            Status = RequisitionStatus.Submitted, RequestedAtUtc = nowUtc,
        };
        requisition.lines.AddRange(items.Select(x => new RequisitionLine(x.PartId, x.Quantity)));
        return requisition;
    }

    /// <summary>领导审批: the leader approves; nobody approves their own requisition.</summary>
    public Refusal? Approve(DateTime nowUtc, int approverId, string? note) =>
        Decide(nowUtc, approverId, RequisitionAction.Approve, note);

    public Refusal? Reject(DateTime nowUtc, int approverId, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refusal.Invalid("reason", "required", "Say why the requisition is rejected.");
        }

        return Decide(nowUtc, approverId, RequisitionAction.Reject, reason);
    }

    private Refusal? Decide(DateTime nowUtc, int approverId, RequisitionAction action, string? note)
    {
        if (SegregationOfDuties.RefuseSelf(approverId, RequesterId, "decide on your own requisition") is { } self)
        {
            return self;
        }

        if (Refuse(action) is { } refused)
        {
            return refused;
        }

        if (note is { Length: > TextMaxLength })
        {
            return Refusal.Invalid(action == RequisitionAction.Reject ? "reason" : "note", "too_long", $"At most {TextMaxLength} characters.");
        }

        Status = RequisitionTransitions.Next(Status, action)!.Value;
        DecidedById = approverId;
        DecidedAtUtc = nowUtc;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return null;
    }

    /// <summary>发料: the movements themselves are posted by the caller in the same transaction.</summary>
    public Refusal? Issue(DateTime nowUtc, int keeperId)
    {
        if (Refuse(RequisitionAction.Issue) is { } refused)
        {
            return refused;
        }

        Status = RequisitionStatus.Issued;
        IssuedById = keeperId;
        IssuedAtUtc = nowUtc;
        return null;
    }

    /// <summary>The requester withdraws it before it is issued.</summary>
    public Refusal? Cancel(DateTime nowUtc, int byId)
    {
        if (byId != RequesterId)
        {
            return Refusal.Forbidden("Only the requester withdraws a requisition.");
        }

        if (Refuse(RequisitionAction.Cancel) is { } refused)
        {
            return refused;
        }

        Status = RequisitionStatus.Cancelled;
        DecidedAtUtc ??= nowUtc;
        return null;
    }

    private Refusal? Refuse(RequisitionAction action) =>
        RequisitionTransitions.Next(Status, action) is null
            ? Refusal.Conflict("invalid_transition", $"A requisition that is {Status} cannot be {action}d.")
            : null;

    /// <summary>The movements issuing it posts: each line from the store to the engineer's personal stock.</summary>
    public IReadOnlyList<StockMovement> IssueMovements() =>
        lines.Select(l => new StockMovement(MovementKind.Issue, l.PartId, FromLocationId, ToLocationId, l.Quantity, Purpose, nameof(PartRequisition), Id)).ToList();
}
