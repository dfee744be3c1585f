using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Grading;

/// <summary>
/// When applications for some grades of a scheme are taken (R-GRD-5): a window opening on the 1st of every
/// <paramref name="EveryMonths"/>-th month — the months m with (m − <paramref name="PhaseMonth"/>) divisible by
/// <paramref name="EveryMonths"/> — and lasting <paramref name="WindowDays"/> calendar days. <paramref name="LevelCodes"/>
/// are the grades applied for (the target grade, not the current one).
/// </summary>
public sealed record GradingCycle(string SchemeCode, IReadOnlyList<string> LevelCodes, int EveryMonths, int PhaseMonth, int WindowDays)
{
    /// <summary>
    /// Default (seed 002 "每年度第四季度组织"): once a year for every grade of <see cref="GradeScheme.Default"/>, the window
    /// being October 1–31; the examinations and approvals follow in November and December.
    /// </summary>
    public static IReadOnlyList<GradingCycle> Annual { get; } =
    [
        new(GradeScheme.Default.Code, GradeScheme.Default.Levels.Select(l => l.Code).ToArray(), 12, 10, 31),
    ];

    /// <summary>
    /// The server-engineer alternative (seed 002 "初级工程师每2个月一次;中级工程师以上每6个月一次"): Trainee and Junior every
    /// 2 months from January (windows of 10 days: Jan, Mar, May, Jul, Sep, Nov), Intermediate and above every 6 months from
    /// January (windows of 15 days: Jan, Jul). First gradings (Trainee) go with the junior cycle — our choice.
    /// </summary>
    public static IReadOnlyList<GradingCycle> PerLevel { get; } =
    [
        new(GradeScheme.Default.Code, [GradeScheme.Trainee, GradeScheme.Junior], 2, 1, 10),
        new(GradeScheme.Default.Code, [GradeScheme.Intermediate, GradeScheme.Senior, GradeScheme.Expert], 6, 1, 15),
    ];

    private static readonly int[] DividersOf12 = [1, 2, 3, 4, 6, 12];

    /// <summary>
    /// Every problem of a set of cycles for <paramref name="scheme"/>: intervals dividing a year (1, 2, 3, 4, 6 or 12 months,
    /// so the windows repeat every year), phase month 1–12, a window of 1 day up to 28 × the interval (never overlapping the
    /// next window), known grades, and each grade in at most one cycle.
    /// </summary>
    public static FieldErrors Check(GradeScheme scheme, IReadOnlyList<GradingCycle> cycles)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        var errors = new FieldErrors();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cycles.Count; i++)
        {
            var c = cycles[i];
            var field = $"cycles[{i}]";
            if (c.SchemeCode != scheme.Code)
            {
                errors.Add($"{field}.schemeCode", "wrong_scheme", $"The cycle is for scheme {c.SchemeCode}, not {scheme.Code}.");
            }

            if (!DividersOf12.Contains(c.EveryMonths))
            {
                errors.Add($"{field}.everyMonths", "not_divider_of_12", "everyMonths must be 1, 2, 3, 4, 6 or 12.");
            }

            if (c.PhaseMonth is < 1 or > 12)
            {
                errors.Add($"{field}.phaseMonth", "out_of_range", "phaseMonth must be between 1 and 12.");
            }

            if (c.WindowDays < 1 || c.WindowDays > 28 * Math.Max(1, c.EveryMonths))
            {
                errors.Add($"{field}.windowDays", "out_of_range", $"windowDays must be between 1 and {28 * Math.Max(1, c.EveryMonths)}.");
            }

            if (c.LevelCodes.Count == 0)
            {
                errors.Add($"{field}.levelCodes", "required", "A cycle covers at least one grade.");
            }

            foreach (var code in c.LevelCodes)
            {
                if (scheme.IndexOf(code) < 0)
                {
                    errors.Add($"{field}.levelCodes", "unknown", $"The scheme {scheme.Code} has no grade {code}.");
                }
                else if (!seen.Add(code))
                {
                    errors.Add($"{field}.levelCodes", "duplicate", $"The grade {code} is in two cycles.");
                }
            }
        }

        return errors;
    }
}

/// <summary>An open window: applications for <paramref name="LevelCodes"/> are taken from <paramref name="Opens"/> to <paramref name="Closes"/>, both included.</summary>
public sealed record GradingWindow(string SchemeCode, IReadOnlyList<string> LevelCodes, DateOnly Opens, DateOnly Closes)
{
    public bool IsOpenOn(DateOnly day) => day >= Opens && day <= Closes;
}

/// <summary>Who a reminder is for.</summary>
public enum ReminderAudience
{
    Engineer,
    Superior,
}

/// <summary>An engineer found eligible (<see cref="GradeEligibility"/>) for <paramref name="LevelCode"/>, and their superior.</summary>
public sealed record EligibleEngineer(int PersonId, int? SuperiorId, string LevelCode);

/// <summary>A reminder to send on <paramref name="On"/> to <paramref name="RecipientId"/> about <paramref name="EngineerId"/>'s grading.</summary>
public sealed record GradingReminder(
    DateOnly On, ReminderAudience Audience, int RecipientId, int EngineerId, string LevelCode, GradingWindow Window, string Message);

/// <summary>
/// How long before a window opens the eligible engineer and their superior are told (default 7 days), and how long before it
/// closes the superior is reminded to confirm the applications (default 3 days).
/// </summary>
public sealed record ReminderSettings(int DaysBeforeOpening = 7, int DaysBeforeClosing = 3);

/// <summary>Grading windows in a year and the reminders for them (R-GRD-5). Calendar days; no clock is read.</summary>
public static class GradingCalendar
{
    /// <summary>The windows of <paramref name="cycles"/> opening in <paramref name="year"/>, by opening date.</summary>
    public static IReadOnlyList<GradingWindow> Windows(IEnumerable<GradingCycle> cycles, int year) =>
        cycles
            .SelectMany(c => Enumerable.Range(1, 12)
                .Where(m => ((m - c.PhaseMonth) % c.EveryMonths + c.EveryMonths) % c.EveryMonths == 0)
                .Select(m => new DateOnly(year, m, 1))
                .Select(opens => new GradingWindow(c.SchemeCode, c.LevelCodes, opens, opens.AddDays(c.WindowDays - 1))))
            .OrderBy(w => w.Opens).ThenBy(w => w.LevelCodes.Count > 0 ? w.LevelCodes[0] : "", StringComparer.Ordinal)
            .ToList();

    /// <summary>The window open on <paramref name="day"/> for applications for <paramref name="levelCode"/>, or null.</summary>
    public static GradingWindow? OpenFor(IEnumerable<GradingCycle> cycles, string levelCode, DateOnly day)
    {
        var list = cycles.ToList();
        return Windows(list, day.Year).Concat(Windows(list, day.Year - 1))
            .FirstOrDefault(w => w.LevelCodes.Contains(levelCode) && w.IsOpenOn(day));
    }

    /// <summary>
    /// The window for applications for <paramref name="levelCode"/> open on <paramref name="day"/>, else the next one to open;
    /// null when no cycle covers the grade (its applications are not bound to a window).
    /// </summary>
    public static GradingWindow? CurrentOrNext(IEnumerable<GradingCycle> cycles, string levelCode, DateOnly day)
    {
        var list = cycles.Where(c => c.LevelCodes.Contains(levelCode)).ToList();
        if (list.Count == 0)
        {
            return null;
        }

        return OpenFor(list, levelCode, day)
               ?? Windows(list, day.Year).Concat(Windows(list, day.Year + 1)).FirstOrDefault(w => w.Opens > day);
    }

    /// <summary>
    /// For each engineer eligible for a grade the window covers: the engineer on opening − DaysBeforeOpening; their superior
    /// on the same day and again on closing − DaysBeforeClosing (but never before the window opens). Engineers eligible for
    /// grades the window does not cover get nothing; no superior, no superior reminders. Sorted by date, recipient, engineer.
    /// </summary>
    public static IReadOnlyList<GradingReminder> Reminders(
        GradingWindow window, IEnumerable<EligibleEngineer> eligible, ReminderSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(window);
        settings ??= new ReminderSettings();
        var announce = window.Opens.AddDays(-settings.DaysBeforeOpening);
        var lastCall = window.Closes.AddDays(-settings.DaysBeforeClosing);
        if (lastCall < window.Opens)
        {
            lastCall = window.Opens;
        }

        var span = $"{window.Opens:yyyy-MM-dd}–{window.Closes:yyyy-MM-dd}";
        var reminders = new List<GradingReminder>();
        foreach (var e in eligible.Where(e => window.LevelCodes.Contains(e.LevelCode)))
        {
            reminders.Add(new GradingReminder(announce, ReminderAudience.Engineer, e.PersonId, e.PersonId, e.LevelCode, window,
                $"技术等级评定申请窗口 {span}:您已符合 {e.LevelCode} 的申请条件。 The grading window {span} is coming: you are eligible for {e.LevelCode}."));
            if (e.SuperiorId is { } superior)
            {
                reminders.Add(new GradingReminder(announce, ReminderAudience.Superior, superior, e.PersonId, e.LevelCode, window,
                    $"下属 {e.PersonId} 符合 {e.LevelCode} 申请条件,评定窗口 {span}。 Person {e.PersonId} is eligible for {e.LevelCode}; window {span}."));
                reminders.Add(new GradingReminder(lastCall, ReminderAudience.Superior, superior, e.PersonId, e.LevelCode, window,
                    $"请在 {window.Closes:yyyy-MM-dd} 前确认下属 {e.PersonId} 的评定申请。 Confirm person {e.PersonId}'s application by {window.Closes:yyyy-MM-dd}."));
            }
        }

        return reminders.OrderBy(r => r.On).ThenBy(r => r.RecipientId).ThenBy(r => r.EngineerId).ThenBy(r => r.Audience).ToList();
    }
}
