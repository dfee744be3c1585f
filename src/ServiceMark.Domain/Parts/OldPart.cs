using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Parts;

/// <summary>Where an old part (旧件, R-PRT-3) stands: to be brought back → received by the warehouse → inspected → disposed of.</summary>
public enum OldPartStatus
{
    AwaitingReturn,
    Returned,
    Inspected,
    Disposed,
}

public enum OldPartAction
{
    Receive,
    Inspect,
    Dispose,
}

/// <summary>What became of an old part (每月及时处理更换后的旧件, seed 001 §3.7.5).</summary>
public enum OldPartDisposal
{
    /// <summary>报废.</summary>
    Scrapped,

    /// <summary>退回供应商.</summary>
    ReturnedToSupplier,

    /// <summary>留作索赔证据: kept until the supplier's claim is settled.</summary>
    KeptForClaim,
}

/// <summary>The old part's state machine, as a table (tested exhaustively).</summary>
public static class OldPartTransitions
{
    private static readonly Dictionary<(OldPartStatus, OldPartAction), OldPartStatus> Table = new()
    {
        [(OldPartStatus.AwaitingReturn, OldPartAction.Receive)] = OldPartStatus.Returned,
        [(OldPartStatus.Returned, OldPartAction.Inspect)] = OldPartStatus.Inspected,
        [(OldPartStatus.Inspected, OldPartAction.Dispose)] = OldPartStatus.Disposed,
    };

    public static OldPartStatus? Next(OldPartStatus from, OldPartAction action) => Table.TryGetValue((from, action), out var to) ? to : null;
}

/// <summary>
/// 旧件: a part replaced under warranty, created when the customer signs the service report that replaced it. The engineer
/// brings it back within the department's return period (换下的旧件须妥善包装及时带回, seed 001); the warehouse receives it,
/// inspects it — with the evidence a supplier's claim needs: whether it had been taken apart before — and disposes of it.
/// </summary>
public sealed class OldPart : IVersioned, IAudited
{
    public const int NameMaxLength = Tickets.ServiceReport.PartNameMaxLength;
    public const int TextMaxLength = 1000;

    /// <summary>The warehouse inspects a returned part within this many days (the supplier's claim window starts running).</summary>
    public const int InspectionDays = 7;

    /// <summary>Old parts are disposed of every month (每月及时处理更换后的旧件, seed 001 §3.7.5): within this many days of inspection.</summary>
    public const int DisposalDays = 31;

    public int Id { get; private set; }
    public int TicketId { get; private set; }

    /// <summary>The catalogue part, when the report's line named one; <see cref="Name"/> is always what the report said.</summary>
    public int? PartId { get; private set; }

    public string Name { get; private set; } = "";
    public decimal Quantity { get; private set; }

    /// <summary>The engineer who replaced it and brings it back.</summary>
    public int EngineerId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The last day (company calendar) it is on time.</summary>
    public DateOnly DueOn { get; private set; }

    public OldPartStatus Status { get; private set; }
    public DateTime? ReceivedAtUtc { get; private set; }
    public int? ReceivedById { get; private set; }
    public int? ReceivedAtLocationId { get; private set; }

    /// <summary>Whether it came back by <see cref="DueOn"/>: kept when received, so the rate never depends on the day it is read.</summary>
    public bool? ReturnedOnTime { get; private set; }

    public DateTime? InspectedAtUtc { get; private set; }
    public int? InspectedById { get; private set; }

    /// <summary>Signs it had been taken apart before (拆卸痕迹): a supplier refuses the claim of a part someone opened.</summary>
    public bool? ShowsSignsOfDisassembly { get; private set; }

    public string? InspectionNote { get; private set; }

    /// <summary>Inspected within <see cref="InspectionDays"/> of its return: kept, like <see cref="ReturnedOnTime"/>.</summary>
    public bool? InspectedOnTime { get; private set; }
    public DateTime? DisposedAtUtc { get; private set; }
    public int? DisposedById { get; private set; }
    public OldPartDisposal? Disposal { get; private set; }
    public string? DisposalNote { get; private set; }

    /// <summary>Disposed of within <see cref="DisposalDays"/> of its inspection.</summary>
    public bool? DisposedOnTime { get; private set; }
    public int Version { get; set; }

    /// <summary>Not back on the company's <paramref name="today"/> though it was due before it.</summary>
    public bool IsOverdue(DateOnly today) => Status == OldPartStatus.AwaitingReturn && today > DueOn;

    public static OldPart Create(DateTime nowUtc, DateOnly dueOn, int ticketId, int? partId, string name, decimal quantity, int engineerId) =>
        new()
        {
            CreatedAtUtc = nowUtc, DueOn = dueOn, TicketId = ticketId, PartId = partId, Name = name.Trim(), Quantity = quantity, EngineerId = engineerId,
            Status = OldPartStatus.AwaitingReturn,
        };

    /// <summary>The warehouse receives it from the engineer (旧件返回) on the company's <paramref name="today"/>.</summary>
    public Refusal? Receive(DateTime nowUtc, DateOnly today, int keeperId, int locationId)
    {
        if (Refuse(OldPartAction.Receive) is { } refused)
        {
            return refused;
        }

        Status = OldPartStatus.Returned;
        ReceivedAtUtc = nowUtc;
        ReceivedById = keeperId;
        ReceivedAtLocationId = locationId;
        ReturnedOnTime = today <= DueOn;
        return null;
    }

    /// <summary>鉴定: the inspector says whether it was taken apart before; a note explains what was found.</summary>
    public Refusal? Inspect(DateTime nowUtc, int inspectorId, bool? showsSignsOfDisassembly, string? note)
    {
        var errors = new FieldErrors();
        if (showsSignsOfDisassembly is null)
        {
            errors.Add("showsSignsOfDisassembly", "required", "Say whether the part shows signs of having been taken apart.");
        }

        errors.MaxLength("note", note, TextMaxLength);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (Refuse(OldPartAction.Inspect) is { } refused)
        {
            return refused;
        }

        Status = OldPartStatus.Inspected;
        InspectedAtUtc = nowUtc;
        InspectedById = inspectorId;
        ShowsSignsOfDisassembly = showsSignsOfDisassembly;
        InspectedOnTime = nowUtc - ReceivedAtUtc!.Value <= TimeSpan.FromDays(InspectionDays);
        InspectionNote = Supplier.Clean(note);
        return null;
    }

    /// <summary>处理: scrapped, returned to the supplier or kept for a claim; anything but scrapping keeps a note of where it went.</summary>
    public Refusal? Dispose(DateTime nowUtc, int byId, OldPartDisposal? disposal, string? note)
    {
        var errors = new FieldErrors();
        if (disposal is null || !Enum.IsDefined(disposal.Value))
        {
            errors.Add("disposal", disposal is null ? "required" : "unknown", $"disposal must be one of: {string.Join(", ", Enum.GetNames<OldPartDisposal>())}.");
        }

        errors.MaxLength("note", note, TextMaxLength);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (Refuse(OldPartAction.Dispose) is { } refused)
        {
            return refused;
        }

        Status = OldPartStatus.Disposed;
        DisposedAtUtc = nowUtc;
        DisposedById = byId;
        Disposal = disposal;
        DisposalNote = Supplier.Clean(note);
        DisposedOnTime = nowUtc - InspectedAtUtc!.Value <= TimeSpan.FromDays(DisposalDays);
        return null;
    }

    private Refusal? Refuse(OldPartAction action) =>
        OldPartTransitions.Next(Status, action) is null
            ? Refusal.Conflict("invalid_transition", $"An old part that is {Status} cannot be {action}d.")
            : null;
}
