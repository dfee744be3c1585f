namespace ServiceMark.Domain.Calendars;

/// <summary>
/// Working-time arithmetic on a <see cref="BusinessCalendar"/> (R-SLA-2: "1 working day" means the calendar's
/// hours, not 24 clock hours). Instants go in and come out as UTC; days, holidays and hours are those of the
/// calendar's zone. Work is done a day at a time, so hundreds of working hours cost a few dozen lookups.
/// </summary>
public static class WorkingTime
{
    /// <summary>How far ahead <see cref="AddWorkingTime"/> looks before it gives up: ten years of days.</summary>
    public const int SearchLimitDays = (365 * 10) + 3;

    /// <summary>
    /// The instant at which <paramref name="amount"/> of working time, counted from <paramref name="startUtc"/>,
    /// is used up: the due time of a target in working time.
    /// <list type="bullet">
    /// <item>Zero returns <paramref name="startUtc"/> unchanged, even outside working time.</item>
    /// <item>Started outside working time (evening, lunch, weekend, holiday), counting begins at the next working period's start.</item>
    /// <item>An amount used up exactly at the end of a period returns that end (Friday 17:30), not the next period's start:
    /// the result is the earliest instant at which the amount has been worked.</item>
    /// <item>For a positive amount the result therefore lies in (start of a period, end of that period].</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="startUtc"/> is not UTC, or <paramref name="amount"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The amount cannot be placed within <see cref="SearchLimitDays"/> days.</exception>
    public static DateTime AddWorkingTime(this BusinessCalendar calendar, DateTime startUtc, TimeSpan amount)
    {
        RequireUtc(startUtc, nameof(startUtc));
        if (amount < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A working-time amount cannot be negative.");
        }

        if (amount == TimeSpan.Zero)
        {
            return startUtc;
        }

        var remaining = amount;

        // One day early: where clocks fall back across midnight an instant can belong to two local dates.
        var first = Previous(calendar.LocalDateOf(startUtc)).DayNumber;
        var limit = Math.Min(first + SearchLimitDays, DateOnly.MaxValue.DayNumber);
        for (var day = first; ; day++)
        {
            if (day > limit)
            {
                throw new InvalidOperationException(
                    $"Calendar '{calendar.Name}' has less than {amount} of working time in the ten years after {startUtc:O}: " +
                    "the target is too large or the calendar has (almost) no working days.");
            }

            var plan = calendar.PlanOf(DateOnly.FromDayNumber(day));
            if (plan.Total < remaining && plan.Ranges.Length > 0 && plan.Ranges[0].StartUtc >= startUtc)
            {
                remaining -= plan.Total;
                continue;
            }

            foreach (var range in plan.Ranges)
            {
                var from = range.StartUtc > startUtc ? range.StartUtc : startUtc;
                if (from >= range.EndUtc)
                {
                    continue;
                }

                var available = range.EndUtc - from;
                if (remaining <= available)
                {
                    return from + remaining;
                }

                remaining -= available;
            }
        }
    }

    /// <summary>
    /// The working time inside [<paramref name="fromUtc"/>, <paramref name="toUtc"/>); zero when
    /// <paramref name="toUtc"/> is not after <paramref name="fromUtc"/>. Additive: the time from a to b plus the
    /// time from b to c is the time from a to c, and it undoes <see cref="AddWorkingTime"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An instant is not UTC.</exception>
    public static TimeSpan WorkingTimeBetween(this BusinessCalendar calendar, DateTime fromUtc, DateTime toUtc)
    {
        RequireUtc(fromUtc, nameof(fromUtc));
        RequireUtc(toUtc, nameof(toUtc));
        if (toUtc <= fromUtc)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        var last = Next(calendar.LocalDateOf(toUtc)).DayNumber;
        for (var day = Previous(calendar.LocalDateOf(fromUtc)).DayNumber; day <= last; day++)
        {
            var plan = calendar.PlanOf(DateOnly.FromDayNumber(day));
            if (plan.Ranges.Length == 0)
            {
                continue;
            }

            if (plan.Ranges[0].StartUtc >= fromUtc && plan.Ranges[^1].EndUtc <= toUtc)
            {
                total += plan.Total;
                continue;
            }

            foreach (var range in plan.Ranges)
            {
                var start = range.StartUtc > fromUtc ? range.StartUtc : fromUtc;
                var end = range.EndUtc < toUtc ? range.EndUtc : toUtc;
                if (end > start)
                {
                    total += end - start;
                }
            }
        }

        return total;
    }

    /// <summary>The working stretches inside [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), clipped to it, in order.</summary>
    public static IEnumerable<UtcRange> WorkingRangesBetween(this BusinessCalendar calendar, DateTime fromUtc, DateTime toUtc)
    {
        RequireUtc(fromUtc, nameof(fromUtc));
        RequireUtc(toUtc, nameof(toUtc));
        return Iterate();

        IEnumerable<UtcRange> Iterate()
        {
            if (toUtc <= fromUtc)
            {
                yield break;
            }

            var last = Next(calendar.LocalDateOf(toUtc)).DayNumber;
            for (var day = Previous(calendar.LocalDateOf(fromUtc)).DayNumber; day <= last; day++)
            {
                foreach (var range in calendar.PlanOf(DateOnly.FromDayNumber(day)).Ranges)
                {
                    var start = range.StartUtc > fromUtc ? range.StartUtc : fromUtc;
                    var end = range.EndUtc < toUtc ? range.EndUtc : toUtc;
                    if (end > start)
                    {
                        yield return new UtcRange(start, end);
                    }
                }
            }
        }
    }

    internal static DateTime RequireUtc(DateTime value, string name) =>
        value.Kind == DateTimeKind.Utc
            ? value
            : throw new ArgumentException($"{name} must be a UTC instant (DateTimeKind.Utc), got {value.Kind}.", name);

    private static DateOnly Previous(DateOnly day) => day == DateOnly.MinValue ? day : day.AddDays(-1);

    private static DateOnly Next(DateOnly day) => day == DateOnly.MaxValue ? day : day.AddDays(1);
}
