namespace ServiceMark.Domain.Tickets;

/// <summary>
/// Where a service ticket is in its lifecycle (R-TKT-3). Stored as its name, so members may be reordered
/// but never renamed. <see cref="TicketTransitions"/> is the one place that says how a ticket moves between them.
/// </summary>
public enum TicketStatus
{
    Reported,
    Registered,
    Classified,
    Dispatched,
    Accepted,
    Travelling,
    OnSite,
    Diagnosed,
    Resolved,
    ReportSigned,
    ReportApproved,
    Closed,
    FollowedUp,
    Cancelled,

    /// <summary>The service-level clock is paused until the customer responds (R-SLA-3).</summary>
    WaitingForCustomer,

    /// <summary>The service-level clock is paused until the supplier (配套厂家) replies (R-SLA-3).</summary>
    WaitingForSupplier,

    /// <summary>In a team's job pool (工单池): offered to the team's engineers, the first to take it accepts it.</summary>
    InPool,
}
