using ServiceMark.Domain.Contracts;

namespace ServiceMark.Web.Features.Contracts;

public sealed record InstalmentRequest(DateOnly? DueOn, decimal Amount);

/// <summary>A contract's terms as drafted or edited; <see cref="Version"/> is the version read (edits only).</summary>
public sealed record ContractRequest(
    string? Number,
    int CustomerId,
    int ResponsiblePersonId,
    DateOnly? SignedOn,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    decimal Amount,
    int VisitIntervalMonths,
    int VisitLeadDays,
    IReadOnlyList<int>? UnitIds,
    IReadOnlyList<InstalmentRequest>? Instalments,
    string? Note,
    int Version = 0,
    int? RenewsContractId = null);

/// <summary>A step on a contract: the version read; to terminate, the day it ends and why.</summary>
public sealed record ContractStepRequest(int Version, DateOnly? TerminatedOn = null, string? Reason = null);

public sealed record PaymentRequest(int Version, DateOnly? ReceivedOn, decimal Amount, string? Reference);

public sealed record InvoiceRequest(int Version, string? InvoiceNumber, DateOnly? InvoicedOn);

public sealed record CoveredUnit(int Id, string SerialNumber, string ModelName);

public sealed record InstalmentView(int Id, int Sequence, DateOnly DueOn, decimal Amount, decimal Collected, decimal Outstanding, string? InvoiceNumber,
    DateOnly? InvoicedOn, int DaysOverdue);

public sealed record VisitView(int Id, DateOnly DueOn, DateOnly OpensOn, int? TicketId, string? TicketNumber, string? TicketStatus);

public sealed record PaymentView(int Id, DateOnly ReceivedOn, decimal Amount, string? Reference, string RecordedBy, DateTime RecordedAtUtc);

public sealed record ContractView(int Id, string Number, ContractStatus Status, bool Expired, int CustomerId, string CustomerName, int ResponsiblePersonId,
    string ResponsibleName, DateOnly SignedOn, DateOnly StartsOn, DateOnly EndsOn, decimal Amount, decimal Collected, decimal Outstanding,
    int VisitIntervalMonths, int VisitLeadDays, IReadOnlyList<CoveredUnit> Units, IReadOnlyList<InstalmentView> Instalments, IReadOnlyList<VisitView> Visits,
    IReadOnlyList<PaymentView> Payments, string? Note, string? CreatedBy, string? ActivatedBy, DateTime? ActivatedAtUtc, DateOnly? TerminatedOn,
    string? TerminationReason, int Version, ContractLink? Renews = null, ContractLink? RenewedBy = null);

/// <summary>Another contract named by its number: the one a renewal renews, or the renewal of this one.</summary>
public sealed record ContractLink(int Id, string Number);

public sealed record ContractSummary(int Id, string Number, ContractStatus Status, bool Expired, string CustomerName, string ResponsibleName,
    DateOnly SignedOn, DateOnly StartsOn, DateOnly EndsOn, decimal Amount, decimal Outstanding);

/// <summary>Which contracts a list shows.</summary>
public enum ContractFilter
{
    All,

    /// <summary>In force and ending within the next 60 days, or ended within the last 30 without a successor: to renew (续约).</summary>
    RenewalsDue,

    Draft,
    Active,
    Ended,
}

/// <summary>One instalment still owed, with its age (the receivables list, 应收账款账龄).</summary>
public sealed record ReceivableView(int ContractId, string ContractNumber, string CustomerName, int ResponsiblePersonId, string ResponsibleName, int Sequence,
    DateOnly DueOn, decimal Amount, decimal Outstanding, string? InvoiceNumber, int DaysOverdue, AgeBucket Age);

/// <summary>What is owed and how old, in total and by age bucket.</summary>
public sealed record ReceivablesTotals(decimal Outstanding, decimal Overdue, IReadOnlyDictionary<AgeBucket, decimal> ByAge);

public sealed record ReceivablesPage(IReadOnlyList<ReceivableView> Items, int Total, int Page, int PageSize, ReceivablesTotals Totals);

/// <summary>A person's collection in a period: due, collected by the due date, the rate.</summary>
public sealed record CollectionByPerson(int PersonId, string PersonName, decimal Due, decimal CollectedOnTime, decimal? Rate);
