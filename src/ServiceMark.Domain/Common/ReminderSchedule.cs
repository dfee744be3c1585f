namespace ServiceMark.Domain.Common;

/// <summary>
/// When something overdue is reminded of again: round 0 on the first day it is overdue, round 1 <c>repeatDays</c> later,
/// and so on while it stays overdue. A reminder is written once per round (its key holds the round), so a job that runs
/// every hour, restarts, or runs on two instances still reminds once a round.
/// </summary>
public static class ReminderSchedule
{
    public const int MinRepeatDays = 1;
    public const int MaxRepeatDays = 90;

    /// <summary>The round due on <paramref name="today"/> of something overdue from <paramref name="overdueFrom"/> on; null before it is.</summary>
    public static int? RoundOf(DateOnly overdueFrom, DateOnly today, int repeatDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeatDays, MinRepeatDays);
        return today < overdueFrom ? null : (today.DayNumber - overdueFrom.DayNumber) / repeatDays;
    }
}
