using CsCheck;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;
using static ServiceMark.Domain.Tests.Assessment.ScoringTestSupport;

namespace ServiceMark.Domain.Tests.Assessment;

[Trait("Rule", "R-ASM-3")]
public sealed class ManualScoreTests
{
    private static readonly ManualScore Deduction = new(-10m, 0m);
    private static readonly ManualScore Bonus = new(0m, 20m);

    private static IEnumerable<string> RefusalCodes(Result<ScoreResult> result) =>
        result.Refusal!.Errors.Select(e => $"{e.Field}:{e.Code}");

    [Fact]
    public void A_value_within_the_range_with_a_comment_is_the_score()
    {
        var result = Deduction.Score(-3.5m, "  Left the site untidy  ");
        Assert.True(result.Succeeded);
        Assert.Equal(-3.5m, result.Value!.Points);
        Assert.Equal("manual −3.5 (range −10 to 0): Left the site untidy", result.Value.Arithmetic);
        Assert.Equal(-10m, Deduction.Score(-10m, "x").Value!.Points);
        Assert.Equal(0m, Deduction.Score(0m, "x").Value!.Points);
        Assert.Equal(20m, Bonus.Score(20m, "Rescued a key account").Value!.Points);
    }

    [Theory]
    [InlineData("-10.01")]
    [InlineData("0.01")]
    public void Out_of_range_is_refused_not_clamped(string value)
    {
        var result = Deduction.Score(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), "reason");
        Assert.Equal(RefusalKind.Validation, result.Refusal!.Kind);
        Assert.Equal(["score:out_of_range"], RefusalCodes(result));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_comment_is_always_required(string? comment)
    {
        Assert.Equal(["comment:required"], RefusalCodes(Bonus.Score(5m, comment)));
        Assert.Equal(["comment:required"], RefusalCodes(Deduction.Score(-5m, comment)));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        Assert.Equal(["score:out_of_range", "comment:required"], RefusalCodes(Bonus.Score(21m, null)));
        Assert.Equal(["score:too_precise", "comment:too_long"], RefusalCodes(Bonus.Score(1.005m, new string('x', ManualScore.CommentMaxLength + 1))));
    }

    [Fact]
    public void Not_entered_is_not_scored() => Assert.Equal(ScoreResult.NotScored, Bonus.Score(null, null).Value);

    [Fact]
    public void Check_lists_every_invalid_parameter()
    {
        Assert.False(Bonus.Check().Any);
        Assert.False(new ManualScore(5m, 5m).Check().Any);
        Assert.Equal(["max:below_min"], Codes(new ManualScore(1m, 0m).Check()));
        Assert.Equal(["min:too_precise", "max:too_precise"], Codes(new ManualScore(0.001m, 1.001m).Check()));
        Assert.Throws<InvalidOperationException>(() => new ManualScore(1m, 0m).Score(0.5m, "x"));
    }

    [Fact]
    public void Any_value_within_the_range_is_kept_exactly_and_any_outside_is_refused() =>
        Gen.Select(Gen.Int[-10_000, 10_000], Gen.Int[0, 10_000], Gen.Int[-30_000, 30_000]).Sample((min, width, v) =>
        {
            var rule = new ManualScore(min / 100m, (min + width) / 100m);
            var value = v / 100m;
            var result = rule.Score(value, "reason");
            return value >= rule.Min && value <= rule.Max
                ? result.Succeeded && result.Value!.Points == value
                : !result.Succeeded;
        });
}
