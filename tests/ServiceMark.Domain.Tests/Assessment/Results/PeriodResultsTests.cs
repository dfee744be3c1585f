using CsCheck;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Organisation;

namespace ServiceMark.Domain.Tests.Assessment.Results;

[Trait("Rule", "R-ASM-4")]
public sealed class PeriodResultsTests
{
    private static readonly DateOnly Hired = new(2024, 3, 1);

    [Fact]
    public void Annual_result_is_the_mean_of_the_quarters()
    {
        var result = PeriodAggregation.AnnualFromQuarters([80m, 90m, 85m, 86m]);
        Assert.Equal(85.25m, result.Points);
        Assert.Equal("(80 + 90 + 85 + 86) ÷ 4 = 85.25", result.Arithmetic);
    }

    [Fact]
    public void A_quarter_not_assessed_is_left_out_not_counted_as_zero()
    {
        var result = PeriodAggregation.AnnualFromQuarters([null, 90m, 85m, 86m]);
        Assert.Equal(87m, result.Points);
        Assert.Equal("(90 + 85 + 86) ÷ 3 = 87 (Q1 not assessed, left out)", result.Arithmetic);
        Assert.Equal(88.33m, PeriodAggregation.AnnualFromQuarters([null, 90m, 85m, 90m]).Points);
        Assert.Equal("only Q4 assessed: 70 (Q1, Q2, Q3 not assessed, left out)", PeriodAggregation.AnnualFromQuarters([null, null, null, 70m]).Arithmetic);
        Assert.Null(PeriodAggregation.AnnualFromQuarters([null, null, null, null]).Points);
        Assert.Throws<ArgumentException>(() => PeriodAggregation.AnnualFromQuarters([80m]));
    }

    [Fact]
    public void The_mean_of_two_quarters_is_rounded_once_half_away_from_zero()
    {
        // 165.01 ÷ 2 = 82.505: the one rounding rule gives 82.51 (banker's rounding would give 82.50).
        var result = PeriodAggregation.AnnualFromQuarters([80.01m, 85m, null, null]);
        Assert.Equal(82.51m, result.Points);
        Assert.Equal("(80.01 + 85) ÷ 2 = 82.505 ≈ 82.51 (Q3, Q4 not assessed, left out)", result.Arithmetic);
        Assert.Equal(81.38m, PeriodAggregation.AnnualFromQuarters([80.01m, 85m, 90m, 70.5m]).Points);
    }

    private static StatusChange[] ProbationUntil(DateOnly regularFrom) =>
        [new(Hired, EmploymentStatus.Probation), new(regularFrom, EmploymentStatus.Regular)];

    [Fact]
    public void Probation_months_are_not_assessed_and_a_mid_month_end_waits_for_the_next_month()
    {
        var history = ProbationUntil(new DateOnly(2024, 6, 15));
        Assert.False(PeriodAggregation.IsAssessedIn(history, AssessmentPeriod.Month(2024, 5)).IsAssessed);
        var june = PeriodAggregation.IsAssessedIn(history, AssessmentPeriod.Month(2024, 6));
        Assert.False(june.IsAssessed);
        Assert.Equal("on probation on 2024-06-01, the first day of 2024-06: not assessed", june.Reason);
        Assert.True(PeriodAggregation.IsAssessedIn(history, AssessmentPeriod.Month(2024, 7)).IsAssessed);
        Assert.False(PeriodAggregation.IsAssessedIn(history, AssessmentPeriod.Quarter(2024, 2)).IsAssessed);
        Assert.True(PeriodAggregation.IsAssessedIn(history, AssessmentPeriod.Quarter(2024, 3)).IsAssessed);
    }

    [Fact]
    public void Probation_ending_on_the_first_day_assesses_that_month()
    {
        var history = ProbationUntil(new DateOnly(2024, 6, 1));
        var june = PeriodAggregation.IsAssessedIn(history, AssessmentPeriod.Month(2024, 6));
        Assert.Equal((true, "regular throughout 2024-06: assessed"), (june.IsAssessed, june.Reason));
        Assert.False(PeriodAggregation.IsAssessedIn(history, AssessmentPeriod.Month(2024, 5)).IsAssessed);
    }

    [Fact]
    public void Not_yet_employed_leaving_and_transfer()
    {
        StatusChange[] history =
        [
            new(Hired, EmploymentStatus.Regular), new(new DateOnly(2024, 9, 1), EmploymentStatus.Transferred),
            new(new DateOnly(2024, 11, 20), EmploymentStatus.Left),
        ];
        Assert.Equal("not employed on 2024-02-01, the first day of 2024-02",
            PeriodAggregation.IsAssessedIn(history, AssessmentPeriod.Month(2024, 2)).Reason);
        Assert.True(PeriodAggregation.IsAssessedIn(history, AssessmentPeriod.Month(2024, 9)).IsAssessed);
        Assert.Equal("left from 2024-11-20, within 2024-11: not assessed",
            PeriodAggregation.IsAssessedIn(history, AssessmentPeriod.Month(2024, 11)).Reason);
        Assert.False(PeriodAggregation.IsAssessedIn(history, AssessmentPeriod.Quarter(2024, 4)).IsAssessed);
        Assert.Throws<ArgumentException>(() => PeriodAggregation.IsAssessedIn([new(Hired, EmploymentStatus.Regular), new(Hired, EmploymentStatus.Left)], AssessmentPeriod.Month(2024, 4)));
    }

    [Fact]
    public void Periods_know_their_days()
    {
        Assert.Equal((new DateOnly(2024, 4, 1), new DateOnly(2024, 6, 30)), (AssessmentPeriod.Quarter(2024, 2).FirstDay, AssessmentPeriod.Quarter(2024, 2).LastDay));
        Assert.Equal(new DateOnly(2024, 2, 29), AssessmentPeriod.Month(2024, 2).LastDay);
        Assert.Equal(new DateOnly(2025, 1, 1), AssessmentPeriod.OfYear(2024).NextFirstDay);
        Assert.Equal("2024 Q2", AssessmentPeriod.Quarter(2024, 2).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => AssessmentPeriod.Quarter(2024, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => AssessmentPeriod.Month(2024, 0));
    }
}

[Trait("Rule", "R-ASM-7")]
public sealed class TeamRankingTests
{
    [Fact]
    public void Standard_competition_ranking_one_two_two_four()
    {
        var ranks = TeamRanking.Rank([(4, 70m), (1, 90m), (3, 85m), (2, 85m)]);
        Assert.Equal([(1, 1, false), (2, 2, true), (3, 2, true), (4, 4, false)], ranks.Select(r => (r.PersonId, r.Rank, r.IsTied)));
    }

    [Fact]
    public void Ties_are_judged_on_the_rounded_total_and_duplicates_are_refused()
    {
        var ranks = TeamRanking.Rank([(1, 85.004m), (2, 85m), (3, 85.006m)]);
        Assert.Equal([(3, 1), (1, 2), (2, 2)], ranks.Select(r => (r.PersonId, r.Rank)));
        Assert.Empty(TeamRanking.Rank([]));
        Assert.Throws<ArgumentException>(() => TeamRanking.Rank([(1, 80m), (1, 70m)]));
    }

    [Fact]
    public void A_rank_is_one_more_than_the_number_who_did_better() =>
        Gen.Int[0, 20].Array[0, 30].Sample(scores =>
        {
            var ranks = TeamRanking.Rank(scores.Select((s, i) => (i, (decimal)s)));
            return ranks.All(r => r.Rank == 1 + ranks.Count(o => o.Total > r.Total));
        });
}
