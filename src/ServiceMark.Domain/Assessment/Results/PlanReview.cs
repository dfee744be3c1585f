using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment;

/// <summary>One person's half year: their mean assessment total and what customers said about their work.</summary>
public sealed record PlanReviewPerson(int PersonId, decimal MeanTotal, decimal? Satisfaction, int ValidComplaints);

/// <summary>
/// The half-year plan review (R-ASM-11, seed 000 八): do the plan's scores agree with customer feedback? Agreement is the
/// Spearman rank correlation ρ between the mean total and the mean customer satisfaction of the people who have both
/// (ties get mean ranks). ρ near 1: the plan rewards what customers value; near 0 or negative: review its indicators.
/// </summary>
public sealed record PlanReviewResult(int People, int PeopleWithFeedback, decimal? SpearmanRho, string Reading);

public static class PlanReview
{
    /// <summary>Fewer pairs than this say nothing about agreement.</summary>
    public const int MinimumPairs = 3;

    public static PlanReviewResult Review(IReadOnlyCollection<PlanReviewPerson> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var pairs = people.Where(p => p.Satisfaction is not null).Select(p => (Score: p.MeanTotal, Feedback: p.Satisfaction!.Value)).ToList();
        if (pairs.Count < MinimumPairs)
        {
            return new PlanReviewResult(people.Count, pairs.Count, null,
                $"Only {pairs.Count} people have both a score and customer satisfaction; at least {MinimumPairs} are needed to compare.");
        }

        var rho = Spearman(pairs.Select(p => p.Score).ToList(), pairs.Select(p => p.Feedback).ToList());
        var reading = rho switch
        {
            null => "Scores or satisfaction do not vary, so they cannot be compared.",
            >= 0.5m => $"ρ = {Num.S(rho.Value)}: higher scores go with more satisfied customers; the plan rewards what customers value.",
            > 0m => $"ρ = {Num.S(rho.Value)}: weak agreement between scores and customer satisfaction; review the indicators' weights.",
            _ => $"ρ = {Num.S(rho.Value)}: scores do not follow customer satisfaction; the plan needs adjusting.",
        };
        return new PlanReviewResult(people.Count, pairs.Count, rho, reading);
    }

    /// <summary>Spearman's ρ as the Pearson correlation of the ranks (mean ranks for ties), rounded once; null without variance.</summary>
    public static decimal? Spearman(IReadOnlyList<decimal> x, IReadOnlyList<decimal> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException("Both series need the same length.", nameof(y));
        }

        var rx = Ranks(x);
        var ry = Ranks(y);
        var mx = rx.Average();
        var my = ry.Average();
        double covariance = 0, vx = 0, vy = 0;
        for (var i = 0; i < rx.Count; i++)
        {
            covariance += (rx[i] - mx) * (ry[i] - my);
            vx += (rx[i] - mx) * (rx[i] - mx);
            vy += (ry[i] - my) * (ry[i] - my);
        }

        if (vx == 0 || vy == 0)
        {
            return null;
        }

        var rho = covariance / Math.Sqrt(vx * vy);
        return Rounding.Round((decimal)Math.Clamp(rho, -1d, 1d));
    }

    private static List<double> Ranks(IReadOnlyList<decimal> values)
    {
        var order = values.Select((v, i) => (v, i)).OrderBy(p => p.v).ToList();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Count;)
        {
            var end = start;
            while (end + 1 < order.Count && order[end + 1].v == order[start].v)
            {
                end++;
            }

            var mean = ((start + end) / 2d) + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k].i] = mean;
            }

            start = end + 1;
        }

        return [.. ranks];
    }
}
