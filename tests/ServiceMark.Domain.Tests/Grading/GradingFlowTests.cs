using ServiceMark.Domain.Common;
using ServiceMark.Domain.Grading;
using ServiceMark.Domain.Organisation;
using static ServiceMark.Domain.Grading.GradingAction;
using static ServiceMark.Domain.Grading.GradingState;

namespace ServiceMark.Domain.Tests.Grading;

[Trait("Rule", "R-GRD-4")]
public sealed class GradingFlowTests
{
    // The cast: the applicant (1), their superior (2), the department head (3), a panel member (4), the marketing VP (5),
    // the HR VP (6), the GM (7, also on the panel), HR (8), an unrelated engineer (9), and the applicant holding every role.
    private static readonly Dictionary<string, GradingActor> Cast = new()
    {
        ["applicant"] = new(1, [RoleNames.Engineer]),
        ["superior"] = new(2, [RoleNames.Supervisor]),
        ["deptHead"] = new(3, [RoleNames.DepartmentHead]),
        ["panel"] = new(4, [RoleNames.Engineer]),
        ["mktVp"] = new(5, [GradingRoles.MarketingVp]),
        ["hrVp"] = new(6, [GradingRoles.HrVp]),
        ["gm"] = new(7, [RoleNames.GeneralManager]),
        ["hr"] = new(8, [RoleNames.Hr]),
        ["outsider"] = new(9, [RoleNames.Engineer, RoleNames.Admin]),
        ["applicantWithAllRoles"] = new(1, [.. RoleNames.All, GradingRoles.MarketingVp, GradingRoles.HrVp]),
    };

    private static readonly GradingParties Parties = new(1, 2, [4, 7]);

    private static readonly PanelResult Pass = new("Senior", new Dictionary<ExamPart, decimal>(), 80m, 70m, true, [4, 7], "passed");

    private static readonly string[] Subject = ["applicant", "applicantWithAllRoles"];

    /// <summary>The expected promotion table, written out independently of the production table.</summary>
    private static readonly Dictionary<(GradingState, GradingAction), (GradingState To, string[] Who, bool Reason)> Promotion = new()
    {
        [(Draft, Submit)] = (Submitted, Subject, false),
        [(Submitted, ConfirmBySuperior)] = (SuperiorConfirmed, ["superior"], false),
        [(SuperiorConfirmed, ConfirmByDepartmentHead)] = (DepartmentHeadConfirmed, ["deptHead"], false),
        [(DepartmentHeadConfirmed, RecordExamination)] = (Examined, ["panel", "gm"], false),
        [(Examined, PreparePromotionForm)] = (PromotionFormPrepared, Subject, false),
        [(PromotionFormPrepared, ReviewByMarketingVp)] = (MarketingVpReviewed, ["mktVp"], false),
        [(MarketingVpReviewed, ReviewByHrVp)] = (HrVpReviewed, ["hrVp"], false),
        [(HrVpReviewed, ApproveByGm)] = (GmApproved, ["gm"], false),
        [(GmApproved, GradingAction.File)] = (Filed, ["hr"], false),
        [(Filed, IssueCertificate)] = (CertificateIssued, ["hr", "deptHead"], false),
        [(Submitted, Reject)] = (Rejected, ["superior"], true),
        [(SuperiorConfirmed, Reject)] = (Rejected, ["deptHead"], true),
        [(DepartmentHeadConfirmed, Reject)] = (Rejected, ["panel", "gm"], true),
        [(PromotionFormPrepared, Reject)] = (Rejected, ["mktVp"], true),
        [(MarketingVpReviewed, Reject)] = (Rejected, ["hrVp"], true),
        [(HrVpReviewed, Reject)] = (Rejected, ["gm"], true),
    };

    /// <summary>The expected demotion table: the same approvals without examination, form and certificate.</summary>
    private static readonly Dictionary<(GradingState, GradingAction), (GradingState To, string[] Who, bool Reason)> Demotion = new()
    {
        [(Draft, Submit)] = (Submitted, ["superior", "deptHead", "hr"], false),
        [(Submitted, ConfirmBySuperior)] = (SuperiorConfirmed, ["superior"], false),
        [(SuperiorConfirmed, ConfirmByDepartmentHead)] = (DepartmentHeadConfirmed, ["deptHead"], false),
        [(DepartmentHeadConfirmed, ReviewByMarketingVp)] = (MarketingVpReviewed, ["mktVp"], false),
        [(MarketingVpReviewed, ReviewByHrVp)] = (HrVpReviewed, ["hrVp"], false),
        [(HrVpReviewed, ApproveByGm)] = (GmApproved, ["gm"], false),
        [(GmApproved, GradingAction.File)] = (Filed, ["hr"], false),
        [(Submitted, Reject)] = (Rejected, ["superior"], true),
        [(SuperiorConfirmed, Reject)] = (Rejected, ["deptHead"], true),
        [(DepartmentHeadConfirmed, Reject)] = (Rejected, ["mktVp"], true),
        [(MarketingVpReviewed, Reject)] = (Rejected, ["hrVp"], true),
        [(HrVpReviewed, Reject)] = (Rejected, ["gm"], true),
    };

    public static TheoryData<GradeCaseKind, GradingState, GradingAction> AllPairs()
    {
        var data = new TheoryData<GradeCaseKind, GradingState, GradingAction>();
        foreach (var kind in Enum.GetValues<GradeCaseKind>())
        {
            foreach (var state in Enum.GetValues<GradingState>())
            {
                foreach (var action in Enum.GetValues<GradingAction>())
                {
                    data.Add(kind, state, action);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_action_in_every_state_for_every_actor(GradeCaseKind kind, GradingState state, GradingAction action)
    {
        var expected = kind == GradeCaseKind.Promotion ? Promotion : Demotion;
        foreach (var (name, actor) in Cast)
        {
            var outcome = GradingFlow.Apply(kind, state, action, actor, Parties, "a reason", Pass);
            if (!expected.TryGetValue((state, action), out var move))
            {
                Assert.Equal((RefusalKind.Conflict, GradingFlow.InvalidTransition), (outcome.Refusal!.Kind, outcome.Refusal.Code));
                Assert.StartsWith($"{action} is not allowed", outcome.Refusal.Message, StringComparison.Ordinal);
            }
            else if (!move.Who.Contains(name))
            {
                Assert.Equal(RefusalKind.Forbidden, outcome.Refusal!.Kind);
                Assert.Equal(actor.PersonId == Parties.SubjectId ? GradingFlow.OwnCase : GradingFlow.NotAllowedActor, outcome.Refusal.Code);
            }
            else
            {
                Assert.Equal(move.To, outcome.Value);
                var noReason = GradingFlow.Apply(kind, state, action, actor, Parties, " ", Pass);
                Assert.Equal(move.Reason, !noReason.Succeeded);
                if (move.Reason)
                {
                    Assert.Equal(GradingFlow.ReasonRequiredCode, noReason.Refusal!.Errors.Single().Code);
                }
            }
        }
    }

    [Fact]
    public void The_tables_are_exactly_the_expected_ones()
    {
        foreach (var (kind, expected) in new[] { (GradeCaseKind.Promotion, Promotion), (GradeCaseKind.Demotion, Demotion) })
        {
            Assert.Equal(expected.Keys.ToHashSet(), GradingFlow.Table(kind).Keys.ToHashSet());
            foreach (var (key, move) in expected)
            {
                Assert.Equal((move.To, move.Reason), (GradingFlow.Table(kind)[key].To, GradingFlow.Table(kind)[key].ReasonRequired));
            }
        }
    }

    [Fact]
    public void Final_states_allow_nothing()
    {
        Assert.True(GradingFlow.IsFinal(GradeCaseKind.Promotion, CertificateIssued));
        Assert.True(GradingFlow.IsFinal(GradeCaseKind.Promotion, Rejected));
        Assert.True(GradingFlow.IsFinal(GradeCaseKind.Demotion, Filed));
        Assert.False(GradingFlow.IsFinal(GradeCaseKind.Promotion, Filed));
        Assert.Equal([IssueCertificate], GradingFlow.Allowed(GradeCaseKind.Promotion, Filed));
    }

    [Fact]
    public void A_failed_examination_rejects_the_application()
    {
        var failed = Pass with { WeightedScore = 65m, Passed = false };
        Assert.Equal(Rejected, GradingFlow.Apply(GradeCaseKind.Promotion, DepartmentHeadConfirmed, RecordExamination, Cast["panel"], Parties, examination: failed).Value);
    }

    [Fact]
    public void The_examination_needs_scores_from_the_panel_only()
    {
        var missing = GradingFlow.Apply(GradeCaseKind.Promotion, DepartmentHeadConfirmed, RecordExamination, Cast["panel"], Parties);
        Assert.Equal(GradingFlow.ExaminationRequired, missing.Refusal!.Errors.Single().Code);
        var outsider = GradingFlow.Apply(GradeCaseKind.Promotion, DepartmentHeadConfirmed, RecordExamination, Cast["panel"], Parties,
            examination: Pass with { MemberIds = [4, 9] });
        Assert.Equal(GradingFlow.ExaminerNotOnPanel, outsider.Refusal!.Code);
        var own = GradingFlow.Apply(GradeCaseKind.Promotion, DepartmentHeadConfirmed, RecordExamination, Cast["panel"], Parties with { PanelMemberIds = [1, 4] },
            examination: Pass with { MemberIds = [1, 4] });
        Assert.Equal(GradingFlow.OwnCase, own.Refusal!.Code);
    }

    [Fact]
    public void Without_a_direct_superior_the_department_head_confirms_as_superior()
    {
        var noSuperior = Parties with { SuperiorId = null };
        Assert.Equal(SuperiorConfirmed, GradingFlow.Apply(GradeCaseKind.Promotion, Submitted, ConfirmBySuperior, Cast["deptHead"], noSuperior).Value);
        Assert.Equal(RefusalKind.Forbidden, GradingFlow.Apply(GradeCaseKind.Promotion, Submitted, ConfirmBySuperior, Cast["deptHead"], Parties).Refusal!.Kind);
    }
}
