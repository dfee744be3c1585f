using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Installations;

/// <summary>Where an installation plan stands. Commissioned (调试验收) is read from its ticket: the customer signed the commissioning report.</summary>
public enum InstallationStatus
{
    /// <summary>计划中: planned, its ticket not yet opened; its terms may change.</summary>
    Planned,

    /// <summary>已派单: its ticket is open and dispatched to the planned engineers.</summary>
    Released,

    Cancelled,
}

public enum InstallationAction
{
    Edit,
    Release,
    Cancel,
}

/// <summary>The plan's state machine, as a table (tested exhaustively).</summary>
public static class InstallationTransitions
{
    private static readonly Dictionary<(InstallationStatus, InstallationAction), InstallationStatus> Table = new()
    {
        [(InstallationStatus.Planned, InstallationAction.Edit)] = InstallationStatus.Planned,
        [(InstallationStatus.Planned, InstallationAction.Release)] = InstallationStatus.Released,
        [(InstallationStatus.Planned, InstallationAction.Cancel)] = InstallationStatus.Cancelled,
    };

    public static InstallationStatus? Next(InstallationStatus from, InstallationAction action) => Table.TryGetValue((from, action), out var to) ? to : null;
}

/// <summary>What a plan says: the customer and the units to install, the planned days, the engineers and the one who leads (and
/// answers for it), and a note for the crew.</summary>
public sealed record InstallationTerms(
    int CustomerId,
    IReadOnlyList<int>? UnitIds,
    DateOnly PlannedStart,
    DateOnly PlannedFinish,
    int ResponsiblePersonId,
    IReadOnlyList<int>? EngineerIds,
    string? Note);

/// <summary>
/// 安装调试计划 (R-EXP-3, issue 14 point 6): the service office plans the installation and commissioning of a customer's units —
/// the days and the crew, led by the person who answers for it — and releases it as a ticket of kind 安装调试 dispatched to the
/// crew. The ticket closes as any other, with the service report as the commissioning report the customer signs (and stamps);
/// the plan is complete when that report was signed, on time when by the planned finish (安装计划完成率).
/// </summary>
public sealed class InstallationPlan : IVersioned, IAudited
{
    public const int NoteMaxLength = 500;
    public const int MaxUnits = 100;
    public const int MaxEngineers = 10;
    public const int MaxDays = 90;

    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public List<int> UnitIds { get; private set; } = [];
    public DateOnly PlannedStart { get; private set; }
    public DateOnly PlannedFinish { get; private set; }
    public int ResponsiblePersonId { get; private set; }
    public List<int> EngineerIds { get; private set; } = [];
    public string? Note { get; private set; }
    public InstallationStatus Status { get; private set; }
    public int? TicketId { get; private set; }
    public int? ReleasedById { get; private set; }
    public DateTime? ReleasedAtUtc { get; private set; }
    public string? CancelReason { get; private set; }
    public int? CreatedById { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public int Version { get; set; }

    private InstallationPlan()
    {
    }

    /// <summary>The number shown and searched for (安装计划号): AZ and the id.</summary>
    public string Number => NumberOf(Id);

    public static string NumberOf(int id) => $"AZ{id:000000}";

    /// <summary>The ticket's idempotency key: releasing twice, or again after a crash, finds the same ticket.</summary>
    public string TicketKey => $"installation-{Id}";

    public static Result<InstallationPlan> Plan(DateTime nowUtc, int? createdById, InstallationTerms terms)
    {
        var plan = new InstallationPlan { CreatedAtUtc = nowUtc, CreatedById = createdById, Status = InstallationStatus.Planned };
        return plan.Edit(terms) is { } refused ? refused : plan;
    }

    /// <summary>Changes a plan not yet released; the lead is always one of the crew.</summary>
    public Refusal? Edit(InstallationTerms terms)
    {
        if (InstallationTransitions.Next(Status, InstallationAction.Edit) is null)
        {
            return Refusal.Conflict("invalid_transition", $"A plan that is {Status} keeps its terms.");
        }

        var errors = Check(terms);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        CustomerId = terms.CustomerId;
        UnitIds = terms.UnitIds?.Distinct().Order().ToList() ?? [];
        PlannedStart = terms.PlannedStart;
        PlannedFinish = terms.PlannedFinish;
        ResponsiblePersonId = terms.ResponsiblePersonId;
        EngineerIds = [terms.ResponsiblePersonId, .. (terms.EngineerIds ?? []).Where(e => e != terms.ResponsiblePersonId).Distinct()];
        Note = string.IsNullOrWhiteSpace(terms.Note) ? null : terms.Note.Trim();
        return null;
    }

    public static FieldErrors Check(InstallationTerms t)
    {
        var errors = new FieldErrors();
        errors.MaxLength("note", t.Note, NoteMaxLength);
        if (t.UnitIds is null || t.UnitIds.Count == 0)
        {
            errors.Add("unitIds", "required", "A plan installs at least one unit.");
        }
        else if (t.UnitIds.Count > MaxUnits)
        {
            errors.Add("unitIds", "range", $"A plan installs at most {MaxUnits} units.");
        }

        if (t.PlannedFinish < t.PlannedStart)
        {
            errors.Add("plannedFinish", "range", "plannedFinish is on or after plannedStart.");
        }
        else if (t.PlannedFinish > t.PlannedStart.AddDays(MaxDays))
        {
            errors.Add("plannedFinish", "range", $"An installation is planned over at most {MaxDays} days.");
        }

        if ((t.EngineerIds ?? []).Append(t.ResponsiblePersonId).Distinct().Count() > MaxEngineers)
        {
            errors.Add("engineerIds", "range", $"A crew is at most {MaxEngineers} engineers.");
        }

        return errors;
    }

    /// <summary>Released with the ticket that carries the work.</summary>
    public Refusal? Release(DateTime nowUtc, int actorId, int ticketId) => Move(InstallationAction.Release, () =>
    {
        TicketId = ticketId;
        ReleasedById = actorId;
        ReleasedAtUtc = nowUtc;
    });

    public Refusal? Cancel(string? reason)
    {
        var errors = new FieldErrors();
        errors.RequiredText("reason", reason, NoteMaxLength);
        return errors.Any ? errors.ToRefusal() : Move(InstallationAction.Cancel, () => CancelReason = reason!.Trim());
    }

    /// <summary>Whether the plan is complete on time: its commissioning report signed (local day) by the planned finish.</summary>
    public bool CommissionedOnTime(DateOnly? signedOn) => signedOn is { } day && day <= PlannedFinish;

    private Refusal? Move(InstallationAction action, Action apply)
    {
        if (InstallationTransitions.Next(Status, action) is not { } next)
        {
            return Refusal.Conflict("invalid_transition", $"A plan that is {Status} cannot be {action}.");
        }

        apply();
        Status = next;
        return null;
    }
}
