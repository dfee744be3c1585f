using System.Globalization;
using System.Text;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Calendars;

/// <summary>
/// One stretch of working time within a local day, [Start, End). A period cannot run past midnight:
/// a night shift is two periods on two days.
/// </summary>
public readonly record struct WorkingPeriod(TimeOnly Start, TimeOnly End)
{
    public TimeSpan Length => End - Start;

    public override string ToString() =>
        $"{Start.ToString("HH:mm", CultureInfo.InvariantCulture)}–{End.ToString("HH:mm", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// The company's working hours per weekday. Holidays and make-up working days (调休上班日) come from the
/// official notice; the hours a make-up day uses are the company's choice, hence <see cref="MakeUpWorkdayHoursOf"/>.
/// </summary>
public sealed class WorkingWeek
{
    private readonly IReadOnlyList<WorkingPeriod>[] byDay;

    private WorkingWeek(IReadOnlyList<WorkingPeriod>[] byDay, DayOfWeek makeUpWorkdayHoursOf)
    {
        this.byDay = byDay;
        MakeUpWorkdayHoursOf = makeUpWorkdayHoursOf;
    }

    /// <summary>Mon–Fri 08:30–12:00 and 13:30–17:30; Saturday and Sunday off; make-up days work Monday's hours.</summary>
    public static WorkingWeek Standard { get; } = CreateStandard();

    /// <summary>The weekday whose hours a make-up working day (调休上班日) uses.</summary>
    public DayOfWeek MakeUpWorkdayHoursOf { get; }

    public TimeSpan WorkingTimePerWeek => TimeSpan.FromTicks(byDay.Sum(periods => periods.Sum(p => p.Length.Ticks)));

    /// <summary>The periods of a weekday, ordered by start; empty on a day off.</summary>
    public IReadOnlyList<WorkingPeriod> PeriodsOn(DayOfWeek day) => byDay[(int)day];

    /// <summary>
    /// Checks a week. Fields: <c>days.monday[1]</c> (<c>start_not_before_end</c>, <c>overlap</c>),
    /// <c>days.{day}</c> (<c>invalid_day</c>), <c>days</c> (<c>no_working_time</c>) and
    /// <c>makeUpWorkdayHoursOf</c> (<c>invalid_day</c>, <c>no_working_time</c>).
    /// </summary>
    public static FieldErrors Check(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> days, DayOfWeek makeUpWorkdayHoursOf)
    {
        var errors = new FieldErrors();
        var anyWorkingTime = false;
        foreach (var (day, periods) in days)
        {
            if (!Enum.IsDefined(day))
            {
                errors.Add($"days.{(int)day}", "invalid_day", $"{(int)day} is not a day of the week.");
                continue;
            }

            var field = DayField(day);
            for (var i = 0; i < periods.Count; i++)
            {
                if (periods[i].Start >= periods[i].End)
                {
                    errors.Add($"{field}[{i}]", "start_not_before_end", $"{field}[{i}] ({periods[i]}) must start before it ends.");
                }
                else
                {
                    anyWorkingTime = true;
                }
            }

            // Compare every pair rather than neighbours after sorting, so that each offending index is named as entered.
            for (var i = 0; i < periods.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (periods[i].Start < periods[j].End && periods[j].Start < periods[i].End)
                    {
                        errors.Add($"{field}[{i}]", "overlap", $"{field}[{i}] ({periods[i]}) overlaps {field}[{j}] ({periods[j]}).");
                        break;
                    }
                }
            }
        }

        if (!anyWorkingTime)
        {
            errors.Add("days", "no_working_time", "The week must contain some working time.");
        }

        if (!Enum.IsDefined(makeUpWorkdayHoursOf))
        {
            errors.Add("makeUpWorkdayHoursOf", "invalid_day", $"{(int)makeUpWorkdayHoursOf} is not a day of the week.");
        }
        else if (anyWorkingTime && !(days.TryGetValue(makeUpWorkdayHoursOf, out var hours) && hours.Any(p => p.Start < p.End)))
        {
            errors.Add("makeUpWorkdayHoursOf", "no_working_time",
                $"A make-up working day uses {makeUpWorkdayHoursOf}'s hours, but {makeUpWorkdayHoursOf} has none.");
        }

        return errors;
    }

    /// <summary>Builds a week from the periods of each day (a missing day is a day off), or refuses with every problem.</summary>
    public static Result<WorkingWeek> Create(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> days,
        DayOfWeek makeUpWorkdayHoursOf = DayOfWeek.Monday)
    {
        var errors = Check(days, makeUpWorkdayHoursOf);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var byDay = new IReadOnlyList<WorkingPeriod>[7];
        for (var d = 0; d < 7; d++)
        {
            byDay[d] = days.TryGetValue((DayOfWeek)d, out var periods) ? periods.OrderBy(p => p.Start).ToArray() : [];
        }

        return new WorkingWeek(byDay, makeUpWorkdayHoursOf);
    }

    /// <summary>A stable text of the content, the input of the calendar version.</summary>
    internal void AppendCanonical(StringBuilder text)
    {
        for (var d = 0; d < 7; d++)
        {
            text.Append((DayOfWeek)d).Append('=');
            foreach (var p in byDay[d])
            {
                text.Append(p.Start.Ticks).Append('-').Append(p.End.Ticks).Append(',');
            }

            text.Append(';');
        }

        text.Append("makeUp=").Append(MakeUpWorkdayHoursOf).Append(';');
    }

    internal static string DayField(DayOfWeek day) => "days." + day.ToString().ToLowerInvariant();

    private static WorkingWeek CreateStandard()
    {
        WorkingPeriod[] office = [new(new TimeOnly(8, 30), new TimeOnly(12, 0)), new(new TimeOnly(13, 30), new TimeOnly(17, 30))];
        var days = new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>
        {
            [DayOfWeek.Monday] = office,
            [DayOfWeek.Tuesday] = office,
            [DayOfWeek.Wednesday] = office,
            [DayOfWeek.Thursday] = office,
            [DayOfWeek.Friday] = office,
        };
        return Create(days).Value!;
    }
}
