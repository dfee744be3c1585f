namespace ServiceMark.Web.Features.Tickets;

/// <summary>
/// Historical tickets brought in when a department moves onto ServiceMark (issue 12 point 9), as JSON or as the two sheets of
/// the Excel workbook (<see cref="TicketImportWorkbook"/>). Times are ISO 8601: with an offset or Z as given, without one in
/// the company's time zone. Codes and names are the business keys a department has: customer code, employee number, serial
/// number. All or nothing: every ticket and step is checked before anything is written.
/// </summary>
public sealed record TicketImportRequest(IReadOnlyList<ImportedTicket>? Tickets);

/// <param name="Number">The ticket's number in the old system, kept (unique).</param>
/// <param name="ReportedAt">When the customer reported it; the ticket is registered and classified at this time.</param>
/// <param name="ReportedBy">Employee number of who took the report; empty for the importing administrator's person.</param>
/// <param name="UnderWarranty">As decided then; empty to check the unit's warranty as of the report date.</param>
/// <param name="Steps">What happened after the report, in time order.</param>
/// <param name="Survey">The customer's satisfaction answers, if a follow-up got them.</param>
public sealed record ImportedTicket(
    string? Number,
    string? CustomerCode,
    string? ContactName,
    string? ContactPhone,
    string? SiteAddress,
    decimal? DistanceKm,
    string? SerialNumber,
    decimal? RunningHours,
    decimal? MileageKm,
    string? FaultCategory,
    string? FaultDescription,
    string? Urgency,
    string? Channel,
    string? ReportedAt,
    string? ReportedBy = null,
    bool? UnderWarranty = null,
    string? WarrantyReason = null,
    IReadOnlyList<ImportedStep>? Steps = null,
    ImportedSurvey? Survey = null);

/// <summary>One step: an action of the ticket's lifecycle (<see cref="Domain.Tickets.TicketAction"/> name, or RecordReport / AmendReport).</summary>
/// <param name="By">Employee number of who did it; empty for the lead engineer (engineer's steps) or the reporter (the rest).</param>
/// <param name="Engineers">Dispatch: the engineers' employee numbers.</param>
/// <param name="Lead">Dispatch: the lead engineer's employee number (the first engineer when empty).</param>
/// <param name="Reason">Decline, reject, escalate, wait for the customer, transfer to the supplier, cancel: why. Amend: the text.</param>
/// <param name="Note">Diagnose, resolve, approve, follow-up, supplier or customer replied: the note.</param>
/// <param name="Report">RecordReport: the service report's content.</param>
/// <param name="SignerName">SignReport: who signed for the customer (the paper's signature stays on paper).</param>
public sealed record ImportedStep(
    string? Action,
    string? At,
    string? By = null,
    IReadOnlyList<string>? Engineers = null,
    string? Lead = null,
    string? AgreedVisitAt = null,
    string? Reason = null,
    string? Note = null,
    ImportedReport? Report = null,
    string? SignerName = null);

public sealed record ImportedReport(
    string? Findings,
    string? Cause,
    string? Responsibility,
    string? WorkDone,
    IReadOnlyList<ImportedPart>? PartsReplaced = null,
    decimal? CompensationAmount = null,
    bool? OldPartsReturned = null,
    string? OldPartsNote = null,
    string? AdviceGiven = null,
    decimal? PaidServiceAmount = null,
    string? PaidServiceApprovalReference = null);

public sealed record ImportedPart(string? Name, decimal? Quantity, string? Reason);

/// <summary>The answers as the phone follow-up records them (1–10, 1–10, four-point 1–4).</summary>
public sealed record ImportedSurvey(string? At, string? By, int? RepairQuality, int? Satisfaction, int? Overall, bool? ProblemSolved, string? Comment = null);

/// <summary>What an import wrote: the tickets by number, with their new ids.</summary>
public sealed record TicketImportResult(int Imported, IReadOnlyList<ImportedTicketRef> Tickets);

public sealed record ImportedTicketRef(int Id, string Number, string Status);
