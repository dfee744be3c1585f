using ServiceMark.Domain.Assessment;

namespace ServiceMark.Domain.Tests.Assessment.Results;

[Trait("Rule", "R-ASM-7")]
public sealed class GradeScaleTests
{
    [Theory]
    [InlineData("100", "优秀", false)]
    [InlineData("90", "优秀", false)]
    [InlineData("89.99", "良好", false)]
    [InlineData("89.995", "优秀", false)] // rounds to 90.00 first
    [InlineData("75", "良好", false)]
    [InlineData("74.99", "合格", false)]
    [InlineData("60", "合格", false)]
    [InlineData("59.99", "不合格", true)]
    [InlineData("0", "不合格", true)]
    public void Hundred_point_cut_offs(string score, string code, bool failing)
    {
        var result = GradeScale.HundredPoint.Grade(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((code, failing), (result.Grade.Code, result.IsFailing));
    }

    [Theory]
    [InlineData("5", "A")]
    [InlineData("4.99", "B")]
    [InlineData("4.9", "B")]
    [InlineData("4", "B")]
    [InlineData("3.99", "C")]
    [InlineData("3", "C")]
    [InlineData("2.99", "D")]
    public void Five_point_cut_offs(string score, string code) =>
        Assert.Equal(code, GradeScale.FivePoint.Grade(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)).Grade.Code);

    [Fact]
    public void Arithmetic_names_the_cut_off()
    {
        Assert.Equal("90 ≥ 90 → 优秀 (Excellent)", GradeScale.HundredPoint.Grade(90m).Arithmetic);
        Assert.Equal("59.99 below 60 → 不合格 (Fail), a failing grade", GradeScale.HundredPoint.Grade(59.99m).Arithmetic);
    }

    [Theory]
    [InlineData("100", "5", "A")]
    [InlineData("99", "4.95", "B")]
    [InlineData("80", "4", "B")]
    [InlineData("79.9", "4", "B")] // 3.995 rounds to 4.00: graded on the number shown
    [InlineData("79.89", "3.99", "C")]
    [InlineData("60", "3", "C")]
    [InlineData("59.9", "3", "C")]
    [InlineData("59.89", "2.99", "D")]
    [InlineData("0", "0", "D")]
    public void Hundred_to_five_point_is_total_over_20_rounded(string total, string converted, string code)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var result = GradeScale.HundredToFivePoint(decimal.Parse(total, ci));
        Assert.Equal((decimal.Parse(converted, ci), code), (result.Score, result.Grade.Code));
    }

    [Fact]
    public void Conversion_shows_its_arithmetic() =>
        Assert.Equal("79.9 ÷ 20 = 3.995 ≈ 4; 4 ≥ 4 → B (Basically meets the standard)", GradeScale.HundredToFivePoint(79.9m).Arithmetic);

    [Fact]
    public void Out_of_range_scores_are_argument_errors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GradeScale.HundredPoint.Grade(100.01m));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradeScale.HundredPoint.Grade(-1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradeScale.HundredToFivePoint(101m));
    }

    [Fact]
    public void Default_scales_pass_the_check()
    {
        Assert.False(GradeScale.HundredPoint.Check().Any);
        Assert.False(GradeScale.FivePoint.Check().Any);
    }

    [Fact]
    public void Check_refuses_unordered_gapped_and_inverted_scales()
    {
        var scale = new GradeScale("x", 100m,
        [
            new GradeBand("a", "A", 60m, false),
            new GradeBand("b", "B", 80m, false),
            new GradeBand("c", "C", 10m, true),
            new GradeBand("a", "D", 5m, false),
        ]);
        Assert.Equal(
            ["bands[1].minScore:not_descending", "bands[3].code:duplicate", "bands[3].isFailing:failing_above_passing", "bands[3].minScore:gap"],
            ScoringTestSupport.Codes(scale.Check()));
        Assert.Throws<InvalidOperationException>(() => scale.Grade(50m));
    }

    [Fact]
    public void Check_needs_two_grades_a_failing_one_and_cut_offs_within_the_scale()
    {
        Assert.Equal(["bands:too_few"], ScoringTestSupport.Codes(new GradeScale("x", 100m, [new GradeBand("a", "A", 0m, true)]).Check()));
        var noFail = new GradeScale("x", 100m, [new GradeBand("a", "A", 120m, false), new GradeBand("b", "B", 0m, false)]);
        Assert.Equal(["bands[0].minScore:out_of_range", "bands:no_failing_grade"], ScoringTestSupport.Codes(noFail.Check()));
    }

    [Fact]
    public void Cut_offs_are_configurable()
    {
        var strict = GradeScale.HundredPoint with
        {
            Bands = [.. GradeScale.HundredPoint.Bands.Select(b => b.Code == "合格" ? b with { MinScore = 65m } : b)],
        };
        Assert.True(strict.Grade(64m).IsFailing);
        Assert.False(GradeScale.HundredPoint.Grade(64m).IsFailing);
    }
}
