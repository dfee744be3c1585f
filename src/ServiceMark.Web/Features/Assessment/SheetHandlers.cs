using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Assessment;

/// <summary>
/// A value for an indicator: <paramref name="RaterGroup"/> empty for a measured value or manual score, otherwise the group
/// the rater rates as (Superior, Peers, Subordinates, Customers, OtherDepartments, Self).
/// </summary>
public sealed record SheetInputRequest(string? IndicatorCode, decimal? Value, string? Comment, string? Evidence, string? RaterGroup, int Version);

public sealed record SheetTextRequest(string? Text, int Version);

public sealed record SelfReviewRequest(string? Text, decimal? SelfScore, int Version);

/// <summary><paramref name="Score"/> is the total the superior settles on; a change from the computed total needs a reason.</summary>
public sealed record SuperiorReviewRequest(string? Comment, decimal? Score, string? Reason, int Version);

public sealed record InterviewRequest(string? Notes, string? ImprovementPlan, int Version);

public sealed record AppealDecisionRequest(bool? Upheld, string? Decision, decimal? Score, int Version);

/// <summary>One group's average as the assessed person may see it: no rater names, small groups merged (R-ASM-6).</summary>
public sealed record RatingGroupView(IReadOnlyList<RaterGroup> Groups, int Raters, decimal? Average);

/// <summary>An entered value as shown: the rater is named only to HR and the committee.</summary>
public sealed record SheetInputView(int Id, string IndicatorCode, SheetInputKind Kind, string RaterGroup, string? EnteredBy, decimal Value,
    string? Comment, string? Evidence, DateTime EnteredAtUtc, bool Mine, int Version);

public sealed record SheetView(
    int Id,
    int Version,
    PeriodSummary Period,
    int PersonId,
    string PersonName,
    string EmployeeNumber,
    string? UnitName,
    string? SuperiorName,
    PlanSummary Plan,
    AssessmentPlan PlanContent,
    ScoreSheet? Score,
    IReadOnlyDictionary<string, IReadOnlyList<RatingGroupView>> Ratings,
    decimal Adjustment,
    string? AdjustmentReason,
    decimal? FinalTotal,
    string? Grade,
    string? FivePointGrade,
    AssessmentSheet Record,
    IReadOnlyList<SheetInputView> Inputs,
    SheetPermissions May,
    AnnualFromQuarters? FromQuarters = null);

/// <summary>What the signed-in user may do on this sheet now; the server checks the same on every command.</summary>
public sealed record SheetPermissions(bool EnterValues, IReadOnlyList<RaterGroup> RateAs, bool GoalPlan, bool ApproveGoalPlan, bool SelfReview,
    bool SuperiorReview, bool GmReview, bool Interview, bool Appeal, bool DecideAppeal);

/// <summary>
/// One person's assessment sheet (R-ASM-5, R-ASM-10): seen by the person, their superior, and HR/committee only
/// (R-ORG-3); each step only by its person in its period state; every change audited.
/// </summary>
public sealed class SheetHandlers(IDbContextFactory<AppDbContext> contexts, TimeProvider time)
{
    public async Task<Result<SheetView>> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var loaded = await LoadAsync(db, id, user, ct);
        return loaded.Succeeded ? await ViewAsync(db, loaded.Value!, user, ct) : loaded.Refusal!;
    }

    /// <summary>The signed-in person's own sheets, newest period first.</summary>
    public async Task<IReadOnlyList<SheetRow>> MineAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var me = user.PersonId();
        var periods = await db.AssessmentSheets.Where(s => s.PersonId == me).Select(s => s.PeriodId).ToListAsync(ct);
        var rows = new List<SheetRow>();
        foreach (var period in await db.AssessmentPeriods.AsNoTracking().Where(p => periods.Contains(p.Id)).OrderByDescending(p => p.FirstDay).ToListAsync(ct))
        {
            rows.AddRange((await PeriodHandlers.RowsAsync(db, period, ct)).Where(r => r.Row.PersonId == me).Select(r => r.Row));
        }

        return rows;
    }

    public Task<Result<SheetView>> EnterAsync(int id, SheetInputRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ChangeAsync(id, r.Version, user, "assessment input entered", async (db, s, ctx) =>
        {
            if (user.PersonId() is not { } me)
            {
                // An input is entered in a person's name (the administrator account is no person).
                return Refusal.Forbidden("Values and ratings are entered by people: this account is not a person.");
            }

            // A self-rating is an input the plan asks of the person (RaterGroup.Self); a measured value or manual score is not.
            var isRating = !string.IsNullOrWhiteSpace(r.RaterGroup);
            if (!isRating && user.RefuseSelf(s.PersonId, "entering a value on one's own sheet") is { } self)
            {
                return self;
            }

            var indicator = ctx.Plan.Categories.SelectMany(c => c.Indicators).FirstOrDefault(i => i.Code == r.IndicatorCode);
            if (indicator is null)
            {
                return Refusal.Invalid("indicatorCode", "unknown", $"The plan has no indicator {r.IndicatorCode}.");
            }

            var group = default(RaterGroup);
            if (isRating && (!Enum.TryParse(r.RaterGroup, ignoreCase: true, out group) || !Enum.IsDefined(group)))
            {
                return Refusal.Invalid("raterGroup", "invalid", $"raterGroup must be one of {string.Join(", ", Enum.GetNames<RaterGroup>())}.");
            }

            var refused = isRating ? CheckRating(indicator, group, ctx) : CheckValue(indicator, ctx);
            if (refused is not null)
            {
                return refused;
            }

            var errors = CheckInputValue(indicator, r.Value, r.Comment);
            errors.MaxLength("evidence", r.Evidence, SheetInput.CommentMaxLength);
            if (errors.Any)
            {
                return errors.ToRefusal();
            }

            var kind = isRating ? SheetInputKind.Rating : SheetInputKind.Value;
            var input = await db.AssessmentInputs.FirstOrDefaultAsync(i => i.SheetId == s.Id && i.IndicatorCode == indicator.Code && i.Kind == kind && i.EnteredByPersonId == me, ct);
            if (input is null)
            {
                input = SheetInput.Enter(s.Id, indicator.Code, kind, isRating ? group.ToString() : "", me);
                db.AssessmentInputs.Add(input);
            }

            input.Set(r.Value!.Value, Trimmed(r.Comment), Trimmed(r.Evidence), time.GetUtcNow().UtcDateTime);
            db.Entry(s).Property(x => x.Version).IsModified = true; // the sheet's version moves: a concurrent reviewer must reload
            return null;
        }, ct);

    public Task<Result<SheetView>> SubmitGoalPlanAsync(int id, SheetTextRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ChangeAsync(id, r.Version, user, "goal plan submitted", (_, s, ctx) =>
        {
            if (!ctx.May.GoalPlan)
            {
                return Task.FromResult(Deny(ctx, "Only the assessed person submits or adjusts their goal plan, until self-review starts."));
            }

            var errors = new FieldErrors();
            errors.RequiredText("text", r.Text, AssessmentSheet.TextMaxLength);
            if (errors.Any)
            {
                return Task.FromResult<Refusal?>(errors.ToRefusal());
            }

            s.SubmitGoalPlan(r.Text!.Trim());
            return Task.FromResult<Refusal?>(null);
        }, ct);

    public Task<Result<SheetView>> ApproveGoalPlanAsync(int id, SheetTextRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ChangeAsync(id, r.Version, user, "goal plan approved", (_, s, ctx) =>
        {
            if (!ctx.May.ApproveGoalPlan)
            {
                return Task.FromResult(Deny(ctx, "Only the superior approves a submitted goal plan, before self-review."));
            }

            s.ApproveGoalPlan(time.GetUtcNow().UtcDateTime, user.Identity?.Name ?? "");
            return Task.FromResult<Refusal?>(null);
        }, ct, notBySelf: "approving a goal plan");

    public Task<Result<SheetView>> SelfReviewAsync(int id, SelfReviewRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ChangeAsync(id, r.Version, user, "self-review", (_, s, ctx) =>
        {
            if (!ctx.May.SelfReview)
            {
                return Task.FromResult(Deny(ctx, "Only the assessed person writes the self-review, while the period is in self-review."));
            }

            var errors = new FieldErrors();
            errors.RequiredText("text", r.Text, AssessmentSheet.TextMaxLength);
            if (r.SelfScore is { } score && (score < 0 || score > 100 || Rounding.Round(score) != score))
            {
                errors.Add("selfScore", "out_of_range", "selfScore must be between 0 and 100 with at most 2 decimals.");
            }

            if (errors.Any)
            {
                return Task.FromResult<Refusal?>(errors.ToRefusal());
            }

            s.RecordSelfReview(r.Text!.Trim(), r.SelfScore, time.GetUtcNow().UtcDateTime);
            return Task.FromResult<Refusal?>(null);
        }, ct);

    /// <summary>The superior's review; settling on a total other than the computed one is an adjustment and needs a reason (seed 001 第七条).</summary>
    public Task<Result<SheetView>> SuperiorReviewAsync(int id, SuperiorReviewRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ChangeAsync(id, r.Version, user, "superior review", (_, s, ctx) =>
        {
            if (s.ComputedTotal is not { } computed)
            {
                return Task.FromResult<Refusal?>(Refusal.Conflict("not_scored", "The sheet has not been scored yet."));
            }

            var errors = new FieldErrors();
            errors.MaxLength("comment", r.Comment, AssessmentSheet.TextMaxLength);
            if (errors.Any)
            {
                return Task.FromResult<Refusal?>(errors.ToRefusal());
            }

            var target = r.Score ?? s.FinalTotal ?? computed;
            var adjustment = 0m;
            string? reason = null;
            if (target != computed)
            {
                var checkedAdjustment = ScoreAdjustmentRule.Check(ctx.Period.State, AdjustmentBasis.SuperiorJudgement, ctx.IsSuperior, user.Roles(),
                    computed, target, r.Reason, Math.Max(100m, computed));
                if (!checkedAdjustment.Succeeded)
                {
                    return Task.FromResult<Refusal?>(checkedAdjustment.Refusal);
                }

                adjustment = target - computed;
                reason = checkedAdjustment.Value!.Reason;
            }
            else if (!ctx.May.SuperiorReview)
            {
                return Task.FromResult(Deny(ctx, "Only the direct superior reviews the sheet, while the period is in superior review."));
            }

            s.RecordSuperiorReview(Trimmed(r.Comment), adjustment, reason, time.GetUtcNow().UtcDateTime, user.Identity?.Name ?? "");
            return Task.FromResult<Refusal?>(null);
        }, ct, notBySelf: "reviewing a sheet as its superior");

    public Task<Result<SheetView>> GmReviewAsync(int id, SheetTextRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ChangeAsync(id, r.Version, user, "general manager's review", (_, s, ctx) =>
        {
            if (!ctx.May.GmReview)
            {
                return Task.FromResult(Deny(ctx, "The general manager reviews managers' sheets while the period is in GM review."));
            }

            var errors = new FieldErrors();
            errors.MaxLength("text", r.Text, AssessmentSheet.TextMaxLength);
            if (errors.Any)
            {
                return Task.FromResult<Refusal?>(errors.ToRefusal());
            }

            s.RecordGmReview(Trimmed(r.Text), time.GetUtcNow().UtcDateTime);
            return Task.FromResult<Refusal?>(null);
        }, ct, notBySelf: "the general manager's review of a sheet");

    public Task<Result<SheetView>> InterviewAsync(int id, InterviewRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ChangeAsync(id, r.Version, user, "performance interview", (_, s, ctx) =>
        {
            if (!ctx.May.Interview)
            {
                return Task.FromResult(Deny(ctx, "The superior records the performance interview while the period is in interviews."));
            }

            var errors = new FieldErrors();
            errors.RequiredText("notes", r.Notes, AssessmentSheet.TextMaxLength);
            errors.RequiredText("improvementPlan", r.ImprovementPlan, AssessmentSheet.TextMaxLength);
            if (errors.Any)
            {
                return Task.FromResult<Refusal?>(errors.ToRefusal());
            }

            s.RecordInterview(r.Notes!.Trim(), r.ImprovementPlan!.Trim(), time.GetUtcNow().UtcDateTime, user.Identity?.Name ?? "");
            return Task.FromResult<Refusal?>(null);
        }, ct, notBySelf: "recording a performance interview");

    public Task<Result<SheetView>> AppealAsync(int id, SheetTextRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ChangeAsync(id, r.Version, user, "appeal", (_, s, ctx) =>
        {
            if (!ctx.May.Appeal)
            {
                return Task.FromResult(Deny(ctx, s.AppealedAtUtc is not null
                    ? "An appeal was already made on this sheet."
                    : "Only the assessed person appeals, while the appeal window is open."));
            }

            var errors = new FieldErrors();
            errors.RequiredText("text", r.Text, AssessmentSheet.TextMaxLength);
            if (errors.Any)
            {
                return Task.FromResult<Refusal?>(errors.ToRefusal());
            }

            s.Appeal(r.Text!.Trim(), time.GetUtcNow().UtcDateTime);
            return Task.FromResult<Refusal?>(null);
        }, ct);

    /// <summary>The decision on an appeal; an upheld appeal may set a new total — the only way a published score changes.</summary>
    public Task<Result<SheetView>> DecideAppealAsync(int id, AppealDecisionRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ChangeAsync(id, r.Version, user, "appeal decided", (_, s, ctx) =>
        {
            if (!ctx.SeesAll)
            {
                return Task.FromResult<Refusal?>(Refusal.Forbidden("An appeal is decided by HR, the department head or the general manager — not by the person or their superior."));
            }

            if (s.AppealedAtUtc is null || s.AppealDecidedAtUtc is not null)
            {
                return Task.FromResult<Refusal?>(Refusal.Conflict("no_open_appeal", "There is no open appeal on this sheet."));
            }

            var errors = new FieldErrors();
            if (r.Upheld is null)
            {
                errors.Add("upheld", "required", "Say whether the appeal is upheld.");
            }

            errors.RequiredText("decision", r.Decision, AssessmentSheet.TextMaxLength);
            if (errors.Any)
            {
                return Task.FromResult<Refusal?>(errors.ToRefusal());
            }

            decimal? adjustment = null;
            if (r.Upheld == true && r.Score is { } score && s.ComputedTotal is { } computed)
            {
                var checkedAdjustment = ScoreAdjustmentRule.Check(ctx.Period.State, AdjustmentBasis.AppealDecision, ctx.IsSuperior, user.Roles(),
                    s.FinalTotal ?? computed, score, r.Decision, Math.Max(100m, computed));
                if (!checkedAdjustment.Succeeded)
                {
                    return Task.FromResult<Refusal?>(checkedAdjustment.Refusal);
                }

                adjustment = score - computed;
            }
            else if (!ctx.May.DecideAppeal)
            {
                return Task.FromResult(Deny(ctx, "An appeal is decided by HR, the department head or the general manager, in the appeal window."));
            }

            s.DecideAppeal(r.Upheld!.Value, r.Decision!.Trim(), adjustment, time.GetUtcNow().UtcDateTime, user.Identity?.Name ?? "");
            return Task.FromResult<Refusal?>(null);
        }, ct, notBySelf: "deciding an appeal");

    private sealed record SheetContext(StoredAssessmentPeriod Period, AssessmentPlan Plan, bool IsSelf, bool IsSuperior, bool SeesAll, bool IsManagerial, SheetPermissions May);

    private static Refusal? Deny(SheetContext ctx, string message) =>
        ctx.IsSelf || ctx.IsSuperior || ctx.SeesAll ? Refusal.Conflict("not_now", message) : Refusal.Forbidden(message);

    /// <summary>
    /// Loads, checks and saves one change. <paramref name="notBySelf"/> names a step that judges the assessed person (approval,
    /// review, interview, appeal decision): refused as <c>self</c> on one's own sheet, whatever the roles.
    /// </summary>
    private async Task<Result<SheetView>> ChangeAsync(int id, int version, ClaimsPrincipal user, string reason,
        Func<AppDbContext, AssessmentSheet, SheetContext, Task<Refusal?>> change, CancellationToken ct, string? notBySelf = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var loaded = await LoadAsync(db, id, user, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Refusal!;
        }

        var sheet = loaded.Value!;
        if (notBySelf is not null && user.RefuseSelf(sheet.PersonId, notBySelf) is { } self)
        {
            return self;
        }

        if (sheet.Version != version)
        {
            return Refusal.StaleVersion();
        }

        var ctx = await ContextAsync(db, sheet, user, ct);
        if (await change(db, sheet, ctx) is { } refused)
        {
            return refused;
        }

        return await db.TrySaveAsync(user, ct, reason) ? await ViewAsync(db, sheet, user, ct) : Refusal.StaleVersion();
    }

    /// <summary>The sheet if the user may see it: their own, their direct report's, or anyone's for HR and the committee.</summary>
    private static async Task<Result<AssessmentSheet>> LoadAsync(AppDbContext db, int id, ClaimsPrincipal user, CancellationToken ct)
    {
        var sheet = await db.AssessmentSheets.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sheet is null)
        {
            return Refusal.NotFound("Sheet");
        }

        var me = user.PersonId();
        if (user.Can(Policies.ReadAllAssessments) || sheet.PersonId == me || sheet.SuperiorPersonId == me)
        {
            return sheet;
        }

        // Raters (peers, subordinates, other departments) may reach the sheet while ratings are collected, only when the plan
        // asks their group, and never to read its scores: see ViewAsync.
        var ctx = await ContextAsync(db, sheet, user, ct);
        var asked = ctx.Plan.Categories.SelectMany(c => c.Indicators).SelectMany(i => i.Source.Raters ?? []).Select(r => r.Group);
        return ctx.May.RateAs.Intersect(asked).Any()
            ? sheet
            : Refusal.Forbidden("You may see only your own sheet and those of the people who report to you.");
    }

    /// <summary>The groups a person may rate another as: superior, self, peer (same unit), subordinate (reports to them), other department.</summary>
    private static List<RaterGroup> RaterGroupsOf(Person assessed, Person rater, AssessmentSheet sheet)
    {
        var groups = new List<RaterGroup>();
        if (rater.Id == assessed.Id)
        {
            groups.Add(RaterGroup.Self);
            return groups;
        }

        if (sheet.SuperiorPersonId == rater.Id)
        {
            groups.Add(RaterGroup.Superior);
        }
        else if (rater.SuperiorId == assessed.Id)
        {
            groups.Add(RaterGroup.Subordinates);
        }
        else if (rater.OrgUnitId == assessed.OrgUnitId)
        {
            groups.Add(RaterGroup.Peers);
        }
        else
        {
            groups.Add(RaterGroup.OtherDepartments);
        }

        return groups;
    }

    private static async Task<SheetContext> ContextAsync(AppDbContext db, AssessmentSheet sheet, ClaimsPrincipal user, CancellationToken ct)
    {
        var period = await db.AssessmentPeriods.AsNoTracking().FirstAsync(p => p.Id == sheet.PeriodId, ct);
        var plan = AssessmentPlanJson.Deserialize(await db.AssessmentPlans.Where(p => p.Id == sheet.PlanId).Select(p => p.Json).FirstAsync(ct)).Value!;
        var assessed = await db.People.AsNoTracking().FirstAsync(p => p.Id == sheet.PersonId, ct);
        var managerial = await db.Positions.Where(p => p.Id == assessed.PositionId).Select(p => p.IsManagerial).FirstOrDefaultAsync(ct);
        var me = user.PersonId();
        var rater = me is null ? null : await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == me, ct);
        var isSelf = sheet.PersonId == me;
        var isSuperior = sheet.SuperiorPersonId is not null && sheet.SuperiorPersonId == me;
        var seesAll = user.Can(Policies.ReadAllAssessments);
        var state = period.State;
        var collecting = state is PeriodState.DataCollection or PeriodState.SelfReview or PeriodState.SuperiorReview;
        var roles = user.Roles();

        // Customers' ratings are entered by the specialists and HR who collected them (phone or visit).
        var rateAs = rater is null || !collecting ? [] : RaterGroupsOf(assessed, rater, sheet);
        if (collecting && (user.Can(Policies.FollowUp) || roles.Contains(RoleNames.Hr)) && !isSelf)
        {
            rateAs.Add(RaterGroup.Customers);
        }

        var may = new SheetPermissions(
            EnterValues: me is not null && collecting && (isSuperior || user.Can(Policies.RunAssessments)) && !isSelf,
            RateAs: rateAs,
            GoalPlan: isSelf && state is PeriodState.Open or PeriodState.GoalPlans or PeriodState.DataCollection,
            ApproveGoalPlan: isSuperior && sheet.GoalPlan is not null && state is PeriodState.Open or PeriodState.GoalPlans or PeriodState.DataCollection,
            SelfReview: isSelf && state == PeriodState.SelfReview,
            SuperiorReview: isSuperior && state == PeriodState.SuperiorReview,
            GmReview: roles.Contains(RoleNames.GeneralManager) && managerial && state == PeriodState.GmReview,
            Interview: isSuperior && state == PeriodState.Interview,
            Appeal: isSelf && state == PeriodState.AppealWindow && sheet.AppealedAtUtc is null,
            DecideAppeal: seesAll && !isSelf && state == PeriodState.AppealWindow && sheet.AppealedAtUtc is not null && sheet.AppealDecidedAtUtc is null);
        return new SheetContext(period, plan, isSelf, isSuperior, seesAll, managerial, may);
    }

    private static Refusal? CheckValue(Indicator indicator, SheetContext ctx)
    {
        if (indicator.Source.Kind is DataSourceKind.ServiceFact or DataSourceKind.Rating)
        {
            return Refusal.Invalid("indicatorCode", "not_entered", indicator.Source.Kind == DataSourceKind.Rating
                ? $"{indicator.Name} is rated: give raterGroup."
                : $"{indicator.Name} is computed from the service facts and is not typed in.");
        }

        return ctx.May.EnterValues ? null : Deny(ctx, "Values are entered by the superior or HR while data is collected (until the superior review ends).");
    }

    private static Refusal? CheckRating(Indicator indicator, RaterGroup group, SheetContext ctx)
    {
        if (indicator.Source.Kind != DataSourceKind.Rating)
        {
            return Refusal.Invalid("raterGroup", "not_rated", $"{indicator.Name} is not rated by people.");
        }

        if (!(indicator.Source.Raters ?? []).Any(r => r.Group == group))
        {
            return Refusal.Invalid("raterGroup", "not_in_plan", $"The plan does not ask {group} to rate {indicator.Name}.");
        }

        return ctx.May.RateAs.Contains(group) ? null : Refusal.Forbidden($"You may not rate as {group} on this sheet now.");
    }

    /// <summary>The value must be one the indicator's rule accepts; manual scores and deductions need a comment (R-ASM-3.8).</summary>
    private static FieldErrors CheckInputValue(Indicator indicator, decimal? value, string? comment)
    {
        var errors = new FieldErrors();
        errors.MaxLength("comment", comment, SheetInput.CommentMaxLength);
        if (value is not { } v)
        {
            errors.Add("value", "required", "value is required.");
            return errors;
        }

        foreach (var e in PlanScorer.CheckInput(indicator, new IndicatorInput(v, comment)).All)
        {
            errors.Add(e.Field.EndsWith(".comment", StringComparison.Ordinal) ? "comment" : "value", e.Code, e.Message);
        }

        return errors;
    }

    private async Task<SheetView> ViewAsync(AppDbContext db, AssessmentSheet sheet, ClaimsPrincipal user, CancellationToken ct)
    {
        var ctx = await ContextAsync(db, sheet, user, ct);
        var period = PeriodHandlers.Summary(ctx.Period, 0);
        var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == sheet.PersonId, ct);
        var unit = await db.OrgUnits.Where(u => u.Id == person.OrgUnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        var superior = sheet.SuperiorPersonId is { } sid ? await db.People.Where(p => p.Id == sid).Select(p => p.Name).FirstOrDefaultAsync(ct) : null;
        var plan = await db.AssessmentPlans.AsNoTracking().FirstAsync(p => p.Id == sheet.PlanId, ct);

        // A rater who is not the person, the superior or HR sees only what they entered themselves, never the scores.
        var readsScores = ctx.IsSelf || ctx.IsSuperior || ctx.SeesAll;
        var stored = readsScores ? PeriodScoring.Read(sheet) : null;
        var me = user.PersonId();
        var inputs = await db.AssessmentInputs.AsNoTracking().Where(i => i.SheetId == sheet.Id).OrderBy(i => i.IndicatorCode).ThenBy(i => i.Id).ToListAsync(ct);
        var names = ctx.SeesAll
            ? await db.People.Where(p => inputs.Select(i => i.EnteredByPersonId).Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct)
            : [];
        var visibleInputs = inputs.Where(i => ctx.SeesAll || i.EnteredByPersonId == me || (readsScores && i.Kind == SheetInputKind.Value))
            .Select(i => new SheetInputView(i.Id, i.IndicatorCode, i.Kind, i.RaterGroup,
                ctx.SeesAll || i.EnteredByPersonId == me || i.Kind == SheetInputKind.Value ? names.GetValueOrDefault(i.EnteredByPersonId) : null,
                i.Value, i.Comment, i.Evidence, i.EnteredAtUtc, i.EnteredByPersonId == me, i.Version))
            .ToList();
        var ratings = stored is null
            ? new Dictionary<string, IReadOnlyList<RatingGroupView>>()
            : stored.Ratings.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<RatingGroupView>)RaterGroupWeighting.ViewForAssessedPerson(kv.Value).Groups
                .Select(g => new RatingGroupView(g.Groups, g.RaterCount, g.Average)).ToList());
        var final = readsScores ? sheet.FinalTotal : null;
        var policy = (await DepartmentPolicies.DepartmentPolicyHandlers.VersionsAsync(db, ct))(sheet.PolicyVersion);
        var grade = SheetGrades.Of(final, policy)?.Grade.Code;
        var five = SheetGrades.FivePointOf(final, policy)?.Grade.Code;
        return new SheetView(sheet.Id, sheet.Version, period, person.Id, person.Name, person.EmployeeNumber, unit, superior, PlanHandlers.Summary(plan), ctx.Plan,
            stored?.Sheet, ratings, readsScores ? sheet.Adjustment : 0, readsScores ? sheet.AdjustmentReason : null, final, grade, five,
            readsScores ? sheet : AssessmentSheet.Create(sheet.PeriodId, sheet.PersonId, sheet.PlanId, null), visibleInputs, ctx.May, stored?.FromQuarters);
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
