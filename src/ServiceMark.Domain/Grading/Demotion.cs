using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Grading;

/// <summary>Why a person is demoted one grade (降级, R-GRD-6, seed 002 四.3). Stored as its name: never rename a member.</summary>
public enum DemotionCause
{
    /// <summary>3.2 two consecutive failed monthly assessments — flagged automatically by the assessment engine.</summary>
    ConsecutiveFailedMonths,

    /// <summary>3.1 a quality accident with major loss in equipment the person maintains or is responsible for.</summary>
    QualityAccident,

    /// <summary>3.3 refusing work assignments or slacking, with an impact on others.</summary>
    RefusedAssignments,

    /// <summary>3.4 a violation of rules or discipline at work, with a negative impact.</summary>
    RuleViolation,
}

/// <summary>
/// A demotion case (<c>Demotion</c>): one grade down, with its cause and evidence, through the same approvals as a promotion
/// (<see cref="GradingFlow.DemotionTable"/>). When filed, the lower grade and its pay take effect from
/// <see cref="EffectiveFrom"/> (<see cref="GradeChange"/>). Immutable like <see cref="GradeApplication"/>.
/// </summary>
/// <remarks>
/// Rules: one level down only, never below the scheme's lowest grade (a Trainee cannot be demoted — refused as a conflict);
/// evidence text is required (up to 2000 characters) — for a flag from the assessment engine it is the flag's own reason,
/// naming the failed months; the person may not act on their own case; the effective date cannot be before the GM's approval.
/// </remarks>
public sealed record Demotion
{
    public const int EvidenceMaxLength = 2000;
    public const string AlreadyLowest = "already_lowest";
    public const string NotADemotionFlag = "not_a_demotion_flag";

    private Demotion()
    {
    }

    public int PersonId { get; private init; }
    public int? SuperiorId { get; private init; }
    public string SchemeCode { get; private init; } = "";
    public string FromLevelCode { get; private init; } = "";
    public string ToLevelCode { get; private init; } = "";
    public DemotionCause Cause { get; private init; }
    public string Evidence { get; private init; } = "";
    public DateOnly RaisedOn { get; private init; }
    public GradingState State { get; private init; } = GradingState.Draft;
    public string? RejectionReason { get; private init; }
    public DateOnly? EffectiveFrom { get; private init; }
    public IReadOnlyList<GradingEvent> History { get; private init; } = [];

    public GradingParties Parties => new(PersonId, SuperiorId, []);

    /// <summary>The grade change once filed; the pay function (<see cref="GradePayroll"/>) pays the lower grade from its date.</summary>
    public GradeChange? GradeChange => State == GradingState.Filed && EffectiveFrom is { } from
        ? new GradeChange(from, ToLevelCode, $"demotion ({Cause}): {Evidence}")
        : null;

    /// <summary>A draft demotion case raised by hand for <paramref name="cause"/>, with evidence.</summary>
    public static Result<Demotion> Raise(
        GradeScheme scheme, int personId, int? superiorId, string currentLevelCode, DemotionCause cause, string? evidence, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        if (scheme.Find(currentLevelCode) is null)
        {
            return Refusal.Invalid("currentLevelCode", GradeApplication.UnknownLevel, $"The scheme {scheme.Code} has no grade {currentLevelCode}.");
        }

        var below = scheme.Below(currentLevelCode);
        if (below is null)
        {
            return Refusal.Conflict(AlreadyLowest,
                $"{currentLevelCode} is the lowest grade of {scheme.Code}: there is no grade to demote to. 已是最低等级,无法降级。");
        }

        var errors = new FieldErrors();
        errors.RequiredText("evidence", evidence, EvidenceMaxLength);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        return new Demotion
        {
            PersonId = personId,
            SuperiorId = superiorId,
            SchemeCode = scheme.Code,
            FromLevelCode = currentLevelCode,
            ToLevelCode = below.Code,
            Cause = cause,
            Evidence = evidence!.Trim(),
            RaisedOn = on,
        };
    }

    /// <summary>
    /// A draft demotion case from the assessment engine's flag (<see cref="Consequences.DemotionFlags"/>: two consecutive failed
    /// monthly assessments); the flag's reason is the evidence. It still needs someone to submit it and every approval.
    /// </summary>
    public static Result<Demotion> FromFlag(
        GradeScheme scheme, int personId, int? superiorId, string currentLevelCode, Consequence flag, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(flag);
        if (flag.Kind != ConsequenceKind.DemotionFlag)
        {
            return Refusal.Invalid("flag", NotADemotionFlag, $"A {flag.Kind} is not a demotion flag.");
        }

        return Raise(scheme, personId, superiorId, currentLevelCode, DemotionCause.ConsecutiveFailedMonths,
            $"{flag.Period}: {flag.Reason}", on);
    }

    /// <summary>Any step of the demotion table except File, which carries the effective date.</summary>
    public Result<Demotion> Act(GradingAction action, GradingActor actor, DateOnly on, string? reason = null)
    {
        if (action == GradingAction.File)
        {
            return Refusal.Invalid("action", GradeApplication.UseDedicatedStep, "File has its own step with the effective date.");
        }

        if (OutOfOrder(on) is { } late)
        {
            return late;
        }

        var next = GradingFlow.Apply(GradeCaseKind.Demotion, State, action, actor, Parties, reason);
        return next.Succeeded ? Moved(action, actor, on, next.Value, reason) : next.Refusal!;
    }

    /// <summary>HR files the approved demotion; the lower grade and its pay apply from <paramref name="effectiveFrom"/>.</summary>
    public Result<Demotion> File(GradingActor actor, DateOnly on, DateOnly effectiveFrom)
    {
        if (OutOfOrder(on) is { } late)
        {
            return late;
        }

        var next = GradingFlow.Apply(GradeCaseKind.Demotion, State, GradingAction.File, actor, Parties);
        if (!next.Succeeded)
        {
            return next.Refusal!;
        }

        var approvedOn = History.LastOrDefault(e => e.Action == GradingAction.ApproveByGm)?.On;
        if (effectiveFrom < approvedOn)
        {
            return Refusal.Invalid("effectiveFrom", GradeApplication.EffectiveBeforeApproval,
                $"effectiveFrom {effectiveFrom:yyyy-MM-dd} is before the general manager's approval on {approvedOn:yyyy-MM-dd}.");
        }

        return Moved(GradingAction.File, actor, on, next.Value, null) with { EffectiveFrom = effectiveFrom };
    }

    private Refusal? OutOfOrder(DateOnly on)
    {
        var last = History.Count > 0 ? History[^1].On : RaisedOn;
        return on < last
            ? Refusal.Conflict(GradeApplication.TimeOutOfOrder, $"{on:yyyy-MM-dd} is before the case's last step on {last:yyyy-MM-dd}.")
            : null;
    }

    private Demotion Moved(GradingAction action, GradingActor actor, DateOnly on, GradingState to, string? reason) =>
        this with
        {
            State = to,
            RejectionReason = to == GradingState.Rejected ? reason?.Trim() : RejectionReason,
            History = [.. History, new GradingEvent(action, actor.PersonId, on, State, to, reason?.Trim())],
        };
}
