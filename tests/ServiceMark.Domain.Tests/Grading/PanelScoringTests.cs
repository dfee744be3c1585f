using CsCheck;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Grading;

namespace ServiceMark.Domain.Tests.Grading;

[Trait("Rule", "R-GRD-4")]
public sealed class PanelScoringTests
{
    private static readonly ExamWeights Senior = ExamWeights.Defaults.Single(w => w.LevelCode == "Senior");
    private static readonly ExamWeights Junior = ExamWeights.Defaults.Single(w => w.LevelCode == "Junior");
    private const int Applicant = 1;

    private static PanelScore S(int member, ExamPart part, decimal score) => new(member, part, score);

    [Fact]
    public void Default_weights_add_up_and_have_a_pass_mark()
    {
        Assert.All(ExamWeights.Defaults, w => Assert.False(w.Check().Any, w.LevelCode));
        Assert.Equal([60m, 60m, 60m, 70m, 70m], ExamWeights.Defaults.Select(w => w.PassMark));
    }

    [Fact]
    public void Weighted_score_is_the_weighted_mean_per_part_rounded_once()
    {
        var result = PanelScoring.Score(Senior,
        [
            S(4, ExamPart.Theory, 80m), S(7, ExamPart.Theory, 90m),
            S(4, ExamPart.Practical, 70m), S(7, ExamPart.Practical, 75m), S(5, ExamPart.Practical, 72m),
            S(4, ExamPart.Teaching, 60m), S(7, ExamPart.Teaching, 66m),
        ], Applicant).Value!;
        // 85 × 0.3 + 72.333… × 0.4 + 63 × 0.3 = 25.5 + 28.9333… + 18.9 = 73.3333… → 73.33
        Assert.Equal(73.33m, result.WeightedScore);
        Assert.True(result.Passed);
        Assert.Equal([4, 5, 7], result.MemberIds);
        Assert.Equal(85m, result.PartMeans[ExamPart.Theory]);
        Assert.Equal(
            "Theory mean(80, 90) = 85 × 30 % + Practical mean(70, 75, 72) = ≈72.33 × 40 % + Teaching mean(60, 66) = 63 × 30 % = 73.33 ≥ pass mark 70 → passed 合格",
            result.Arithmetic);
    }

    [Fact]
    public void Below_the_pass_mark_fails()
    {
        var result = PanelScoring.Score(Junior, [S(4, ExamPart.Theory, 60m), S(4, ExamPart.Practical, 59.9m)], Applicant).Value!;
        Assert.Equal(59.94m, result.WeightedScore);
        Assert.False(result.Passed);
        Assert.EndsWith("59.94 < pass mark 60 → failed 不合格", result.Arithmetic, StringComparison.Ordinal);
        Assert.True(PanelScoring.Score(Junior, [S(4, ExamPart.Theory, 60m), S(4, ExamPart.Practical, 60m)], Applicant).Value!.Passed);
    }

    [Fact]
    public void Missing_parts_are_refused_each_named()
    {
        var refusal = PanelScoring.Score(Senior, [S(4, ExamPart.Theory, 80m)], Applicant).Refusal!;
        Assert.Equal([("practical", PanelScoring.MissingPart), ("teaching", PanelScoring.MissingPart)], refusal.Errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void Bad_scores_are_refused_together()
    {
        var refusal = PanelScoring.Score(Junior,
        [
            S(4, ExamPart.Theory, 101m), S(4, ExamPart.Theory, 50m), S(4, ExamPart.Practical, 70.005m), S(4, ExamPart.Teaching, 70m),
        ], Applicant).Refusal!;
        Assert.Equal(
        [
            ("scores[0].score", "out_of_range"), ("scores[1]", PanelScoring.DuplicateScore),
            ("scores[2].score", "out_of_range"), ("scores[3].part", PanelScoring.PartNotExamined),
        ], refusal.Errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void The_applicant_cannot_score_their_own_examination()
    {
        var refusal = PanelScoring.Score(Junior, [S(Applicant, ExamPart.Theory, 100m), S(4, ExamPart.Practical, 70m)], Applicant).Refusal!;
        Assert.Equal((RefusalKind.Forbidden, PanelScoring.OwnExamination), (refusal.Kind, refusal.Code));
    }

    [Fact]
    public void Weights_that_do_not_add_up_are_refused()
    {
        var refusal = PanelScoring.Score(new ExamWeights("Junior", 50m, 40m, 0m, 60m), [S(4, ExamPart.Theory, 70m)], Applicant).Refusal!;
        Assert.Equal("not_100", refusal.Errors.Single().Code);
    }

    [Fact]
    public void Property_the_weighted_score_lies_between_the_lowest_and_highest_part_mean() =>
        Gen.Select(Gen.Int[0, 100].Array[1, 5], Gen.Int[0, 100].Array[1, 5], Gen.Int[0, 100].Array[1, 5]).Sample((t, p, c) =>
        {
            var scores = t.Select((s, i) => S(10 + i, ExamPart.Theory, s))
                .Concat(p.Select((s, i) => S(10 + i, ExamPart.Practical, s)))
                .Concat(c.Select((s, i) => S(10 + i, ExamPart.Teaching, s)))
                .ToArray();
            var result = PanelScoring.Score(Senior, scores, Applicant).Value!;
            var means = result.PartMeans.Values.ToList();
            return result.WeightedScore >= Rounding.Round(means.Min()) && result.WeightedScore <= Rounding.Round(means.Max())
                   && result.Passed == (result.WeightedScore >= 70m);
        });
}
