using ServiceMark.Domain.Organisation;

namespace ServiceMark.Domain.Assessment;

/// <summary>How long an <see cref="AssessmentPeriod"/> is (R-ASM-4).</summary>
public enum AssessmentPeriodLength
{
    Month,
    Quarter,
    Year,
}

/// <summary>A month, quarter or year being assessed (考核周期). <paramref name="Number"/> is the month 1–12, quarter 1–4, or 1 for a year.</summary>
public sealed record AssessmentPeriod
{
    private AssessmentPeriod(AssessmentPeriodLength length, int year, int number)
    {
        Length = length;
        Year = year;
        Number = number;
    }

    public AssessmentPeriodLength Length { get; }
    public int Year { get; }
    public int Number { get; }

    public static AssessmentPeriod Month(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return new(AssessmentPeriodLength.Month, CheckYear(year), month);
    }

    public static AssessmentPeriod Quarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        return new(AssessmentPeriodLength.Quarter, CheckYear(year), quarter);
    }

    public static AssessmentPeriod OfYear(int year) => new(AssessmentPeriodLength.Year, CheckYear(year), 1);

    public DateOnly FirstDay => Length switch
    {
        AssessmentPeriodLength.Month => new DateOnly(Year, Number, 1),
        AssessmentPeriodLength.Quarter => new DateOnly(Year, (Number * 3) - 2, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    public DateOnly LastDay => NextFirstDay.AddDays(-1);

    /// <summary>The first day after the period.</summary>
    public DateOnly NextFirstDay => Length switch
    {
        AssessmentPeriodLength.Month => FirstDay.AddMonths(1),
        AssessmentPeriodLength.Quarter => FirstDay.AddMonths(3),
        _ => FirstDay.AddYears(1),
    };

    public override string ToString() => Length switch
    {
        AssessmentPeriodLength.Month => $"{Year}-{Number:00}",
        AssessmentPeriodLength.Quarter => $"{Year} Q{Number}",
        _ => $"{Year}",
    };

    private static int CheckYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        return year;
    }
}

/// <summary>From <paramref name="From"/> on, the person's employment status is <paramref name="Status"/> (until the next change).</summary>
public sealed record StatusChange(DateOnly From, EmploymentStatus Status);

/// <summary>Whether a person is assessed in a period, and why (R-ORG-4).</summary>
public sealed record PeriodEligibility(bool IsAssessed, string Reason);

/// <summary>Period results (R-ASM-4): who is assessed, and the annual result of quarterly-assessed staff.</summary>
public static class PeriodAggregation
{
    /// <summary>
    /// A person is assessed in a period only if they were in an assessed status (regular or transferred, see
    /// <see cref="EmploymentStatusRules.IsAssessed"/>) on every day of it. So a probation ending mid-month starts assessment
    /// with the next month, and no score mixes probation work with regular work; a person who leaves mid-period is not
    /// assessed for that period. Before the first status change the person was not employed.
    /// </summary>
    public static PeriodEligibility IsAssessedIn(IEnumerable<StatusChange> history, AssessmentPeriod period)
    {
        var changes = history.OrderBy(c => c.From).ToList();
        for (var i = 1; i < changes.Count; i++)
        {
            if (changes[i].From == changes[i - 1].From)
            {
                throw new ArgumentException($"Two status changes on {changes[i].From:yyyy-MM-dd}.", nameof(history));
            }
        }

        var atStart = changes.LastOrDefault(c => c.From <= period.FirstDay);
        if (atStart is null)
        {
            return new(false, $"not employed on {period.FirstDay:yyyy-MM-dd}, the first day of {period}");
        }

        if (!atStart.Status.IsAssessed())
        {
            return new(false, $"{Describe(atStart.Status)} on {period.FirstDay:yyyy-MM-dd}, the first day of {period}: not assessed");
        }

        var later = changes.FirstOrDefault(c => c.From > period.FirstDay && c.From <= period.LastDay && !c.Status.IsAssessed());
        if (later is not null)
        {
            return new(false, $"{Describe(later.Status)} from {later.From:yyyy-MM-dd}, within {period}: not assessed");
        }

        return new(true, $"{Describe(atStart.Status)} throughout {period}: assessed");
    }

    /// <summary>
    /// Annual result of quarterly-assessed staff (seed 004 第12条): the arithmetic mean of the quarters that were assessed.
    /// <paramref name="quarters"/> holds Q1–Q4 in order; null is a quarter not assessed (probation, not yet hired, left), which
    /// is left out of the mean rather than counted as 0, because there was no work to assess. No assessed quarter → not scored.
    /// </summary>
    public static ScoreResult AnnualFromQuarters(IReadOnlyList<decimal?> quarters)
    {
        if (quarters.Count != 4)
        {
            throw new ArgumentException("Give the four quarters, null for a quarter that was not assessed.", nameof(quarters));
        }

        var assessed = quarters.Select((q, i) => (Quarter: i + 1, Total: q)).Where(q => q.Total is not null).ToList();
        var skipped = quarters.Select((q, i) => (Quarter: i + 1, Total: q)).Where(q => q.Total is null).Select(q => $"Q{q.Quarter}").ToList();
        var note = skipped.Count == 0 ? "" : $" ({string.Join(", ", skipped)} not assessed, left out)";
        if (assessed.Count == 0)
        {
            return new ScoreResult(null, "no quarter assessed: not scored");
        }

        var sum = assessed.Sum(q => q.Total!.Value);
        var exact = sum / assessed.Count;
        var mean = Common.Rounding.Round(exact);
        var terms = string.Join(" + ", assessed.Select(q => Num.S(q.Total!.Value)));
        var result = exact == mean ? Num.S(mean) : $"{Num.S(Math.Round(exact, 6))} ≈ {Num.S(mean)}";
        return new ScoreResult(mean, assessed.Count == 1
            ? $"only Q{assessed[0].Quarter} assessed: {Num.S(mean)}{note}"
            : $"({terms}) ÷ {assessed.Count} = {result}{note}");
    }

    private static string Describe(EmploymentStatus status) => status switch
    {
        EmploymentStatus.Probation => "on probation",
        EmploymentStatus.Regular => "regular",
        EmploymentStatus.Transferred => "transferred (on trial in a new position)",
        EmploymentStatus.Left => "left",
        _ => status.ToString(),
    };
}

/// <summary>One person's place in a team or department ranking.</summary>
public sealed record RankedTotal(int PersonId, decimal Total, int Rank, bool IsTied);

/// <summary>Ranking within a team or department (R-ASM-7).</summary>
public static class TeamRanking
{
    /// <summary>
    /// Standard competition ranking ("1, 2, 2, 4"): equal totals share a rank and the next rank skips, so a rank always says
    /// how many did better (rank − 1), which is what "third in the team" should mean. Totals are compared after the rounding
    /// rule — the numbers people see. Ties are listed by person id, only to make the order repeatable.
    /// </summary>
    public static IReadOnlyList<RankedTotal> Rank(IEnumerable<(int PersonId, decimal Total)> totals)
    {
        var ordered = totals.Select(t => (t.PersonId, Total: Common.Rounding.Round(t.Total)))
            .OrderByDescending(t => t.Total).ThenBy(t => t.PersonId).ToList();
        if (ordered.Select(t => t.PersonId).Distinct().Count() != ordered.Count)
        {
            throw new ArgumentException("A person appears twice in the ranking.", nameof(totals));
        }

        var result = new List<RankedTotal>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Total == ordered[i - 1].Total ? result[i - 1].Rank : i + 1;
            var tied = ordered.Count(t => t.Total == ordered[i].Total) > 1;
            result.Add(new RankedTotal(ordered[i].PersonId, ordered[i].Total, rank, tied));
        }

        return result;
    }
}
