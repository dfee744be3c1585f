using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Grading;
using ServiceMark.Domain.Organisation;
using static ServiceMark.Domain.Grading.GradingAction;

namespace ServiceMark.Domain.Tests.Grading;

[Trait("Rule", "R-GRD-4")]
public sealed class GradeApplicationTests
{
    private static readonly GradingActor Applicant = new(1, [RoleNames.Engineer]);
    private static readonly GradingActor Superior = new(2, [RoleNames.Supervisor]);
    private static readonly GradingActor DeptHead = new(3, [RoleNames.DepartmentHead]);
    private static readonly GradingActor PanelMember = new(4, [RoleNames.Engineer]);
    private static readonly GradingActor MarketingVp = new(5, [GradingRoles.MarketingVp]);
    private static readonly GradingActor HrVp = new(6, [GradingRoles.HrVp]);
    private static readonly GradingActor Gm = new(7, [RoleNames.GeneralManager]);
    private static readonly GradingActor Hr = new(8, [RoleNames.Hr]);

    private static readonly DateOnly Oct = new(2026, 10, 8);
    private static readonly ExamWeights Intermediate = ExamWeights.Defaults.Single(w => w.LevelCode == "Intermediate");

    private static GradeApplication Step(Result<GradeApplication> r) => r.Succeeded ? r.Value! : throw new InvalidOperationException(r.Refusal!.Message);

    private static GradeApplication ToDepartmentHeadConfirmed()
    {
        var app = Step(GradeApplication.Open(GradeScheme.Default, 1, 2, "Junior", "Intermediate", Oct));
        app = Step(app.AssignPanel([4, 7]));
        app = Step(app.Act(Submit, Applicant, Oct));
        app = Step(app.Act(ConfirmBySuperior, Superior, Oct.AddDays(1)));
        return Step(app.Act(ConfirmByDepartmentHead, DeptHead, Oct.AddDays(2)));
    }

    private static readonly PanelScore[] PassingScores =
    [
        new(4, ExamPart.Theory, 70m), new(7, ExamPart.Theory, 80m),
        new(4, ExamPart.Practical, 75m), new(4, ExamPart.Teaching, 65m),
    ];

    [Fact]
    public void The_whole_way_from_application_to_certificate_and_pay()
    {
        var app = ToDepartmentHeadConfirmed();
        app = Step(app.RecordExamination(PanelMember, Intermediate, PassingScores, new DateOnly(2026, 11, 10)));
        Assert.Equal(GradingState.Examined, app.State);
        Assert.Equal(73m, app.Examination!.WeightedScore); // 75×0.3 + 75×0.5 + 65×0.2
        app = Step(app.Act(PreparePromotionForm, Applicant, new DateOnly(2026, 11, 11)));
        app = Step(app.Act(ReviewByMarketingVp, MarketingVp, new DateOnly(2026, 11, 12)));
        app = Step(app.Act(ReviewByHrVp, HrVp, new DateOnly(2026, 11, 13)));
        app = Step(app.Act(ApproveByGm, Gm, new DateOnly(2026, 11, 20)));
        app = Step(app.Act(GradingAction.File, Hr, new DateOnly(2026, 11, 25)));
        Assert.Null(app.GradeChange);
        app = Step(app.IssueCertificate(Hr, GradeCertificateNumber.Format(2026, 12), new DateOnly(2026, 11, 26), new DateOnly(2026, 12, 15)));

        Assert.Equal(GradingState.CertificateIssued, app.State);
        Assert.Equal(new GradeCertificate("ZS-2026-0012", 1, "default", "Intermediate", new DateOnly(2026, 11, 26), new DateOnly(2026, 12, 15)), app.Certificate);
        Assert.Equal([1, 2, 3, 4, 1, 5, 6, 7, 8, 8], app.History.Select(e => e.ActorId));
        Assert.All(app.History.Skip(1).Zip(app.History), p => Assert.Equal(p.Second.To, p.First.From));

        // Pay follows from the certificate's effective date: December 2026 is 14 days Junior, 17 days Intermediate.
        var pay = GradePayroll.ForMonth(2026, 12, [new GradeChange(new DateOnly(2024, 1, 1), "Junior", "first grading"), app.GradeChange!],
            [PayTable.Default(new DateOnly(2020, 1, 1))]).Value!;
        Assert.Equal(3403.23m, pay.Total);
    }

    [Fact]
    public void A_failed_examination_ends_the_application_with_the_arithmetic_as_reason()
    {
        var app = Step(ToDepartmentHeadConfirmed().RecordExamination(PanelMember, Intermediate,
            [new(4, ExamPart.Theory, 50m), new(4, ExamPart.Practical, 55m), new(4, ExamPart.Teaching, 60m)], new DateOnly(2026, 11, 10)));
        Assert.Equal(GradingState.Rejected, app.State);
        Assert.StartsWith("failed the examination: ", app.RejectionReason, StringComparison.Ordinal);
        Assert.EndsWith("→ failed 不合格", app.RejectionReason, StringComparison.Ordinal);
        Assert.Empty(GradingFlow.Allowed(GradeCaseKind.Promotion, app.State));
    }

    [Fact]
    public void Examination_refusals_come_from_the_flow_first_then_from_the_scores()
    {
        var app = ToDepartmentHeadConfirmed();
        Assert.Equal(GradingFlow.NotAllowedActor, app.RecordExamination(Hr, Intermediate, PassingScores, Oct.AddDays(3)).Refusal!.Code);
        Assert.Equal(PanelScoring.MissingPart, app.RecordExamination(PanelMember, Intermediate, PassingScores[..2], Oct.AddDays(3)).Refusal!.Errors[0].Code);
        Assert.Equal(GradingFlow.ExaminerNotOnPanel,
            app.RecordExamination(PanelMember, Intermediate, [.. PassingScores, new PanelScore(9, ExamPart.Theory, 90m)], Oct.AddDays(3)).Refusal!.Code);
        Assert.Equal("wrong_level", app.RecordExamination(PanelMember, ExamWeights.Defaults[0], PassingScores, Oct.AddDays(3)).Refusal!.Errors[0].Code);
        Assert.Equal(GradeApplication.UseDedicatedStep, app.Act(RecordExamination, PanelMember, Oct.AddDays(3)).Refusal!.Errors[0].Code);
    }

    [Fact]
    public void A_rejection_keeps_its_reason()
    {
        var app = Step(GradeApplication.Open(GradeScheme.Default, 1, 2, "Junior", "Intermediate", Oct));
        app = Step(app.Act(Submit, Applicant, Oct));
        app = Step(app.Act(Reject, Superior, Oct, "  needs another year on chassis work  "));
        Assert.Equal((GradingState.Rejected, "needs another year on chassis work"), (app.State, app.RejectionReason));
    }

    [Theory]
    [InlineData("Junior", "Senior")]
    [InlineData("Junior", "Junior")]
    [InlineData("Senior", "Intermediate")]
    [InlineData("Expert", "Expert")]
    public void Applications_go_one_level_up_only(string from, string to) =>
        Assert.Equal(GradeApplication.NotOneLevelUp, GradeApplication.Open(GradeScheme.Default, 1, 2, from, to, Oct).Refusal!.Errors[0].Code);

    [Fact]
    public void A_first_grading_may_be_for_any_grade_and_unknown_grades_are_refused()
    {
        Assert.True(GradeApplication.Open(GradeScheme.Default, 1, 2, null, "Senior", Oct).Succeeded);
        Assert.Equal(GradeApplication.UnknownLevel, GradeApplication.Open(GradeScheme.Default, 1, 2, null, "P3", Oct).Refusal!.Errors[0].Code);
        Assert.Equal(GradeApplication.UnknownLevel, GradeApplication.Open(GradeScheme.Default, 1, 2, "P2", "Junior", Oct).Refusal!.Errors[0].Code);
    }

    [Fact]
    public void The_applicant_cannot_sit_on_their_own_panel_and_the_panel_is_fixed_after_examination()
    {
        var app = Step(GradeApplication.Open(GradeScheme.Default, 1, 2, "Junior", "Intermediate", Oct));
        Assert.Equal(GradingFlow.OwnCase, app.AssignPanel([1, 4]).Refusal!.Code);
        Assert.Equal("required", app.AssignPanel([]).Refusal!.Errors[0].Code);
        var examined = Step(ToDepartmentHeadConfirmed().RecordExamination(PanelMember, Intermediate, PassingScores, Oct.AddDays(5)));
        Assert.Equal(GradeApplication.PanelLocked, examined.AssignPanel([4]).Refusal!.Code);
    }

    [Fact]
    public void Steps_are_recorded_in_date_order_and_pay_cannot_start_before_approval()
    {
        var app = ToDepartmentHeadConfirmed();
        Assert.Equal(GradeApplication.TimeOutOfOrder, app.Act(Reject, PanelMember, Oct, "x").Refusal!.Code);

        app = Step(app.RecordExamination(PanelMember, Intermediate, PassingScores, new DateOnly(2026, 11, 10)));
        app = Step(app.Act(PreparePromotionForm, Applicant, new DateOnly(2026, 11, 11)));
        app = Step(app.Act(ReviewByMarketingVp, MarketingVp, new DateOnly(2026, 11, 12)));
        app = Step(app.Act(ReviewByHrVp, HrVp, new DateOnly(2026, 11, 13)));
        app = Step(app.Act(ApproveByGm, Gm, new DateOnly(2026, 11, 20)));
        app = Step(app.Act(GradingAction.File, Hr, new DateOnly(2026, 11, 25)));
        var refusal = app.IssueCertificate(Hr, "bad", new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 1)).Refusal!;
        Assert.Equal([("number", "format"), ("effectiveFrom", GradeApplication.EffectiveBeforeApproval)], refusal.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal(GradingFlow.OwnCase, app.IssueCertificate(new GradingActor(1, [RoleNames.Hr]), "ZS-2026-0001", new DateOnly(2026, 11, 26), new DateOnly(2026, 12, 1)).Refusal!.Code);
    }
}

[Trait("Rule", "R-GRD-6")]
public sealed class DemotionTests
{
    private static readonly GradingActor Superior = new(2, [RoleNames.Supervisor]);
    private static readonly GradingActor DeptHead = new(3, [RoleNames.DepartmentHead]);
    private static readonly GradingActor MarketingVp = new(5, [GradingRoles.MarketingVp]);
    private static readonly GradingActor HrVp = new(6, [GradingRoles.HrVp]);
    private static readonly GradingActor Gm = new(7, [RoleNames.GeneralManager]);
    private static readonly GradingActor Hr = new(8, [RoleNames.Hr]);
    private static readonly DateOnly On = new(2026, 4, 3);

    private static Demotion Step(Result<Demotion> r) => r.Succeeded ? r.Value! : throw new InvalidOperationException(r.Refusal!.Message);

    [Fact]
    public void A_flag_from_two_failed_months_becomes_a_one_level_demotion_and_a_pay_change()
    {
        var flag = Consequences.DemotionFlags([new MonthOutcome(2026, 2, true), new MonthOutcome(2026, 3, true)]).Single();
        var d = Step(Demotion.FromFlag(GradeScheme.Default, 1, 2, "Senior", flag, On));
        Assert.Equal(("Senior", "Intermediate", DemotionCause.ConsecutiveFailedMonths), (d.FromLevelCode, d.ToLevelCode, d.Cause));
        Assert.StartsWith("2026-02..2026-03: 2 consecutive failed monthly assessments", d.Evidence, StringComparison.Ordinal);

        d = Step(d.Act(Submit, Superior, On));
        d = Step(d.Act(ConfirmBySuperior, Superior, On));
        d = Step(d.Act(ConfirmByDepartmentHead, DeptHead, On.AddDays(1)));
        d = Step(d.Act(ReviewByMarketingVp, MarketingVp, On.AddDays(2)));
        d = Step(d.Act(ReviewByHrVp, HrVp, On.AddDays(3)));
        d = Step(d.Act(ApproveByGm, Gm, On.AddDays(4)));
        Assert.Null(d.GradeChange);
        Assert.Equal(GradeApplication.EffectiveBeforeApproval, d.File(Hr, On.AddDays(5), On).Refusal!.Errors[0].Code);
        d = Step(d.File(Hr, On.AddDays(5), new DateOnly(2026, 4, 16)));

        Assert.Equal(GradingState.Filed, d.State);
        Assert.Equal(new DateOnly(2026, 4, 16), d.GradeChange!.EffectiveFrom);
        // April has 30 days: 15 as Senior (2500/1000/2000), 15 as Intermediate (2300/600/1000).
        var pay = GradePayroll.ForMonth(2026, 4, [new GradeChange(new DateOnly(2023, 1, 1), "Senior", "x"), d.GradeChange],
            [PayTable.Default(new DateOnly(2020, 1, 1))]).Value!;
        Assert.Equal((2400m, 800m, 1500m), (pay.BasePay, pay.PositionPay, pay.GradeAllowance));
    }

    [Theory]
    [InlineData(DemotionCause.QualityAccident)]
    [InlineData(DemotionCause.RefusedAssignments)]
    [InlineData(DemotionCause.RuleViolation)]
    public void Manual_causes_need_evidence(DemotionCause cause)
    {
        Assert.Equal("required", Demotion.Raise(GradeScheme.Default, 1, 2, "Junior", cause, "  ", On).Refusal!.Errors[0].Code);
        var d = Demotion.Raise(GradeScheme.Default, 1, 2, "Junior", cause, "Ticket 2026-0412: engine damage after a missed oil check, ¥48,000", On).Value!;
        Assert.Equal(("Trainee", cause), (d.ToLevelCode, d.Cause));
    }

    [Fact]
    public void Never_below_the_lowest_grade()
    {
        var refusal = Demotion.Raise(GradeScheme.Default, 1, 2, "Trainee", DemotionCause.RuleViolation, "late twice", On).Refusal!;
        Assert.Equal((RefusalKind.Conflict, Demotion.AlreadyLowest), (refusal.Kind, refusal.Code));
        Assert.Equal(GradeApplication.UnknownLevel, Demotion.Raise(GradeScheme.Default, 1, 2, "P3", DemotionCause.RuleViolation, "x", On).Refusal!.Errors[0].Code);
    }

    [Fact]
    public void Only_demotion_flags_are_taken_from_the_assessment_engine()
    {
        var notAFlag = new Consequence(ConsequenceKind.NoQuarterlyBonus, "2026 Q1", "failed");
        Assert.Equal(Demotion.NotADemotionFlag, Demotion.FromFlag(GradeScheme.Default, 1, 2, "Senior", notAFlag, On).Refusal!.Errors[0].Code);
    }

    [Fact]
    public void The_person_cannot_act_on_their_own_demotion_and_a_rejection_ends_it()
    {
        var d = Demotion.Raise(GradeScheme.Default, 3, 2, "Senior", DemotionCause.RefusedAssignments, "refused three dispatches in March", On).Value!;
        Assert.Equal(GradingFlow.OwnCase, d.Act(Submit, DeptHead, On).Refusal!.Code); // the department head is the subject here
        d = Step(d.Act(Submit, Hr, On));
        d = Step(d.Act(Reject, Superior, On, "the dispatches were outside his region"));
        Assert.Equal((GradingState.Rejected, "the dispatches were outside his region"), (d.State, d.RejectionReason));
        Assert.Null(d.GradeChange);
        Assert.Equal(GradeApplication.UseDedicatedStep, d.Act(GradingAction.File, Hr, On).Refusal!.Errors[0].Code);
    }
}
