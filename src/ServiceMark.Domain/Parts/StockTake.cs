using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Parts;

/// <summary>Where a stock-take (盘点, R-PRT-6) stands: counting → submitted → posted by a leader's approval (or sent back, or cancelled).</summary>
public enum StockTakeStatus
{
    Counting,
    Submitted,
    Posted,
    Cancelled,
}

public enum StockTakeAction
{
    Submit,
    Approve,
    SendBack,
    Cancel,
}

/// <summary>The stock-take's state machine, as a table (tested exhaustively).</summary>
public static class StockTakeTransitions
{
    private static readonly Dictionary<(StockTakeStatus, StockTakeAction), StockTakeStatus> Table = new()
    {
        [(StockTakeStatus.Counting, StockTakeAction.Submit)] = StockTakeStatus.Submitted,
        [(StockTakeStatus.Counting, StockTakeAction.Cancel)] = StockTakeStatus.Cancelled,
        [(StockTakeStatus.Submitted, StockTakeAction.Approve)] = StockTakeStatus.Posted,
        [(StockTakeStatus.Submitted, StockTakeAction.SendBack)] = StockTakeStatus.Counting,
    };

    public static StockTakeStatus? Next(StockTakeStatus from, StockTakeAction action) => Table.TryGetValue((from, action), out var to) ? to : null;

    /// <summary>While a count is open its location takes no movements: the book it was counted against stays the book it is posted against.</summary>
    public static bool FreezesLocation(StockTakeStatus status) => status is StockTakeStatus.Counting or StockTakeStatus.Submitted;
}

/// <summary>One part on the count sheet: what the book said when counting began, what was counted, and why they differ.</summary>
public sealed class StockTakeLine
{
    private StockTakeLine()
    {
    }

    internal StockTakeLine(int partId, decimal bookQuantity)
    {
        PartId = partId;
        BookQuantity = bookQuantity;
    }

    public int Id { get; private set; }
    public int PartId { get; private set; }
    public decimal BookQuantity { get; private set; }
    public decimal? CountedQuantity { get; private set; }
    public string? Explanation { get; private set; }

    public decimal? Difference => CountedQuantity - BookQuantity;

    internal void Count(decimal? counted, string? explanation)
    {
        CountedQuantity = counted;
        Explanation = Supplier.Clean(explanation);
    }
}

/// <summary>
/// 盘点 (R-PRT-6): the warehouse keeper counts a location against its book; every difference is explained line by line; a leader
/// (never the one who counted) approves, which posts each difference as an adjustment entry (盘盈 in, 盘亏 out). The location
/// takes no movements while the count is open.
/// </summary>
public sealed class StockTake : IVersioned, IAudited
{
    public const int TextMaxLength = 500;

    private readonly List<StockTakeLine> lines = [];

    public int Id { get; private set; }
    public int LocationId { get; private set; }
    public StockTakeStatus Status { get; private set; }
    public DateTime StartedAtUtc { get; private set; }
    public int StartedById { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    public int? DecidedById { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string? DecisionNote { get; private set; }
    public int Version { get; set; }
    public IReadOnlyList<StockTakeLine> Lines => lines;

    /// <summary>Counted lines that agree with the book ÷ counted lines, in percent (帐物一致率); null before anything is counted.</summary>
    public decimal? Accuracy =>
        lines.Count(l => l.CountedQuantity is not null) is var counted and > 0
            ? Rounding.Round(lines.Count(l => l.Difference == 0m) * 100m / counted)
            : null;

    /// <summary>Starts a count of a location with its book as it is now (each part on hand or with a limit there), in the sheet's
    /// order as given (the shelf order the caller chose); errors name lines by their place in it.</summary>
    public static StockTake Start(DateTime nowUtc, int keeperId, int locationId, IEnumerable<(int PartId, decimal OnHand)> book)
    {
        var take = new StockTake { LocationId = locationId, StartedById = keeperId, StartedAtUtc = nowUtc, Status = StockTakeStatus.Counting };
        take.lines.AddRange(book.Select(b => new StockTakeLine(b.PartId, b.OnHand)));
        return take;
    }

    /// <summary>Records counts (a part found that is not on the book is added with a book of 0); counting may go on until submitted.</summary>
    public Refusal? Count(IReadOnlyList<(int PartId, decimal? Counted, string? Explanation)> counts)
    {
        if (Status != StockTakeStatus.Counting)
        {
            return Refusal.Conflict("invalid_transition", $"A stock-take that is {Status} is not being counted.");
        }

        var errors = new FieldErrors();
        for (var i = 0; i < counts.Count; i++)
        {
            var (_, counted, explanation) = counts[i];
            if (counted is { } q && (q < 0m || q > StockRules.MaxQuantity || decimal.Round(q, StockRules.QuantityDecimals) != q))
            {
                errors.Add($"lines[{i}].countedQuantity", "range", $"countedQuantity is 0 to {StockRules.MaxQuantity:N0} with at most {StockRules.QuantityDecimals} decimals.");
            }

            errors.MaxLength($"lines[{i}].explanation", explanation, TextMaxLength);
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        foreach (var (partId, counted, explanation) in counts)
        {
            var line = lines.Find(l => l.PartId == partId);
            if (line is null)
            {
                line = new StockTakeLine(partId, 0m);
                lines.Add(line);
            }

            line.Count(counted, explanation);
        }

        return null;
    }

    /// <summary>Every line counted and every difference explained (差异逐项说明), or the lines that are not, each by its index.</summary>
    public Refusal? Submit(DateTime nowUtc)
    {
        if (Refuse(StockTakeAction.Submit) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].CountedQuantity is null)
            {
                errors.Add($"lines[{i}].countedQuantity", "required", "Every line is counted before the sheet is submitted.");
            }
            else if (lines[i].Difference != 0m && string.IsNullOrWhiteSpace(lines[i].Explanation))
            {
                errors.Add($"lines[{i}].explanation", "required", "A difference between book and count is explained.");
            }
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        Status = StockTakeStatus.Submitted;
        SubmittedAtUtc = nowUtc;
        return null;
    }

    /// <summary>A leader approves (the movements are posted by the caller in the same transaction) or sends it back with a reason.</summary>
    public Refusal? Decide(DateTime nowUtc, int leaderId, bool approve, string? note)
    {
        if (SegregationOfDuties.RefuseSelf(leaderId, StartedById, "approve your own stock-take") is { } self)
        {
            return self;
        }

        var action = approve ? StockTakeAction.Approve : StockTakeAction.SendBack;
        if (Refuse(action) is { } refused)
        {
            return refused;
        }

        if (!approve && string.IsNullOrWhiteSpace(note))
        {
            return Refusal.Invalid("note", "required", "Say why the count is sent back.");
        }

        if (note is { Length: > TextMaxLength })
        {
            return Refusal.Invalid("note", "too_long", $"At most {TextMaxLength} characters.");
        }

        Status = StockTakeTransitions.Next(Status, action)!.Value;
        DecidedById = leaderId;
        DecidedAtUtc = nowUtc;
        DecisionNote = Supplier.Clean(note);
        return null;
    }

    public Refusal? Cancel() => Refuse(StockTakeAction.Cancel) ?? Apply(() => Status = StockTakeStatus.Cancelled);

    /// <summary>The adjustments posting it makes: 盘盈 from the difference account into the location, 盘亏 out of it, each with its explanation.</summary>
    public IReadOnlyList<StockMovement> Adjustments(int adjustmentLocationId) =>
        lines.Where(l => l.Difference is { } d && d != 0m)
            .Select(l => l.Difference > 0m
                ? new StockMovement(MovementKind.Adjustment, l.PartId, adjustmentLocationId, LocationId, l.Difference!.Value, l.Explanation, nameof(StockTake), Id)
                : new StockMovement(MovementKind.Adjustment, l.PartId, LocationId, adjustmentLocationId, -l.Difference!.Value, l.Explanation, nameof(StockTake), Id))
            .ToList();

    private static Refusal? Apply(Action apply)
    {
        apply();
        return null;
    }

    private Refusal? Refuse(StockTakeAction action) =>
        StockTakeTransitions.Next(Status, action) is null
            ? Refusal.Conflict("invalid_transition", $"A stock-take that is {Status} cannot be {action}.")
            : null;
}
