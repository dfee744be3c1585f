using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment;

/// <summary>
/// The assessment calendar of seed 001 第六、七条 (R-ASM-4), as days of the month. Defaults: data gathered on the 27th–31st of
/// the period's last month (31 means "the month's last day", so February ends on the 28th or 29th), the summary on the
/// 1st–5th of the month after the period (the first month of the next quarter for a quarter), bonuses paid by the 15th of
/// that same month, and a reminder <see cref="ReminderDaysBefore"/> days before each deadline. Calendar days: shifting a
/// date off a holiday is the business calendar's job, not this one's.
/// </summary>
public sealed record DeadlinePolicy(
    int DataFromDay = 27, int DataToDay = 31, int SummaryFromDay = 1, int SummaryToDay = 5, int BonusPaidByDay = 15, int ReminderDaysBefore = 2)
{
    public static DeadlinePolicy Default { get; } = new();

    public FieldErrors Check()
    {
        var errors = new FieldErrors();
        foreach (var (field, day) in new[]
                 {
                     ("dataFromDay", DataFromDay), ("dataToDay", DataToDay), ("summaryFromDay", SummaryFromDay),
                     ("summaryToDay", SummaryToDay), ("bonusPaidByDay", BonusPaidByDay),
                 })
        {
            if (day is < 1 or > 31)
            {
                errors.Add(field, "out_of_range", $"{field} must be a day of the month, 1 to 31.");
            }
        }

        if (DataFromDay > DataToDay)
        {
            errors.Add("dataToDay", "before_start", "Data gathering must end on or after the day it starts.");
        }

        if (SummaryFromDay > SummaryToDay)
        {
            errors.Add("summaryToDay", "before_start", "The summary must end on or after the day it starts.");
        }

        if (BonusPaidByDay < SummaryToDay)
        {
            errors.Add("bonusPaidByDay", "before_summary", "Bonuses can be paid only after the summary.");
        }

        if (ReminderDaysBefore is < 0 or > 14)
        {
            errors.Add("reminderDaysBefore", "out_of_range", "reminderDaysBefore must be between 0 and 14.");
        }

        return errors;
    }
}

/// <summary>The deadlines of a period that people are reminded of (R-ASM-4). Stored as its name: never rename a member.</summary>
public enum AssessmentDeadline
{
    /// <summary>Data gathering ends (<see cref="PeriodDeadlineDates.DataTo"/>): values and ratings entered, the period moved to self-review.</summary>
    DataCollection,

    /// <summary>The summary is due (<see cref="PeriodDeadlineDates.SummaryTo"/>): self-reviews, superiors' reviews and the committee done.</summary>
    Summary,

    /// <summary>Bonuses to be paid (<see cref="PeriodDeadlineDates.BonusPaidBy"/>), for published quarters and years.</summary>
    BonusPayment,
}

/// <summary>
/// A date on which someone is reminded, and of what. <paramref name="Deadline"/> and <paramref name="Due"/> are set for a
/// reminder before a deadline (the ones sent as notifications); a window's start is only shown.
/// </summary>
public sealed record Reminder(DateOnly On, string What, AssessmentDeadline? Deadline = null, DateOnly? Due = null);

/// <summary>The deadlines of one period.</summary>
public sealed record PeriodDeadlineDates(
    AssessmentPeriod Period, DateOnly DataFrom, DateOnly DataTo, DateOnly SummaryFrom, DateOnly SummaryTo, DateOnly BonusPaidBy,
    IReadOnlyList<Reminder> Reminders);

public static class PeriodDeadlines
{
    public static PeriodDeadlineDates For(AssessmentPeriod period, DeadlinePolicy? policy = null)
    {
        var p = policy ?? DeadlinePolicy.Default;
        var errors = p.Check();
        if (errors.Any)
        {
            throw new ArgumentException("Invalid deadline policy: " + string.Join("; ", errors.All.Select(e => e.Message)), nameof(policy));
        }

        var last = period.LastDay;
        var next = period.NextFirstDay;
        var dataFrom = Day(last.Year, last.Month, p.DataFromDay);
        var dataTo = Day(last.Year, last.Month, p.DataToDay);
        var summaryFrom = Day(next.Year, next.Month, p.SummaryFromDay);
        var summaryTo = Day(next.Year, next.Month, p.SummaryToDay);
        var bonus = Day(next.Year, next.Month, p.BonusPaidByDay);

        var reminders = new List<Reminder> { new(dataFrom, $"{period}: data gathering starts") };
        reminders.Add(new(Before(dataTo, dataFrom, p.ReminderDaysBefore), $"{period}: data gathering ends on {dataTo:yyyy-MM-dd}",
            AssessmentDeadline.DataCollection, dataTo));
        reminders.Add(new(summaryFrom, $"{period}: summary starts"));
        reminders.Add(new(Before(summaryTo, summaryFrom, p.ReminderDaysBefore), $"{period}: summary due on {summaryTo:yyyy-MM-dd}",
            AssessmentDeadline.Summary, summaryTo));
        reminders.Add(new(Before(bonus, summaryTo, p.ReminderDaysBefore), $"{period}: bonuses to be paid by {bonus:yyyy-MM-dd}",
            AssessmentDeadline.BonusPayment, bonus));
        return new PeriodDeadlineDates(period, dataFrom, dataTo, summaryFrom, summaryTo, bonus,
            reminders.OrderBy(r => r.On).ToList());
    }

    /// <summary>
    /// Whether a period in <paramref name="state"/> still has work for <paramref name="deadline"/>, so its reminder is sent:
    /// data gathering until the period moves to self-review; the summary until the committee publishes; the bonus once
    /// results are published, until the period is closed, and only for quarters and years (monthly results pay no
    /// position bonus).
    /// </summary>
    public static bool Concerns(AssessmentDeadline deadline, PeriodState state, AssessmentPeriodLength length) => deadline switch
    {
        AssessmentDeadline.DataCollection => state is PeriodState.Open or PeriodState.GoalPlans or PeriodState.DataCollection,
        AssessmentDeadline.Summary => !PeriodWorkflow.IsPublished(state),
        AssessmentDeadline.BonusPayment => length != AssessmentPeriodLength.Month
            && state is PeriodState.Published or PeriodState.Interview or PeriodState.AppealWindow,
        _ => false,
    };

    /// <summary>The deadline reminders of a period due on or before <paramref name="today"/> whose work is not done yet (by its state).</summary>
    public static IReadOnlyList<Reminder> Due(PeriodDeadlineDates dates, PeriodState state, DateOnly today) =>
        dates.Reminders.Where(r => r.Deadline is { } d && r.On <= today && Concerns(d, state, dates.Period.Length)).ToList();

    /// <summary>The day in the month, clamped to the month's last day (31 in February is the 28th or 29th).</summary>
    private static DateOnly Day(int year, int month, int day) => new(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));

    /// <summary>A reminder some days before a deadline, never before the window opens.</summary>
    private static DateOnly Before(DateOnly deadline, DateOnly windowStart, int days)
    {
        var date = deadline.AddDays(-days);
        return date < windowStart ? windowStart : date;
    }
}
