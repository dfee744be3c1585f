using CsCheck;
using ServiceMark.Domain.Dispatch;

namespace ServiceMark.Domain.Tests.Dispatch;

[Trait("Rule", "R-TKT-6")]
public sealed class DispatchRankingTests
{
    private static readonly DispatchNeed BodyInHenan = new("Body", "HA", MinimumGradeLevel: 2);

    private static DispatchCandidate C(
        int id, string name, int bodySkill = 0, int grade = 3, int open = 0, string areas = "HA", decimal? km = 50m, bool available = true) =>
        new(id, name,
            bodySkill == 0 ? new Dictionary<string, int>() : new Dictionary<string, int> { ["Body"] = bodySkill, ["Electrical"] = 2 },
            grade, open, areas.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(), km, available);

    private static IReadOnlyList<RankedCandidate> Rank(params DispatchCandidate[] candidates) =>
        DispatchRanking.Rank(candidates, BodyInHenan, DispatchWeights.Default);

    [Fact]
    public void Every_point_is_explained_by_a_reason()
    {
        var ranked = Assert.Single(Rank(C(1, "张伟", bodySkill: 4, grade: 3, open: 2, km: 150m)));

        Assert.Equal(
            [
                new RankReason("skill", "Body 4/5", 40m),
                new RankReason("grade", "3/5", 12m),
                new RankReason("load", "2 open", -10m),
                new RankReason("area", "HA served", 15m),
                new RankReason("distance", "150 km", -7.5m),
            ],
            Plain(ranked.Reasons));
        Assert.Equal(49.5m, ranked.Score);

        // Each value also comes as a key and arguments, so the page shows it in the reader's language.
        Assert.Equal(["skill.level|Body,4,5", "grade|3,5", "load|2", "area.served|HA", "distance.km|150"],
            ranked.Reasons.Select(r => $"{r.ValueKey}|{string.Join(',', r.Args!)}"));
    }

    /// <summary>The reasons as code, plain value and points.</summary>
    private static List<RankReason> Plain(IEnumerable<RankReason> reasons) => reasons.Select(r => r with { ValueKey = "", Args = null }).ToList();

    [Fact]
    public void Skill_load_area_and_distance_order_the_candidates()
    {
        var ranked = Rank(
            C(1, "李强", bodySkill: 2, open: 0),            // 20 + 12 + 0 + 15 − 2.5 = 44.5
            C(2, "王芳", bodySkill: 5, open: 3),            // 50 + 12 − 15 + 15 − 2.5 = 59.5
            C(3, "刘洋", bodySkill: 5, open: 0, areas: "SD"), // 50 + 12 + 0 + 0 − 2.5 = 59.5
            C(4, "陈静", bodySkill: 5, open: 0, km: 10m));   // 50 + 12 + 0 + 15 − 0.5 = 76.5

        Assert.Equal([4, 3, 2, 1], ranked.Select(r => r.Candidate.PersonId));
        Assert.Equal([76.5m, 59.5m, 59.5m, 44.5m], ranked.Select(r => r.Score));
    }

    [Fact]
    public void Ties_go_to_the_lower_load_then_the_name_then_the_id()
    {
        // Equal scores: 40 + 12 − 5 + 15 − 2.5 = 59.5 and 50 + 12 − 10 + 15 − 7.5 = 59.5.
        var ranked = Rank(
            C(5, "B", bodySkill: 5, open: 2, km: 150m),
            C(6, "A", bodySkill: 4, open: 1),
            C(8, "A", bodySkill: 4, open: 1),
            C(7, "A", bodySkill: 4, open: 1));

        Assert.Equal([59.5m], ranked.Select(r => r.Score).Distinct());
        Assert.Equal([6, 7, 8, 5], ranked.Select(r => r.Candidate.PersonId));
    }

    [Fact]
    public void Unavailable_candidates_come_last_however_strong()
    {
        var ranked = Rank(C(1, "强", bodySkill: 5, grade: 5, available: false), C(2, "弱", bodySkill: 1));

        Assert.Equal([2, 1], ranked.Select(r => r.Candidate.PersonId));
        Assert.True(ranked[1].Unavailable);
        Assert.Equal(new RankReason("unavailable", "unavailable", 0m), Plain(ranked[1].Reasons)[^1]);
    }

    [Fact]
    public void Candidates_below_the_minimum_grade_are_flagged_and_listed_after_the_qualified()
    {
        var ranked = Rank(C(1, "见习", bodySkill: 5, grade: 1, km: 1m), C(2, "中级", bodySkill: 1, grade: 2), C(3, "休假", grade: 4, available: false));

        Assert.Equal([2, 1, 3], ranked.Select(r => r.Candidate.PersonId));
        Assert.True(ranked[1].BelowMinimumGrade);
        Assert.Contains(new RankReason("below_minimum_grade", "1 < 2", 0m), Plain(ranked[1].Reasons));
        Assert.False(ranked[0].BelowMinimumGrade);
    }

    [Fact]
    public void Unknown_area_distance_and_missing_skill_give_no_points_and_say_so()
    {
        var ranked = Assert.Single(DispatchRanking.Rank([C(1, "x", km: null)], new DispatchNeed("Body", null), DispatchWeights.Default));
        Assert.Contains(new RankReason("skill", "Body none", 0m), Plain(ranked.Reasons));
        Assert.Contains(new RankReason("area", "ticket area unknown", 0m), Plain(ranked.Reasons));
        Assert.Contains(new RankReason("distance", "unknown", 0m), Plain(ranked.Reasons));
        Assert.Contains(new RankReason("area", "SD not served", 0m),
            Plain(DispatchRanking.Score(C(1, "x"), new DispatchNeed("Body", "SD"), DispatchWeights.Default).Reasons));
    }

    [Fact]
    public void Skill_categories_match_without_case() =>
        Assert.Contains(new RankReason("skill", "body 3/5", 30m),
            Plain(DispatchRanking.Score(C(1, "x", bodySkill: 3), new DispatchNeed("body", "HA"), DispatchWeights.Default).Reasons));

    [Fact]
    public void Weights_are_data()
    {
        var distanceOnly = new DispatchWeights
        {
            SkillPointsPerLevel = 0, GradePointsPerLevel = 0, PenaltyPerOpenTicket = 0, AreaMatchPoints = 0, DistancePenaltyPer100Km = 10,
        };
        var ranked = DispatchRanking.Rank([C(1, "远", bodySkill: 5, km: 300m), C(2, "近", km: 3.333m)], BodyInHenan, distanceOnly);
        Assert.Equal([2, 1], ranked.Select(r => r.Candidate.PersonId));
        Assert.Equal(-0.33m, ranked[0].Score); // 3.333 km × 10/100 = 0.3333 → rounded once per line
        Assert.Equal(["penaltyPerOpenTicket"], DispatchWeights.Check(DispatchWeights.Default with { PenaltyPerOpenTicket = -1 }).All.Select(e => e.Field));
    }

    [Fact]
    public void Out_of_range_facts_are_bugs_not_rankings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Rank(C(1, "x", grade: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rank(C(1, "x", grade: 6)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rank(C(1, "x", open: -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rank(C(1, "x", km: -1m)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rank(C(1, "x", bodySkill: 6)));
    }

    private static readonly Gen<DispatchCandidate[]> Candidates =
        Gen.Select(Gen.Int[0, 5], Gen.Int[1, 5], Gen.Int[0, 12], Gen.Bool, Gen.Decimal[0m, 800m].Nullable(0.2), Gen.Bool, Gen.Int[0, 3])
            .Select((skill, grade, open, served, km, available, name) => (skill, grade, open, served, km, available, name))
            .Array[0, 25]
            .Select(rows => rows.Select((r, i) => C(i + 1, "N" + r.name, r.skill, r.grade, r.open, r.served ? "HA" : "SD", r.km, r.available)).ToArray());

    [Fact]
    public void The_ranking_is_a_permutation_of_the_candidates() =>
        Candidates.Sample(cs =>
            Rank(cs).Select(r => r.Candidate.PersonId).Order().SequenceEqual(cs.Select(c => c.PersonId).Order()));

    [Fact]
    public void The_ranking_does_not_depend_on_the_input_order() =>
        Candidates.SelectMany(cs => Gen.Shuffle(cs.ToArray()).Select(shuffled => (cs, shuffled))).Sample(t =>
            Rank(t.cs).Select(r => r.Candidate.PersonId).SequenceEqual(Rank(t.shuffled).Select(r => r.Candidate.PersonId)));

    [Fact]
    public void Groups_come_in_order_and_scores_descend_within_each() =>
        Candidates.Sample(cs =>
        {
            var ranked = Rank(cs);
            static int Group(RankedCandidate r) => r.Unavailable ? 2 : r.BelowMinimumGrade ? 1 : 0;
            return ranked.Zip(ranked.Skip(1)).All(p =>
                Group(p.First) < Group(p.Second) || (Group(p.First) == Group(p.Second) && p.First.Score >= p.Second.Score));
        });

    [Fact]
    public void The_score_is_the_sum_of_its_reasons() =>
        Candidates.Sample(cs => Rank(cs).All(r => r.Score == r.Reasons.Sum(x => x.Points)));
}
