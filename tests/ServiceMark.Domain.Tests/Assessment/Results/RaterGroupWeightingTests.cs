using System.Reflection;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Tests.Assessment.Results;

[Trait("Rule", "R-ASM-6")]
public sealed class RaterGroupWeightingTests
{
    private static readonly Dictionary<RaterGroup, decimal> SupervisorWeights = new()
    {
        [RaterGroup.Superior] = 50m, [RaterGroup.Peers] = 30m, [RaterGroup.Subordinates] = 20m,
    };

    private static RaterRating R(string id, RaterGroup group, decimal score) => new(id, group, score);

    private static ThreeSixtyResult Ok(Result<ThreeSixtyResult> result) =>
        result.Value ?? throw new InvalidOperationException(result.Refusal!.Message);

    [Fact]
    public void Mean_within_groups_weighted_over_groups()
    {
        var result = Ok(RaterGroupWeighting.Combine(SupervisorWeights,
        [
            R("s", RaterGroup.Superior, 90m), R("p1", RaterGroup.Peers, 80m), R("p2", RaterGroup.Peers, 90m),
            R("u1", RaterGroup.Subordinates, 70m), R("u2", RaterGroup.Subordinates, 75m), R("u3", RaterGroup.Subordinates, 80m),
        ]));
        Assert.Equal(85.5m, result.Score); // 90×0.5 + 85×0.3 + 75×0.2
        Assert.Equal(
            "superior: 1 rater, 90; peers: 2 raters, (80 + 90) ÷ 2 = 85; subordinates: 3 raters, (70 + 75 + 80) ÷ 3 = 75; 90 × 50 % + 85 × 30 % + 75 × 20 % = 85.5",
            result.Arithmetic);
    }

    [Fact]
    public void A_missing_group_shares_its_weight_over_the_others_in_proportion()
    {
        var result = Ok(RaterGroupWeighting.Combine(SupervisorWeights,
            [R("s", RaterGroup.Superior, 90m), R("p1", RaterGroup.Peers, 80m)]));
        Assert.Equal(86.25m, result.Score); // (90×50 + 80×30) ÷ 80
        Assert.Contains("subordinates: no raters, its 20 % shared over superior and peers in proportion to their weights", result.Arithmetic);
        Assert.Contains("90 × 62.5 % + 80 × 37.5 %", result.Arithmetic);
        var subordinates = result.Groups.Single(g => g.Group == RaterGroup.Subordinates);
        Assert.Equal((0, (decimal?)null, 0m), (subordinates.RaterCount, subordinates.Average, subordinates.EffectiveWeight));
    }

    public static TheoryData<RaterGroup> Groups() => [.. SupervisorWeights.Keys];

    [Theory]
    [MemberData(nameof(Groups))]
    public void Each_group_missing_alone_gives_the_weighted_mean_of_the_others(RaterGroup missing)
    {
        var scores = new Dictionary<RaterGroup, decimal> { [RaterGroup.Superior] = 90m, [RaterGroup.Peers] = 70m, [RaterGroup.Subordinates] = 60m };
        var present = scores.Keys.Where(g => g != missing).ToList();
        var result = Ok(RaterGroupWeighting.Combine(SupervisorWeights, present.Select(g => R(g.ToString(), g, scores[g]))));
        var expected = Rounding.Round(present.Sum(g => scores[g] * SupervisorWeights[g]) / present.Sum(g => SupervisorWeights[g]));
        Assert.Equal(expected, result.Score);
        Assert.Contains($"{RaterGroupWeighting.Label(missing)}: no raters, its {SupervisorWeights[missing]:0} % shared over", result.Arithmetic);
        Assert.Equal(100m, result.Groups.Sum(g => g.EffectiveWeight));
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void All_but_one_missing_gives_that_groups_mean(RaterGroup only)
    {
        var result = Ok(RaterGroupWeighting.Combine(SupervisorWeights, [R("a", only, 70m), R("b", only, 81m)]));
        Assert.Equal(75.5m, result.Score);
        Assert.Equal(100m, result.Groups.Single(g => g.Group == only).EffectiveWeight);
        Assert.Equal(2, result.Arithmetic.Split("no raters").Length - 1);
    }

    [Fact]
    public void No_ratings_at_all_is_not_scored_rather_than_zero()
    {
        var result = Ok(RaterGroupWeighting.Combine(SupervisorWeights, []));
        Assert.Null(result.Score);
        Assert.StartsWith("no rater group was rated: not scored", result.Arithmetic, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_input_is_refused_with_every_reason()
    {
        var weights = new Dictionary<RaterGroup, decimal> { [RaterGroup.Superior] = 60m, [RaterGroup.Peers] = 30m };
        var result = RaterGroupWeighting.Combine(weights,
            [R("x", RaterGroup.Superior, 90m), R("x", RaterGroup.Peers, 101m), R(" ", RaterGroup.Customers, 50m)]);
        Assert.Equal(RefusalKind.Validation, result.Refusal!.Kind);
        Assert.Equal(
            ["weights:not_100", "ratings[1].raterId:duplicate", "ratings[1].score:out_of_range", "ratings[2].raterId:required", "ratings[2].group:not_weighted"],
            result.Refusal.Errors.Select(e => $"{e.Field}:{e.Code}"));
    }

    [Fact]
    public void Output_types_carry_no_rater_identity()
    {
        Type[] outputs = [typeof(ThreeSixtyResult), typeof(RaterGroupOutcome), typeof(AssessedPersonView), typeof(RaterGroupView)];
        foreach (var type in outputs)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                Assert.DoesNotContain("Rater", property.Name.Replace("RaterCount", "", StringComparison.Ordinal), StringComparison.Ordinal);
                Assert.NotEqual(typeof(RaterRating), property.PropertyType);
                Assert.False(typeof(IEnumerable<RaterRating>).IsAssignableFrom(property.PropertyType), $"{type.Name}.{property.Name}");
                Assert.True(property.PropertyType != typeof(string) || property.Name == "Arithmetic", $"{type.Name}.{property.Name} is free text");
            }
        }

        var result = Ok(RaterGroupWeighting.Combine(SupervisorWeights, [R("zhang.wei", RaterGroup.Peers, 80m)]));
        Assert.DoesNotContain("zhang.wei", result.Arithmetic, StringComparison.Ordinal);
    }

    [Fact]
    public void The_persons_view_pools_small_anonymous_groups_and_hides_a_pool_too_small()
    {
        var weights = new Dictionary<RaterGroup, decimal>
        {
            [RaterGroup.Self] = 10m, [RaterGroup.Superior] = 40m, [RaterGroup.Peers] = 20m, [RaterGroup.Subordinates] = 20m, [RaterGroup.Customers] = 10m,
        };
        var result = Ok(RaterGroupWeighting.Combine(weights,
        [
            R("me", RaterGroup.Self, 95m), R("boss", RaterGroup.Superior, 80m), R("p1", RaterGroup.Peers, 70m), R("p2", RaterGroup.Peers, 72m),
            R("u1", RaterGroup.Subordinates, 60m), R("c1", RaterGroup.Customers, 90m),
        ]));
        var view = RaterGroupWeighting.ViewForAssessedPerson(result);
        Assert.Equal(result.Score, view.Score);
        Assert.Equal(4, view.Groups.Count);
        Assert.Equal(("Self", 1, 95m), (string.Join(",", view.Groups[0].Groups), view.Groups[0].RaterCount, view.Groups[0].Average!.Value));
        Assert.Equal(71m, view.Groups.Single(g => g.Groups.SequenceEqual([RaterGroup.Peers])).Average);
        var pool = view.Groups[^1];
        Assert.Equal(("Subordinates,Customers", 2, 75m), (string.Join(",", pool.Groups), pool.RaterCount, pool.Average!.Value));

        var strict = RaterGroupWeighting.ViewForAssessedPerson(result, minimumRaters: 3);
        Assert.DoesNotContain(strict.Groups, g => g.Groups.Contains(RaterGroup.Peers) && g.Groups.Count == 1);
        var hidden = strict.Groups[^1];
        Assert.Equal(4, hidden.RaterCount);
        Assert.Equal(73m, hidden.Average); // pooled 70, 72, 60, 90 reach 3 raters
        var single = RaterGroupWeighting.ViewForAssessedPerson(
            Ok(RaterGroupWeighting.Combine(SupervisorWeights, [R("b", RaterGroup.Superior, 80m), R("u", RaterGroup.Subordinates, 60m)])));
        Assert.Null(single.Groups.Single(g => g.Groups.Contains(RaterGroup.Subordinates)).Average);
        Assert.Equal(74.29m, single.Score); // the hidden subordinate still counts: (80 × 50 + 60 × 20) ÷ 70
    }
}
