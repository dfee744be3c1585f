using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Grading;

/// <summary>One accepted step of a grading case, for the audit trail.</summary>
public sealed record GradingEvent(GradingAction Action, int ActorId, DateOnly On, GradingState From, GradingState To, string? Reason);

/// <summary>
/// An engineer's application for the next grade (评定申请表, <c>GradeApplication</c>, R-GRD-4), or their first grading (定级)
/// when <see cref="FromLevelCode"/> is null. Immutable: every accepted step returns a new value with one more
/// <see cref="GradingEvent"/>; every refused step returns the reason (see <see cref="GradingFlow"/>).
/// </summary>
public sealed record GradeApplication
{
    public const string NotOneLevelUp = "not_one_level_up";
    public const string UnknownLevel = "unknown_level";
    public const string UseDedicatedStep = "use_dedicated_step";
    public const string PanelLocked = "panel_locked";
    public const string EffectiveBeforeApproval = "effective_before_approval";
    public const string TimeOutOfOrder = "time_out_of_order";

    private GradeApplication()
    {
    }

    public int ApplicantId { get; private init; }
    public int? SuperiorId { get; private init; }
    public string SchemeCode { get; private init; } = "";
    public string? FromLevelCode { get; private init; }
    public string ToLevelCode { get; private init; } = "";
    public DateOnly OpenedOn { get; private init; }
    public GradingState State { get; private init; } = GradingState.Draft;
    public IReadOnlyList<int> PanelMemberIds { get; private init; } = [];
    public PanelResult? Examination { get; private init; }
    public string? RejectionReason { get; private init; }
    public GradeCertificate? Certificate { get; private init; }
    public IReadOnlyList<GradingEvent> History { get; private init; } = [];

    public GradingParties Parties => new(ApplicantId, SuperiorId, PanelMemberIds);

    /// <summary>The grade change this application makes once its certificate is issued (pay follows from its date).</summary>
    public GradeChange? GradeChange => Certificate is { } c
        ? new GradeChange(c.EffectiveFrom, ToLevelCode, $"promotion, certificate {c.Number}")
        : null;

    /// <summary>
    /// A draft application of <paramref name="applicantId"/> for <paramref name="toLevelCode"/>: one level above
    /// <paramref name="currentLevelCode"/>, or any grade of the scheme for a first grading (current grade null). Eligibility is
    /// checked separately (<see cref="GradeEligibility"/>), because its answer is advice the engineer reads before applying.
    /// </summary>
    public static Result<GradeApplication> Open(
        GradeScheme scheme, int applicantId, int? superiorId, string? currentLevelCode, string toLevelCode, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        if (scheme.Find(toLevelCode) is null)
        {
            return Refusal.Invalid("toLevelCode", UnknownLevel, $"The scheme {scheme.Code} has no grade {toLevelCode}.");
        }

        if (currentLevelCode is not null)
        {
            if (scheme.Find(currentLevelCode) is null)
            {
                return Refusal.Invalid("currentLevelCode", UnknownLevel, $"The scheme {scheme.Code} has no grade {currentLevelCode}.");
            }

            if (scheme.Above(currentLevelCode)?.Code != toLevelCode)
            {
                return Refusal.Invalid("toLevelCode", NotOneLevelUp,
                    $"Grades go one level at a time, upward: from {currentLevelCode} the next grade is {scheme.Above(currentLevelCode)?.Code ?? "none"}. 只能逐级晋升。");
            }
        }

        return new GradeApplication
        {
            ApplicantId = applicantId,
            SuperiorId = superiorId,
            SchemeCode = scheme.Code,
            FromLevelCode = currentLevelCode,
            ToLevelCode = toLevelCode,
            OpenedOn = on,
        };
    }

    /// <summary>
    /// Names the panel (考评小组) for this application; allowed until the examination is recorded. The applicant cannot sit on it.
    /// Set by the department organising the grading (department head or HR).
    /// </summary>
    public Result<GradeApplication> AssignPanel(IReadOnlyCollection<int> memberIds)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        if (State is not (GradingState.Draft or GradingState.Submitted or GradingState.SuperiorConfirmed or GradingState.DepartmentHeadConfirmed))
        {
            return Refusal.Conflict(PanelLocked, $"The panel cannot change once the application is {State}.");
        }

        if (memberIds.Contains(ApplicantId))
        {
            return new Refusal(RefusalKind.Forbidden, GradingFlow.OwnCase, "The applicant cannot sit on their own panel.", []);
        }

        if (memberIds.Count == 0)
        {
            return Refusal.Invalid("panelMemberIds", "required", "A panel needs at least one member.");
        }

        return this with { PanelMemberIds = memberIds.Distinct().Order().ToArray() };
    }

    /// <summary>
    /// Any step of the table except RecordExamination and IssueCertificate, which carry data and have their own methods.
    /// A Reject keeps its reason as <see cref="RejectionReason"/>.
    /// </summary>
    public Result<GradeApplication> Act(GradingAction action, GradingActor actor, DateOnly on, string? reason = null)
    {
        if (action is GradingAction.RecordExamination or GradingAction.IssueCertificate)
        {
            return Refusal.Invalid("action", UseDedicatedStep, $"{action} has its own step with its data.");
        }

        if (OutOfOrder(on) is { } late)
        {
            return late;
        }

        var next = GradingFlow.Apply(GradeCaseKind.Promotion, State, action, actor, Parties, reason);
        return next.Succeeded ? Moved(action, actor, on, next.Value, reason) : next.Refusal!;
    }

    /// <summary>
    /// The panel's examination, scored by <see cref="PanelScoring"/> with <paramref name="weights"/> for the grade applied for.
    /// A pass moves to Examined; a fail rejects the application with the arithmetic as the reason.
    /// </summary>
    public Result<GradeApplication> RecordExamination(
        GradingActor actor, ExamWeights weights, IReadOnlyCollection<PanelScore> scores, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.LevelCode != ToLevelCode)
        {
            return Refusal.Invalid("weights", "wrong_level", $"The weights are for {weights.LevelCode}, the application is for {ToLevelCode}.");
        }

        if (OutOfOrder(on) is { } late)
        {
            return late;
        }

        // The flow decides first whether this step is allowed now and for this actor; only then are the scores checked.
        var probe = GradingFlow.Apply(GradeCaseKind.Promotion, State, GradingAction.RecordExamination, actor, Parties,
            examination: new PanelResult(ToLevelCode, new Dictionary<ExamPart, decimal>(), 0, 0, true, [], ""));
        if (!probe.Succeeded)
        {
            return probe.Refusal!;
        }

        var result = PanelScoring.Score(weights, scores, ApplicantId);
        if (!result.Succeeded)
        {
            return result.Refusal!;
        }

        var next = GradingFlow.Apply(GradeCaseKind.Promotion, State, GradingAction.RecordExamination, actor, Parties, examination: result.Value);
        if (!next.Succeeded)
        {
            return next.Refusal!;
        }

        var reason = result.Value!.Passed ? null : $"failed the examination: {result.Value.Arithmetic}";
        return Moved(GradingAction.RecordExamination, actor, on, next.Value, reason) with { Examination = result.Value };
    }

    /// <summary>
    /// Issues the certificate numbered <paramref name="number"/> (see <see cref="GradeCertificateNumber"/>); the new grade and
    /// its pay take effect from <paramref name="effectiveFrom"/>, which cannot be before the GM's approval.
    /// </summary>
    public Result<GradeApplication> IssueCertificate(GradingActor actor, string number, DateOnly on, DateOnly effectiveFrom)
    {
        if (OutOfOrder(on) is { } late)
        {
            return late;
        }

        var next = GradingFlow.Apply(GradeCaseKind.Promotion, State, GradingAction.IssueCertificate, actor, Parties);
        if (!next.Succeeded)
        {
            return next.Refusal!;
        }

        var errors = new FieldErrors();
        if (GradeCertificateNumber.Parse(number) is null)
        {
            errors.Add("number", "format", "number must look like ZS-2026-0001.");
        }

        var approvedOn = History.LastOrDefault(e => e.Action == GradingAction.ApproveByGm)?.On;
        if (effectiveFrom < approvedOn)
        {
            errors.Add("effectiveFrom", EffectiveBeforeApproval,
                $"effectiveFrom {effectiveFrom:yyyy-MM-dd} is before the general manager's approval on {approvedOn:yyyy-MM-dd}.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var certificate = new GradeCertificate(number, ApplicantId, SchemeCode, ToLevelCode, on, effectiveFrom);
        return Moved(GradingAction.IssueCertificate, actor, on, next.Value, null) with { Certificate = certificate };
    }

    private Refusal? OutOfOrder(DateOnly on)
    {
        var last = History.Count > 0 ? History[^1].On : OpenedOn;
        return on < last
            ? Refusal.Conflict(TimeOutOfOrder, $"{on:yyyy-MM-dd} is before the application's last step on {last:yyyy-MM-dd}; steps are recorded in date order.")
            : null;
    }

    private GradeApplication Moved(GradingAction action, GradingActor actor, DateOnly on, GradingState to, string? reason) =>
        this with
        {
            State = to,
            RejectionReason = to == GradingState.Rejected ? reason?.Trim() : RejectionReason,
            History = [.. History, new GradingEvent(action, actor.PersonId, on, State, to, reason?.Trim())],
        };
}
