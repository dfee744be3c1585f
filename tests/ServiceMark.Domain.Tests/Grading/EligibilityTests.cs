using ServiceMark.Domain.Grading;
using ServiceMark.Domain.Organisation;

namespace ServiceMark.Domain.Tests.Grading;

[Trait("Rule", "R-GRD-3")]
public sealed class EligibilityTests
{
    private static readonly DateOnly AsOf = new(2026, 10, 8);

    private static AssessmentRecord Month(int month, string grade = "良好", bool failing = false) =>
        new($"2026-{month:00}", new DateOnly(2026, month, DateTime.DaysInMonth(2026, month)), grade, failing);

    /// <summary>An intermediate engineer who meets every condition for Senior.</summary>
    private static GradingCandidate Ready() => new(
        PersonId: 7,
        CurrentLevelCode: "Intermediate",
        AtCurrentLevelSince: new DateOnly(2024, 10, 1),
        ExperienceSince: new DateOnly(2021, 3, 1),
        Status: EmploymentStatus.Regular,
        ProbationEndDate: new DateOnly(2021, 6, 1),
        Trainings: ["电气与高压安全培训", "故障诊断培训"],
        Certificates: [EligibilityRules.ElectricianCertificate],
        Assessments: [Month(3), Month(4), Month(5, "优秀"), Month(6), Month(7), Month(8), Month(9)],
        HasOpenDemotionFlag: false);

    private static EligibilityResult Check(GradingCandidate c, string level = "Senior") =>
        GradeEligibility.Check(GradeScheme.Default, EligibilityRules.Default, c, level, AsOf);

    [Fact]
    public void Default_rules_are_valid_for_the_default_scheme() =>
        Assert.False(EligibilityRules.Default.Check(GradeScheme.Default).Any);

    [Fact]
    public void A_candidate_meeting_every_condition_is_eligible()
    {
        var result = Check(Ready());
        Assert.True(result.IsEligible, string.Join("; ", result.Unmet));
        Assert.Equal("Senior", GradeEligibility.CheckNext(GradeScheme.Default, EligibilityRules.Default, Ready(), AsOf).LevelCode);
    }

    public static TheoryData<string, string> EachConditionAlone() => new()
    {
        { "time_at_level", GradeEligibility.TimeAtLevel },
        { "experience", GradeEligibility.Experience },
        { "training", GradeEligibility.TrainingMissing },
        { "certificate", GradeEligibility.CertificateMissing },
        { "too_few", GradeEligibility.TooFewAssessments },
        { "failed", GradeEligibility.FailedAssessment },
        { "below", GradeEligibility.BelowGrade },
        { "flag", GradeEligibility.OpenDemotionFlag },
        { "probation_status", GradeEligibility.OnProbation },
        { "probation_date", GradeEligibility.OnProbation },
        { "left", GradeEligibility.HasLeft },
        { "skip", GradeEligibility.NotNextLevel },
        { "same", GradeEligibility.NotNextLevel },
        { "down", GradeEligibility.NotNextLevel },
    };

    [Theory]
    [MemberData(nameof(EachConditionAlone))]
    public void Each_condition_failing_alone_is_the_only_reason_given(string failing, string code)
    {
        var c = Ready();
        c = failing switch
        {
            "time_at_level" => c with { AtCurrentLevelSince = new DateOnly(2024, 10, 9) }, // 23 whole months
            "experience" => c with { ExperienceSince = new DateOnly(2021, 10, 9) }, // 4 whole years
            "training" => c with { Trainings = ["故障诊断培训"] },
            "certificate" => c with { Certificates = [] },
            "too_few" => c with { Assessments = [Month(5), Month(6), Month(7), Month(8), Month(9)] },
            "failed" => c with { Assessments = [.. c.Assessments.Where(a => a.Period != "2026-06"), Month(6, "优秀", failing: true)] },
            "below" => c with { Assessments = [.. c.Assessments.Where(a => a.Period != "2026-07"), Month(7, "合格")] },
            "flag" => c with { HasOpenDemotionFlag = true },
            "probation_status" => c with { Status = EmploymentStatus.Probation },
            "probation_date" => c with { Status = EmploymentStatus.Transferred, ProbationEndDate = new DateOnly(2026, 11, 1) },
            "left" => c with { Status = EmploymentStatus.Left },
            "skip" => c with { CurrentLevelCode = "Junior" },
            "same" => c with { CurrentLevelCode = "Senior" },
            "down" => c with { CurrentLevelCode = "Expert" },
            _ => c,
        };

        var result = Check(c);

        var unmet = Assert.Single(result.Unmet);
        Assert.Equal(code, unmet.Code);
        Assert.False(string.IsNullOrWhiteSpace(unmet.MessageZh));
        Assert.False(string.IsNullOrWhiteSpace(unmet.MessageEn));
    }

    [Fact]
    public void Every_unmet_condition_is_listed_at_once_in_words()
    {
        var c = Ready() with
        {
            AtCurrentLevelSince = new DateOnly(2026, 1, 1),
            ExperienceSince = new DateOnly(2024, 1, 1),
            Trainings = [],
            Certificates = [],
            Assessments = [Month(8, "合格"), Month(9, "不合格", failing: true)],
            HasOpenDemotionFlag = true,
        };
        var result = Check(c);
        Assert.Equal(
        [
            GradeEligibility.OpenDemotionFlag, GradeEligibility.TimeAtLevel, GradeEligibility.Experience,
            GradeEligibility.TrainingMissing, GradeEligibility.CertificateMissing, GradeEligibility.TooFewAssessments,
            GradeEligibility.FailedAssessment, GradeEligibility.BelowGrade,
        ], result.Unmet.Select(u => u.Code));
        var texts = result.Unmet.ToDictionary(u => u.Code);
        Assert.Equal("Needs 24 months at the current grade; has 9.", texts[GradeEligibility.TimeAtLevel].MessageEn);
        Assert.Equal("现等级任职满 24 个月方可申请,目前 9 个月。", texts[GradeEligibility.TimeAtLevel].MessageZh);
        Assert.Equal("Needs 5 years of experience; has 2.", texts[GradeEligibility.Experience].MessageEn);
        Assert.Equal("Certificate missing: 低压电工作业证.", texts[GradeEligibility.CertificateMissing].MessageEn);
        Assert.Equal("Failed assessments among the last 6: 2026-09.", texts[GradeEligibility.FailedAssessment].MessageEn);
        Assert.Equal("Each of the last 6 assessments must be 良好 or better; not: 2026-08 合格, 2026-09 不合格.", texts[GradeEligibility.BelowGrade].MessageEn);
    }

    [Fact]
    public void Only_the_last_n_assessments_count()
    {
        // A failure seven months ago is outside the last 6.
        var c = Ready() with { Assessments = [Month(2, "不合格", failing: true), .. Ready().Assessments] };
        Assert.True(Check(c).IsEligible);
    }

    [Fact]
    public void A_first_grading_may_target_any_grade_and_ignores_time_at_grade()
    {
        var hire = Ready() with { CurrentLevelCode = null, AtCurrentLevelSince = null };
        Assert.True(Check(hire, "Senior").IsEligible);
        Assert.True(Check(hire, "Trainee").IsEligible);
        Assert.Equal("Trainee", GradeEligibility.CheckNext(GradeScheme.Default, EligibilityRules.Default, hire, AsOf).LevelCode);
    }

    [Fact]
    public void The_highest_grade_and_unknown_grades_say_so()
    {
        var expert = Ready() with { CurrentLevelCode = "Expert" };
        Assert.Equal(GradeEligibility.AlreadyHighest,
            GradeEligibility.CheckNext(GradeScheme.Default, EligibilityRules.Default, expert, AsOf).Unmet.Single().Code);
        Assert.Equal(GradeEligibility.UnknownLevel, Check(Ready(), "P9").Unmet.Single().Code);
        var noRules = new EligibilityRules("default", []);
        Assert.Equal(GradeEligibility.NoRule,
            GradeEligibility.Check(GradeScheme.Default, noRules, Ready(), "Senior", AsOf).Unmet.Single().Code);
    }

    [Theory]
    [InlineData("2024-01-31", "2024-02-29", 1)]
    [InlineData("2024-01-31", "2024-02-28", 0)]
    [InlineData("2024-03-15", "2026-03-14", 23)]
    [InlineData("2024-03-15", "2026-03-15", 24)]
    [InlineData("2026-03-15", "2024-03-15", 0)]
    public void Whole_months_count_complete_months(string from, string to, int months) =>
        Assert.Equal(months, GradeEligibility.WholeMonths(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Rules_check_lists_every_problem()
    {
        var rules = new EligibilityRules("default",
        [
            new PromotionRequirements("Trainee", 0, 0, [], [], null),
            new PromotionRequirements("Junior", -1, -1, [], [], new RecentResultsRequirement(0, true, "超好")),
            new PromotionRequirements("Junior", 0, 0, [], [], null),
            new PromotionRequirements("P3", 0, 0, [], [], null),
        ]);
        var errors = rules.Check(GradeScheme.Default).All.Select(e => (e.Field, e.Code)).ToList();
        Assert.Equal(
        [
            ("levels[0].levelCode", "lowest"),
            ("levels[1].minMonthsAtCurrentLevel", "negative"), ("levels[1].minYearsOfExperience", "negative"),
            ("levels[1].recentResults.lastCount", "not_positive"), ("levels[1].recentResults.atLeastGradeCode", "unknown"),
            ("levels[2].levelCode", "duplicate"), ("levels[3].levelCode", "unknown"),
            ("levels", "missing"), ("levels", "missing"), ("levels", "missing"),
        ], errors);
    }
}
