using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Tickets;

/// <summary>
/// Why a ticket or service-report command was refused. The codes are stable (API clients and UI string keys use
/// them); the English messages are the fallback text. Codes of <see cref="RefusalKind.Validation"/> refusals
/// appear on the field error, under the refusal's general "validation" code.
/// </summary>
public static class TicketRefusal
{
    /// <summary>Conflict: the lifecycle table does not allow the action in the ticket's status.</summary>
    public const string InvalidTransition = "invalid_transition";

    /// <summary>Conflict: the action's time is earlier than the ticket's last recorded step.</summary>
    public const string TimeOutOfOrder = "time_out_of_order";

    /// <summary>Validation (engineerIds): a dispatch names no engineer.</summary>
    public const string NoEngineers = "no_engineers";

    /// <summary>Validation (leadId): two or more engineers are dispatched without naming a lead (临时负责人).</summary>
    public const string LeadRequired = "lead_required";

    /// <summary>Validation (leadId): the named lead is not among the dispatched engineers.</summary>
    public const string LeadNotAssigned = "lead_not_assigned";

    /// <summary>Validation (engineerId): the engineer accepting or declining is not assigned to the ticket.</summary>
    public const string EngineerNotAssigned = "engineer_not_assigned";

    /// <summary>Validation: the action needs a reason (cancel, decline, escalate, wait, transfer, reject).</summary>
    public const string ReasonRequired = "reason_required";

    /// <summary>Conflict: the customer may sign only after findings and work done are recorded (R-TKT-4).</summary>
    public const string WorkNotRecorded = "work_not_recorded";

    /// <summary>Conflict: the report is signed and therefore immutable; corrections are amendments (R-TKT-4).</summary>
    public const string ReportSigned = "report_signed";

    /// <summary>Conflict: an amendment or approval needs a signed report.</summary>
    public const string ReportNotSigned = "report_not_signed";

    /// <summary>Conflict: closing needs an approved report.</summary>
    public const string ReportNotApproved = "report_not_approved";

    /// <summary>Conflict: work can be recorded only from arrival on site until the customer signs.</summary>
    public const string ReportNotEditable = "report_not_editable";

    /// <summary>Forbidden: only a member of staff (a person) can approve or reject a report.</summary>
    public const string ApproverNotStaff = "approver_not_staff";

    /// <summary>Forbidden: an engineer assigned to the ticket cannot approve or reject its report (segregation of duties).</summary>
    public const string ApproverIsAssignedEngineer = "approver_is_assigned_engineer";

    public static Refusal ForInvalidTransition(TicketStatus status, TicketAction action)
    {
        var allowed = TicketTransitions.Allowed(status);
        var message = allowed.Count == 0
            ? $"{action} is not allowed: the ticket is {status}, which allows no further action."
            : $"{action} is not allowed while the ticket is {status}. Allowed now: {string.Join(", ", allowed)}.";
        return Refusal.Conflict(InvalidTransition, message);
    }

    internal static Refusal ForTimeOutOfOrder(DateTime now, DateTime last) =>
        Refusal.Conflict(TimeOutOfOrder,
            $"The time {now:O} is earlier than the ticket's last recorded step at {last:O}; steps are recorded in time order.");

    internal static Refusal? ForMissingReason(string? reason, string field = "reason") =>
        string.IsNullOrWhiteSpace(reason)
            ? Refusal.Invalid(field, ReasonRequired, $"{field} is required: say why.")
            : reason.Trim().Length > ServiceTicket.ReasonMaxLength
                ? Refusal.Invalid(field, "too_long", $"{field} must be at most {ServiceTicket.ReasonMaxLength} characters.")
                : null;

    internal static Refusal ForWorkNotRecorded(bool rejected) =>
        Refusal.Conflict(WorkNotRecorded, rejected
            ? "The report was rejected at approval; record the corrected work as a new revision before the customer signs again."
            : "The customer can sign only after the findings and the work done are recorded in the service report.");

    internal static Refusal ForReportSigned(int revision) =>
        Refusal.Conflict(ReportSigned,
            $"Service report revision {revision} is signed by the customer and cannot be changed; add an amendment instead.");

    internal static Refusal ForReportNotSigned() =>
        Refusal.Conflict(ReportNotSigned, "The service report is not signed yet; change the report itself instead.");

    internal static Refusal ForReportNotApproved() =>
        Refusal.Conflict(ReportNotApproved, "The ticket can be closed only after its signed service report is approved.");

    internal static Refusal ForReportNotEditable(TicketStatus status) =>
        Refusal.Conflict(ReportNotEditable,
            $"Work can be recorded from arrival on site until the customer signs; the ticket is {status}.");

    internal static Refusal ForApproverNotStaff() =>
        new(RefusalKind.Forbidden, ApproverNotStaff, "Only a member of staff can approve or reject a service report.", []);

    internal static Refusal ForApproverIsAssignedEngineer(int personId) =>
        new(RefusalKind.Forbidden, ApproverIsAssignedEngineer,
            $"Person {personId} is assigned to this ticket and cannot approve or reject its own service report.", []);
}
