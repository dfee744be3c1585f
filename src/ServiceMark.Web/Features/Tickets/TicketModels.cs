using ServiceMark.Domain.Calendars;
using ServiceMark.Domain.Tickets;

namespace ServiceMark.Web.Features.Tickets;

/// <summary>What a specialist enters when a customer reports a fault (R-TKT-2). The warranty and service level are derived.</summary>
public sealed record CreateTicketRequest(
    int CustomerId,
    string? ContactName,
    string? ContactPhone,
    string? SiteAddress,
    decimal DistanceKm,
    string? SerialNumber,
    decimal? RunningHours,
    decimal? MileageKm,
    string? FaultCategory,
    string? FaultDescription,
    string? Urgency,
    string? Channel,
    int? ContactLogEntryId = null,
    bool NeedsSupplier = false);

/// <summary>The inputs any workflow action may need; each action reads only its own.</summary>
public sealed record TicketActionRequest(
    int Version,
    string? Reason = null,
    string? Note = null,
    IReadOnlyList<int>? EngineerIds = null,
    int? LeadId = null,
    DateTime? AgreedVisitAt = null,
    string? FaultCategory = null,
    string? Urgency = null,
    int? OrgUnitId = null,
    string? RemoteMethod = null);

public sealed record ReportRequest(
    int Version,
    string? Findings,
    string? Cause,
    string? Responsibility,
    string? WorkDone,
    IReadOnlyList<ReplacedPartLine>? PartsReplaced,
    decimal CompensationAmount,
    bool OldPartsReturned,
    string? OldPartsNote,
    string? AdviceGiven,
    decimal PaidServiceAmount,
    string? PaidServiceApprovalReference)
{
    public ServiceReportContent ToContent() => new(Findings, Cause, Responsibility, WorkDone, PartsReplaced, CompensationAmount, OldPartsReturned,
        OldPartsNote, AdviceGiven, PaidServiceAmount, PaidServiceApprovalReference);
}

/// <summary>The customer's signature: a PNG/JPEG drawn on screen (data URL) or a photo of the signature or stamp;
/// <paramref name="CustomerStamped"/>: the customer also stamped the report (加盖公章), an effective record of seed 002.</summary>
public sealed record SignRequest(int Version, string? SignerName, string? SignatureDataUrl, bool CustomerStamped = false);

/// <summary>A ticket list request: <paramref name="After"/> is the previous page's <see cref="TicketPage.Next"/> cursor, <paramref name="From"/> a day to jump to.</summary>
public sealed record TicketQuery(string? Search = null, TicketStatus? Status = null, bool OpenOnly = false, bool Mine = false, int Page = 1, int PageSize = 25,
    int? After = null, DateOnly? From = null, TicketDue? Due = null, bool DueFirst = false, int? EngineerId = null, int? TeamId = null);

/// <summary>Where open tickets stand against their service levels, as a list filter (issue 12 point 2).</summary>
public enum TicketDue
{
    /// <summary>A target not met is past its due time, the clock running (not waiting for the customer or a supplier).</summary>
    Overdue,

    /// <summary>Not overdue yet, but a target falls due before the end of today.</summary>
    DueToday,

    /// <summary>Waiting for the customer or a supplier: the clocks are paused.</summary>
    Waiting,
}

/// <summary>
/// A page of tickets, newest first. <paramref name="Total"/> is exact when <paramref name="TotalIsExact"/>, otherwise the
/// count stopped at <see cref="TicketListing.CountCap"/>; <paramref name="Next"/> is the cursor of the following page.
/// </summary>
public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, int Total, bool TotalIsExact, int Page, int PageSize, int? Next);

/// <summary>
/// A ticket in a list. <paramref name="NextDueAtUtc"/>: the earliest due time of an open ticket's unmet targets;
/// <paramref name="IsOverdue"/> when it has passed with the clock running; <paramref name="DueIn"/> the working time left
/// until then on the business calendar, negative by the working time overdue.
/// </summary>
public sealed record TicketSummary(int Id, string Number, string CustomerName, FaultCategory FaultCategory, Urgency Urgency, TicketStatus Status,
    DateTime ReportedAtUtc, string? LeadEngineerName, bool IsEscalated, bool? UnderWarranty, DateTime? NextDueAtUtc = null, bool IsOverdue = false,
    TimeSpan? DueIn = null);

public sealed record AssignmentView(int EngineerId, string Name, bool IsLead);

public sealed record EventView(int Sequence, DateTime AtUtc, string Actor, TicketAction Action, TicketStatus From, TicketStatus To, string? EngineerName, string? Note);

public sealed record SlaView(string Target, DateTime DueUtc, DateTime? MetAtUtc, bool CountsWorkingTime, double ElapsedHours, double RemainingHours,
    bool IsBreached, bool IsPaused, IReadOnlyList<ClockSegment> Timeline);

public sealed record ReportView(int Revision, string? Findings, string? Cause, string? Responsibility, string? WorkDone,
    IReadOnlyList<ReplacedPartLine> PartsReplaced, decimal CompensationAmount, bool OldPartsReturned, string? OldPartsNote, string? AdviceGiven,
    decimal PaidServiceAmount, string? PaidServiceApprovalReference, DateTime RecordedAtUtc, string RecordedBy, string? SignatureAttachmentId,
    string? SignerName, DateTime? SignedAtUtc, DateTime? ApprovedAtUtc, string? ApprovalComment, DateTime? RejectedAtUtc, string? RejectionReason,
    bool IsWorkRecorded, IReadOnlyList<string> Amendments, bool CustomerStamped = false);

public sealed record TicketView(
    int Id,
    string Number,
    int Version,
    TicketStatus Status,
    int CustomerId,
    string CustomerName,
    string ContactName,
    string ContactPhone,
    string? SiteAddress,
    decimal DistanceKm,
    string? SerialNumber,
    string? ProductModelName,
    decimal? MileageKm,
    FaultCategory FaultCategory,
    string FaultDescription,
    Urgency Urgency,
    IntakeChannel Channel,
    bool? UnderWarranty,
    string? WarrantyReason,
    string? ServiceLevelName,
    bool IsEscalated,
    int? OriginalTicketId,
    string? OriginalTicketNumber,
    DateTime ReportedAtUtc,
    IReadOnlyList<AssignmentView> Assignments,
    IReadOnlyList<EventView> Events,
    ReportView? Report,
    IReadOnlyList<SlaView> ServiceLevels,
    IReadOnlyList<TicketAction> AllowedActions,
    bool CanEditReport,
    bool CanApprove,
    Surveys.SatisfactionSummary? Satisfaction = null,
    int? ContactLogEntryId = null,
    TicketCalendarView? Calendar = null,
    RemoteMethod? RemoteMethod = null);

/// <summary>The business calendar and its revision the ticket's service-level outcomes were measured under (R-SLA-2).</summary>
public sealed record TicketCalendarView(int Id, string Name, int Version);

public sealed record DispatchSuggestion(int PersonId, string Name, string? Unit, decimal Score, bool Unavailable, bool BelowMinimumGrade,
    IReadOnlyList<Domain.Dispatch.RankReason> Reasons);
