namespace ServiceMark.Domain.Tickets;

/// <summary>
/// What someone can do to a ticket; each has one method on <see cref="ServiceTicket"/> and each accepted one
/// appends one <see cref="TicketEvent"/>. Stored as its name in events, so never rename a member.
/// </summary>
public enum TicketAction
{
    Register,
    Classify,
    Dispatch,
    Decline,
    Accept,
    StartTravel,
    Arrive,
    Diagnose,
    Resolve,
    SignReport,
    ApproveReport,
    RejectReport,
    Close,
    RecordFollowUp,
    Escalate,
    TransferToSupplier,
    SupplierReplied,
    WaitForCustomer,
    CustomerResponded,
    Cancel,
    Reopen,

    /// <summary>The dispatcher offers the ticket to a team's job pool (工单池) instead of naming engineers.</summary>
    OfferToPool,

    /// <summary>An engineer of that team takes the pooled ticket: it is theirs, accepted (the first response).</summary>
    TakeFromPool,

    /// <summary>Solved by phone or remote connection without a visit (R-TKT-7): resolved, measured by its own service level.</summary>
    ResolveRemotely,
}
