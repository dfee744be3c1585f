using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Grading;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Grading;

/// <summary><paramref name="ToLevelCode"/>: optional; the grade above the applicant's (or the lowest for a first grading) when absent.</summary>
public sealed record OpenApplicationRequest(string? ToLevelCode);

public sealed record GradingActionRequest(string? Action, string? Reason, int Version);

public sealed record PanelRequest(IReadOnlyList<int>? MemberIds, int Version);

public sealed record ScoreEntry(int MemberId, string? Part, decimal Score);

public sealed record ExaminationRequest(IReadOnlyList<ScoreEntry>? Scores, int Version);

/// <summary><paramref name="EffectiveFrom"/>: from when the new grade and its pay apply; today when absent.</summary>
public sealed record CertificateRequest(DateOnly? EffectiveFrom, int Version);

public sealed record ApplicationSummary(int Id, int ApplicantId, string? FromLevelCode, string ToLevelCode, GradingState State, DateOnly OpenedOn,
    string? CertificateNumber, DateOnly? EffectiveFrom, int Version, string SchemeCode, LevelView? FromLevel, LevelView? ToLevel);

public sealed record PersonRef(int Id, string Name, string EmployeeNumber);

public sealed record EventView(GradingAction Action, PersonRef? Actor, DateOnly On, GradingState From, GradingState To, string? Reason);

public sealed record ApplicationView(
    ApplicationSummary Summary, PersonRef Applicant, PersonRef? Superior, LevelView? FromLevel, LevelView? ToLevel,
    IReadOnlyList<PersonRef> Panel, IReadOnlyList<PanelScore> Scores, decimal? WeightedScore, string? ExaminationArithmetic, bool? Passed,
    ExamWeights? Weights, string? RejectionReason, IReadOnlyList<EventView> History, IReadOnlyList<GradingAction> AllowedActions,
    bool MayAssignPanel, DateOnly? CertificateIssuedOn);

/// <summary>
/// Grade applications (评定申请表, R-GRD-4) through the domain's flow table: every step by its role, nobody on their own
/// case, a step not allowed now is 409, a reject without reason 400. The certificate's issue records the new grade from
/// its effective date, and pay follows from that row.
/// </summary>
public sealed class GradeApplicationHandlers(IDbContextFactory<AppDbContext> contexts, CompanyClock clock)
{
    public const string NotEligible = "not_eligible";
    public const string AlreadyOpen = "application_open";
    public const string NotGraded = "not_graded_position";
    public const string GradeChangeOnDate = "grade_change_on_date";

    /// <summary>Refused when the scheme's configuration gives the applied-for grade no examination (a points scheme's grade reached by points).</summary>
    public const string NotExamined = "not_examined";

    /// <summary>A promotion applied for outside its grading window (R-GRD-5).</summary>
    public const string OutsideWindow = "outside_window";

    public static ApplicationSummary Summary(StoredGradeApplication a, SchemeCatalog catalog) =>
        new(a.Id, a.ApplicantId, a.FromLevelCode, a.ToLevelCode, a.State, a.OpenedOn, a.CertificateNumber, a.EffectiveFrom, a.Version,
            a.SchemeCode, catalog.Level(a.SchemeCode, a.FromLevelCode), catalog.Level(a.SchemeCode, a.ToLevelCode));

    /// <summary>Who sees an application: its applicant, superior and panel, the reviewers (VPs, GM), HR and the department head.</summary>
    private static bool MaySee(StoredGradeApplication a, ClaimsPrincipal user) =>
        user.Can(Policies.ReadGradeRoster) || user.IsInRole(GradingRoles.MarketingVp) || user.IsInRole(GradingRoles.HrVp)
        || user.PersonId() is { } me && (a.ApplicantId == me || a.SuperiorId == me || a.Panel.Contains(me));

    public async Task<IReadOnlyList<ApplicationSummary>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var all = await db.GradeApplications.AsNoTracking().OrderByDescending(a => a.Id).ToListAsync(ct);
        var catalog = await SchemeCatalog.LoadAsync(db, ct);
        return all.Where(a => MaySee(a, user)).Select(a => Summary(a, catalog)).ToList();
    }

    public async Task<Result<ApplicationView>> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var a = await db.GradeApplications.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
        {
            return Refusal.NotFound("Application");
        }

        return MaySee(a, user) ? await ViewAsync(db, a, user, ct) : Refusal.Forbidden("You take no part in this application.");
    }

    /// <summary>The engineer opens their application; refused (409) with every unmet condition when they are not eligible.</summary>
    public async Task<Result<ApplicationView>> OpenAsync(OpenApplicationRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.PersonId() is not { } me)
        {
            return Refusal.Forbidden("Only a person can apply for a grade.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == me, ct);
        if (person is null)
        {
            return Refusal.NotFound("Person");
        }

        var role = await db.Positions.Where(p => p.Id == person.PositionId).Select(p => p.Role).FirstOrDefaultAsync(ct);
        var today = clock.Today;
        var history = await GradeQueries.HistoryAsync(db, me, ct);
        if (!GradeQueries.Graded(role, history))
        {
            return Refusal.Conflict(NotGraded, "Technical grades are for service engineers. 技术等级评定适用于售后服务工程师。");
        }

        var current = history.LastOrDefault(h => h.EffectiveFrom <= today)?.LevelCode;
        var config = (await SchemeCatalog.LoadAsync(db, ct)).ForHistory(history);
        var scheme = config.Scheme;
        var target = string.IsNullOrWhiteSpace(r.ToLevelCode)
            ? (current is null ? scheme.Lowest.Code : scheme.Above(current)?.Code ?? "")
            : r.ToLevelCode.Trim();
        var opened = GradeApplication.Open(scheme, me, person.SuperiorId, current, target, today);
        if (!opened.Succeeded)
        {
            return opened.Refusal!;
        }

        if (await db.GradeApplications.AnyAsync(a => a.ApplicantId == me && a.State != GradingState.CertificateIssued && a.State != GradingState.Rejected, ct))
        {
            return Refusal.Conflict(AlreadyOpen, "You already have an application in progress. 已有进行中的评定申请。");
        }

        var eligibility = GradeEligibility.Check(scheme, config.Eligibility, await GradeQueries.CandidateAsync(db, person, history, today, ct), target, today);
        if (!eligibility.IsEligible)
        {
            return Refusal.Conflict(NotEligible, "不符合申请条件 Not eligible: " + string.Join(" ", eligibility.Unmet.Select(u => $"{u.MessageZh} {u.MessageEn}")));
        }

        if (GradeQueries.WindowFor(config, current, target, today) is { } window && !window.IsOpenOn(today))
        {
            return Refusal.Conflict(OutsideWindow,
                $"评定申请窗口未开放：{target} 的申请时间为 {window.Opens:yyyy-MM-dd} 至 {window.Closes:yyyy-MM-dd}。 "
                + $"Applications for {target} are taken from {window.Opens:yyyy-MM-dd} to {window.Closes:yyyy-MM-dd}.");
        }

        var stored = StoredGradeApplication.Open(opened.Value!);
        db.GradeApplications.Add(stored);
        await db.TrySaveAsync(user, ct, $"grade application for {target} opened");
        return await ViewAsync(db, stored, user, ct);
    }

    /// <summary>Every step without data of its own (submit, confirmations, promotion form, reviews, approval, filing, reject).</summary>
    public async Task<Result<ApplicationView>> ActAsync(int id, GradingActionRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var a = await db.GradeApplications.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
        {
            return Refusal.NotFound("Application");
        }

        if (!MaySee(a, user) || user.PersonId() is not { } me)
        {
            return Refusal.Forbidden("You take no part in this application.");
        }

        if (!Enum.TryParse<GradingAction>(r.Action, ignoreCase: true, out var action) || !Enum.IsDefined(action)
            || action is GradingAction.RecordExamination or GradingAction.IssueCertificate)
        {
            return Refusal.Invalid("action", "invalid",
                $"action must be one of {string.Join(", ", Enum.GetNames<GradingAction>().Where(n => n is not (nameof(GradingAction.RecordExamination) or nameof(GradingAction.IssueCertificate))))}; "
                + "the examination and the certificate have their own endpoints.");
        }

        if (a.Version != r.Version)
        {
            return Refusal.StaleVersion();
        }

        var today = Later(clock.Today, a.LastStepOn);
        var next = GradingFlow.Apply(GradeCaseKind.Promotion, a.State, action, new GradingActor(me, user.Roles()), a.Parties, r.Reason);
        if (!next.Succeeded)
        {
            return next.Refusal!;
        }

        a.Move(action, me, today, next.Value, r.Reason);
        return await SaveAsync(db, a, user, $"grade application {action}", ct);
    }

    /// <summary>Names the panel (考评小组): HR or the department head, until the examination; never the applicant.</summary>
    public async Task<Result<ApplicationView>> AssignPanelAsync(int id, PanelRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var a = await db.GradeApplications.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
        {
            return Refusal.NotFound("Application");
        }

        if (user.RefuseSelf(a.ApplicantId, "naming the panel of an application") is { } self)
        {
            return self;
        }

        if (a.Version != r.Version)
        {
            return Refusal.StaleVersion();
        }

        var members = r.MemberIds ?? [];
        var known = await db.People.Where(p => members.Contains(p.Id) && p.IsActive).Select(p => p.Id).ToListAsync(ct);
        if (members.Except(known).ToList() is { Count: > 0 } unknown)
        {
            return Refusal.Invalid("memberIds", "unknown", $"No active person with id {string.Join(", ", unknown)}.");
        }

        var domain = GradeApplication.Open((await SchemeCatalog.LoadAsync(db, ct)).For(a.SchemeCode).Scheme, a.ApplicantId, a.SuperiorId, a.FromLevelCode, a.ToLevelCode, a.OpenedOn);
        var draftWithState = a.State is GradingState.Draft or GradingState.Submitted or GradingState.SuperiorConfirmed or GradingState.DepartmentHeadConfirmed;
        if (!draftWithState)
        {
            return Refusal.Conflict(GradeApplication.PanelLocked, $"The panel cannot change once the application is {a.State}.");
        }

        // The domain's own rule (not the applicant, at least one member) on a draft of the same case.
        var checkedPanel = domain.Value!.AssignPanel(members);
        if (!checkedPanel.Succeeded)
        {
            return checkedPanel.Refusal!;
        }

        a.SetPanel(checkedPanel.Value!.PanelMemberIds);
        return await SaveAsync(db, a, user, "grading panel named", ct);
    }

    /// <summary>A panel member enters the panel's scores; the weighted result passes the application on or rejects it.</summary>
    public async Task<Result<ApplicationView>> RecordExaminationAsync(int id, ExaminationRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var a = await db.GradeApplications.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
        {
            return Refusal.NotFound("Application");
        }

        if (!MaySee(a, user) || user.PersonId() is not { } me)
        {
            return Refusal.Forbidden("Only a panel member enters scores.");
        }

        var actor = new GradingActor(me, user.Roles());

        // The flow decides first whether the step is allowed now and for this actor; only then are the scores checked.
        var probe = GradingFlow.Apply(GradeCaseKind.Promotion, a.State, GradingAction.RecordExamination, actor, a.Parties,
            examination: new PanelResult(a.ToLevelCode, new Dictionary<ExamPart, decimal>(), 0, 0, true, [], ""));
        if (!probe.Succeeded)
        {
            return probe.Refusal!;
        }

        if (a.Version != r.Version)
        {
            return Refusal.StaleVersion();
        }

        var errors = new FieldErrors();
        var scores = new List<PanelScore>();
        var entries = r.Scores ?? [];
        if (entries.Count == 0)
        {
            errors.Add("scores", "required", "The panel's scores are required. 需录入考评小组成绩。");
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is null)
            {
                errors.Add($"scores[{i}]", "required", "A score entry is required.");
                continue;
            }

            if (!a.Panel.Contains(entries[i].MemberId))
            {
                // Each score is a panel member's own: a score in the name of someone outside the panel is not counted.
                errors.Add($"scores[{i}].memberId", "not_on_panel", $"Person {entries[i].MemberId} is not on this application's panel.");
            }

            if (!Enum.TryParse<ExamPart>(entries[i].Part, ignoreCase: true, out var part) || !Enum.IsDefined(part))
            {
                errors.Add($"scores[{i}].part", "invalid", "part must be Theory, Practical or Teaching.");
                continue;
            }

            scores.Add(new PanelScore(entries[i].MemberId, part, entries[i].Score));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var weights = (await SchemeCatalog.LoadAsync(db, ct)).For(a.SchemeCode).ExamFor(a.ToLevelCode);
        if (weights is null)
        {
            return Refusal.Conflict(NotExamined, $"The scheme {a.SchemeCode} sets no examination for {a.ToLevelCode}. 该等级未设置考评权重。");
        }

        var result = PanelScoring.Score(weights, scores, a.ApplicantId);
        if (!result.Succeeded)
        {
            return result.Refusal!;
        }

        var next = GradingFlow.Apply(GradeCaseKind.Promotion, a.State, GradingAction.RecordExamination, actor, a.Parties, examination: result.Value);
        if (!next.Succeeded)
        {
            return next.Refusal!;
        }

        a.RecordExamination(scores, result.Value!);
        a.Move(GradingAction.RecordExamination, me, Later(clock.Today, a.LastStepOn), next.Value,
            result.Value!.Passed ? null : $"failed the examination: {result.Value.Arithmetic}");
        return await SaveAsync(db, a, user, "grading examination recorded", ct);
    }

    /// <summary>
    /// HR (or the department head) issues the certificate: the next number of the year, and the new grade recorded from
    /// <see cref="CertificateRequest.EffectiveFrom"/> (not before the GM's approval).
    /// </summary>
    public async Task<Result<ApplicationView>> IssueCertificateAsync(int id, CertificateRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var a = await db.GradeApplications.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
        {
            return Refusal.NotFound("Application");
        }

        if (!MaySee(a, user) || user.PersonId() is not { } me)
        {
            return Refusal.Forbidden("Only HR or the department head issues certificates.");
        }

        var next = GradingFlow.Apply(GradeCaseKind.Promotion, a.State, GradingAction.IssueCertificate, new GradingActor(me, user.Roles()), a.Parties);
        if (!next.Succeeded)
        {
            return next.Refusal!;
        }

        if (a.Version != r.Version)
        {
            return Refusal.StaleVersion();
        }

        var today = Later(clock.Today, a.LastStepOn);
        var effective = r.EffectiveFrom ?? today;
        var approvedOn = a.Events.LastOrDefault(e => e.Action == GradingAction.ApproveByGm)?.On;
        if (effective < approvedOn)
        {
            return Refusal.Invalid("effectiveFrom", GradeApplication.EffectiveBeforeApproval,
                $"effectiveFrom {effective:yyyy-MM-dd} is before the general manager's approval on {approvedOn:yyyy-MM-dd}.");
        }

        if (await db.PersonGrades.AnyAsync(g => g.PersonId == a.ApplicantId && g.EffectiveFrom == effective, ct))
        {
            return Refusal.Conflict(GradeChangeOnDate, $"A grade change already takes effect on {effective:yyyy-MM-dd}; choose another date.");
        }

        var issued = await db.GradeApplications.Where(x => x.CertificateNumber != null).Select(x => x.CertificateNumber!).ToListAsync(ct);
        var number = GradeCertificateNumber.Next(issued, today.Year);
        a.Certify(number, today, effective);
        a.Move(GradingAction.IssueCertificate, me, today, next.Value, null);
        db.PersonGrades.Add(PersonGrade.Create(a.ApplicantId, a.SchemeCode, a.ToLevelCode, effective, $"promotion, certificate {number}",
            GradeChangeSource.Promotion, a.Id, clock.UtcNow, user.Identity?.Name ?? ""));
        try
        {
            return await SaveAsync(db, a, user, $"certificate {number} issued", ct);
        }
        catch (DbUpdateException)
        {
            // Two certificates issued at the same moment drew the same number (unique index): the second one tries again.
            return Refusal.Conflict("certificate_number_taken", $"The certificate number {number} was just taken; issue again.");
        }
    }

    private async Task<Result<ApplicationView>> SaveAsync(AppDbContext db, StoredGradeApplication a, ClaimsPrincipal user, string reason, CancellationToken ct)
    {
        if (!await db.TrySaveAsync(user, ct, reason))
        {
            return Refusal.StaleVersion();
        }

        return await ViewAsync(db, a, user, ct);
    }

    /// <summary>Steps are recorded in date order; a step on a day before the last one (clock skew) is dated the last one's day.</summary>
    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static async Task<ApplicationView> ViewAsync(AppDbContext db, StoredGradeApplication a, ClaimsPrincipal user, CancellationToken ct)
    {
        var events = a.Events;
        var ids = new HashSet<int>([a.ApplicantId, .. a.Panel, .. events.Select(e => e.ActorId)]);
        if (a.SuperiorId is { } s)
        {
            ids.Add(s);
        }

        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new PersonRef(p.Id, p.Name, p.EmployeeNumber), ct);
        var result = a.ExaminationJson is null ? null : JsonSerializer.Deserialize<PanelResult>(a.ExaminationJson, GradingJson.Options);
        var scores = a.ScoresJson is null ? [] : JsonSerializer.Deserialize<List<PanelScore>>(a.ScoresJson, GradingJson.Options) ?? [];
        var me = user.PersonId();
        var allowed = me is { } id
            ? GradingFlow.Allowed(GradeCaseKind.Promotion, a.State)
                .Where(x => GradingFlow.Apply(GradeCaseKind.Promotion, a.State, x, new GradingActor(id, user.Roles()), a.Parties, "reason",
                    new PanelResult(a.ToLevelCode, new Dictionary<ExamPart, decimal>(), 0, 0, true, [], "")).Succeeded)
                .ToList()
            : [];
        var mayAssign = user.Can(Policies.ManageGrading) && me != a.ApplicantId
                        && a.State is GradingState.Draft or GradingState.Submitted or GradingState.SuperiorConfirmed or GradingState.DepartmentHeadConfirmed;
        var catalog = await SchemeCatalog.LoadAsync(db, ct);
        var summary = Summary(a, catalog);
        return new ApplicationView(summary, people[a.ApplicantId], a.SuperiorId is { } sup ? people.GetValueOrDefault(sup) : null,
            summary.FromLevel, summary.ToLevel, a.Panel.Select(p => people[p]).ToList(), scores,
            a.WeightedScore, result?.Arithmetic, result?.Passed, catalog.For(a.SchemeCode).ExamFor(a.ToLevelCode),
            a.RejectionReason, events.Select(e => new EventView(e.Action, people.GetValueOrDefault(e.ActorId), e.On, e.From, e.To, e.Reason)).ToList(),
            allowed, mayAssign, a.CertificateIssuedOn);
    }
}
