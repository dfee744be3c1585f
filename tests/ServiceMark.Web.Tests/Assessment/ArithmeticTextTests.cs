using System.Globalization;
using System.Text.RegularExpressions;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Domain.Grading;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.ServiceFacts;
using ServiceMark.Web.Features.Assessment;

namespace ServiceMark.Web.Tests.Assessment;

/// <summary>
/// Every arithmetic text the domain writes reads as Chinese in the Chinese UI (R-ASM-10: a manager must be able to follow
/// the computation). The texts come from the real rules, so a new English phrase in the domain fails here.
/// </summary>
[Trait("Rule", "R-ASM-10")]
public sealed partial class ArithmeticTextTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>Latin words of two letters or more; indicator codes (snake_case identifiers) are names, not prose.</summary>
    [GeneratedRegex(@"(?<![\w#])[A-Za-z]{2,}(?![\w])")]
    private static partial Regex LatinWord();

    public static TheoryData<string> DomainTexts()
    {
        var texts = new List<string>();
        var below = new BelowTargetLinearDeduction(10m, 95m, 1m);
        var wholeOnly = below with { WholePointsOnly = true };
        foreach (var m in new decimal?[] { null, 100m, 95m, 93.5m, 80m, 0m })
        {
            texts.Add(below.Score(m).Arithmetic);
            texts.Add(wholeOnly.Score(m).Arithmetic);
        }

        var bands = new Banded(15m, [new Band(60m, 80m, 0m, 8m), new Band(80m, 90m, 8m, 12m), new Band(90m, 95m, 12m, 15m)]);
        var lowerBetter = bands with { LowerIsBetter = true };
        foreach (var m in new decimal?[] { 100m, 95m, 92.5m, 85m, 59m, null })
        {
            texts.Add(bands.Score(m).Arithmetic);
            texts.Add(lowerBetter.Score(m).Arithmetic);
        }

        var threshold = new Threshold(80m, 5m);
        texts.Add(threshold.Score(85m).Arithmetic);
        texts.Add(threshold.Score(70m).Arithmetic);
        foreach (var n in new int?[] { 0, 1, 3, 5, 30 })
        {
            texts.Add(new PerIncidentDeduction(10m, 5m).Score(n).Arithmetic);
            texts.Add(new PerIncidentDeduction(10m, 1m, AllowanceCount: 3).Score(n).Arithmetic);
            texts.Add(new PerIncidentDeduction(10m, 2.5m, Floor: -5m).Score(n).Arithmetic);
            texts.Add(new PerErrorDeduction(10m).Score(n).Arithmetic);
            texts.Add(new PerIncidentBonus(10m, Cap: 20m).Score(n).Arithmetic);
        }

        texts.Add(new ProportionalBonus(20_000m, 2m).Score(50_000m).Arithmetic);
        texts.Add(new ProportionalBonus(20_000m, 2m, Cap: 4m, WholeUnitsOnly: true).Score(90_000m).Arithmetic);
        texts.Add(new RatingScale(6m, RatingScaleKind.FourPoint).Score(2m).Arithmetic);
        texts.Add(new RatingScale(10m, RatingScaleKind.TenPoint).Score(7m).Arithmetic);

        var weights = new Dictionary<RaterGroup, decimal>
        {
            [RaterGroup.Superior] = 40m, [RaterGroup.Peers] = 30m, [RaterGroup.Subordinates] = 20m, [RaterGroup.OtherDepartments] = 10m,
        };
        texts.Add(RaterGroupWeighting.Combine(weights,
            [new("a", RaterGroup.Superior, 8m), new("b", RaterGroup.Peers, 7m), new("c", RaterGroup.Peers, 9m)]).Value!.Arithmetic);
        texts.Add(RaterGroupWeighting.Combine(weights, []).Value!.Arithmetic);

        var grade = GradeScale.HundredPoint.Grade(86m);
        texts.Add(AssessmentBonus.Quarterly(20_000m, grade, BonusPolicy.Default).Arithmetic);
        texts.Add(AssessmentBonus.YearEnd(20_000m, GradeScale.HundredPoint.Grade(50m), BonusPolicy.Default, null).Arithmetic);
        texts.Add(AssessmentBonus.Pool(new TeamBonusPool(12, 150m, 30, 80m)).Value!.Arithmetic);
        texts.Add(AssessmentBonus.Split(1_000m, [(1, 90m), (2, 85m), (3, 77m)]).Value!.Arithmetic);
        texts.Add(AssessmentBonus.Split(1_000m, [(1, 90m), (2, 85m), (3, 77m)], PoolSplitMethod.BaseTimesScore).Value!.Arithmetic);
        texts.Add(PeriodAggregation.AnnualFromQuarters([80m, null, 90m, 85.5m]).Arithmetic);
        texts.Add(PeriodAggregation.AnnualFromQuarters([null, 70m, null, null]).Arithmetic);
        texts.Add(PeriodAggregation.AnnualFromQuarters([null, null, null, null]).Arithmetic);
        var year = new PeriodScoring.YearQuarters([], Array.Empty<(int Person, (int, int, decimal?) Sheet)>().ToLookup(x => x.Person, x => x.Sheet));
        texts.Add(PeriodScoring.FromQuarters(SeedPlans.All[0], 1, year).Sheet.Arithmetic);

        foreach (var plan in SeedPlans.All)
        {
            var first = plan.Categories.SelectMany(c => c.Indicators).First(i => RuleInputs.InputOf(i.Rule) != InputKind.ManualScore);
            var sheet = PlanScorer.Score(plan, new Dictionary<string, IndicatorInput> { [first.Code] = new(1m) });
            texts.Add(sheet.Value!.Arithmetic);
            texts.AddRange(sheet.Value!.Categories.Select(c => c.Arithmetic));
        }

        var quarter = AssessmentPeriod.Quarter(2026, 3);
        foreach (var history in new List<StatusChange>[]
                 {
                     [new(new DateOnly(2026, 8, 1), EmploymentStatus.Regular)],
                     [new(new DateOnly(2026, 6, 1), EmploymentStatus.Probation)],
                     [new(new DateOnly(2025, 1, 1), EmploymentStatus.Regular), new(new DateOnly(2026, 8, 1), EmploymentStatus.Transferred)],
                     [new(new DateOnly(2025, 1, 1), EmploymentStatus.Regular), new(new DateOnly(2026, 8, 1), EmploymentStatus.Left)],
                     [new(new DateOnly(2025, 1, 1), EmploymentStatus.Transferred)],
                 })
        {
            texts.Add("张三 (E0001): " + PeriodAggregation.IsAssessedIn(history, quarter).Reason);
        }

        texts.Add("张三 (E0001): no published Quarterly plan for 仓库管理员");
        texts.AddRange(ServiceFactsCalculator.Compute([], []).Select(f => $"3/4 · {f.Formula}"));

        texts.AddRange(GradingTexts());

        var data = new TheoryData<string>();
        foreach (var t in texts.Distinct(StringComparer.Ordinal))
        {
            data.Add(t);
        }

        return data;
    }

    /// <summary>The grading side's computations: a month's pay with a grade change in it, a panel's score, points.</summary>
    private static IEnumerable<string> GradingTexts()
    {
        var table = PayTable.Default(new DateOnly(2026, 1, 1));
        foreach (var history in new List<GradeChange>[]
                 {
                     [new(new DateOnly(2026, 1, 1), GradeScheme.Junior, "x")],
                     [new(new DateOnly(2026, 1, 1), GradeScheme.Junior, "x"), new(new DateOnly(2026, 11, 15), GradeScheme.Intermediate, "y")],
                     [new(new DateOnly(2026, 11, 10), GradeScheme.Trainee, "x")],
                 })
        {
            yield return GradePayroll.ForMonth(2026, 11, history, [table]).Value!.Arithmetic;
        }

        var weights = new ExamWeights(GradeScheme.Senior, 30m, 40m, 30m, 70m);
        foreach (var score in new[] { 90m, 50m })
        {
            yield return PanelScoring.Score(weights, Enum.GetValues<ExamPart>().Select(p => new PanelScore(1, p, score)).ToList(), applicantId: 9).Value!.Arithmetic;
        }

        var points = GradeScheme.PointsBased;
        yield return PointsProgression.Evaluate(points, []).Arithmetic;
        yield return PointsProgression.Evaluate(points, Enumerable.Range(1, 12).Select(m => new MonthlyPoints(2025, m, 90m, "sheet")).ToList()).Arithmetic;
        yield return PointsProgression.Evaluate(points, Enumerable.Range(1, 12).SelectMany(m => new[] { new MonthlyPoints(2024, m, 200m, "a"), new MonthlyPoints(2025, m, 200m, "b") }).ToList()).Arithmetic;
    }

    [Theory]
    [MemberData(nameof(DomainTexts))]
    public void Every_domain_arithmetic_reads_as_Chinese(string english)
    {
        var chinese = ArithmeticText.Localize(english, Chinese);

        var left = LatinWord().Matches(chinese).Select(m => m.Value).Where(w => !w.Contains('_', StringComparison.Ordinal)).ToList();
        Assert.True(left.Count == 0, $"English left in \"{chinese}\" (from \"{english}\"): {string.Join(", ", left)}");
    }

    [Fact]
    public void Numbers_are_kept_exactly_and_English_readers_see_the_original()
    {
        var text = new BelowTargetLinearDeduction(10m, 95m, 1m).Score(93.5m).Arithmetic;

        Assert.Equal(text, ArithmeticText.Localize(text, CultureInfo.GetCultureInfo("en")));
        var chinese = ArithmeticText.Localize(text, Chinese);
        Assert.Equal(Numbers(text), Numbers(chinese));
    }

    [Fact]
    public void A_manual_score_comment_is_shown_as_typed()
    {
        var text = new ManualScore(0m, 10m).Score(7m, "self and peers: 3 incidents; no data").Value!.Arithmetic;

        var chinese = ArithmeticText.Localize(text, Chinese);

        Assert.StartsWith("人工评分 7（范围 0 至 10）：", chinese, StringComparison.Ordinal);
        Assert.EndsWith("self and peers: 3 incidents; no data", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Indicator_codes_read_as_the_plan_names_them()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["first_time_fix"] = "一次修复率", ["fix"] = "不该替换" };

        var text = ArithmeticText.Localize("(0) = 0 of 15 scored points × 25 ÷ 15 = 0 (not scored: first_time_fix, plm_use)", names, Chinese);

        Assert.Equal("(0) = 0（已计分指标满分 15）× 25 ÷ 15 = 0 （未计分：一次修复率, plm_use）", text);
    }

    private static List<string> Numbers(string text) => Regex.Matches(text, @"\d+(\.\d+)?").Select(m => m.Value).ToList();
}
