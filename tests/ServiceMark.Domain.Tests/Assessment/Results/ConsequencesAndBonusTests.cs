using CsCheck;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Tests.Assessment.Results;

[Trait("Rule", "R-ASM-8")]
public sealed class ConsequencesTests
{
    private static Card Yellow(int month) => new(CardColour.Yellow, new DateOnly(2025, month, 3), "late report");

    [Fact]
    public void A_failed_quarter_stops_its_bonus_but_not_the_salary()
    {
        var c = Consequences.ForYear(2025, [new(2025, 1, false), new(2025, 2, true)], [], []);
        var only = Assert.Single(c);
        Assert.Equal((ConsequenceKind.NoQuarterlyBonus, "2025 Q2"), (only.Kind, only.Period));
        Assert.Equal("2025 Q2 was failed: no quarterly bonus for it; salary is not deducted", only.Reason);
    }

    [Fact]
    public void Two_failed_quarters_cancel_the_year_end_assessment()
    {
        var c = Consequences.ForYear(2025, [new(2025, 1, true), new(2025, 3, true), new(2024, 4, true)], [], []);
        Assert.Equal("no year-end assessment for 2025: 2 failed quarters (Q1, Q3)", c.Single(x => x.Kind == ConsequenceKind.NoYearEndAssessment).Reason);
        Assert.DoesNotContain(Consequences.ForYear(2025, [new(2025, 1, true)], [], []), x => x.Kind == ConsequenceKind.NoYearEndAssessment);
    }

    [Fact]
    public void Two_yellow_cards_or_one_red_card_in_the_year_cancel_it()
    {
        Assert.Empty(Consequences.ForYear(2025, [], [Yellow(2), Yellow(5) with { IssuedOn = new DateOnly(2024, 12, 30) }], []));
        Assert.Equal("no year-end assessment for 2025: 2 yellow cards (2025-02-03: late report, 2025-05-03: late report)",
            Assert.Single(Consequences.ForYear(2025, [], [Yellow(5), Yellow(2)], [])).Reason);
        var red = new Card(CardColour.Red, new DateOnly(2025, 7, 1), "falsified a service report");
        Assert.Equal("no year-end assessment for 2025: a red card (2025-07-01: falsified a service report)",
            Assert.Single(Consequences.ForYear(2025, [], [red], [])).Reason);
        var all = Consequences.ForYear(2025, [new(2025, 1, true), new(2025, 2, true)], [Yellow(1), Yellow(2), red], []).Single(x => x.Kind == ConsequenceKind.NoYearEndAssessment);
        Assert.Equal("no year-end assessment for 2025: 2 failed quarters (Q1, Q2); 2 yellow cards (2025-01-03: late report, 2025-02-03: late report); a red card (2025-07-01: falsified a service report)", all.Reason);
    }

    [Fact]
    public void Two_consecutive_failed_months_flag_a_demotion()
    {
        var flag = Assert.Single(Consequences.DemotionFlags([new(2025, 3, true), new(2025, 4, true), new(2025, 5, false)]));
        Assert.Equal((ConsequenceKind.DemotionFlag, "2025-03..2025-04"), (flag.Kind, flag.Period));
        Assert.StartsWith("2 consecutive failed monthly assessments (2025-03, 2025-04)", flag.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_consecutive_failures_do_not()
    {
        Assert.Empty(Consequences.DemotionFlags([new(2025, 3, true), new(2025, 4, false), new(2025, 5, true)]));
        // April was not assessed (absent): the calendar gap breaks the run.
        Assert.Empty(Consequences.DemotionFlags([new(2025, 3, true), new(2025, 5, true)]));
        Assert.Empty(Consequences.DemotionFlags([new(2025, 3, true)]));
    }

    [Fact]
    public void Runs_cross_the_year_and_a_long_run_is_one_flag()
    {
        Assert.Equal("2024-12..2025-01", Assert.Single(Consequences.DemotionFlags([new(2025, 1, true), new(2024, 12, true)])).Period);
        var flags = Consequences.DemotionFlags([new(2025, 1, true), new(2025, 2, true), new(2025, 3, true), new(2025, 4, false), new(2025, 5, true), new(2025, 6, true)]);
        Assert.Equal(["2025-01..2025-03", "2025-05..2025-06"], flags.Select(f => f.Period));
        Assert.Single(Consequences.ForYear(2025, [], [], [new(2024, 12, true), new(2025, 1, true)]));
        Assert.Empty(Consequences.ForYear(2024, [], [], [new(2024, 12, true), new(2025, 1, true)]));
        Assert.Throws<ArgumentException>(() => Consequences.DemotionFlags([new(2025, 1, true), new(2025, 1, false)]));
    }
}

[Trait("Rule", "R-ASM-8")]
public sealed class AssessmentBonusTests
{
    private static GradeResult G(decimal score) => GradeScale.HundredPoint.Grade(score);

    [Fact]
    public void Quarterly_bonus_is_annual_times_23_5_percent_times_the_grade_ratio()
    {
        var r = AssessmentBonus.Quarterly(12_000m, G(92m), BonusPolicy.Default);
        Assert.Equal(3384m, r.Amount);
        Assert.Equal("quarterly bonus = 12000 × 23.5 % × 1.2 (grade 优秀) = 3384", r.Arithmetic);
        Assert.Equal(2820m, AssessmentBonus.Quarterly(12_000m, G(80m), BonusPolicy.Default).Amount);
        Assert.Equal(2256m, AssessmentBonus.Quarterly(12_000m, G(60m), BonusPolicy.Default).Amount);
        Assert.Equal(783.33m, AssessmentBonus.Quarterly(3333.33m, G(80m), BonusPolicy.Default).Amount); // 783.332...
    }

    [Fact]
    public void A_failed_quarter_pays_nothing_whatever_the_ratio()
    {
        var generous = BonusPolicy.Default with { RatioByGrade = new Dictionary<string, decimal>(BonusPolicy.Default.RatioByGrade) { ["不合格"] = 0.5m } };
        var r = AssessmentBonus.Quarterly(12_000m, G(59.99m), generous);
        Assert.Equal(0m, r.Amount);
        Assert.Equal("quarterly bonus 0: grade 不合格 is a failing grade (no bonus, no salary deduction)", r.Arithmetic);
    }

    [Fact]
    public void Year_end_part_is_6_percent_and_cancelled_with_its_reason()
    {
        Assert.Equal(720m, AssessmentBonus.YearEnd(12_000m, G(80m), BonusPolicy.Default, null).Amount);
        var five = GradeScale.HundredToFivePoint(100m);
        Assert.Equal(864m, AssessmentBonus.YearEnd(12_000m, five, BonusPolicy.Default, null).Amount);
        var cancelled = new Consequence(ConsequenceKind.NoYearEndAssessment, "2025", "no year-end assessment for 2025: a red card");
        var r = AssessmentBonus.YearEnd(12_000m, G(95m), BonusPolicy.Default, cancelled);
        Assert.Equal((0m, "year-end bonus 0: no year-end assessment for 2025: a red card"), (r.Amount, r.Arithmetic));
    }

    [Fact]
    public void The_policy_must_cover_the_scale_and_add_up_to_the_annual_bonus()
    {
        Assert.False(BonusPolicy.Default.Check(GradeScale.HundredPoint).Any);
        Assert.False(BonusPolicy.Default.Check(GradeScale.FivePoint).Any);
        var bad = new BonusPolicy(25m, 6m, new Dictionary<string, decimal> { ["优秀"] = -1m });
        Assert.Equal(["quarterlyPercent:not_100", "ratioByGrade.优秀:out_of_range", "ratioByGrade.良好:required", "ratioByGrade.合格:required", "ratioByGrade.不合格:required"],
            ScoringTestSupport.Codes(bad.Check(GradeScale.HundredPoint)));
    }

    [Fact]
    public void Pool_is_installations_and_repairs_priced()
    {
        var pool = AssessmentBonus.Pool(new TeamBonusPool(40, 50m, 25, 80.5m));
        Assert.Equal(4012.5m, pool.Value!.Amount);
        Assert.Equal("pool = 40 × 50 + 25 × 80.5 = 4012.5", pool.Value.Arithmetic);
        var bad = AssessmentBonus.Pool(new TeamBonusPool(-1, 0.001m, 0, -5m));
        Assert.Equal(["installations:negative", "installationUnitPrice:too_precise", "repairUnitPrice:negative"], bad.Refusal!.Errors.Select(e => $"{e.Field}:{e.Code}"));
    }

    [Fact]
    public void Proportional_split_pays_the_whole_pool_to_the_cent()
    {
        var split = AssessmentBonus.Split(100m, [(1, 90m), (2, 90m), (3, 90m)]).Value!;
        Assert.Equal([33.34m, 33.33m, 33.33m], split.Shares.Select(s => s.Amount));
        Assert.Equal(0m, split.Undistributed);
        Assert.Contains("1 cent(s) from rounding down given to the largest remainders", split.Arithmetic);
        var uneven = AssessmentBonus.Split(1000m, [(1, 100m), (2, 60m), (3, 40m)]).Value!;
        Assert.Equal([500m, 300m, 200m], uneven.Shares.Select(s => s.Amount));
        Assert.StartsWith("per head 1000 ÷ 3 = ≈333.33; share = 1000 × score ÷ 200 (sum of scores); #1: 1000 × 100 ÷ 200 = 500", uneven.Arithmetic, StringComparison.Ordinal);
    }

    [Fact]
    public void Base_times_score_variant_shows_what_is_left()
    {
        var split = AssessmentBonus.Split(1000m, [(1, 100m), (2, 80m)], PoolSplitMethod.BaseTimesScore).Value!;
        Assert.Equal([500m, 400m], split.Shares.Select(s => s.Amount));
        Assert.Equal(100m, split.Undistributed);
        Assert.EndsWith("undistributed 100", split.Arithmetic, StringComparison.Ordinal);
    }

    [Fact]
    public void Splits_are_refused_without_people_or_scores()
    {
        Assert.Equal(RefusalKind.Validation, AssessmentBonus.Split(100m, []).Refusal!.Kind);
        Assert.Equal("no_scores", AssessmentBonus.Split(100m, [(1, 0m), (2, 0m)]).Refusal!.Code);
        Assert.Equal(RefusalKind.Validation, AssessmentBonus.Split(100m, [(1, 50m), (1, 60m)]).Refusal!.Kind);
        Assert.Equal(RefusalKind.Validation, AssessmentBonus.Split(100.001m, [(1, 50m)]).Refusal!.Kind);
    }

    [Fact]
    public void Proportional_split_adds_up_exactly_and_each_share_is_within_a_cent() =>
        Gen.Select(Gen.Long[0, 10_000_000], Gen.Int[0, 10_000].Array[1, 25]).Sample((cents, scores) =>
        {
            if (scores.All(s => s == 0))
            {
                return true;
            }

            var pool = cents / 100m;
            var people = scores.Select((s, i) => (i, s / 100m)).ToList();
            var split = AssessmentBonus.Split(pool, people).Value!;
            var total = people.Sum(p => p.Item2);
            return split.Shares.Sum(s => s.Amount) == pool
                && split.Shares.All(s => s.Amount >= 0 && s.Amount == Rounding.Round(s.Amount)
                    && Math.Abs(s.Amount - (pool * s.Score / total)) < 0.01m);
        });
}
