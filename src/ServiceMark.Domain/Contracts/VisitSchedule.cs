namespace ServiceMark.Domain.Contracts;

/// <summary>
/// The planned visits a contract promises (R-EXP-2): one at the start of the term and one every <c>interval</c> months after
/// it while the term lasts — a year's quarterly inspection is four visits. Each date is counted from the start (not from the
/// previous visit), so a start on the 31st visits on the last day of the shorter months without drifting to the 28th.
/// </summary>
public static class VisitSchedule
{
    public static IReadOnlyList<DateOnly> DueDates(DateOnly startsOn, DateOnly endsOn, int intervalMonths)
    {
        var dates = new List<DateOnly>();
        if (intervalMonths <= 0)
        {
            return dates;
        }

        for (var k = 0; ; k++)
        {
            var due = startsOn.AddMonths(k * intervalMonths);
            if (due > endsOn)
            {
                return dates;
            }

            dates.Add(due);
        }
    }

    /// <summary>The day a visit's ticket is opened: <paramref name="leadDays"/> before it is due, never before the term starts.</summary>
    public static DateOnly OpensOn(DateOnly dueOn, int leadDays, DateOnly startsOn)
    {
        var opens = dueOn.AddDays(-leadDays);
        return opens < startsOn ? startsOn : opens;
    }
}
