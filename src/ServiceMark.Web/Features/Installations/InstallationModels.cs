namespace ServiceMark.Web.Features.Installations;

/// <summary>A plan as planned or edited; <see cref="Version"/> is the version read (edits only).</summary>
public sealed record InstallationRequest(
    int CustomerId,
    IReadOnlyList<int>? UnitIds,
    DateOnly? PlannedStart,
    DateOnly? PlannedFinish,
    int ResponsiblePersonId,
    IReadOnlyList<int>? EngineerIds,
    string? Note,
    int Version = 0);

/// <summary>A step on a plan: the version read; to cancel, why.</summary>
public sealed record InstallationStepRequest(int Version, string? Reason = null);

/// <summary>Where a plan stands as the office reads it: its own status, or commissioned (报告已签) once its ticket's report is signed.</summary>
public enum InstallationProgress
{
    Planned,
    Released,
    Commissioned,
    Cancelled,
}

public sealed record InstallationUnit(int Id, string SerialNumber, string ModelName);

public sealed record CrewMember(int Id, string Name);

public sealed record InstallationView(
    int Id,
    string Number,
    InstallationProgress Progress,
    bool Late,
    int CustomerId,
    string CustomerName,
    IReadOnlyList<InstallationUnit> Units,
    DateOnly PlannedStart,
    DateOnly PlannedFinish,
    int ResponsiblePersonId,
    string ResponsibleName,
    IReadOnlyList<CrewMember> Crew,
    string? Note,
    int? TicketId,
    string? TicketNumber,
    string? TicketStatus,
    DateOnly? CommissionedOn,
    bool? CustomerStamped,
    bool OnTime,
    string? ReleasedBy,
    string? CancelReason,
    int Version);

public sealed record InstallationSummary(int Id, string Number, InstallationProgress Progress, bool Late, string CustomerName, int Units, DateOnly PlannedStart,
    DateOnly PlannedFinish, string ResponsibleName, string? TicketNumber, DateOnly? CommissionedOn);

/// <summary>Which plans a list shows.</summary>
public enum InstallationFilter
{
    /// <summary>Planned or released and not yet commissioned.</summary>
    Open,

    /// <summary>Open past the planned finish.</summary>
    Late,

    Commissioned,
    All,
}
