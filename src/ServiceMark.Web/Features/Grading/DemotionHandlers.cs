using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Grading;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Grading;

/// <summary><paramref name="FlagPeriod"/>: the assessment engine's flag this case answers (e.g. "2026-03..2026-04"), if any.</summary>
public sealed record RaiseDemotionRequest(int? PersonId, string? Cause, string? Evidence, string? FlagPeriod);

/// <summary><paramref name="EffectiveFrom"/> only for File: from when the lower grade and its pay apply (today when absent).</summary>
public sealed record DemotionActionRequest(string? Action, string? Reason, int Version, DateOnly? EffectiveFrom);

public sealed record DemotionView(int Id, PersonRef Person, LevelView? FromLevel, LevelView? ToLevel, DemotionCause Cause, string Evidence, string? FlagPeriod,
    DateOnly RaisedOn, GradingState State, string? RejectionReason, DateOnly? EffectiveFrom, IReadOnlyList<EventView> History,
    IReadOnlyList<GradingAction> AllowedActions, int Version);

public sealed record DemotionFlagView(PersonRef Person, LevelView? Level, string Period, string Reason);

/// <summary><paramref name="SchemeCode"/>: the scheme the table is for; the default scheme (of first gradings) when absent.</summary>
public sealed record PayTableRequest(DateOnly? EffectiveFrom, IReadOnlyList<GradePayRow>? Rows, string? SchemeCode = null);

public sealed record QualificationRequest(string? Kind, string? Name, DateOnly? ObtainedOn);

/// <summary>
/// Demotion cases (R-GRD-6): raised by hand with evidence, or from the assessment engine's flag (two consecutive failed
/// monthly assessments); the same approvals as a promotion; filed by HR with the date the lower grade is paid from.
/// Also the pay-table versions and trainings/certificates HR records.
/// </summary>
public sealed class DemotionHandlers(IDbContextFactory<AppDbContext> contexts, CompanyClock clock)
{
    private static bool MaySee(StoredDemotion d, ClaimsPrincipal user) =>
        user.Can(Policies.ReadGradeRoster) || user.IsInRole(GradingRoles.MarketingVp) || user.IsInRole(GradingRoles.HrVp)
        || user.PersonId() is { } me && (d.PersonId == me || d.SuperiorId == me);

    public async Task<IReadOnlyList<DemotionView>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var all = (await db.GradeDemotions.AsNoTracking().OrderByDescending(d => d.Id).ToListAsync(ct)).Where(d => MaySee(d, user)).ToList();
        var views = new List<DemotionView>();
        foreach (var d in all)
        {
            views.Add(await ViewAsync(db, d, user, ct));
        }

        return views;
    }

    public async Task<Result<DemotionView>> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var d = await db.GradeDemotions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return Refusal.NotFound("Demotion");
        }

        return MaySee(d, user) ? await ViewAsync(db, d, user, ct) : Refusal.Forbidden("You take no part in this demotion case.");
    }

    /// <summary>The open demotion flags: each graded person's runs of two or more failed published months without a case.</summary>
    public async Task<IReadOnlyList<DemotionFlagView>> FlagsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var today = clock.Today;
        var graded = (await db.PersonGrades.AsNoTracking().ToListAsync(ct)).Where(g => g.EffectiveFrom <= today)
            .GroupBy(g => g.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(x => x.EffectiveFrom).Last());
        var catalog = await SchemeCatalog.LoadAsync(db, ct);
        var people = await db.People.AsNoTracking().Where(p => p.IsActive).ToDictionaryAsync(p => p.Id, ct);
        var flags = new List<DemotionFlagView>();
        foreach (var (personId, level) in graded.Where(g => people.ContainsKey(g.Key)))
        {
            var months = await GradeQueries.MonthlyResultsAsync(db, personId, ct);
            foreach (var f in await GradeQueries.OpenFlagsAsync(db, personId, months, ct))
            {
                var p = people[personId];
                flags.Add(new DemotionFlagView(new PersonRef(p.Id, p.Name, p.EmployeeNumber), catalog.Level(level.SchemeCode, level.LevelCode), f.Period, f.Reason));
            }
        }

        return flags;
    }

    public async Task<Result<DemotionView>> RaiseAsync(RaiseDemotionRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (r.PersonId is null)
        {
            errors.Add("personId", "required", "personId is required.");
        }

        if (!Enum.TryParse<DemotionCause>(r.Cause, ignoreCase: true, out var cause) || !Enum.IsDefined(cause))
        {
            errors.Add("cause", "invalid", $"cause must be one of {string.Join(", ", Enum.GetNames<DemotionCause>())}.");
        }

        errors.RequiredText("evidence", r.Evidence, Demotion.EvidenceMaxLength);
        errors.MaxLength("flagPeriod", r.FlagPeriod, 40); // e.g. "2026-03..2026-04"; the column holds 40
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == r.PersonId, ct);
        if (person is null)
        {
            return Refusal.NotFound("Person");
        }

        if (user.RefuseSelf(person.Id, "raising a demotion case") is { } self)
        {
            return self;
        }

        var today = clock.Today;
        var current = (await GradeQueries.HistoryAsync(db, person.Id, ct)).LastOrDefault(h => h.EffectiveFrom <= today);
        if (current is null)
        {
            return Refusal.Conflict("not_graded", "The person holds no technical grade. 该人员尚未定级。");
        }

        if (await db.GradeDemotions.AnyAsync(d => d.PersonId == person.Id && d.State != GradingState.Filed && d.State != GradingState.Rejected, ct))
        {
            return Refusal.Conflict("demotion_open", "A demotion case for this person is already open.");
        }

        var scheme = (await SchemeCatalog.LoadAsync(db, ct)).For(current.SchemeCode).Scheme;
        var raised = Demotion.Raise(scheme, person.Id, person.SuperiorId, current.LevelCode, cause, r.Evidence, today);
        if (!raised.Succeeded)
        {
            return raised.Refusal!;
        }

        var stored = StoredDemotion.Raise(raised.Value!, user.PersonId() ?? 0, string.IsNullOrWhiteSpace(r.FlagPeriod) ? null : r.FlagPeriod.Trim());
        db.GradeDemotions.Add(stored);
        await db.TrySaveAsync(user, ct, $"demotion case raised ({cause})");
        return await ViewAsync(db, stored, user, ct);
    }

    public async Task<Result<DemotionView>> ActAsync(int id, DemotionActionRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var d = await db.GradeDemotions.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
        {
            return Refusal.NotFound("Demotion");
        }

        if (user.PersonId() is not { } me)
        {
            return Refusal.Forbidden("Only the people of the approval chain act on demotions.");
        }

        if (!Enum.TryParse<GradingAction>(r.Action, ignoreCase: true, out var action) || !Enum.IsDefined(action))
        {
            return Refusal.Invalid("action", "invalid", $"action must be one of {string.Join(", ", Enum.GetNames<GradingAction>())}.");
        }

        var next = GradingFlow.Apply(GradeCaseKind.Demotion, d.State, action, new GradingActor(me, user.Roles()), d.Parties, r.Reason);
        if (!next.Succeeded)
        {
            return next.Refusal!;
        }

        if (d.Version != r.Version)
        {
            return Refusal.StaleVersion();
        }

        var today = clock.Today > d.LastStepOn ? clock.Today : d.LastStepOn;
        DateOnly? effective = null;
        if (action == GradingAction.File)
        {
            effective = r.EffectiveFrom ?? today;
            var approvedOn = d.Events.LastOrDefault(e => e.Action == GradingAction.ApproveByGm)?.On;
            if (effective < approvedOn)
            {
                return Refusal.Invalid("effectiveFrom", GradeApplication.EffectiveBeforeApproval,
                    $"effectiveFrom {effective:yyyy-MM-dd} is before the general manager's approval on {approvedOn:yyyy-MM-dd}.");
            }

            if (await db.PersonGrades.AnyAsync(g => g.PersonId == d.PersonId && g.EffectiveFrom == effective, ct))
            {
                return Refusal.Conflict(GradeApplicationHandlers.GradeChangeOnDate, $"A grade change already takes effect on {effective:yyyy-MM-dd}.");
            }

            db.PersonGrades.Add(PersonGrade.Create(d.PersonId, d.SchemeCode, d.ToLevelCode, effective.Value, $"demotion ({d.Cause}): {d.Evidence}",
                GradeChangeSource.Demotion, d.Id, clock.UtcNow, user.Identity?.Name ?? ""));
        }

        d.Move(action, me, today, next.Value, r.Reason, effective);
        if (!await db.TrySaveAsync(user, ct, $"demotion {action}"))
        {
            return Refusal.StaleVersion();
        }

        return await ViewAsync(db, d, user, ct);
    }

    /// <summary>A new pay-table version (R-GRD-2); versions are never edited, and one date holds one version.</summary>
    public async Task<Result<PayTableView>> AddPayTableAsync(PayTableRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (r.EffectiveFrom is null)
        {
            return Refusal.Invalid("effectiveFrom", "required", "effectiveFrom is required.");
        }

        for (var i = 0; i < (r.Rows?.Count ?? 0); i++)
        {
            if (r.Rows![i] is null)
            {
                return Refusal.Invalid($"rows[{i}]", "required", "Every row needs its level and amounts.");
            }
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var catalog = await SchemeCatalog.LoadAsync(db, ct);
        var scheme = string.IsNullOrWhiteSpace(r.SchemeCode) ? catalog.Default.Scheme : catalog.All.FirstOrDefault(c => c.Code == r.SchemeCode.Trim())?.Scheme;
        if (scheme is null)
        {
            return Refusal.Invalid("schemeCode", "unknown", $"No grade scheme {r.SchemeCode}.");
        }

        var table = new PayTable(scheme.Code, r.EffectiveFrom.Value, r.Rows ?? []);
        var errors = table.Check(scheme);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (await db.GradePayTables.AnyAsync(t => t.SchemeCode == table.SchemeCode && t.EffectiveFrom == table.EffectiveFrom, ct))
        {
            return Refusal.Conflict("pay_table_exists", $"A pay-table version already takes effect on {table.EffectiveFrom:yyyy-MM-dd}; versions are never edited.");
        }

        var stored = StoredPayTable.From(table, clock.UtcNow, user.Identity?.Name ?? "");
        db.GradePayTables.Add(stored);
        if (!await db.TrySaveAsync(user, ct, $"grade pay table effective {table.EffectiveFrom:yyyy-MM-dd}"))
        {
            return Refusal.Conflict("pay_table_exists", $"A pay-table version already takes effect on {table.EffectiveFrom:yyyy-MM-dd}.");
        }

        return new PayTableView(stored.Id, stored.SchemeCode, stored.EffectiveFrom, table.Rows, stored.CreatedBy, scheme.Levels.Select(GradeQueries.View).ToList());
    }

    public async Task<Result<int>> AddQualificationAsync(int personId, QualificationRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            return Refusal.NotFound("Person");
        }

        if (user.RefuseSelf(personId, "recording a training or certificate") is { } self)
        {
            return self;
        }

        var errors = new FieldErrors();
        if (!Enum.TryParse<QualificationKind>(r.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            errors.Add("kind", "invalid", "kind must be Training or Certificate.");
        }

        errors.RequiredText("name", r.Name, PersonQualification.NameMaxLength);
        if (r.ObtainedOn is null)
        {
            errors.Add("obtainedOn", "required", "obtainedOn is required.");
        }
        else if (r.ObtainedOn > clock.Today)
        {
            // A training or certificate counts once it is held: one not held yet is not recorded (eligibility would count it later silently).
            errors.Add("obtainedOn", "future", "obtainedOn must not be in the future.");
        }
        else if (r.ObtainedOn < PersonQualification.EarliestObtainedOn)
        {
            errors.Add("obtainedOn", "out_of_range", $"obtainedOn must not be before {PersonQualification.EarliestObtainedOn:yyyy-MM-dd}.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var name = r.Name!.Trim();
        if (await db.PersonQualifications.AnyAsync(q => q.PersonId == personId && q.Kind == kind && q.Name == name, ct))
        {
            return Refusal.Conflict("qualification_exists", $"{name} is already recorded.");
        }

        var q = PersonQualification.Create(personId, kind, name, r.ObtainedOn!.Value);
        db.PersonQualifications.Add(q);
        await db.TrySaveAsync(user, ct, $"{kind} recorded");
        return q.Id;
    }

    private static async Task<DemotionView> ViewAsync(AppDbContext db, StoredDemotion d, ClaimsPrincipal user, CancellationToken ct)
    {
        var events = d.Events;
        var ids = new HashSet<int>([d.PersonId, .. events.Select(e => e.ActorId)]);
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new PersonRef(p.Id, p.Name, p.EmployeeNumber), ct);
        var allowed = user.PersonId() is { } me
            ? GradingFlow.Allowed(GradeCaseKind.Demotion, d.State)
                .Where(a => GradingFlow.Apply(GradeCaseKind.Demotion, d.State, a, new GradingActor(me, user.Roles()), d.Parties, "reason").Succeeded).ToList()
            : [];
        var catalog = await SchemeCatalog.LoadAsync(db, ct);
        return new DemotionView(d.Id, people[d.PersonId], catalog.Level(d.SchemeCode, d.FromLevelCode), catalog.Level(d.SchemeCode, d.ToLevelCode), d.Cause, d.Evidence, d.FlagPeriod,
            d.RaisedOn, d.State, d.RejectionReason, d.EffectiveFrom,
            events.Select(e => new EventView(e.Action, people.GetValueOrDefault(e.ActorId), e.On, e.From, e.To, e.Reason)).ToList(), allowed, d.Version);
    }
}
