using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;

namespace ServiceMark.Domain.Tests.Assessment.Results;

[Trait("Rule", "R-ASM-5")]
public sealed class PeriodWorkflowTests
{
    public static TheoryData<PeriodState, PeriodAction> AllPairs()
    {
        var data = new TheoryData<PeriodState, PeriodAction>();
        foreach (var state in Enum.GetValues<PeriodState>())
        {
            foreach (var action in Enum.GetValues<PeriodAction>())
            {
                data.Add(state, action);
            }
        }

        return data;
    }

    /// <summary>The expected table, written out independently of the production table.</summary>
    private static readonly Dictionary<(PeriodState, PeriodAction), (PeriodState To, string[] Roles, bool Reason)> Expected = new()
    {
        [(PeriodState.Open, PeriodAction.StartGoalPlans)] = (PeriodState.GoalPlans, [RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin], false),
        [(PeriodState.GoalPlans, PeriodAction.StartDataCollection)] = (PeriodState.DataCollection, [RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin], false),
        [(PeriodState.DataCollection, PeriodAction.StartSelfReview)] = (PeriodState.SelfReview, [RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin], false),
        [(PeriodState.SelfReview, PeriodAction.StartSuperiorReview)] = (PeriodState.SuperiorReview, [RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin], false),
        [(PeriodState.SuperiorReview, PeriodAction.SendToGeneralManager)] = (PeriodState.GmReview, [RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin], false),
        [(PeriodState.SuperiorReview, PeriodAction.SendToCommittee)] = (PeriodState.CommitteeConfirmation, [RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin], false),
        [(PeriodState.GmReview, PeriodAction.SendToCommittee)] = (PeriodState.CommitteeConfirmation, [RoleNames.GeneralManager, RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin], false),
        [(PeriodState.GmReview, PeriodAction.ReturnForCorrection)] = (PeriodState.SuperiorReview, [RoleNames.GeneralManager, RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin], true),
        [(PeriodState.CommitteeConfirmation, PeriodAction.ReturnForCorrection)] = (PeriodState.SuperiorReview, [RoleNames.GeneralManager, RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin], true),
        [(PeriodState.CommitteeConfirmation, PeriodAction.Publish)] = (PeriodState.Published, [RoleNames.GeneralManager, RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin], false),
        [(PeriodState.Published, PeriodAction.StartInterviews)] = (PeriodState.Interview, [RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin], false),
        [(PeriodState.Interview, PeriodAction.OpenAppealWindow)] = (PeriodState.AppealWindow, [RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin], false),
        [(PeriodState.AppealWindow, PeriodAction.Close)] = (PeriodState.Closed, [RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin], false),
        [(PeriodState.Closed, PeriodAction.Reopen)] = (PeriodState.AppealWindow, [RoleNames.Admin], true),
    };

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_action_in_every_state_for_every_role(PeriodState state, PeriodAction action)
    {
        foreach (var role in RoleNames.All)
        {
            var outcome = PeriodWorkflow.Apply(state, action, [role], "a reason");
            if (!Expected.TryGetValue((state, action), out var move))
            {
                Assert.Equal((RefusalKind.Conflict, PeriodWorkflow.InvalidTransition), (outcome.Refusal!.Kind, outcome.Refusal.Code));
                Assert.StartsWith($"{action} is not allowed", outcome.Refusal.Message, StringComparison.Ordinal);
            }
            else if (!move.Roles.Contains(role))
            {
                Assert.Equal(RefusalKind.Forbidden, outcome.Refusal!.Kind);
            }
            else
            {
                Assert.Equal(move.To, outcome.Value);
                var noReason = PeriodWorkflow.Apply(state, action, [role], " ");
                Assert.Equal(move.Reason, !noReason.Succeeded);
                if (move.Reason)
                {
                    Assert.Equal(PeriodWorkflow.ReasonRequiredCode, noReason.Refusal!.Errors.Single().Code);
                }
            }
        }
    }

    [Fact]
    public void The_table_is_exactly_the_expected_one()
    {
        Assert.Equal(Expected.Keys.ToHashSet(), PeriodWorkflow.Table.Keys.ToHashSet());
        foreach (var (key, move) in Expected)
        {
            var actual = PeriodWorkflow.Table[key];
            Assert.Equal((move.To, move.Reason), (actual.To, actual.ReasonRequired));
            Assert.Equal(move.Roles.Order(), actual.Roles.Order());
        }
    }

    [Fact]
    public void Every_state_is_reachable_and_a_closed_period_refuses_everything_but_reopen()
    {
        var seen = new HashSet<PeriodState> { PeriodState.Open };
        var queue = new Queue<PeriodState>([PeriodState.Open]);
        while (queue.TryDequeue(out var from))
        {
            foreach (var to in PeriodWorkflow.Table.Where(t => t.Key.From == from).Select(t => t.Value.To).Where(seen.Add))
            {
                queue.Enqueue(to);
            }
        }

        Assert.Equal(Enum.GetValues<PeriodState>().ToHashSet(), seen);
        Assert.Equal([PeriodAction.Reopen], PeriodWorkflow.Allowed(PeriodState.Closed));
        Assert.Equal([PeriodAction.SendToGeneralManager, PeriodAction.SendToCommittee], PeriodWorkflow.Allowed(PeriodState.SuperiorReview));
        Assert.Equal("Publish is not allowed while the period is Closed. Allowed now: Reopen.",
            PeriodWorkflow.Apply(PeriodState.Closed, PeriodAction.Publish, [RoleNames.Admin]).Refusal!.Message);
    }

    public static TheoryData<PeriodState, AdjustmentBasis> StatesAndBases()
    {
        var data = new TheoryData<PeriodState, AdjustmentBasis>();
        foreach (var state in Enum.GetValues<PeriodState>())
        {
            foreach (var basis in Enum.GetValues<AdjustmentBasis>())
            {
                data.Add(state, basis);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StatesAndBases))]
    public void Scores_are_adjusted_only_by_the_superior_in_superior_review_or_by_appeal_after_publication(PeriodState state, AdjustmentBasis basis)
    {
        var allowedState = basis == AdjustmentBasis.SuperiorJudgement ? PeriodState.SuperiorReview : PeriodState.AppealWindow;
        var result = ScoreAdjustmentRule.Check(state, basis, true, [RoleNames.Hr], 88m, 85m, "two late reports not counted");
        if (state == allowedState)
        {
            Assert.Equal(85m, result.Value!.To);
        }
        else
        {
            Assert.Equal((RefusalKind.Conflict, ScoreAdjustmentRule.NotAdjustableNow), (result.Refusal!.Kind, result.Refusal.Code));
            Assert.Equal(PeriodWorkflow.IsPublished(state), result.Refusal.Message.Contains("only an appeal decision", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void An_adjustment_needs_the_superior_or_the_committee_a_reason_and_a_valid_score()
    {
        Assert.Equal(RefusalKind.Forbidden, ScoreAdjustmentRule.Check(PeriodState.SuperiorReview, AdjustmentBasis.SuperiorJudgement, false, [RoleNames.Admin], 88m, 85m, "x").Refusal!.Kind);
        Assert.Equal(RefusalKind.Forbidden, ScoreAdjustmentRule.Check(PeriodState.AppealWindow, AdjustmentBasis.AppealDecision, true, [RoleNames.Supervisor], 88m, 85m, "x").Refusal!.Kind);
        var invalid = ScoreAdjustmentRule.Check(PeriodState.SuperiorReview, AdjustmentBasis.SuperiorJudgement, true, [], 88m, 100.5m, " ");
        Assert.Equal(["reason:required", "score:out_of_range"], invalid.Refusal!.Errors.Select(e => $"{e.Field}:{e.Code}"));
        var ok = ScoreAdjustmentRule.Check(PeriodState.SuperiorReview, AdjustmentBasis.SuperiorJudgement, true, [], 88m, 85m, " two late reports ");
        Assert.Equal("88 → 85 (−3), adjusted by the superior: two late reports", ok.Value!.Arithmetic);
        var appeal = ScoreAdjustmentRule.Check(PeriodState.AppealWindow, AdjustmentBasis.AppealDecision, false, [RoleNames.GeneralManager], 80m, 82.5m, "complaint found invalid");
        Assert.Equal("80 → 82.5 (+2.5), by appeal decision: complaint found invalid", appeal.Value!.Arithmetic);
    }
}

[Trait("Rule", "R-ASM-4")]
public sealed class PeriodDeadlineTests
{
    [Fact]
    public void Quarter_defaults()
    {
        var d = PeriodDeadlines.For(AssessmentPeriod.Quarter(2025, 1));
        Assert.Equal(
            (new DateOnly(2025, 3, 27), new DateOnly(2025, 3, 31), new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 5), new DateOnly(2025, 4, 15)),
            (d.DataFrom, d.DataTo, d.SummaryFrom, d.SummaryTo, d.BonusPaidBy));
        Assert.Equal(
            [new DateOnly(2025, 3, 27), new DateOnly(2025, 3, 29), new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 3), new DateOnly(2025, 4, 13)],
            d.Reminders.Select(r => r.On));
        Assert.Equal("2025 Q1: bonuses to be paid by 2025-04-15", d.Reminders[^1].What);
    }

    [Fact]
    public void Day_31_is_the_last_day_of_short_months_and_years_roll_over()
    {
        var feb = PeriodDeadlines.For(AssessmentPeriod.Month(2024, 2));
        Assert.Equal((new DateOnly(2024, 2, 27), new DateOnly(2024, 2, 29), new DateOnly(2024, 3, 1)), (feb.DataFrom, feb.DataTo, feb.SummaryFrom));
        Assert.Equal(new DateOnly(2025, 2, 28), PeriodDeadlines.For(AssessmentPeriod.Month(2025, 2)).DataTo);
        Assert.Equal(new DateOnly(2025, 6, 30), PeriodDeadlines.For(AssessmentPeriod.Quarter(2025, 2)).DataTo);
        var year = PeriodDeadlines.For(AssessmentPeriod.OfYear(2024));
        Assert.Equal((new DateOnly(2024, 12, 27), new DateOnly(2025, 1, 5), new DateOnly(2025, 1, 15)), (year.DataFrom, year.SummaryTo, year.BonusPaidBy));
    }

    [Fact]
    public void The_policy_is_configurable_and_checked()
    {
        var d = PeriodDeadlines.For(AssessmentPeriod.Month(2025, 4), new DeadlinePolicy(DataFromDay: 25, BonusPaidByDay: 10, ReminderDaysBefore: 0));
        Assert.Equal((new DateOnly(2025, 4, 25), new DateOnly(2025, 5, 10)), (d.DataFrom, d.BonusPaidBy));
        Assert.False(DeadlinePolicy.Default.Check().Any);
        Assert.Equal(["dataFromDay:out_of_range", "dataToDay:before_start", "bonusPaidByDay:before_summary"],
            ScoringTestSupport.Codes(new DeadlinePolicy(DataFromDay: 32, BonusPaidByDay: 3).Check()));
        Assert.Throws<ArgumentException>(() => PeriodDeadlines.For(AssessmentPeriod.Month(2025, 4), new DeadlinePolicy(SummaryFromDay: 9)));
    }

    [Fact]
    public void A_deadline_reminder_is_due_from_its_date_while_the_period_still_has_that_work()
    {
        var d = PeriodDeadlines.For(AssessmentPeriod.Quarter(2025, 1));
        Assert.Equal([(AssessmentDeadline.DataCollection, new DateOnly(2025, 3, 31)), (AssessmentDeadline.Summary, new DateOnly(2025, 4, 5)), (AssessmentDeadline.BonusPayment, new DateOnly(2025, 4, 15))],
            d.Reminders.Where(r => r.Deadline is not null).Select(r => (r.Deadline!.Value, r.Due!.Value)));
        Assert.Empty(PeriodDeadlines.Due(d, PeriodState.DataCollection, new DateOnly(2025, 3, 28)));
        Assert.Equal([AssessmentDeadline.DataCollection], PeriodDeadlines.Due(d, PeriodState.DataCollection, new DateOnly(2025, 3, 29)).Select(r => r.Deadline));

        // On or after the date: a period still collecting data on 3 April is reminded of both the data and the summary.
        Assert.Equal([AssessmentDeadline.DataCollection, AssessmentDeadline.Summary], PeriodDeadlines.Due(d, PeriodState.DataCollection, new DateOnly(2025, 4, 3)).Select(r => r.Deadline));
        Assert.Equal([AssessmentDeadline.Summary], PeriodDeadlines.Due(d, PeriodState.SuperiorReview, new DateOnly(2025, 4, 20)).Select(r => r.Deadline));
        Assert.Equal([AssessmentDeadline.BonusPayment], PeriodDeadlines.Due(d, PeriodState.Published, new DateOnly(2025, 4, 20)).Select(r => r.Deadline));
        Assert.Empty(PeriodDeadlines.Due(d, PeriodState.Closed, new DateOnly(2025, 4, 20)));
        Assert.False(PeriodDeadlines.Concerns(AssessmentDeadline.BonusPayment, PeriodState.Published, AssessmentPeriodLength.Month));
    }
}
