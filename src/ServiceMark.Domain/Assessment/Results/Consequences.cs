namespace ServiceMark.Domain.Assessment;

/// <summary>A formal warning (黄牌 / 红牌).</summary>
public enum CardColour
{
    Yellow,
    Red,
}

/// <summary>A yellow or red card issued on a date with a reason (R-ASM-7).</summary>
public sealed record Card(CardColour Colour, DateOnly IssuedOn, string Reason);

/// <summary>One assessed quarter and whether its grade failed.</summary>
public sealed record QuarterOutcome(int Year, int Quarter, bool Failed);

/// <summary>One assessed month and whether its grade failed. A month that was not assessed is simply absent.</summary>
public sealed record MonthOutcome(int Year, int Month, bool Failed);

/// <summary>The consequences of results (R-ASM-8, R-GRD-6).</summary>
public enum ConsequenceKind
{
    /// <summary>A failed quarter pays no quarterly bonus; salary is not deducted.</summary>
    NoQuarterlyBonus,

    /// <summary>Two failed quarters, two yellow cards or one red card in the year cancel the year-end assessment.</summary>
    NoYearEndAssessment,

    /// <summary>Two consecutive failed monthly assessments flag a technical-grade demotion for review (R-GRD-6).</summary>
    DemotionFlag,
}

/// <summary>A consequence and its reason in words. <paramref name="Period"/> is what it applies to ("2025 Q2", "2025").</summary>
public sealed record Consequence(ConsequenceKind Kind, string Period, string Reason);

/// <summary>What results and cards lead to (R-ASM-8, R-GRD-6). Pure: the caller passes the year's outcomes and cards.</summary>
public static class Consequences
{
    /// <summary>Default: failed quarters in a year that cancel the year-end assessment.</summary>
    public const int FailedQuartersCancellingYearEnd = 2;

    /// <summary>Default: yellow cards in a year that cancel the year-end assessment.</summary>
    public const int YellowCardsCancellingYearEnd = 2;

    /// <summary>Default: red cards in a year that cancel the year-end assessment.</summary>
    public const int RedCardsCancellingYearEnd = 1;

    /// <summary>
    /// Every consequence for <paramref name="year"/>: one <see cref="ConsequenceKind.NoQuarterlyBonus"/> per failed quarter,
    /// at most one <see cref="ConsequenceKind.NoYearEndAssessment"/> naming every reason that applies, and the demotion flags
    /// of <see cref="DemotionFlags"/> that end in the year. Cards count by the date they were issued.
    /// </summary>
    public static IReadOnlyList<Consequence> ForYear(
        int year, IEnumerable<QuarterOutcome> quarters, IEnumerable<Card> cards, IEnumerable<MonthOutcome> months)
    {
        var result = new List<Consequence>();
        var inYear = quarters.Where(q => q.Year == year).OrderBy(q => q.Quarter).ToList();
        foreach (var q in inYear.Where(q => q.Failed))
        {
            result.Add(new Consequence(ConsequenceKind.NoQuarterlyBonus, $"{year} Q{q.Quarter}",
                $"{year} Q{q.Quarter} was failed: no quarterly bonus for it; salary is not deducted"));
        }

        var reasons = new List<string>();
        var failed = inYear.Where(q => q.Failed).Select(q => $"Q{q.Quarter}").ToList();
        if (failed.Count >= FailedQuartersCancellingYearEnd)
        {
            reasons.Add($"{failed.Count} failed quarters ({string.Join(", ", failed)})");
        }

        var cardsInYear = cards.Where(c => c.IssuedOn.Year == year).OrderBy(c => c.IssuedOn).ToList();
        var yellow = cardsInYear.Where(c => c.Colour == CardColour.Yellow).ToList();
        var red = cardsInYear.Where(c => c.Colour == CardColour.Red).ToList();
        if (yellow.Count >= YellowCardsCancellingYearEnd)
        {
            reasons.Add($"{yellow.Count} yellow cards ({Describe(yellow)})");
        }

        if (red.Count >= RedCardsCancellingYearEnd)
        {
            reasons.Add($"{(red.Count == 1 ? "a red card" : $"{red.Count} red cards")} ({Describe(red)})");
        }

        if (reasons.Count > 0)
        {
            result.Add(new Consequence(ConsequenceKind.NoYearEndAssessment, $"{year}",
                $"no year-end assessment for {year}: {string.Join("; ", reasons)}"));
        }

        result.AddRange(DemotionFlags(months).Where(f => EndsIn(f, year)));
        return result;
    }

    /// <summary>
    /// One demotion flag per run of two or more consecutive failed monthly assessments (R-GRD-6). "Consecutive" means
    /// adjacent calendar months (December and the next January included): the seeds' 连续两个月 is about months, and a
    /// demotion must not join two failures that lie apart in time. So a month that was not assessed between two failed
    /// ones breaks the run, as does a passed month.
    /// </summary>
    public static IReadOnlyList<Consequence> DemotionFlags(IEnumerable<MonthOutcome> months)
    {
        var ordered = months.OrderBy(m => m.Year).ThenBy(m => m.Month).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (Index(ordered[i]) == Index(ordered[i - 1]))
            {
                throw new ArgumentException($"{Label(ordered[i])} appears twice.", nameof(months));
            }
        }

        var flags = new List<Consequence>();
        var run = new List<MonthOutcome>();
        foreach (var m in ordered.Append(null))
        {
            if (m is not null && m.Failed && (run.Count == 0 || Index(m) == Index(run[^1]) + 1))
            {
                run.Add(m);
                continue;
            }

            if (run.Count >= 2)
            {
                flags.Add(new Consequence(ConsequenceKind.DemotionFlag, $"{Label(run[0])}..{Label(run[^1])}",
                    $"{run.Count} consecutive failed monthly assessments ({string.Join(", ", run.Select(Label))}): " +
                    "flagged for a one-level technical-grade demotion, to be decided with evidence and approvals"));
            }

            run.Clear();
            if (m is not null && m.Failed)
            {
                run.Add(m);
            }
        }

        return flags;
    }

    private static bool EndsIn(Consequence flag, int year) => flag.Period[(flag.Period.IndexOf("..", StringComparison.Ordinal) + 2)..].StartsWith($"{year}-", StringComparison.Ordinal);

    private static int Index(MonthOutcome m) => (m.Year * 12) + m.Month - 1;

    private static string Label(MonthOutcome m) => $"{m.Year}-{m.Month:00}";

    private static string Describe(IEnumerable<Card> cards) =>
        string.Join(", ", cards.Select(c => $"{c.IssuedOn:yyyy-MM-dd}: {c.Reason.Trim()}"));
}
