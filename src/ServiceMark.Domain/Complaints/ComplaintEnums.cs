namespace ServiceMark.Domain.Complaints;

/// <summary>Where a complaint is in its handling (R-CMP-1). Stored as a string.</summary>
public enum ComplaintStatus
{
    Received,
    Assigned,
    Investigating,
    Resolved,
    CustomerConfirmed,
    Closed,
}

/// <summary>What the complaint is about (R-CMP-1).</summary>
public enum ComplaintCategory
{
    /// <summary>产品质量</summary>
    ProductQuality,

    /// <summary>技术使用: the customer's use or operation of the product.</summary>
    TechnicalUse,

    /// <summary>服务: the service itself; the category that may become attributable to service.</summary>
    Service,
}

public enum ComplaintSeverity
{
    Minor,
    Major,
    Critical,
}

/// <summary>How the complaint reached us: the intake channels of R-TKT-1 plus a low survey answer or a colleague.</summary>
public enum ComplaintSource
{
    Phone,
    Letter,
    Online,
    WalkIn,
    Survey,
    Internal,
}

/// <summary>Everything that can be done to a complaint; <see cref="ComplaintTransitions"/> says when.</summary>
public enum ComplaintAction
{
    Assign,
    StartInvestigation,
    Resolve,

    /// <summary>The customer does not accept the resolution: back to investigating.</summary>
    RejectResolution,

    ConfirmByCustomer,
    Close,

    /// <summary>The department head's decision whether the complaint is valid and attributable to service.</summary>
    DecideValidity,

    /// <summary>Correcting the recorded facts (category, severity, deadline, …).</summary>
    Edit,
}
