using System.Collections.Frozen;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;
using static ServiceMark.Domain.Assessment.PeriodAction;
using static ServiceMark.Domain.Assessment.PeriodState;

namespace ServiceMark.Domain.Assessment;

/// <summary>Where an assessment period is in its workflow (R-ASM-5). Stored as its name: never rename a member.</summary>
public enum PeriodState
{
    Open,
    GoalPlans,
    DataCollection,
    SelfReview,
    SuperiorReview,
    GmReview,
    CommitteeConfirmation,
    Published,
    Interview,
    AppealWindow,
    Closed,
}

/// <summary>What can be done to a period. Stored as its name: never rename a member.</summary>
public enum PeriodAction
{
    StartGoalPlans,
    StartDataCollection,
    StartSelfReview,
    StartSuperiorReview,
    SendToGeneralManager,
    SendToCommittee,
    ReturnForCorrection,
    Publish,
    StartInterviews,
    OpenAppealWindow,
    Close,
    Reopen,
}

/// <summary>An allowed move: the next state and the roles that may make it.</summary>
public sealed record PeriodTransition(PeriodState To, IReadOnlyList<string> Roles, bool ReasonRequired = false);

/// <summary>
/// The workflow of an assessment period (R-ASM-5) in one table: (state, action) → next state and who may do it. A pair not
/// in the table is refused as a conflict; a role not allowed is forbidden; a missing reason where one is required is a
/// validation error.
/// </summary>
/// <remarks>
/// Choices, and why:
/// <list type="bullet">
/// <item>The steps are run by HR and the department head (admin can stand in), because they open and close work for
/// everyone in the period rather than one person's sheet.</item>
/// <item>GmReview is only for periods with managers' sheets: from SuperiorReview the period goes either to the general
/// manager or, when there are none, straight to the committee.</item>
/// <item>The general manager finishes the GM review and, as head of the assessment committee (考核小组), may publish and may
/// return results for correction to SuperiorReview (from GmReview or CommitteeConfirmation) — with a reason, since the
/// superiors must know what to correct.</item>
/// <item>Reopen is by admin only, with a reason, from Closed, and returns to AppealWindow: a published score changes only by
/// an appeal decision, so reopening means hearing a late appeal, not editing results.</item>
/// </list>
/// </remarks>
public static class PeriodWorkflow
{
    // The department head runs the department's assessment with HR and sits on the committee (考核小组) with the GM.
    private static readonly string[] Organisers = [RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin];
    private static readonly string[] Committee = [RoleNames.GeneralManager, RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin];

    public static IReadOnlyDictionary<(PeriodState From, PeriodAction Action), PeriodTransition> Table { get; } =
        new Dictionary<(PeriodState, PeriodAction), PeriodTransition>
        {
            [(Open, StartGoalPlans)] = new(GoalPlans, Organisers),
            [(GoalPlans, StartDataCollection)] = new(DataCollection, Organisers),
            [(DataCollection, StartSelfReview)] = new(SelfReview, Organisers),
            [(SelfReview, StartSuperiorReview)] = new(SuperiorReview, Organisers),
            [(SuperiorReview, SendToGeneralManager)] = new(GmReview, Organisers),
            [(SuperiorReview, SendToCommittee)] = new(CommitteeConfirmation, Organisers),
            [(GmReview, SendToCommittee)] = new(CommitteeConfirmation, Committee),
            [(GmReview, ReturnForCorrection)] = new(SuperiorReview, Committee, ReasonRequired: true),
            [(CommitteeConfirmation, ReturnForCorrection)] = new(SuperiorReview, Committee, ReasonRequired: true),
            [(CommitteeConfirmation, Publish)] = new(Published, Committee),
            [(Published, StartInterviews)] = new(Interview, Organisers),
            [(Interview, OpenAppealWindow)] = new(AppealWindow, Organisers),
            [(AppealWindow, Close)] = new(Closed, Organisers),
            [(Closed, Reopen)] = new(AppealWindow, [RoleNames.Admin], ReasonRequired: true),
        }.ToFrozenDictionary();

    public const string InvalidTransition = "invalid_transition";
    public const string ReasonRequiredCode = "reason_required";
    public const int ReasonMaxLength = 500;

    /// <summary>The actions allowed in <paramref name="state"/>, in declaration order (for the UI's buttons).</summary>
    public static IReadOnlyList<PeriodAction> Allowed(PeriodState state) =>
        Enum.GetValues<PeriodAction>().Where(a => Table.ContainsKey((state, a))).ToArray();

    /// <summary>The next state, or why not: conflict (not allowed in this state), forbidden (role), validation (reason).</summary>
    public static Result<PeriodState> Apply(PeriodState from, PeriodAction action, IReadOnlyCollection<string> actorRoles, string? reason = null)
    {
        if (!Table.TryGetValue((from, action), out var move))
        {
            var allowed = Allowed(from);
            return Refusal.Conflict(InvalidTransition, allowed.Count == 0
                ? $"{action} is not allowed: the period is {from}, which allows no further action."
                : $"{action} is not allowed while the period is {from}. Allowed now: {string.Join(", ", allowed)}.");
        }

        if (!move.Roles.Any(actorRoles.Contains))
        {
            return Refusal.Forbidden($"{action} in {from} may be done only by: {string.Join(", ", move.Roles)}.");
        }

        if (move.ReasonRequired)
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                return Refusal.Invalid("reason", ReasonRequiredCode, $"{action} needs a reason: say why.");
            }

            if (reason.Trim().Length > ReasonMaxLength)
            {
                return Refusal.Invalid("reason", "too_long", $"reason must be at most {ReasonMaxLength} characters.");
            }
        }

        return move.To;
    }

    /// <summary>The states whose results are published (visible, and changeable only by an appeal decision); a list so queries can use it.</summary>
    public static IReadOnlyList<PeriodState> PublishedStates { get; } = [Published, Interview, AppealWindow, Closed];

    /// <summary>Whether results are published (visible, and changeable only by an appeal decision).</summary>
    public static bool IsPublished(PeriodState state) => PublishedStates.Contains(state);
}

/// <summary>On what authority a sheet's score is changed.</summary>
public enum AdjustmentBasis
{
    /// <summary>The assessed person's superior adjusts during SuperiorReview (seed 001 第七条).</summary>
    SuperiorJudgement,

    /// <summary>A decided appeal changes a published score, during the appeal window.</summary>
    AppealDecision,
}

/// <summary>An accepted change of a sheet's score, for the audit trail: old, new, basis and reason.</summary>
public sealed record ScoreAdjustment(decimal From, decimal To, AdjustmentBasis Basis, string Reason, string Arithmetic);

/// <summary>
/// Who may change a sheet's score, and when (R-ASM-5): the superior, with a reason, only in SuperiorReview; after
/// publication nobody, except by an appeal decision (general manager, HR, department head or admin: the committee) in the AppealWindow.
/// Before SuperiorReview scores are still being produced (self review is the person's own), so no adjustment exists yet.
/// </summary>
public static class ScoreAdjustmentRule
{
    public const string NotAdjustableNow = "not_adjustable_now";

    private static readonly string[] AppealDeciders = [RoleNames.GeneralManager, RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.Admin];

    public static Result<ScoreAdjustment> Check(
        PeriodState state, AdjustmentBasis basis, bool actorIsSuperiorOfAssessed, IReadOnlyCollection<string> actorRoles,
        decimal from, decimal to, string? reason, decimal maxScore = 100m)
    {
        var (neededState, what) = basis == AdjustmentBasis.SuperiorJudgement
            ? (SuperiorReview, "A superior's adjustment")
            : (AppealWindow, "An appeal decision");
        if (state != neededState)
        {
            var why = PeriodWorkflow.IsPublished(state)
                ? " The score is published: only an appeal decision in the appeal window changes it."
                : "";
            return Refusal.Conflict(NotAdjustableNow, $"{what} is possible only in {neededState}; the period is {state}.{why}");
        }

        if (basis == AdjustmentBasis.SuperiorJudgement && !actorIsSuperiorOfAssessed)
        {
            return Refusal.Forbidden("Only the assessed person's superior may adjust the score.");
        }

        if (basis == AdjustmentBasis.AppealDecision && !AppealDeciders.Any(actorRoles.Contains))
        {
            return Refusal.Forbidden($"An appeal is decided by: {string.Join(", ", AppealDeciders)}.");
        }

        var errors = new FieldErrors();
        errors.RequiredText("reason", reason, PeriodWorkflow.ReasonMaxLength);
        if (to < 0 || to > maxScore || Rounding.Round(to) != to)
        {
            errors.Add("score", "out_of_range", $"score must be between 0 and {Num.S(maxScore)} with at most {Rounding.Decimals} decimals.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var delta = to - from;
        return new ScoreAdjustment(from, to, basis, reason!.Trim(),
            $"{Num.S(from)} → {Num.S(to)} ({(delta >= 0 ? "+" : "")}{Num.S(delta)}), {(basis == AdjustmentBasis.SuperiorJudgement ? "adjusted by the superior" : "by appeal decision")}: {reason.Trim()}");
    }
}
