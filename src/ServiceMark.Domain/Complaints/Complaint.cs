using System.Globalization;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Complaints;

/// <summary>One entry of a complaint's history: who did what, when, and the status before and after.</summary>
public sealed record ComplaintEvent(
    DateTime AtUtc, int ActorPersonId, string Action, ComplaintStatus FromStatus, ComplaintStatus ToStatus, string? Note);

/// <summary>The recorded facts of a complaint, as entered at receipt or corrected later.</summary>
/// <param name="Complainant">The customer (person or company) who complained.</param>
/// <param name="TicketId">The service ticket concerned, if any.</param>
/// <param name="EngineerPersonId">The engineer the complaint is about, if any.</param>
public sealed record ComplaintDetails(
    ComplaintSource Source,
    string Complainant,
    int? TicketId,
    int? EngineerPersonId,
    ComplaintCategory Category,
    ComplaintSeverity Severity,
    string Description,
    DateTime DeadlineUtc);

/// <summary>
/// A customer complaint (客诉, R-CMP-1). It counts against people only when the department head decided it valid and
/// attributable to service (有效投诉 / 确属服务责任); that decision is recorded with who, when and why.
/// Commands return null when done, or the refusal.
/// </summary>
public sealed class Complaint : IVersioned, IAudited
{
    private readonly List<ComplaintEvent> events = [];

    public int Id { get; private set; }
    public ComplaintSource Source { get; private set; }
    public string Complainant { get; private set; } = "";
    public int? TicketId { get; private set; }
    public int? EngineerPersonId { get; private set; }
    public ComplaintCategory Category { get; private set; }
    public ComplaintSeverity Severity { get; private set; }
    public string Description { get; private set; } = "";
    public DateTime ReceivedAtUtc { get; private set; }
    public int ReceivedByPersonId { get; private set; }
    public DateTime DeadlineUtc { get; private set; }
    public ComplaintStatus Status { get; private set; }

    /// <summary>Who handles the complaint (not to be confused with <see cref="EngineerPersonId"/>, whom it is about).</summary>
    public int? AssigneePersonId { get; private set; }

    public string? RootCause { get; private set; }
    public string? CorrectiveAction { get; private set; }

    /// <summary>Compensation paid or granted to the customer, CNY.</summary>
    public decimal CompensationAmount { get; private set; }

    /// <summary>null until the department head decides.</summary>
    public bool? IsValid { get; private set; }

    /// <summary>null until the department head decides; never true for an invalid complaint.</summary>
    public bool? AttributableToService { get; private set; }

    public int? DecidedByPersonId { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string? DecisionReason { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }
    public int Version { get; set; }

    public IReadOnlyList<ComplaintEvent> Events => events;

    /// <summary>Only valid complaints attributable to service count in people's scores (R-CMP-1).</summary>
    public bool CountsAgainstPeople => IsValid == true && AttributableToService == true;

    public bool ValidityDecided => IsValid is not null;

    public bool IsOverdue(DateTime nowUtc) => Status != ComplaintStatus.Closed && nowUtc > DeadlineUtc;

    private Complaint()
    {
    }

    public static Result<Complaint> Receive(ComplaintDetails details, int actorPersonId, DateTime nowUtc)
    {
        var errors = ComplaintRules.Check(details, nowUtc);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var complaint = new Complaint
        {
            Status = ComplaintStatus.Received,
            ReceivedAtUtc = nowUtc,
            ReceivedByPersonId = actorPersonId,
        };
        complaint.Apply(details);
        complaint.events.Add(new(nowUtc, actorPersonId, "Receive", ComplaintStatus.Received, ComplaintStatus.Received, null));
        return complaint;
    }

    public Refusal? Edit(ComplaintDetails details, int actorPersonId, DateTime nowUtc) =>
        Do(ComplaintAction.Edit, actorPersonId, nowUtc, () =>
        {
            // A deadline already in the past stays acceptable on edit: it was set when the complaint came in.
            var errors = ComplaintRules.Check(details, details.DeadlineUtc == DeadlineUtc ? ReceivedAtUtc : nowUtc);
            return errors.Any ? errors.ToRefusal() : null;
        }, () =>
        {
            Apply(details);
            return null;
        });

    public Refusal? Assign(int assigneePersonId, int actorPersonId, DateTime nowUtc) =>
        Do(ComplaintAction.Assign, actorPersonId, nowUtc,
            () => assigneePersonId > 0 ? null : Refusal.Invalid("assigneePersonId", "required", "assigneePersonId is required."),
            () =>
            {
                var note = AssigneePersonId is { } previous ? $"reassigned from {previous} to {assigneePersonId}" : $"assigned to {assigneePersonId}";
                AssigneePersonId = assigneePersonId;
                return note;
            });

    public Refusal? StartInvestigation(int actorPersonId, DateTime nowUtc) =>
        Do(ComplaintAction.StartInvestigation, actorPersonId, nowUtc, () => null, () => null);

    public Refusal? Resolve(string rootCause, string correctiveAction, decimal compensationAmount, int actorPersonId, DateTime nowUtc) =>
        Do(ComplaintAction.Resolve, actorPersonId, nowUtc, () =>
        {
            var errors = new FieldErrors();
            errors.RequiredText("rootCause", rootCause, ComplaintRules.TextMaxLength);
            errors.RequiredText("correctiveAction", correctiveAction, ComplaintRules.TextMaxLength);
            ComplaintRules.CheckAmount(errors, "compensationAmount", compensationAmount);
            return errors.Any ? errors.ToRefusal() : null;
        }, () =>
        {
            RootCause = rootCause.Trim();
            CorrectiveAction = correctiveAction.Trim();
            CompensationAmount = compensationAmount;
            return compensationAmount > 0 ? string.Create(CultureInfo.InvariantCulture, $"compensation {compensationAmount:0.00}") : null;
        });

    public Refusal? RejectResolution(string reason, int actorPersonId, DateTime nowUtc) =>
        Do(ComplaintAction.RejectResolution, actorPersonId, nowUtc, () => RequiredReason(reason), () => reason.Trim());

    public Refusal? ConfirmByCustomer(int actorPersonId, DateTime nowUtc) =>
        Do(ComplaintAction.ConfirmByCustomer, actorPersonId, nowUtc, () => null, () => null);

    /// <summary>Closing needs the validity decision, so that no complaint leaves the books without saying whether it counts.</summary>
    public Refusal? Close(int actorPersonId, DateTime nowUtc) =>
        Do(ComplaintAction.Close, actorPersonId, nowUtc,
            () => ValidityDecided
                ? null
                : Refusal.Conflict("validity_not_decided",
                    "The department head must decide whether the complaint is valid and attributable to service before it is closed."),
            () =>
            {
                ClosedAtUtc = nowUtc;
                return null;
            });

    /// <summary>
    /// Records (or revises, until closed) whether the complaint is valid and attributable to service. Only a department
    /// head may decide: the caller states whether <paramref name="deciderPersonId"/> is one.
    /// </summary>
    public Refusal? DecideValidity(
        bool isValid, bool attributableToService, string reason, int deciderPersonId, bool isDepartmentHead, DateTime nowUtc)
    {
        if (!isDepartmentHead)
        {
            return Refusal.Forbidden("Only the department head may decide whether a complaint is valid and attributable to service.");
        }

        return Do(ComplaintAction.DecideValidity, deciderPersonId, nowUtc, () =>
        {
            var errors = new FieldErrors();
            errors.RequiredText("reason", reason, ComplaintRules.ReasonMaxLength);
            if (!isValid && attributableToService)
            {
                errors.Add("attributableToService", "requires_valid", "An invalid complaint cannot be attributable to service.");
            }

            return errors.Any ? errors.ToRefusal() : null;
        }, () =>
        {
            var before = ValidityDecided ? $" (was valid={IsValid}, attributable={AttributableToService})" : "";
            IsValid = isValid;
            AttributableToService = attributableToService;
            DecidedByPersonId = deciderPersonId;
            DecidedAtUtc = nowUtc;
            DecisionReason = reason.Trim();
            return $"valid={isValid}, attributable={attributableToService}{before}: {DecisionReason}";
        });
    }

    /// <summary>The one path of every command: table, then the command's own checks, then the change and its event.</summary>
    private Refusal? Do(ComplaintAction action, int actorPersonId, DateTime nowUtc, Func<Refusal?> check, Func<string?> apply)
    {
        if (!ComplaintTransitions.TryNext(Status, action, out var next))
        {
            return ComplaintTransitions.Refuse(Status, action);
        }

        if (check() is { } refusal)
        {
            return refusal;
        }

        var from = Status;
        var note = apply();
        Status = next;
        events.Add(new(nowUtc, actorPersonId, action.ToString(), from, next, note));
        return null;
    }

    private static Refusal? RequiredReason(string? reason)
    {
        var errors = new FieldErrors();
        errors.RequiredText("reason", reason, ComplaintRules.ReasonMaxLength);
        return errors.Any ? errors.ToRefusal() : null;
    }

    private void Apply(ComplaintDetails d)
    {
        Source = d.Source;
        Complainant = d.Complainant.Trim();
        TicketId = d.TicketId;
        EngineerPersonId = d.EngineerPersonId;
        Category = d.Category;
        Severity = d.Severity;
        Description = d.Description.Trim();
        DeadlineUtc = d.DeadlineUtc;
    }
}
