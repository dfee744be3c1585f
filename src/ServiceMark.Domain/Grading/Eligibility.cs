using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;

namespace ServiceMark.Domain.Grading;

/// <summary>
/// "The last <paramref name="LastCount"/> assessments" must exist, and (when asked) none of them fail and each is at least
/// <paramref name="AtLeastGradeCode"/> on the company's grade scale (e.g. 良好 on the 100-point scale).
/// </summary>
public sealed record RecentResultsRequirement(int LastCount, bool NoneFailing = true, string? AtLeastGradeCode = null);

/// <summary>
/// What a person must meet to be graded <paramref name="LevelCode"/> (R-GRD-3): time at the grade below, years of
/// experience, trainings and certificates (matched by name, exactly), and recent assessment results. Always required too: not
/// on probation, not left, no open demotion flag.
/// </summary>
public sealed record PromotionRequirements(
    string LevelCode,
    int MinMonthsAtCurrentLevel,
    int MinYearsOfExperience,
    IReadOnlyList<string> RequiredTrainings,
    IReadOnlyList<string> RequiredCertificates,
    RecentResultsRequirement? RecentResults);

/// <summary>The eligibility rules of a scheme: one <see cref="PromotionRequirements"/> per grade above the lowest.</summary>
/// <remarks>
/// <see cref="Default"/> for <see cref="GradeScheme.Default"/> (our choice; the seeds give examples only — "1 year as assistant
/// technician", "2 years as senior technician", "5 years of experience"):
/// <list type="table">
/// <item><term>初级 Junior</term><description>12 months as Trainee, 1 year of experience, training 产品与安全基础培训, last 3
/// monthly assessments none failing.</description></item>
/// <item><term>中级 Intermediate</term><description>12 months as Junior, 3 years, training 故障诊断培训, last 6 none
/// failing.</description></item>
/// <item><term>高级 Senior</term><description>24 months as Intermediate, 5 years, training 电气与高压安全培训, certificate
/// 低压电工作业证, last 6 none failing and each at least 良好.</description></item>
/// <item><term>专家 Expert</term><description>24 months as Senior, 8 years, training 带教与授课培训, certificate 低压电工作业证,
/// last 12 none failing and each at least 良好.</description></item>
/// </list>
/// </remarks>
public sealed record EligibilityRules(string SchemeCode, IReadOnlyList<PromotionRequirements> Levels)
{
    public const string ElectricianCertificate = "低压电工作业证";

    public static EligibilityRules Default { get; } = new(GradeScheme.Default.Code,
    [
        new PromotionRequirements(GradeScheme.Junior, 12, 1, ["产品与安全基础培训"], [], new RecentResultsRequirement(3)),
        new PromotionRequirements(GradeScheme.Intermediate, 12, 3, ["故障诊断培训"], [], new RecentResultsRequirement(6)),
        new PromotionRequirements(GradeScheme.Senior, 24, 5, ["电气与高压安全培训"], [ElectricianCertificate],
            new RecentResultsRequirement(6, true, "良好")),
        new PromotionRequirements(GradeScheme.Expert, 24, 8, ["带教与授课培训"], [ElectricianCertificate],
            new RecentResultsRequirement(12, true, "良好")),
    ]);

    public PromotionRequirements? For(string levelCode) => Levels.FirstOrDefault(l => l.LevelCode == levelCode);

    /// <summary>
    /// Every problem at once: rules for exactly the grades above the lowest of <paramref name="scheme"/>, non-negative
    /// minimums, a positive count of recent results, and an "at least" grade that <paramref name="scale"/> knows.
    /// </summary>
    public FieldErrors Check(GradeScheme scheme, GradeScale? scale = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        scale ??= GradeScale.HundredPoint;
        var errors = new FieldErrors();
        if (SchemeCode != scheme.Code)
        {
            errors.Add("schemeCode", "wrong_scheme", $"The rules are for scheme {SchemeCode}, not {scheme.Code}.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Levels.Count; i++)
        {
            var r = Levels[i];
            var field = $"levels[{i}]";
            var index = scheme.IndexOf(r.LevelCode);
            if (index < 0)
            {
                errors.Add($"{field}.levelCode", "unknown", $"The scheme {scheme.Code} has no grade {r.LevelCode}.");
            }
            else if (index == 0)
            {
                errors.Add($"{field}.levelCode", "lowest", $"{r.LevelCode} is the lowest grade: it is the first grading, not a promotion.");
            }
            else if (!seen.Add(r.LevelCode))
            {
                errors.Add($"{field}.levelCode", "duplicate", $"The grade {r.LevelCode} has two rules.");
            }

            if (r.MinMonthsAtCurrentLevel < 0)
            {
                errors.Add($"{field}.minMonthsAtCurrentLevel", "negative", "minMonthsAtCurrentLevel cannot be negative.");
            }

            if (r.MinYearsOfExperience < 0)
            {
                errors.Add($"{field}.minYearsOfExperience", "negative", "minYearsOfExperience cannot be negative.");
            }

            if (r.RecentResults is { } recent)
            {
                if (recent.LastCount < 1)
                {
                    errors.Add($"{field}.recentResults.lastCount", "not_positive", "lastCount must be at least 1.");
                }

                if (recent.AtLeastGradeCode is { } g && scale.Find(g) is null)
                {
                    errors.Add($"{field}.recentResults.atLeastGradeCode", "unknown", $"The grade scale {scale.Name} has no grade {g}.");
                }
            }
        }

        foreach (var level in scheme.Levels.Skip(1).Where(l => !Levels.Any(r => r.LevelCode == l.Code)))
        {
            errors.Add("levels", "missing", $"The grade {level.Code} ({level.NameZh}) has no eligibility rule.");
        }

        return errors;
    }
}

/// <summary>One assessment on record: its period label (e.g. "2026-03"), its last day, its grade code and whether it failed.</summary>
public sealed record AssessmentRecord(string Period, DateOnly LastDay, string GradeCode, bool IsFailing);

/// <summary>
/// The facts eligibility is checked against. <paramref name="CurrentLevelCode"/> is null before the first grading (定级).
/// <paramref name="ExperienceSince"/> is the start of relevant work experience (may be before joining the company).
/// <paramref name="HasOpenDemotionFlag"/>: a demotion flag (R-GRD-6) or demotion case not yet decided.
/// </summary>
public sealed record GradingCandidate(
    int PersonId,
    string? CurrentLevelCode,
    DateOnly? AtCurrentLevelSince,
    DateOnly ExperienceSince,
    EmploymentStatus Status,
    DateOnly? ProbationEndDate,
    IReadOnlyCollection<string> Trainings,
    IReadOnlyCollection<string> Certificates,
    IReadOnlyList<AssessmentRecord> Assessments,
    bool HasOpenDemotionFlag);

/// <summary>One unmet condition: a stable code (UI string key) and the reason in Chinese and English.</summary>
public sealed record UnmetCondition(string Code, string MessageZh, string MessageEn)
{
    public override string ToString() => $"{Code}: {MessageEn} / {MessageZh}";
}

/// <summary>Whether a candidate may apply for <paramref name="LevelCode"/> and, if not, every reason.</summary>
public sealed record EligibilityResult(string LevelCode, IReadOnlyList<UnmetCondition> Unmet)
{
    public bool IsEligible => Unmet.Count == 0;
}

/// <summary>
/// The eligibility check (R-GRD-3): says every condition that is unmet, not only the first, so that the engineer and the
/// superior see at once what is missing.
/// </summary>
/// <remarks>
/// Exact rules:
/// <list type="bullet">
/// <item><b>One level at a time, upward</b> (R-GRD-4): a graded person may apply only for the grade directly above their
/// own. A person not yet graded (first grading after probation or a transfer, 定级) may apply for any grade, since an
/// experienced hire need not start at the bottom; the time-at-grade condition does not apply to them.</item>
/// <item><b>Time at grade</b> in whole months from the date the current grade took effect: Jan 31 → Feb 28 is one month
/// (<see cref="DateOnly.AddMonths"/>). <b>Experience</b> in whole years, likewise.</item>
/// <item><b>Probation</b>: refused while the status is Probation or the probation end date is after the check date; a
/// person who has left is refused too.</item>
/// <item><b>Recent results</b>: the last N assessments by their last day; fewer than N on record is unmet; every failing
/// one and every one below the "at least" grade is named. An assessment whose grade the scale does not know counts as
/// below.</item>
/// <item><b>No open demotion flag</b>: a person flagged for demotion cannot be promoted until the flag is decided.</item>
/// </list>
/// </remarks>
public static class GradeEligibility
{
    public const string UnknownLevel = "unknown_level";
    public const string AlreadyHighest = "already_highest";
    public const string NotNextLevel = "not_next_level";
    public const string NoRule = "no_rule";
    public const string OnProbation = "on_probation";
    public const string HasLeft = "left";
    public const string TimeAtLevel = "time_at_level";
    public const string Experience = "experience";
    public const string TrainingMissing = "training_missing";
    public const string CertificateMissing = "certificate_missing";
    public const string TooFewAssessments = "too_few_assessments";
    public const string FailedAssessment = "failed_assessment";
    public const string BelowGrade = "below_grade";
    public const string OpenDemotionFlag = "open_demotion_flag";

    /// <summary>The check for the grade directly above the candidate's (or the lowest grade before a first grading).</summary>
    public static EligibilityResult CheckNext(
        GradeScheme scheme, EligibilityRules rules, GradingCandidate candidate, DateOnly asOf, GradeScale? scale = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(candidate);
        var target = candidate.CurrentLevelCode is null ? scheme.Lowest : scheme.Above(candidate.CurrentLevelCode);
        if (target is null)
        {
            return new EligibilityResult("", [new UnmetCondition(AlreadyHighest,
                $"已是最高等级({candidate.CurrentLevelCode}),无法再晋级。",
                $"{candidate.CurrentLevelCode} is already the highest grade.")]);
        }

        return Check(scheme, rules, candidate, target.Code, asOf, scale);
    }

    /// <summary>Every unmet condition for <paramref name="candidate"/> to be graded <paramref name="levelCode"/> on <paramref name="asOf"/>.</summary>
    public static EligibilityResult Check(
        GradeScheme scheme, EligibilityRules rules, GradingCandidate candidate, string levelCode, DateOnly asOf, GradeScale? scale = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(candidate);
        scale ??= GradeScale.HundredPoint;
        var unmet = new List<UnmetCondition>();
        var target = scheme.Find(levelCode);
        if (target is null)
        {
            return new EligibilityResult(levelCode, [new UnmetCondition(UnknownLevel,
                $"等级方案中没有等级 {levelCode}。", $"The scheme {scheme.Code} has no grade {levelCode}.")]);
        }

        var initial = candidate.CurrentLevelCode is null;
        if (!initial)
        {
            var current = scheme.IndexOf(candidate.CurrentLevelCode!);
            if (current + 1 != scheme.IndexOf(levelCode))
            {
                var next = scheme.Above(candidate.CurrentLevelCode!);
                unmet.Add(new UnmetCondition(NotNextLevel,
                    $"只能逐级晋升:当前等级 {candidate.CurrentLevelCode},只能申请 {next?.NameZh ?? "(无)"}。",
                    $"Grades go one level at a time, upward: from {candidate.CurrentLevelCode} only {next?.Code ?? "(none)"} can be applied for."));
            }
        }

        if (candidate.Status == EmploymentStatus.Left)
        {
            unmet.Add(new UnmetCondition(HasLeft, "已离职人员不能参加评定。", "The person has left the company."));
        }
        else if (candidate.Status == EmploymentStatus.Probation || candidate.ProbationEndDate > asOf)
        {
            var end = candidate.ProbationEndDate is { } e ? $" ({e:yyyy-MM-dd})" : "";
            unmet.Add(new UnmetCondition(OnProbation,
                $"试用期(试岗期)未满{end},期满后方可定级或晋级。",
                $"Still on probation{end}: grading comes after probation."));
        }

        if (candidate.HasOpenDemotionFlag)
        {
            unmet.Add(new UnmetCondition(OpenDemotionFlag,
                "有未处理的降级标记,处理完毕前不能晋级。",
                "An open demotion flag must be decided before any promotion."));
        }

        var rule = scheme.IndexOf(levelCode) == 0 ? null : rules.For(levelCode);
        if (rule is null && scheme.IndexOf(levelCode) > 0)
        {
            unmet.Add(new UnmetCondition(NoRule, $"等级 {levelCode} 尚未设置晋级条件。", $"No eligibility rule is set for {levelCode}."));
        }

        if (rule is not null)
        {
            CheckRule(rule, candidate, asOf, initial, scale, unmet);
        }

        return new EligibilityResult(levelCode, unmet);
    }

    private static void CheckRule(
        PromotionRequirements rule, GradingCandidate c, DateOnly asOf, bool initial, GradeScale scale, List<UnmetCondition> unmet)
    {
        if (!initial && rule.MinMonthsAtCurrentLevel > 0)
        {
            var months = c.AtCurrentLevelSince is { } since ? WholeMonths(since, asOf) : 0;
            if (months < rule.MinMonthsAtCurrentLevel)
            {
                unmet.Add(new UnmetCondition(TimeAtLevel,
                    $"现等级任职满 {rule.MinMonthsAtCurrentLevel} 个月方可申请,目前 {months} 个月。",
                    $"Needs {rule.MinMonthsAtCurrentLevel} months at the current grade; has {months}."));
            }
        }

        var years = WholeYears(c.ExperienceSince, asOf);
        if (years < rule.MinYearsOfExperience)
        {
            unmet.Add(new UnmetCondition(Experience,
                $"需 {rule.MinYearsOfExperience} 年以上工作经验,目前 {years} 年。",
                $"Needs {rule.MinYearsOfExperience} years of experience; has {years}."));
        }

        foreach (var training in rule.RequiredTrainings.Where(t => !c.Trainings.Contains(t)))
        {
            unmet.Add(new UnmetCondition(TrainingMissing, $"未完成培训:{training}。", $"Training not completed: {training}."));
        }

        foreach (var certificate in rule.RequiredCertificates.Where(t => !c.Certificates.Contains(t)))
        {
            unmet.Add(new UnmetCondition(CertificateMissing, $"缺少证书:{certificate}。", $"Certificate missing: {certificate}."));
        }

        if (rule.RecentResults is { } recent)
        {
            CheckRecent(recent, c.Assessments, scale, unmet);
        }
    }

    private static void CheckRecent(
        RecentResultsRequirement recent, IReadOnlyList<AssessmentRecord> assessments, GradeScale scale, List<UnmetCondition> unmet)
    {
        var last = assessments.OrderByDescending(a => a.LastDay).Take(recent.LastCount).OrderBy(a => a.LastDay).ToList();
        if (last.Count < recent.LastCount)
        {
            unmet.Add(new UnmetCondition(TooFewAssessments,
                $"需最近 {recent.LastCount} 次考核结果,目前只有 {last.Count} 次。",
                $"Needs the last {recent.LastCount} assessments on record; has {last.Count}."));
        }

        if (recent.NoneFailing && last.Where(a => a.IsFailing).Select(a => a.Period).ToList() is { Count: > 0 } failed)
        {
            unmet.Add(new UnmetCondition(FailedAssessment,
                $"最近 {recent.LastCount} 次考核中有不合格:{string.Join("、", failed)}。",
                $"Failed assessments among the last {recent.LastCount}: {string.Join(", ", failed)}."));
        }

        if (recent.AtLeastGradeCode is { } atLeast)
        {
            var bar = IndexIn(scale, atLeast);
            var below = last.Where(a => IndexIn(scale, a.GradeCode) is var i && (i < 0 || i > bar))
                .Select(a => $"{a.Period} {a.GradeCode}").ToList();
            if (below.Count > 0)
            {
                unmet.Add(new UnmetCondition(BelowGrade,
                    $"最近 {recent.LastCount} 次考核需均达到「{atLeast}」及以上,未达到:{string.Join("、", below)}。",
                    $"Each of the last {recent.LastCount} assessments must be {atLeast} or better; not: {string.Join(", ", below)}."));
            }
        }
    }

    private static int IndexIn(GradeScale scale, string code)
    {
        for (var i = 0; i < scale.Bands.Count; i++)
        {
            if (scale.Bands[i].Code == code)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whole months from <paramref name="from"/> to <paramref name="to"/>: the largest n with from + n months ≤ to.</summary>
    public static int WholeMonths(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return 0;
        }

        var n = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        while (n > 0 && from.AddMonths(n) > to)
        {
            n--;
        }

        return n;
    }

    /// <summary>Whole years from <paramref name="from"/> to <paramref name="to"/>: the largest n with from + n years ≤ to.</summary>
    public static int WholeYears(DateOnly from, DateOnly to) => WholeMonths(from, to) / 12;
}
