using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment;

/// <summary>The rater groups of a 360° assessment (R-ASM-6).</summary>
public enum RaterGroup
{
    Self,
    Superior,
    Peers,
    Subordinates,
    Customers,
    OtherDepartments,
}

/// <summary>
/// One rater's score (0–100) of the assessed person. <paramref name="RaterId"/> exists only so that a rater is counted once;
/// it never leaves <see cref="RaterGroupWeighting.Combine"/>: no output type has a field that could carry it.
/// </summary>
public sealed record RaterRating(string RaterId, RaterGroup Group, decimal Score);

/// <summary>
/// What one group contributed, without any rater identity. <paramref name="Weight"/> is the plan's weight (percent);
/// <paramref name="EffectiveWeight"/> is the weight after a missing group's share was spread (exact, not rounded);
/// <paramref name="Average"/> is the exact mean, null when the group has no raters.
/// </summary>
public sealed record RaterGroupOutcome(RaterGroup Group, decimal Weight, int RaterCount, decimal? Average, decimal EffectiveWeight);

/// <summary>
/// The combined 360° score (null when no weighted group was rated) with its arithmetic (R-ASM-10). <paramref name="Score"/>
/// is rounded for display; <paramref name="Exact"/> is the unrounded weighted mean that a rule scores from, so that the
/// points are rounded once, by the rule (issue 12 point 7: three peers 3, 2, 2 on an 8-point four-point scale give 6.22,
/// not the 6.21 of a mean rounded to 2.33 first). Null in results stored before it existed.
/// </summary>
public sealed record ThreeSixtyResult(decimal? Score, IReadOnlyList<RaterGroupOutcome> Groups, string Arithmetic, decimal? Exact = null)
{
    /// <summary>What a scoring rule takes: the exact mean when known, else the shown score.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public decimal? ForScoring => Exact ?? Score;
}

/// <summary>
/// One line of the assessed person's view. <paramref name="Groups"/> is one group, or several small anonymous groups pooled;
/// <paramref name="Average"/> is rounded for display and null when hidden to keep raters anonymous.
/// </summary>
public sealed record RaterGroupView(IReadOnlyList<RaterGroup> Groups, int RaterCount, decimal? Average);

/// <summary>What the assessed person sees of a 360° result: the total, and per group only counts and averages.</summary>
public sealed record AssessedPersonView(decimal? Score, IReadOnlyList<RaterGroupView> Groups);

/// <summary>
/// 360° combination (R-ASM-6): the mean within each group, then the weighted mean over groups.
/// </summary>
/// <remarks>
/// Decisions:
/// <list type="bullet">
/// <item>Weights are percentages per plan and must add up to 100; a group not in the weights has weight 0, and ratings from
/// such a group are refused rather than silently ignored.</item>
/// <item>A weighted group without raters does not score 0: its weight is shared out over the rated groups in proportion to
/// their weights, and the arithmetic says so. If no weighted group was rated, the result is "not scored".</item>
/// <item>A rater is counted once: the same rater id twice is refused (a revised rating replaces the old one before this
/// step), so one person cannot tilt a group's mean.</item>
/// <item>The total is rounded once, at the end; group means stay exact until then.</item>
/// </list>
/// </remarks>
public static class RaterGroupWeighting
{
    /// <summary>Groups whose raters are kept anonymous in the assessed person's view; self and superior are known anyway.</summary>
    public static IReadOnlyList<RaterGroup> AnonymousGroups { get; } =
        [RaterGroup.Peers, RaterGroup.Subordinates, RaterGroup.Customers, RaterGroup.OtherDepartments];

    /// <summary>Default minimum raters for an anonymous group's average to be shown on its own.</summary>
    public const int DefaultMinimumRaters = 2;

    /// <summary>
    /// The ratings of one indicator of a plan, combined over the groups the indicator names (its weights, or equal shares
    /// when the plan gives none). Null when the indicator names no group; refused like <see cref="Combine"/>.
    /// The app's sheets and the offline <c>score</c> command both come through here, so they cannot disagree.
    /// </summary>
    public static Result<ThreeSixtyResult>? CombineFor(IReadOnlyList<RaterWeight>? raters, IEnumerable<RaterRating> ratings)
    {
        if (raters is not { Count: > 0 })
        {
            return null;
        }

        return Combine(EqualOrGivenWeights(raters), ratings);
    }

    /// <summary>The plan's weights, or equal shares that add to exactly 100 (the division's remainder goes to the first group).</summary>
    public static Dictionary<RaterGroup, decimal> EqualOrGivenWeights(IReadOnlyList<RaterWeight> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.All(g => g.Weight is not null))
        {
            return groups.ToDictionary(g => g.Group, g => g.Weight!.Value);
        }

        var share = Math.Floor(100m / groups.Count * 100m) / 100m;
        var weights = groups.ToDictionary(g => g.Group, _ => share);
        weights[groups[0].Group] += 100m - (share * groups.Count);
        return weights;
    }

    /// <summary>Every problem with a plan's group weights at once.</summary>
    public static FieldErrors CheckWeights(IReadOnlyDictionary<RaterGroup, decimal> weights)
    {
        var errors = new FieldErrors();
        foreach (var (group, weight) in weights)
        {
            if (!Enum.IsDefined(group))
            {
                errors.Add("weights", "unknown_group", $"{group} is not a rater group.");
            }
            else if (weight is < 0 or > 100)
            {
                errors.Add($"weights.{Key(group)}", "out_of_range", $"The weight of {Label(group)} must be between 0 and 100 %.");
            }
        }

        var sum = weights.Values.Sum();
        if (sum != 100m)
        {
            errors.Add("weights", "not_100", $"Rater group weights must add up to 100 %; they add up to {Num.S(sum)} %.");
        }

        return errors;
    }

    public static Result<ThreeSixtyResult> Combine(IReadOnlyDictionary<RaterGroup, decimal> weights, IEnumerable<RaterRating> ratings)
    {
        var errors = CheckWeights(weights);
        var list = ratings.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var r = list[i];
            if (string.IsNullOrWhiteSpace(r.RaterId))
            {
                errors.Add($"ratings[{i}].raterId", "required", "Every rating names its rater (kept for counting once, never shown).");
            }
            else if (!seen.Add(r.RaterId.Trim()))
            {
                errors.Add($"ratings[{i}].raterId", "duplicate", "A rater is counted once; this rater already rated.");
            }

            if (r.Score is < 0 or > 100)
            {
                errors.Add($"ratings[{i}].score", "out_of_range", "A rating is between 0 and 100.");
            }

            if (weights.GetValueOrDefault(r.Group) <= 0)
            {
                errors.Add($"ratings[{i}].group", "not_weighted", $"{Label(r.Group)} has no weight in this plan, so its rating would not count.");
            }
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var groups = Enum.GetValues<RaterGroup>().Where(g => weights.GetValueOrDefault(g) > 0).ToList();
        var rated = groups.Where(g => list.Any(r => r.Group == g)).ToList();
        var missing = groups.Except(rated).ToList();
        var ratedWeight = rated.Sum(g => weights[g]);

        var outcomes = groups.Select(g =>
        {
            var scores = list.Where(r => r.Group == g).Select(r => r.Score).ToList();
            decimal? mean = scores.Count == 0 ? null : scores.Sum() / scores.Count;
            var effective = mean is null ? 0m : weights[g] * 100m / ratedWeight;
            return new RaterGroupOutcome(g, weights[g], scores.Count, mean, effective);
        }).ToList();

        var parts = new List<string>();
        foreach (var o in outcomes.Where(o => o.Average is not null))
        {
            var scores = list.Where(r => r.Group == o.Group).Select(r => Num.S(r.Score)).ToList();
            parts.Add(scores.Count == 1
                ? $"{Label(o.Group)}: 1 rater, {scores[0]}"
                : $"{Label(o.Group)}: {o.RaterCount} raters, ({string.Join(" + ", scores)}) ÷ {o.RaterCount} = {Approx(o.Average!.Value)}");
        }

        if (rated.Count == 0)
        {
            return new ThreeSixtyResult(null, outcomes,
                "no rater group was rated: not scored (" + string.Join(", ", missing.Select(g => $"{Label(g)} {Num.S(weights[g])} %")) + ")");
        }

        foreach (var g in missing)
        {
            parts.Add($"{Label(g)}: no raters, its {Num.S(weights[g])} % shared over {Join(rated.Select(Label))} in proportion to their weights");
        }

        var exact = outcomes.Where(o => o.Average is not null).Sum(o => o.Average!.Value * weights[o.Group]) / ratedWeight;
        var score = Rounding.Round(exact);
        var terms = outcomes.Where(o => o.Average is not null)
            .Select(o => $"{Approx(o.Average!.Value)} × {Approx(o.EffectiveWeight)} %");
        var sumText = missing.Count == 0
            ? string.Join(" + ", terms)
            : string.Join(" + ", terms) + $" (weights {string.Join(" : ", rated.Select(g => Num.S(weights[g])))} rescaled to 100 %)";
        parts.Add($"{sumText} = {(exact == score ? Num.S(score) : $"{Num.S(Math.Round(exact, 6))} ≈ {Num.S(score)}")}");
        return new ThreeSixtyResult(score, outcomes, string.Join("; ", parts), exact);
    }

    /// <summary>
    /// The view for the assessed person. Self and superior are shown as they are. An anonymous group with fewer than
    /// <paramref name="minimumRaters"/> raters is not shown on its own: all such small groups are pooled into one line (the
    /// plain mean of their raters); if the pool is still smaller than the minimum, only its rater count is shown. The small
    /// groups still count in the total.
    /// </summary>
    /// <remarks>
    /// Residual risk, stated rather than hidden: with the total, the plan's weights and every other group's average in view,
    /// a single hidden group's mean can be worked out. Raising the minimum (or hiding group averages in the UI) is the remedy.
    /// </remarks>
    public static AssessedPersonView ViewForAssessedPerson(ThreeSixtyResult result, int minimumRaters = DefaultMinimumRaters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumRaters, 1);
        var lines = new List<RaterGroupView>();
        var small = new List<RaterGroupOutcome>();
        foreach (var o in result.Groups.Where(o => o.RaterCount > 0))
        {
            if (AnonymousGroups.Contains(o.Group) && o.RaterCount < minimumRaters)
            {
                small.Add(o);
            }
            else
            {
                lines.Add(new RaterGroupView([o.Group], o.RaterCount, Rounding.Round(o.Average!.Value)));
            }
        }

        if (small.Count > 0)
        {
            var count = small.Sum(o => o.RaterCount);
            var pooled = small.Sum(o => o.Average!.Value * o.RaterCount) / count;
            lines.Add(new RaterGroupView(small.Select(o => o.Group).ToList(), count,
                count >= minimumRaters ? Rounding.Round(pooled) : null));
        }

        return new AssessedPersonView(result.Score, lines);
    }

    /// <summary>The group as named in the arithmetic.</summary>
    public static string Label(RaterGroup group) => group switch
    {
        RaterGroup.Self => "self",
        RaterGroup.Superior => "superior",
        RaterGroup.Peers => "peers",
        RaterGroup.Subordinates => "subordinates",
        RaterGroup.Customers => "customers",
        RaterGroup.OtherDepartments => "other departments",
        _ => group.ToString(),
    };

    private static string Key(RaterGroup group) => char.ToLowerInvariant(group.ToString()[0]) + group.ToString()[1..];

    private static string Approx(decimal value) => Num.Approx(value);

    private static string Join(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 1 ? list[0] : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }
}
