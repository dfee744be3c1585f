using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Grading;

/// <summary>The parts of the panel's examination (R-GRD-4): theory exam, practical (实操), teaching / case presentation (授课/案例).</summary>
public enum ExamPart
{
    Theory,
    Practical,
    Teaching,
}

/// <summary>
/// How the examination for <paramref name="LevelCode"/> is weighted (percent, adding up to 100) and the weighted score needed to
/// pass. A part weighted 0 is not examined for this grade.
/// </summary>
public sealed record ExamWeights(string LevelCode, decimal TheoryPercent, decimal PracticalPercent, decimal TeachingPercent, decimal PassMark)
{
    public decimal PercentOf(ExamPart part) => part switch
    {
        ExamPart.Theory => TheoryPercent,
        ExamPart.Practical => PracticalPercent,
        _ => TeachingPercent,
    };

    /// <summary>
    /// Defaults for <see cref="GradeScheme.Default"/> (our choice; the seed names the parts and says "weights per level"
    /// without numbers): the higher the grade, the more teaching and cases count, and senior and above — appointed after
    /// passing — need 70 instead of 60.
    /// <list type="table">
    /// <item><term>见习 Trainee</term><description>theory 50 / practical 50 / teaching 0, pass 60</description></item>
    /// <item><term>初级 Junior</term><description>40 / 60 / 0, pass 60</description></item>
    /// <item><term>中级 Intermediate</term><description>30 / 50 / 20, pass 60</description></item>
    /// <item><term>高级 Senior</term><description>30 / 40 / 30, pass 70</description></item>
    /// <item><term>专家 Expert</term><description>20 / 40 / 40, pass 70</description></item>
    /// </list>
    /// </summary>
    public static IReadOnlyList<ExamWeights> Defaults { get; } =
    [
        new(GradeScheme.Trainee, 50m, 50m, 0m, 60m),
        new(GradeScheme.Junior, 40m, 60m, 0m, 60m),
        new(GradeScheme.Intermediate, 30m, 50m, 20m, 60m),
        new(GradeScheme.Senior, 30m, 40m, 30m, 70m),
        new(GradeScheme.Expert, 20m, 40m, 40m, 70m),
    ];

    /// <summary>Every problem at once: each percent 0–100, the three add up to 100, the pass mark 0–100.</summary>
    public FieldErrors Check()
    {
        var errors = new FieldErrors();
        errors.RequiredText("levelCode", LevelCode, GradeScheme.CodeMaxLength);
        foreach (var part in Enum.GetValues<ExamPart>())
        {
            var value = PercentOf(part);
            if (value is < 0 or > 100)
            {
                errors.Add($"{Camel(part)}Percent", "out_of_range", $"{Camel(part)}Percent must be between 0 and 100.");
            }
        }

        var sum = TheoryPercent + PracticalPercent + TeachingPercent;
        if (sum != 100m)
        {
            errors.Add("weights", "not_100", $"The weights add up to {Num.S(sum)}, not 100. 权重之和必须为 100。");
        }

        if (PassMark is < 0 or > 100)
        {
            errors.Add("passMark", "out_of_range", "passMark must be between 0 and 100.");
        }

        return errors;
    }

    internal static string Camel(ExamPart part) => part.ToString().ToLowerInvariant();
}

/// <summary>One panel member's score (0–100, at most 2 decimals) for one part of one applicant's examination.</summary>
public sealed record PanelScore(int MemberId, ExamPart Part, decimal Score);

/// <summary>The panel's result: mean per part, the weighted score, the pass mark, whether it passed, and the arithmetic.</summary>
public sealed record PanelResult(
    string LevelCode,
    IReadOnlyDictionary<ExamPart, decimal> PartMeans,
    decimal WeightedScore,
    decimal PassMark,
    bool Passed,
    IReadOnlyList<int> MemberIds,
    string Arithmetic);

/// <summary>
/// The panel's weighted score (考评小组, R-GRD-4).
/// </summary>
/// <remarks>
/// Exact rule: for each part weighted above 0, the arithmetic mean of the members' scores for that part (each member scores
/// a part at most once; members need not score every part); weighted score = Σ mean × weight ÷ 100, computed exactly and
/// rounded once by <see cref="Rounding"/>; passed when the rounded weighted score ≥ the pass mark. Refused: a weighted part
/// nobody scored (missing part), a score for a part weighted 0, a score outside 0–100 or with more than 2 decimals, a member
/// scoring a part twice, and — forbidden — a score by the applicant (nobody examines their own application).
/// </remarks>
public static class PanelScoring
{
    public const string MissingPart = "missing_part";
    public const string PartNotExamined = "part_not_examined";
    public const string DuplicateScore = "duplicate_score";
    public const string OwnExamination = "own_examination";

    public static Result<PanelResult> Score(ExamWeights weights, IReadOnlyCollection<PanelScore> scores, int applicantId)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(scores);
        var weightErrors = weights.Check();
        if (weightErrors.Any)
        {
            return weightErrors.ToRefusal();
        }

        if (scores.Any(s => s.MemberId == applicantId))
        {
            return new Refusal(RefusalKind.Forbidden, OwnExamination,
                "The applicant cannot be on the panel that examines their own application. 申请人不得评审本人的申请。", []);
        }

        var errors = new FieldErrors();
        var i = 0;
        var seen = new HashSet<(int, ExamPart)>();
        foreach (var s in scores)
        {
            var field = $"scores[{i++}]";
            if (s.Score is < 0 or > 100 || Rounding.Round(s.Score) != s.Score)
            {
                errors.Add($"{field}.score", "out_of_range", $"{field}.score must be between 0 and 100 with at most {Rounding.Decimals} decimals.");
            }

            if (weights.PercentOf(s.Part) == 0m)
            {
                errors.Add($"{field}.part", PartNotExamined, $"{s.Part} is not examined for {weights.LevelCode} (weight 0).");
            }

            if (!seen.Add((s.MemberId, s.Part)))
            {
                errors.Add($"{field}", DuplicateScore, $"Member {s.MemberId} scored {s.Part} twice.");
            }
        }

        foreach (var part in Enum.GetValues<ExamPart>().Where(p => weights.PercentOf(p) > 0 && scores.All(s => s.Part != p)))
        {
            errors.Add($"{ExamWeights.Camel(part)}", MissingPart, $"No panel member scored the {part} part, which weighs {Num.S(weights.PercentOf(part))} %. 缺少该部分成绩。");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var means = new Dictionary<ExamPart, decimal>();
        var exact = 0m;
        var terms = new List<string>();
        foreach (var part in Enum.GetValues<ExamPart>().Where(p => weights.PercentOf(p) > 0))
        {
            var partScores = scores.Where(s => s.Part == part).Select(s => s.Score).ToList();
            var mean = partScores.Sum() / partScores.Count;
            means[part] = mean;
            exact += mean * weights.PercentOf(part) / 100m;
            var shownMean = Rounding.Round(mean) == mean ? Num.S(mean) : $"≈{Num.S(Rounding.Round(mean))}";
            terms.Add($"{part} mean({string.Join(", ", partScores.Select(Num.S))}) = {shownMean} × {Num.S(weights.PercentOf(part))} %");
        }

        var weighted = Rounding.Round(exact);
        var passed = weighted >= weights.PassMark;
        var arithmetic = $"{string.Join(" + ", terms)} = {Num.S(weighted)}"
                         + $" {(passed ? "≥" : "<")} pass mark {Num.S(weights.PassMark)} → {(passed ? "passed 合格" : "failed 不合格")}";
        return new PanelResult(weights.LevelCode, means, weighted, weights.PassMark, passed,
            scores.Select(s => s.MemberId).Distinct().Order().ToArray(), arithmetic);
    }
}
