using CsCheck;
using ServiceMark.Domain.Assessment;

namespace ServiceMark.Domain.Tests.Assessment.Results;

[Trait("Rule", "R-ASM-11")]
public sealed class PlanReviewTests
{
    [Fact]
    public void Scores_that_follow_satisfaction_exactly_agree_fully() =>
        Assert.Equal(1m, PlanReview.Spearman([60m, 70m, 80m, 90m], [6m, 7m, 8.5m, 9.5m]));

    [Fact]
    public void Scores_that_run_against_satisfaction_disagree_fully() =>
        Assert.Equal(-1m, PlanReview.Spearman([60m, 70m, 80m, 90m], [9m, 8m, 7m, 6m]));

    [Fact]
    public void Ties_take_their_mean_rank()
    {
        // ranks x: 1, 2.5, 2.5, 4; y: 1, 2, 3, 4 → ρ = Pearson of the ranks = 0.9487 → 0.95
        Assert.Equal(0.95m, PlanReview.Spearman([60m, 75m, 75m, 90m], [5m, 6m, 7m, 8m]));
    }

    [Fact]
    public void Without_variance_there_is_nothing_to_compare() =>
        Assert.Null(PlanReview.Spearman([80m, 80m, 80m], [5m, 6m, 7m]));

    [Fact]
    public void Fewer_than_three_people_with_feedback_give_no_reading()
    {
        var result = PlanReview.Review([new(1, 90m, 9m, 0), new(2, 70m, null, 1), new(3, 60m, 6m, 0)]);
        Assert.Null(result.SpearmanRho);
        Assert.Equal(3, result.People);
        Assert.Equal(2, result.PeopleWithFeedback);
    }

    [Fact]
    public void A_plan_that_rewards_satisfied_customers_is_read_as_such()
    {
        var result = PlanReview.Review([new(1, 92m, 9.5m, 0), new(2, 81m, 8m, 0), new(3, 65m, 6m, 2), new(4, 74m, 7.5m, 1)]);
        Assert.Equal(1m, result.SpearmanRho);
        Assert.Contains("customers value", result.Reading, StringComparison.Ordinal);
    }

    [Fact]
    public void Rho_is_always_between_minus_one_and_one_and_symmetric() =>
        Gen.Int[3, 20].SelectMany(n => Gen.Select(Gen.Int[0, 100].Array[n], Gen.Int[0, 10].Array[n]))
            .Sample((scores, feedback) =>
            {
                var x = scores.Select(v => (decimal)v).ToList();
                var y = feedback.Select(v => (decimal)v).ToList();
                var rho = PlanReview.Spearman(x, y);
                return rho is null || (rho >= -1m && rho <= 1m && rho == PlanReview.Spearman(y, x));
            });
}
