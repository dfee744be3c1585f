using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Assessment.Plans;

namespace ServiceMark.Domain.Tests.Assessment.Plans;

/// <summary>The scoring standard (评分标准) in Chinese, as the seeds write it, for every rule kind of every shipped plan.</summary>
[Trait("Rule", "R-ASM-10")]
public sealed class RuleDescriptionTests
{
    [Fact]
    public void The_seeds_rules_read_as_the_seeds_write_them()
    {
        Assert.Equal("≥95% 得 15 分；每低 1 个百分点扣 1 分，扣完为止", RuleInputs.DescribeZh(new BelowTargetLinearDeduction(15m, 95m, 1m)));
        Assert.Equal("90–95% 得 12–15 分；区间外 0 分（满分 15）",
            RuleInputs.DescribeZh(new Banded(15m, [new Band(90m, 95m, 12m, 15m)])));
        Assert.Equal("≥80% 得 3 分，否则 0 分", RuleInputs.DescribeZh(new Threshold(80m, 3m)));
        Assert.Equal("15 分；超过 3 次后每次扣 1 分，最低 0 分", RuleInputs.DescribeZh(new PerIncidentDeduction(15m, 1m, 3)));
        Assert.Equal("每次加 10 分，最多 20 分", RuleInputs.DescribeZh(new PerIncidentBonus(10m, 20m)));
        Assert.Equal("金额 ÷ 20000 × 2 分，不封顶", RuleInputs.DescribeZh(new ProportionalBonus(20000m, 2m)));
        Assert.Equal("很满意 3 / 较满意 2 / 不满意 1 / 很不满意 0，评分 ÷ 3 × 8", RuleInputs.DescribeZh(new RatingScale(8m, RatingScaleKind.FourPoint)));
        Assert.Equal("10 分；每出现一次差错扣 3 分，扣完为止", RuleInputs.DescribeZh(new PerErrorDeduction(10m)));
        Assert.Equal("评定 0–10 分，须填写说明", RuleInputs.DescribeZh(new ManualScore(0m, 10m)));
    }

    [Fact]
    public void Every_rule_of_every_shipped_plan_has_a_chinese_standard()
    {
        foreach (var indicator in SeedPlans.All.SelectMany(p => p.Categories).SelectMany(c => c.Indicators))
        {
            var text = RuleInputs.DescribeZh(indicator.Rule);
            Assert.NotEqual(indicator.Rule.Kind, text);
            Assert.Contains("分", text, StringComparison.Ordinal);
        }
    }
}
