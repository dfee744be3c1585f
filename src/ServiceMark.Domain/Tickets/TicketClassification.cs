namespace ServiceMark.Domain.Tickets;

/// <summary>
/// The kind of fault (R-TKT-2). Body and chassis/engine faults have different default service levels
/// (R-SLA-1), so this drives which policy applies.
/// </summary>
public enum FaultCategory
{
    Body,
    ChassisEngine,
    Electrical,
    Installation,
    Consultation,
    Other,

    /// <summary>A planned maintenance visit a contract promises (维保巡检, R-EXP-2): opened by the scheduler, not reported as a fault.</summary>
    Maintenance,
}

/// <summary>How urgent the customer's problem is, graded at classification (分级).</summary>
public enum Urgency
{
    Low,
    Normal,
    High,
    Critical,
}

/// <summary>How the request came in (R-TKT-1): 来电 / 来函 / 在线 / 上门.</summary>
public enum IntakeChannel
{
    Phone,
    LetterEmail,
    Online,
    WalkIn,

    /// <summary>Opened by the system for planned work (a contract's maintenance visit), not by a customer's call.</summary>
    Planned,
}

/// <summary>How a ticket was resolved without a visit (R-TKT-7, seed 002 "远程连接、电话指导"): 电话指导 / 远程连接.</summary>
public enum RemoteMethod
{
    Phone,
    RemoteConnection,
}
