namespace ServiceMark.Domain.Calendars;

/// <summary>What a service-level (服务时效) target counts.</summary>
public enum ServiceLevelBasis
{
    /// <summary>Working time of a <see cref="BusinessCalendar"/>: "1 working day".</summary>
    WorkingTime,

    /// <summary>Plain elapsed hours, nights and holidays included: "on site within 24 h".</summary>
    ClockTime,
}

/// <summary>
/// A stretch during which the clock stood still (R-SLA-3), e.g. waiting on the customer or a supplier.
/// <see cref="EndUtc"/> null means still paused.
/// </summary>
public sealed record ClockPause(DateTime StartUtc, DateTime? EndUtc, string Reason)
{
    public bool IsOpen => EndUtc is null;
}

public enum ClockSegmentKind
{
    /// <summary>The clock counts.</summary>
    Running,

    /// <summary>The clock was paused (see <see cref="ClockSegment.Reason"/>); shown whole, even across nights.</summary>
    Paused,

    /// <summary>Not paused, but outside the calendar's working time, so nothing is counted.</summary>
    OutsideWorkingTime,
}

/// <summary>One piece of a clock's timeline, [StartUtc, EndUtc).</summary>
public sealed record ClockSegment(ClockSegmentKind Kind, DateTime StartUtc, DateTime EndUtc, string? Reason = null)
{
    public TimeSpan Length => EndUtc - StartUtc;
}

/// <summary>Everything a page or the breach job wants to know about a clock at one instant.</summary>
/// <param name="DueUtc">See <see cref="ServiceLevelClock.DueUtc"/>.</param>
/// <param name="Elapsed">Counted time from the start to now, pauses excluded.</param>
/// <param name="Remaining">Target minus elapsed; negative when overdue.</param>
/// <param name="PausedTime">Counted time that fell inside pauses (working time only, for a working-time target).</param>
/// <param name="IsPaused">A pause is in force at now.</param>
/// <param name="IsBreached">Now is after the due time.</param>
/// <param name="Timeline">Contiguous, non-overlapping segments covering [start, now].</param>
public sealed record ServiceLevelReading(
    DateTime NowUtc,
    DateTime DueUtc,
    TimeSpan Elapsed,
    TimeSpan Remaining,
    TimeSpan PausedTime,
    bool IsPaused,
    bool IsBreached,
    IReadOnlyList<ClockSegment> Timeline);

/// <summary>
/// A service-level clock: a target of counted time from a start, with pauses. Counted time is working time on a
/// <see cref="BusinessCalendar"/> or plain clock time. A pause costs only the counted time inside it: for a
/// working-time target, a pause from Friday 17:00 to Monday 09:00 pushes the due time out by one hour
/// (17:00–17:30 and 08:30–09:00), not by the weekend.
/// <para>
/// Every answer is "as known at <c>nowUtc</c>": pauses starting after now have not happened yet and are ignored,
/// and a pause still in force at now (open, or ending later) is treated as ending now.
/// </para>
/// </summary>
public sealed class ServiceLevelClock
{
    private readonly ClockPause[] pauses;

    /// <exception cref="ArgumentException">
    /// An instant is not UTC, the target is negative, a working-time target has no calendar, or the pauses are
    /// inconsistent (end before start, no reason, overlapping, or an open pause followed by another).
    /// </exception>
    public ServiceLevelClock(DateTime startUtc, TimeSpan target, ServiceLevelBasis basis, BusinessCalendar? calendar = null,
        IEnumerable<ClockPause>? pauses = null)
    {
        WorkingTime.RequireUtc(startUtc, nameof(startUtc));
        if (target < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "A service-level target cannot be negative.");
        }

        if (!Enum.IsDefined(basis))
        {
            throw new ArgumentOutOfRangeException(nameof(basis), basis, "Unknown basis.");
        }

        if (basis == ServiceLevelBasis.WorkingTime && calendar is null)
        {
            throw new ArgumentException("A working-time target needs a business calendar.", nameof(calendar));
        }

        this.pauses = (pauses ?? []).OrderBy(p => p.StartUtc).ToArray();
        for (var i = 0; i < this.pauses.Length; i++)
        {
            var p = this.pauses[i];
            WorkingTime.RequireUtc(p.StartUtc, nameof(pauses));
            if (p.EndUtc is { } end && (WorkingTime.RequireUtc(end, nameof(pauses)) < p.StartUtc))
            {
                throw new ArgumentException($"Pause {i} ends ({end:O}) before it starts ({p.StartUtc:O}).", nameof(pauses));
            }

            if (string.IsNullOrWhiteSpace(p.Reason))
            {
                throw new ArgumentException($"Pause {i} has no reason: a clock is only paused for a stated reason.", nameof(pauses));
            }

            if (i > 0 && (this.pauses[i - 1].EndUtc is not { } previousEnd || previousEnd > p.StartUtc))
            {
                throw new ArgumentException($"Pause {i} (from {p.StartUtc:O}) overlaps the one before it: a clock is paused once at a time.", nameof(pauses));
            }
        }

        StartUtc = startUtc;
        Target = target;
        Basis = basis;
        Calendar = calendar;
    }

    public DateTime StartUtc { get; }

    public TimeSpan Target { get; }

    public ServiceLevelBasis Basis { get; }

    /// <summary>The calendar working time is counted on; null for a clock-time target.</summary>
    public BusinessCalendar? Calendar { get; }

    /// <summary>The pauses, ordered by start.</summary>
    public IReadOnlyList<ClockPause> Pauses => pauses;

    /// <summary>
    /// The instant the target is used up: the start plus the target in counted time, pushed out by the counted time
    /// of each pause. While paused this is a projection (if the clock resumed now); once the target was used up it
    /// is fixed. Same edge rules as <see cref="WorkingTime.AddWorkingTime"/>: the earliest instant the target is reached.
    /// </summary>
    public DateTime DueUtc(DateTime nowUtc)
    {
        var cursor = StartUtc;
        var remaining = Target;
        foreach (var pause in EffectivePauses(nowUtc))
        {
            var available = Counted(cursor, pause.StartUtc);
            if (remaining <= available)
            {
                return AddCounted(cursor, remaining);
            }

            remaining -= available;
            cursor = pause.EndUtc;
        }

        return AddCounted(cursor, remaining);
    }

    /// <summary>Counted time from the start to now, paused time excluded.</summary>
    public TimeSpan Elapsed(DateTime nowUtc) => Counted(StartUtc, nowUtc) - PausedTime(nowUtc);

    /// <summary>Target minus elapsed: negative once overdue (by counted time, so an overdue working-time clock does not grow over a weekend).</summary>
    public TimeSpan Remaining(DateTime nowUtc) => Target - Elapsed(nowUtc);

    /// <summary>The counted time inside pauses up to now.</summary>
    public TimeSpan PausedTime(DateTime nowUtc) =>
        EffectivePauses(nowUtc).Aggregate(TimeSpan.Zero, (sum, p) => sum + Counted(p.StartUtc, p.EndUtc));

    public bool IsPaused(DateTime nowUtc)
    {
        WorkingTime.RequireUtc(nowUtc, nameof(nowUtc));
        return pauses.Any(p => p.StartUtc <= nowUtc && (p.EndUtc is not { } end || end > nowUtc));
    }

    /// <summary>After the due time. At exactly the due time the target is met, not breached.</summary>
    public bool IsBreached(DateTime nowUtc) => nowUtc > DueUtc(nowUtc);

    /// <summary>
    /// Contiguous, non-overlapping segments from the start to now: Running, Paused (with its reason) and, for a
    /// working-time target, OutsideWorkingTime. Empty when now is not after the start.
    /// </summary>
    public IReadOnlyList<ClockSegment> Timeline(DateTime nowUtc)
    {
        var segments = new List<ClockSegment>();
        var cursor = StartUtc;
        foreach (var pause in EffectivePauses(nowUtc))
        {
            AddUnpaused(segments, cursor, pause.StartUtc);
            Append(segments, new ClockSegment(ClockSegmentKind.Paused, pause.StartUtc, pause.EndUtc, pause.Reason));
            cursor = pause.EndUtc;
        }

        AddUnpaused(segments, cursor, nowUtc);
        return segments;
    }

    public ServiceLevelReading Read(DateTime nowUtc)
    {
        var due = DueUtc(nowUtc);
        var paused = PausedTime(nowUtc);
        var elapsed = Counted(StartUtc, nowUtc) - paused;
        return new ServiceLevelReading(nowUtc, due, elapsed, Target - elapsed, paused, IsPaused(nowUtc), nowUtc > due, Timeline(nowUtc));
    }

    /// <summary>The pauses as known at now, clipped to [start, now], empty ones dropped.</summary>
    private List<(DateTime StartUtc, DateTime EndUtc, string Reason)> EffectivePauses(DateTime nowUtc)
    {
        WorkingTime.RequireUtc(nowUtc, nameof(nowUtc));
        var effective = new List<(DateTime, DateTime, string)>();
        foreach (var p in pauses)
        {
            var start = p.StartUtc > StartUtc ? p.StartUtc : StartUtc;
            var end = p.EndUtc is { } e && e < nowUtc ? e : nowUtc;
            if (end > start)
            {
                effective.Add((start, end, p.Reason));
            }
        }

        return effective;
    }

    private void AddUnpaused(List<ClockSegment> segments, DateTime from, DateTime to)
    {
        if (to <= from)
        {
            return;
        }

        if (Basis == ServiceLevelBasis.ClockTime)
        {
            Append(segments, new ClockSegment(ClockSegmentKind.Running, from, to));
            return;
        }

        var cursor = from;
        foreach (var range in Calendar!.WorkingRangesBetween(from, to))
        {
            if (range.StartUtc > cursor)
            {
                Append(segments, new ClockSegment(ClockSegmentKind.OutsideWorkingTime, cursor, range.StartUtc));
            }

            Append(segments, new ClockSegment(ClockSegmentKind.Running, range.StartUtc, range.EndUtc));
            cursor = range.EndUtc;
        }

        if (to > cursor)
        {
            Append(segments, new ClockSegment(ClockSegmentKind.OutsideWorkingTime, cursor, to));
        }
    }

    // Periods that touch (12:00–13:00, 13:00–17:00) would otherwise show as two running segments.
    private static void Append(List<ClockSegment> segments, ClockSegment segment)
    {
        if (segments.Count > 0 && segments[^1] is var last && last.Kind == segment.Kind && last.Reason == segment.Reason && last.EndUtc == segment.StartUtc)
        {
            segments[^1] = last with { EndUtc = segment.EndUtc };
        }
        else
        {
            segments.Add(segment);
        }
    }

    private TimeSpan Counted(DateTime fromUtc, DateTime toUtc) => Basis == ServiceLevelBasis.WorkingTime
        ? Calendar!.WorkingTimeBetween(fromUtc, toUtc)
        : toUtc > fromUtc ? toUtc - fromUtc : TimeSpan.Zero;

    private DateTime AddCounted(DateTime fromUtc, TimeSpan amount) => Basis == ServiceLevelBasis.WorkingTime
        ? Calendar!.AddWorkingTime(fromUtc, amount)
        : fromUtc + amount;
}
