using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Contracts;

/// <summary>
/// What a planned maintenance visit checks on a product model (维保检查项目, R-EXP-2): the items the engineer goes through,
/// kept per model by the service office. A change applies to the records written after it.
/// </summary>
public sealed class MaintenanceChecklist : IVersioned, IAudited
{
    public const int MaxItems = 40;
    public const int ItemMaxLength = 100;

    public int Id { get; private set; }
    public int ProductModelId { get; private set; }
    public List<string> Items { get; private set; } = [];
    public int Version { get; set; }

    private MaintenanceChecklist()
    {
    }

    public static Result<MaintenanceChecklist> Create(int productModelId, IReadOnlyList<string?>? items)
    {
        var checklist = new MaintenanceChecklist { ProductModelId = productModelId };
        return checklist.Change(items) is { } refused ? refused : checklist;
    }

    public Refusal? Change(IReadOnlyList<string?>? items)
    {
        var errors = new FieldErrors();
        var list = items ?? [];
        if (list.Count is 0 or > MaxItems)
        {
            errors.Add("items", "range", $"A checklist has 1 to {MaxItems} items.");
        }

        for (var i = 0; i < list.Count; i++)
        {
            errors.RequiredText($"items[{i}]", list[i], ItemMaxLength);
        }

        var cleaned = list.Select(i => i?.Trim() ?? "").ToList();
        if (!errors.Any && cleaned.Distinct(StringComparer.Ordinal).Count() != cleaned.Count)
        {
            errors.Add("items", "duplicate", "Each item is named once.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        Items = cleaned;
        return null;
    }
}

/// <summary>What the engineer found on one item: 正常 / 已调整 / 已更换 / 异常（需维修）.</summary>
public enum CheckOutcome
{
    Normal,
    Adjusted,
    Replaced,
    Fault,
}

/// <summary>One checked item: the item as it was named, the outcome and, for anything but normal, what was done or found.</summary>
public sealed record CheckResult(string Item, CheckOutcome Outcome, string? Note);

/// <summary>
/// 维保记录 (R-EXP-2): the record form a planned maintenance visit closes with instead of a fault report — every item of the
/// unit's model checklist with its outcome. The visit's service report is signed by the customer only once the record is
/// complete, so the signature is the customer's acceptance of the maintenance done (plan B: "−5 per job without a customer
/// acceptance record").
/// </summary>
public sealed class MaintenanceRecord : IVersioned, IAudited
{
    public const int NoteMaxLength = 200;

    public int Id { get; private set; }
    public int TicketId { get; private set; }
    public List<CheckResult> Results { get; private set; } = [];
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }
    public int Version { get; set; }

    private MaintenanceRecord()
    {
    }

    public static MaintenanceRecord For(int ticketId) => new() { TicketId = ticketId };

    /// <summary>Records the results against the checklist: one per item, in its order; an outcome other than normal says what.</summary>
    public Refusal? Record(IReadOnlyList<string> checklist, IReadOnlyList<CheckResult?>? results, string recordedBy, DateTime nowUtc)
    {
        var errors = Check(checklist, results);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        Results = results!.Select(r => r! with { Item = r.Item.Trim(), Note = string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim() }).ToList();
        RecordedBy = recordedBy;
        RecordedAtUtc = nowUtc;
        return null;
    }

    public static FieldErrors Check(IReadOnlyList<string> checklist, IReadOnlyList<CheckResult?>? results)
    {
        var errors = new FieldErrors();
        var given = results ?? [];
        if (given.Count != checklist.Count)
        {
            errors.Add("results", "incomplete", $"The record answers each of the {checklist.Count} checklist items once.");
            return errors;
        }

        for (var i = 0; i < given.Count; i++)
        {
            if (given[i] is not { } r || r.Item?.Trim() != checklist[i])
            {
                errors.Add($"results[{i}].item", "mismatch", $"Result {i + 1} is for the item \"{checklist[i]}\".");
                continue;
            }

            if (!Enum.IsDefined(r.Outcome))
            {
                errors.Add($"results[{i}].outcome", "invalid", "outcome is Normal, Adjusted, Replaced or Fault.");
            }
            else if (r.Outcome != CheckOutcome.Normal && string.IsNullOrWhiteSpace(r.Note))
            {
                errors.Add($"results[{i}].note", "required", "Say what was adjusted, replaced or found.");
            }

            errors.MaxLength($"results[{i}].note", r.Note, NoteMaxLength);
        }

        return errors;
    }

    /// <summary>Whether every item of <paramref name="checklist"/> has its result (a checklist changed since needs the record again).</summary>
    public bool Completes(IReadOnlyList<string> checklist) => Results.Select(r => r.Item).SequenceEqual(checklist, StringComparer.Ordinal);
}
