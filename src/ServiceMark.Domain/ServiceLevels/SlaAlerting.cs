namespace ServiceMark.Domain.ServiceLevels;

public enum SlaAlert
{
    None,

    /// <summary>The target is close: tell the assignee (and the dispatcher) before it is breached.</summary>
    Warn,

    /// <summary>The target was breached: escalate to the supervisor (R-SLA-4).</summary>
    Escalate,
}

/// <summary>
/// What the background job should do about one target of one ticket on this run (R-SLA-4). Pure, so the job may run
/// at any interval, twice, or late after a restart: the caller records that it warned or escalated, and this never
/// asks for the same alert twice.
/// </summary>
public static class SlaAlerting
{
    /// <param name="dueUtc">When the target falls due (already shifted for pauses and working time).</param>
    /// <param name="metAtUtc">When the target was met, if it was; met on time means at or before <paramref name="dueUtc"/>.</param>
    /// <param name="warnBefore">How long before due to warn; zero or negative means no warning, only escalation.</param>
    public static SlaAlert Decide(
        DateTime dueUtc, DateTime? metAtUtc, DateTime nowUtc, TimeSpan warnBefore, bool warnedAlready, bool escalatedAlready)
    {
        if (metAtUtc is { } met && met <= dueUtc)
        {
            return SlaAlert.None;
        }

        if (escalatedAlready)
        {
            return SlaAlert.None;
        }

        // Met late is still a breach: the supervisor hears of it even when the job first runs after it was done.
        if (nowUtc >= dueUtc)
        {
            return SlaAlert.Escalate;
        }

        // Subtracting instants, not "due - warnBefore", so a large warnBefore cannot fall off DateTime.MinValue.
        return !warnedAlready && warnBefore > TimeSpan.Zero && dueUtc - nowUtc <= warnBefore
            ? SlaAlert.Warn
            : SlaAlert.None;
    }
}
