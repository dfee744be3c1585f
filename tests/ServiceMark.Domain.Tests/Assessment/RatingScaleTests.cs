using CsCheck;
using ServiceMark.Domain.Assessment;
using static ServiceMark.Domain.Tests.Assessment.ScoringTestSupport;

namespace ServiceMark.Domain.Tests.Assessment;

[Trait("Rule", "R-ASM-3")]
public sealed class RatingScaleTests
{
    private static readonly RatingScale FourPoint = new(15m, RatingScaleKind.FourPoint);
    private static readonly RatingScale TenPoint = new(10m, RatingScaleKind.TenPoint);

    [Theory]
    [InlineData("很满意", "15")]
    [InlineData("较满意", "10")]
    [InlineData("不满意", "5")]
    [InlineData("很不满意", "0")]
    public void Four_point_answers_map_linearly_onto_the_points(string answer, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            FourPoint.Score(RatingScale.FourPointAnswers[answer]).Points);

    [Fact]
    public void An_average_four_point_rating_is_interpolated_and_rounded_once()
    {
        Assert.Equal(12.5m, FourPoint.Score(2.5m).Points);
        Assert.Equal("rating 2.5 ÷ 3 × 15 = 12.5", FourPoint.Score(2.5m).Arithmetic);
        Assert.Equal(3.33m, new RatingScale(5m, RatingScaleKind.FourPoint).Score(2m).Points); // 3.333…
        Assert.Equal(1.67m, new RatingScale(5m, RatingScaleKind.FourPoint).Score(1m).Points); // 1.666…
    }

    [Theory]
    [InlineData("10", "10")]
    [InlineData("1", "1")]
    [InlineData("8.5", "8.5")]
    [InlineData("9", "9")]
    public void Ten_point_ratings_give_their_proportion_of_the_points(string rating, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            TenPoint.Score(decimal.Parse(rating, System.Globalization.CultureInfo.InvariantCulture)).Points);

    [Fact]
    public void Ten_point_on_other_points() => Assert.Equal(1.5m, new RatingScale(15m, RatingScaleKind.TenPoint).Score(1m).Points);

    [Theory]
    [InlineData(RatingScaleKind.FourPoint, "-0.01")]
    [InlineData(RatingScaleKind.FourPoint, "3.01")]
    [InlineData(RatingScaleKind.TenPoint, "0.99")]
    [InlineData(RatingScaleKind.TenPoint, "10.01")]
    [InlineData(RatingScaleKind.TenPoint, "0")]
    public void A_rating_outside_the_scale_is_an_argument_error(RatingScaleKind scale, string rating) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new RatingScale(10m, scale).Score(decimal.Parse(rating, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void No_answers_are_not_scored() => Assert.Equal(ScoreResult.NotScored, TenPoint.Score(null));

    [Fact]
    public void Check_lists_every_invalid_parameter()
    {
        Assert.False(FourPoint.Check().Any);
        Assert.Equal(["points:negative", "scale:unknown"], Codes(new RatingScale(-1m, (RatingScaleKind)7).Check()));
        Assert.Throws<InvalidOperationException>(() => new RatingScale(-1m, RatingScaleKind.TenPoint).Score(5m));
    }

    [Fact]
    public void A_better_rating_never_gives_fewer_points_and_results_stay_within_0_and_Points() =>
        Gen.Select(Gen.Int[0, 10_000], Gen.Bool, Gen.Int[0, 10_000], Gen.Int[0, 10_000]).Sample((p, ten, a, b) =>
        {
            var rule = new RatingScale(p / 100m, ten ? RatingScaleKind.TenPoint : RatingScaleKind.FourPoint);
            decimal Rating(int i) => rule.ScaleMin + (rule.ScaleMax - rule.ScaleMin) * i / 10_000m;
            var worse = rule.Score(Rating(Math.Min(a, b))).Points!.Value;
            var better = rule.Score(Rating(Math.Max(a, b))).Points!.Value;
            return worse <= better && worse >= 0 && better <= rule.Points && HasAtMostTwoDecimals(worse) && HasAtMostTwoDecimals(better);
        });
}
