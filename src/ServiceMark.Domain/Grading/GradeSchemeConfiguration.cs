using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Grading;

/// <summary>
/// Everything a company configures about one grade scheme (R-GRD-1, R-GRD-3, R-GRD-4, R-GRD-5, R-GRD-7), as one document: the
/// grades (<see cref="GradeScheme"/>), what each grade above the lowest requires (<see cref="EligibilityRules"/>), how the
/// panel weighs each grade's examination and its pass mark (<see cref="ExamWeights"/>), and when applications are taken
/// (<see cref="GradingCycle"/>).
/// </summary>
public sealed record GradeSchemeConfiguration(
    GradeScheme Scheme, EligibilityRules Eligibility, IReadOnlyList<ExamWeights> Exams, IReadOnlyList<GradingCycle> Cycles)
{
    public string Code => Scheme.Code;

    /// <summary>The examination weights and pass mark for <paramref name="levelCode"/>, or null when the grade is not examined.</summary>
    public ExamWeights? ExamFor(string levelCode) => Exams.FirstOrDefault(e => e.LevelCode == levelCode);

    /// <summary>
    /// Whether applications for <paramref name="levelCode"/> go through the panel's examination: every grade of an examined
    /// scheme; in a points scheme only grades appointed after passing (the others are reached by points).
    /// </summary>
    public bool IsExamined(string levelCode) =>
        Scheme.Find(levelCode) is { } level && (Scheme.Kind == GradeSchemeKind.Examined || level.AppointedAfterPassing);

    /// <summary>
    /// Every problem at once, with field paths: the scheme's own (<c>code</c>, <c>levels[i].nameZh</c> …), eligibility's under
    /// <c>eligibility.</c> (<c>eligibility.levels[i].minYearsOfExperience</c>), each examination's under <c>exams[i].</c>
    /// (<c>exams[i].passMark</c>, <c>exams[i].weights</c>) plus <c>exams</c> "missing" for an examined grade without weights,
    /// and the cycles' (<c>cycles[i].windowDays</c>). Grades the scheme does not know are named wherever they are used.
    /// </summary>
    public FieldErrors Check(GradeScale? scale = null)
    {
        var errors = Scheme.Check();
        if (Scheme.Levels is null || Scheme.Levels.Count < 2)
        {
            return errors;
        }

        foreach (var e in Eligibility.Check(Scheme, scale).All)
        {
            errors.Add($"eligibility.{e.Field}", e.Code, e.Message);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Exams.Count; i++)
        {
            var exam = Exams[i];
            var field = $"exams[{i}]";
            foreach (var e in exam.Check().All)
            {
                errors.Add($"{field}.{e.Field}", e.Code, e.Message);
            }

            if (string.IsNullOrWhiteSpace(exam.LevelCode))
            {
                continue;
            }

            if (Scheme.IndexOf(exam.LevelCode) < 0)
            {
                errors.Add($"{field}.levelCode", "unknown", $"The scheme {Scheme.Code} has no grade {exam.LevelCode}.");
            }
            else if (!seen.Add(exam.LevelCode))
            {
                errors.Add($"{field}.levelCode", "duplicate", $"The grade {exam.LevelCode} has two examinations.");
            }
        }

        foreach (var level in Scheme.Levels.Where(l => IsExamined(l.Code) && !seen.Contains(l.Code)))
        {
            errors.Add("exams", "missing", $"The grade {level.Code} ({level.NameZh}) has no examination weights. 该等级缺少考评权重。");
        }

        foreach (var e in GradingCycle.Check(Scheme, Cycles).All)
        {
            errors.Add(e.Field, e.Code, e.Message);
        }

        return errors;
    }

    /// <summary>The four example schemes of <see cref="GradeScheme.Examples"/>, each with eligibility, examinations and cycles.</summary>
    /// <remarks>
    /// <see cref="GradeScheme.Default"/>: <see cref="EligibilityRules.Default"/>, <see cref="ExamWeights.Defaults"/>,
    /// <see cref="GradingCycle.Annual"/>. <see cref="GradeScheme.PointsBased"/>: the same rules, weights and annual cycle.
    /// <see cref="GradeScheme.PLevels"/> (our choice): P(n) needs 12 months at P(n−1) below P5 and 24 from P5, n−1 years of
    /// experience, the last 6 months none failing (and each at least 良好 from P5); weights as Junior below P4, as Intermediate
    /// at P4, as Senior from P5; cycles as <see cref="GradingCycle.PerLevel"/> (P1–P3 every 2 months, P4–P8 every 6).
    /// <see cref="GradeScheme.WorkshopTechnicians"/> (the seed's car-dealer example: "1 year as assistant technician", "2 years as
    /// senior technician", "5 years of experience"): 12 / 24 / 24 months at the grade below, 1 / 3 / 5 years; annual cycle.
    /// </remarks>
    public static IReadOnlyList<GradeSchemeConfiguration> Examples { get; } =
    [
        new(GradeScheme.Default, EligibilityRules.Default, ExamWeights.Defaults, GradingCycle.Annual),
        PLevelsExample(),
        TechniciansExample(),
        new(GradeScheme.PointsBased, EligibilityRules.Default with { SchemeCode = GradeScheme.PointsBased.Code }, ExamWeights.Defaults,
            [GradingCycle.Annual[0] with { SchemeCode = GradeScheme.PointsBased.Code }]),
    ];

    private static GradeSchemeConfiguration PLevelsExample()
    {
        var s = GradeScheme.PLevels;
        var rules = s.Levels.Skip(1).Select((l, i) =>
        {
            var n = i + 2;
            return new PromotionRequirements(l.Code, n >= 5 ? 24 : 12, n - 1, [], [], new RecentResultsRequirement(6, true, n >= 5 ? "良好" : null));
        }).ToArray();
        var exams = s.Levels.Select((l, i) => (i + 1) switch
        {
            < 4 => new ExamWeights(l.Code, 40m, 60m, 0m, 60m),
            4 => new ExamWeights(l.Code, 30m, 50m, 20m, 60m),
            _ => new ExamWeights(l.Code, 30m, 40m, 30m, 70m),
        }).ToArray();
        return new(s, new EligibilityRules(s.Code, rules), exams,
        [
            new GradingCycle(s.Code, ["P1", "P2", "P3"], 2, 1, 10),
            new GradingCycle(s.Code, ["P4", "P5", "P6", "P7", "P8"], 6, 1, 15),
        ]);
    }

    private static GradeSchemeConfiguration TechniciansExample()
    {
        var s = GradeScheme.WorkshopTechnicians;
        return new(s, new EligibilityRules(s.Code,
            [
                new PromotionRequirements("Technician", 12, 1, [], [], new RecentResultsRequirement(3)),
                new PromotionRequirements("SeniorTechnician", 24, 3, [], [], new RecentResultsRequirement(6)),
                new PromotionRequirements("MasterTechnician", 24, 5, [], [], new RecentResultsRequirement(6, true, "良好")),
            ]),
            [
                new ExamWeights("Assistant", 50m, 50m, 0m, 60m),
                new ExamWeights("Technician", 40m, 60m, 0m, 60m),
                new ExamWeights("SeniorTechnician", 30m, 50m, 20m, 60m),
                new ExamWeights("MasterTechnician", 30m, 40m, 30m, 70m),
            ],
            [new GradingCycle(s.Code, s.Levels.Select(l => l.Code).ToArray(), 12, 10, 31)]);
    }
}
