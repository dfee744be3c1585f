using System.Collections.Frozen;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;
using static ServiceMark.Domain.Grading.GradingAction;
using static ServiceMark.Domain.Grading.GradingState;

namespace ServiceMark.Domain.Grading;

/// <summary>What a grading case is about. A first grading (定级) is a promotion case from no grade.</summary>
public enum GradeCaseKind
{
    Promotion,
    Demotion,
}

/// <summary>Where a grade application (评定申请表) or demotion case is. Stored as its name: never rename a member.</summary>
public enum GradingState
{
    Draft,
    Submitted,
    SuperiorConfirmed,
    DepartmentHeadConfirmed,
    Examined,
    PromotionFormPrepared,
    MarketingVpReviewed,
    HrVpReviewed,
    GmApproved,
    Filed,
    CertificateIssued,
    Rejected,
}

/// <summary>What can be done to a grading case. Stored as its name: never rename a member.</summary>
public enum GradingAction
{
    Submit,
    ConfirmBySuperior,
    ConfirmByDepartmentHead,
    RecordExamination,
    PreparePromotionForm,
    ReviewByMarketingVp,
    ReviewByHrVp,
    ApproveByGm,
    File,
    IssueCertificate,
    Reject,
}

/// <summary>
/// The grading panel's and the company officers' roles that <see cref="RoleNames"/> does not have yet (R-GRD-4: 营销副总 and
/// 行政及人力资源副总). They are role names like the others; the web layer adds them to <see cref="RoleNames"/> when it wires
/// grading to accounts.
/// </summary>
public static class GradingRoles
{
    public const string MarketingVp = "marketing-vp";
    public const string HrVp = "hr-vp";
}

/// <summary>
/// Who may take a step: the case's subject (the applicant), the subject's direct superior, a member of the case's panel, or
/// anyone holding one of <see cref="Roles"/>. Except for subject-only steps, the subject is never allowed.
/// </summary>
public sealed record StepActors(bool Subject = false, bool DirectSuperior = false, bool PanelMember = false, IReadOnlyList<string>? Roles = null)
{
    public IReadOnlyList<string> RoleList => Roles ?? [];

    public static StepActors OfSubject { get; } = new(Subject: true);
    public static StepActors OfSuperior { get; } = new(DirectSuperior: true);
    public static StepActors OfPanel { get; } = new(PanelMember: true);

    public static StepActors OfRoles(params string[] roles) => new(Roles: roles);

    public override string ToString()
    {
        var who = new List<string>();
        if (Subject)
        {
            who.Add("the applicant");
        }

        if (DirectSuperior)
        {
            who.Add("the direct superior");
        }

        if (PanelMember)
        {
            who.Add("a panel member");
        }

        who.AddRange(RoleList);
        return string.Join(", ", who);
    }
}

/// <summary>An allowed move: the next state, who may make it, whether a reason is required.</summary>
public sealed record GradingStep(GradingState To, StepActors Actors, bool ReasonRequired = false);

/// <summary>The person acting and their roles.</summary>
public sealed record GradingActor(int PersonId, IReadOnlyCollection<string> Roles);

/// <summary>The people of a case: its subject (applicant or person to demote), their direct superior, and the panel.</summary>
public sealed record GradingParties(int SubjectId, int? SuperiorId, IReadOnlyCollection<int> PanelMemberIds);

/// <summary>
/// The technical-grade approval chain (R-GRD-4, R-GRD-6) in two tables, one per <see cref="GradeCaseKind"/>:
/// (state, action) → next state, who may act, whether a reason is needed. A pair not in the table is a conflict; an actor not
/// allowed is forbidden; a missing reason is a validation error.
/// </summary>
/// <remarks>
/// Promotion (and first grading), as seed 002 describes it:
/// Draft →Submit (applicant hands in 评定申请表)→ Submitted →ConfirmBySuperior→ SuperiorConfirmed →ConfirmByDepartmentHead→
/// DepartmentHeadConfirmed →RecordExamination (a panel member enters the panel's scores)→ Examined →PreparePromotionForm
/// (the applicant fills in 晋级表, "考核通过者填写")→ PromotionFormPrepared →ReviewByMarketingVp→ MarketingVpReviewed
/// →ReviewByHrVp→ HrVpReviewed →ApproveByGm→ GmApproved →File (HR)→ Filed →IssueCertificate (HR or the department head:
/// "由部门颁发技术等级证书")→ CertificateIssued.
/// <list type="bullet">
/// <item><b>A failed examination</b> ends the application: RecordExamination leads to Examined only when the panel's result
/// passed, otherwise to Rejected with the panel's arithmetic as the reason. This is the one place the table's target is
/// overridden.</item>
/// <item><b>Reject</b>, with a reason, by whoever's review is pending: the superior in Submitted, the department head in
/// SuperiorConfirmed, a panel member in DepartmentHeadConfirmed (declines to examine), the marketing VP in
/// PromotionFormPrepared, the HR VP in MarketingVpReviewed, the GM in HrVpReviewed. Rejected is final: the person applies
/// again in a later cycle. Filing and issuing are clerical: nothing is rejected after the GM's approval.</item>
/// <item><b>Nobody acts on their own case</b> except to submit it and fill in its promotion form: the subject is refused every
/// other step even when they hold the role (a department head applying cannot confirm their own application).</item>
/// <item><b>No direct superior on record</b>: the department head acts as the direct superior.</item>
/// <item>Admin is deliberately absent: an administrator manages data, not approvals.</item>
/// </list>
/// Demotion (R-GRD-6) takes "the same approvals" without the examination, promotion form and certificate:
/// Draft →Submit (the superior, the department head or HR raises it with evidence)→ Submitted →ConfirmBySuperior→
/// SuperiorConfirmed →ConfirmByDepartmentHead→ DepartmentHeadConfirmed →ReviewByMarketingVp→ MarketingVpReviewed
/// →ReviewByHrVp→ HrVpReviewed →ApproveByGm→ GmApproved →File (HR, which sets the pay change's effective date)→ Filed.
/// Reject with a reason from Submitted to HrVpReviewed by the pending reviewer.
/// </remarks>
public static class GradingFlow
{
    public const string InvalidTransition = "invalid_transition";
    /// <summary>A step on one's own case: the same code as every other write about oneself.</summary>
    public const string OwnCase = SegregationOfDuties.Self;
    public const string NotAllowedActor = "not_allowed_actor";
    public const string ReasonRequiredCode = "reason_required";
    public const string ExaminationRequired = "examination_required";
    public const string ExaminerNotOnPanel = "examiner_not_on_panel";
    public const int ReasonMaxLength = 500;

    private static readonly StepActors DepartmentHead = StepActors.OfRoles(RoleNames.DepartmentHead);
    private static readonly StepActors MarketingVp = StepActors.OfRoles(GradingRoles.MarketingVp);
    private static readonly StepActors HrVp = StepActors.OfRoles(GradingRoles.HrVp);
    private static readonly StepActors Gm = StepActors.OfRoles(RoleNames.GeneralManager);
    private static readonly StepActors Hr = StepActors.OfRoles(RoleNames.Hr);

    public static IReadOnlyDictionary<(GradingState From, GradingAction Action), GradingStep> PromotionTable { get; } =
        new Dictionary<(GradingState, GradingAction), GradingStep>
        {
            [(Draft, Submit)] = new(Submitted, StepActors.OfSubject),
            [(Submitted, ConfirmBySuperior)] = new(SuperiorConfirmed, StepActors.OfSuperior),
            [(SuperiorConfirmed, ConfirmByDepartmentHead)] = new(DepartmentHeadConfirmed, DepartmentHead),
            [(DepartmentHeadConfirmed, RecordExamination)] = new(Examined, StepActors.OfPanel),
            [(Examined, PreparePromotionForm)] = new(PromotionFormPrepared, StepActors.OfSubject),
            [(PromotionFormPrepared, ReviewByMarketingVp)] = new(MarketingVpReviewed, MarketingVp),
            [(MarketingVpReviewed, ReviewByHrVp)] = new(HrVpReviewed, HrVp),
            [(HrVpReviewed, ApproveByGm)] = new(GmApproved, Gm),
            [(GmApproved, GradingAction.File)] = new(Filed, Hr),
            [(Filed, IssueCertificate)] = new(CertificateIssued, StepActors.OfRoles(RoleNames.Hr, RoleNames.DepartmentHead)),
            [(Submitted, Reject)] = new(Rejected, StepActors.OfSuperior, ReasonRequired: true),
            [(SuperiorConfirmed, Reject)] = new(Rejected, DepartmentHead, ReasonRequired: true),
            [(DepartmentHeadConfirmed, Reject)] = new(Rejected, StepActors.OfPanel, ReasonRequired: true),
            [(PromotionFormPrepared, Reject)] = new(Rejected, MarketingVp, ReasonRequired: true),
            [(MarketingVpReviewed, Reject)] = new(Rejected, HrVp, ReasonRequired: true),
            [(HrVpReviewed, Reject)] = new(Rejected, Gm, ReasonRequired: true),
        }.ToFrozenDictionary();

    public static IReadOnlyDictionary<(GradingState From, GradingAction Action), GradingStep> DemotionTable { get; } =
        new Dictionary<(GradingState, GradingAction), GradingStep>
        {
            [(Draft, Submit)] = new(Submitted, new StepActors(DirectSuperior: true, Roles: [RoleNames.DepartmentHead, RoleNames.Hr])),
            [(Submitted, ConfirmBySuperior)] = new(SuperiorConfirmed, StepActors.OfSuperior),
            [(SuperiorConfirmed, ConfirmByDepartmentHead)] = new(DepartmentHeadConfirmed, DepartmentHead),
            [(DepartmentHeadConfirmed, ReviewByMarketingVp)] = new(MarketingVpReviewed, MarketingVp),
            [(MarketingVpReviewed, ReviewByHrVp)] = new(HrVpReviewed, HrVp),
            [(HrVpReviewed, ApproveByGm)] = new(GmApproved, Gm),
            [(GmApproved, GradingAction.File)] = new(Filed, Hr),
            [(Submitted, Reject)] = new(Rejected, StepActors.OfSuperior, ReasonRequired: true),
            [(SuperiorConfirmed, Reject)] = new(Rejected, DepartmentHead, ReasonRequired: true),
            [(DepartmentHeadConfirmed, Reject)] = new(Rejected, MarketingVp, ReasonRequired: true),
            [(MarketingVpReviewed, Reject)] = new(Rejected, HrVp, ReasonRequired: true),
            [(HrVpReviewed, Reject)] = new(Rejected, Gm, ReasonRequired: true),
        }.ToFrozenDictionary();

    public static IReadOnlyDictionary<(GradingState From, GradingAction Action), GradingStep> Table(GradeCaseKind kind) =>
        kind == GradeCaseKind.Promotion ? PromotionTable : DemotionTable;

    /// <summary>The state in which a case of this kind has taken effect: CertificateIssued for a promotion, Filed for a demotion.</summary>
    public static GradingState Completed(GradeCaseKind kind) => kind == GradeCaseKind.Promotion ? CertificateIssued : Filed;

    /// <summary>Whether nothing more can happen to the case.</summary>
    public static bool IsFinal(GradeCaseKind kind, GradingState state) => Allowed(kind, state).Count == 0;

    /// <summary>The actions allowed in <paramref name="state"/>, in declaration order (for the UI's buttons).</summary>
    public static IReadOnlyList<GradingAction> Allowed(GradeCaseKind kind, GradingState state) =>
        Enum.GetValues<GradingAction>().Where(a => Table(kind).ContainsKey((state, a))).ToArray();

    /// <summary>
    /// The next state, or why not: conflict (not allowed in this state), forbidden (own case / wrong actor), validation (reason;
    /// examination result missing for RecordExamination). For RecordExamination a failed <paramref name="examination"/> leads
    /// to Rejected; every scorer of it must be on the case's panel.
    /// </summary>
    public static Result<GradingState> Apply(
        GradeCaseKind kind, GradingState from, GradingAction action, GradingActor actor, GradingParties parties,
        string? reason = null, PanelResult? examination = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(parties);
        if (!Table(kind).TryGetValue((from, action), out var step))
        {
            var allowed = Allowed(kind, from);
            return Refusal.Conflict(InvalidTransition, allowed.Count == 0
                ? $"{action} is not allowed: the {Noun(kind)} is {from}, which allows no further action."
                : $"{action} is not allowed while the {Noun(kind)} is {from}. Allowed now: {string.Join(", ", allowed)}.");
        }

        if (CheckActor(step.Actors, actor, parties, action, from) is { } forbidden)
        {
            return forbidden;
        }

        if (step.ReasonRequired)
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                return Refusal.Invalid("reason", ReasonRequiredCode, $"{action} needs a reason: say why. 请填写理由。");
            }

            if (reason.Trim().Length > ReasonMaxLength)
            {
                return Refusal.Invalid("reason", "too_long", $"reason must be at most {ReasonMaxLength} characters.");
            }
        }

        if (action == RecordExamination)
        {
            if (examination is null)
            {
                return Refusal.Invalid("examination", ExaminationRequired, "The panel's scores are required. 需录入考评小组成绩。");
            }

            if (examination.MemberIds.Contains(parties.SubjectId))
            {
                return new Refusal(RefusalKind.Forbidden, OwnCase, "The applicant cannot examine their own application.", []);
            }

            var outsiders = examination.MemberIds.Where(m => !parties.PanelMemberIds.Contains(m)).ToList();
            if (outsiders.Count > 0)
            {
                return new Refusal(RefusalKind.Forbidden, ExaminerNotOnPanel,
                    $"Not on this application's panel, yet scored: {string.Join(", ", outsiders)}.", []);
            }

            return examination.Passed ? step.To : Rejected;
        }

        return step.To;
    }

    private static Refusal? CheckActor(StepActors who, GradingActor actor, GradingParties parties, GradingAction action, GradingState from)
    {
        var isSubject = actor.PersonId == parties.SubjectId;
        if (who.Subject)
        {
            return isSubject
                ? null
                : new Refusal(RefusalKind.Forbidden, NotAllowedActor, $"{action} in {from} may be done only by the applicant.", []);
        }

        if (isSubject)
        {
            return new Refusal(RefusalKind.Forbidden, OwnCase,
                $"Nobody may {action} their own case. 本人不得审批或评审自己的申请。", []);
        }

        var allowed = who.RoleList.Any(actor.Roles.Contains)
                      || (who.DirectSuperior && parties.SuperiorId == actor.PersonId)
                      || (who.DirectSuperior && parties.SuperiorId is null && actor.Roles.Contains(RoleNames.DepartmentHead))
                      || (who.PanelMember && parties.PanelMemberIds.Contains(actor.PersonId));
        return allowed
            ? null
            : new Refusal(RefusalKind.Forbidden, NotAllowedActor, $"{action} in {from} may be done only by: {who}.", []);
    }

    private static string Noun(GradeCaseKind kind) => kind == GradeCaseKind.Promotion ? "application" : "demotion";
}
