using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Assessment;

/// <summary><paramref name="Length"/> is Month, Quarter or Year; <paramref name="Number"/> the month (1–12) or quarter (1–4).</summary>
public sealed record OpenPeriodRequest(string? Length, int? Year, int? Number);

public sealed record PeriodActionRequest(string? Action, string? Reason, int Version);

public sealed record PeriodSummary(int Id, string Name, AssessmentPeriodLength Length, int Year, int Number, DateOnly FirstDay, DateOnly LastDay,
    PeriodState State, DateTime StateChangedAtUtc, string StateChangedBy, string? StateReason, int Sheets, int Version);

/// <summary>One row of the period's result list: total, grade on both scales, rank within the unit, consequence flags.</summary>
public sealed record SheetRow(int SheetId, int PersonId, string PersonName, string EmployeeNumber, string? UnitName, string PlanCode, int PlanVersion,
    decimal? ComputedTotal, decimal Adjustment, decimal? FinalTotal, string? Grade, string? FivePointGrade, bool IsFailing, int? RankInUnit, bool RankTied,
    int PeriodId, string PeriodName, decimal? Bonus = null, string? BonusArithmetic = null, int? RankInDepartment = null, bool DepartmentRankTied = false);

public sealed record PeriodDetail(PeriodSummary Summary, IReadOnlyList<PeriodAction> AllowedActions, bool CanScore,
    PeriodDeadlineDates Deadlines, IReadOnlyList<SheetRow> Sheets, IReadOnlyList<string> NotAssessed, IReadOnlyList<ReminderSentRow>? RemindersSent = null);

/// <summary>Who was reminded of which deadline of the period, and when (R-ASM-4); shown to HR and the committee.</summary>
public sealed record ReminderSentRow(AssessmentDeadline Deadline, ReminderWork Work, DateOnly DueOn, int PersonId, string PersonName, string EmployeeNumber, DateTime SentAtUtc);

/// <summary>
/// Assessment periods (R-ASM-4) and their workflow (R-ASM-5). Opening a period creates a sheet for every person who is
/// assessed in it (probation staff are not, R-ORG-4) under the newest published plan for their position and the period's
/// length; the sheet keeps that plan version. Scoring is possible until the committee confirms; afterwards the
/// published numbers change only through an appeal decision.
/// </summary>
public sealed class PeriodHandlers(IDbContextFactory<AppDbContext> contexts, TimeProvider time, PeriodScoring scoring,
    Microsoft.Extensions.Options.IOptions<AssessmentReminderOptions> calendar)
{
    public async Task<IReadOnlyList<PeriodSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var periods = await db.AssessmentPeriods.AsNoTracking().OrderByDescending(p => p.FirstDay).ThenBy(p => p.Length).ToListAsync(ct);
        var counts = await db.AssessmentSheets.GroupBy(s => s.PeriodId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return periods.Select(p => Summary(p, counts.GetValueOrDefault(p.Id))).ToList();
    }

    public async Task<Result<PeriodDetail>> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var period = await db.AssessmentPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (period is null)
        {
            return Refusal.NotFound("Period");
        }

        var rows = await RowsAsync(db, period, ct);
        var me = user.PersonId();
        var visible = user.Can(Policies.ReadAllAssessments)
            ? rows
            : rows.Where(r => r.Row.PersonId == me || r.SuperiorPersonId == me).ToList();
        var roles = user.Roles();
        var allowed = PeriodWorkflow.Allowed(period.State).Where(a => PeriodWorkflow.Table[(period.State, a)].Roles.Any(roles.Contains)).ToList();
        var seesAll = user.Can(Policies.ReadAllAssessments);
        return new PeriodDetail(Summary(period, rows.Count), allowed, CanScore(period.State) && user.Can(Policies.RunAssessments),
            PeriodDeadlines.For(period.Period, calendar.Value.Policy), visible.Select(r => r.Row).ToList(), seesAll ? await NotAssessedAsync(db, period, ct) : [],
            seesAll ? await RemindersSentAsync(db, period.Id, ct) : []);
    }

    public async Task<Result<PeriodDetail>> OpenAsync(OpenPeriodRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var lengthKnown = Enum.TryParse<AssessmentPeriodLength>(r.Length, ignoreCase: true, out var length) && Enum.IsDefined(length);
        if (!lengthKnown)
        {
            errors.Add("length", "invalid", "length must be Month, Quarter or Year.");
        }

        if (r.Year is not (>= 2000 and <= 2100))
        {
            errors.Add("year", "out_of_range", "year must be between 2000 and 2100.");
        }

        var number = length == AssessmentPeriodLength.Year ? 1 : r.Number ?? 0;
        if (!lengthKnown)
        {
            // The number's meaning depends on the length.
        }
        else if (length == AssessmentPeriodLength.Month && number is < 1 or > 12)
        {
            errors.Add("number", "out_of_range", "number must be the month, 1 to 12.");
        }
        else if (length == AssessmentPeriodLength.Quarter && number is < 1 or > 4)
        {
            errors.Add("number", "out_of_range", "number must be the quarter, 1 to 4.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var period = length switch
        {
            AssessmentPeriodLength.Month => AssessmentPeriod.Month(r.Year!.Value, number),
            AssessmentPeriodLength.Quarter => AssessmentPeriod.Quarter(r.Year!.Value, number),
            _ => AssessmentPeriod.OfYear(r.Year!.Value),
        };

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.AssessmentPeriods.AnyAsync(p => p.Length == period.Length && p.Year == period.Year && p.Number == period.Number, ct))
        {
            return Refusal.Conflict("period_exists", $"The period {period} is already open.");
        }

        var stored = StoredAssessmentPeriod.Open(period, time.GetUtcNow().UtcDateTime, user.Identity?.Name ?? "");
        db.AssessmentPeriods.Add(stored);
        if (!await db.TrySaveAsync(user, ct, $"period {period} opened"))
        {
            return Refusal.Conflict("period_exists", $"The period {period} is already open.");
        }

        foreach (var (person, plan) in await AssessedPeopleAsync(db, stored, ct))
        {
            db.AssessmentSheets.Add(AssessmentSheet.Create(stored.Id, person.Id, plan.Id, person.SuperiorId));
        }

        await db.TrySaveAsync(user, ct, $"sheets of period {period} created");
        return await GetAsync(stored.Id, user, ct);
    }

    /// <summary>Moves the period through the workflow; who may do which step is the domain's table.</summary>
    public async Task<Result<PeriodDetail>> ActAsync(int id, PeriodActionRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!Enum.TryParse<PeriodAction>(r.Action, ignoreCase: true, out var action) || !Enum.IsDefined(action))
        {
            return Refusal.Invalid("action", "invalid", $"action must be one of {string.Join(", ", Enum.GetNames<PeriodAction>())}.");
        }

        if (r.Reason?.Trim().Length > PeriodWorkflow.ReasonMaxLength)
        {
            // Any step may carry a reason; it is kept with the period's state (the same limit as a required one).
            return Refusal.Invalid("reason", "too_long", $"reason must be at most {PeriodWorkflow.ReasonMaxLength} characters.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var period = await db.AssessmentPeriods.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (period is null)
        {
            return Refusal.NotFound("Period");
        }

        if (period.Version != r.Version)
        {
            return Refusal.StaleVersion();
        }

        var moved = PeriodWorkflow.Apply(period.State, action, user.Roles(), r.Reason);
        if (!moved.Succeeded)
        {
            return moved.Refusal!;
        }

        // Results are scored before they go to review, and every sheet must be scored before the committee confirms.
        if (action == PeriodAction.StartSelfReview)
        {
            await scoring.ScorePeriodAsync(period, user, ct);
        }

        if (action == PeriodAction.Publish && await db.AssessmentSheets.AnyAsync(s => s.PeriodId == id && s.ScoredAtUtc == null, ct))
        {
            return Refusal.Conflict("not_scored", "Some sheets have not been scored yet: score the period first.");
        }

        var reason = string.IsNullOrWhiteSpace(r.Reason) ? null : r.Reason.Trim();
        period.MoveTo(moved.Value, time.GetUtcNow().UtcDateTime, user.Identity?.Name ?? "", reason);
        return await db.TrySaveAsync(user, ct, reason ?? action.ToString()) ? await GetAsync(id, user, ct) : Refusal.StaleVersion();
    }

    /// <summary>Re-scores every sheet from the current facts and inputs (before the committee's confirmation only).</summary>
    public async Task<Result<PeriodDetail>> ScoreAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var period = await db.AssessmentPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (period is null)
        {
            return Refusal.NotFound("Period");
        }

        if (!CanScore(period.State))
        {
            return Refusal.Conflict("period_locked", $"The period is {period.State}: its results are fixed and are no longer re-scored.");
        }

        await scoring.ScorePeriodAsync(period, user, ct);
        return await GetAsync(id, user, ct);
    }

    public static bool CanScore(PeriodState state) =>
        state is PeriodState.DataCollection or PeriodState.SelfReview or PeriodState.SuperiorReview or PeriodState.GmReview;

    internal sealed record RowWithSuperior(SheetRow Row, int? SuperiorPersonId, int UnitId);

    internal static async Task<List<RowWithSuperior>> RowsAsync(AppDbContext db, StoredAssessmentPeriod period, CancellationToken ct)
    {
        var rows = await (from s in db.AssessmentSheets.AsNoTracking()
                          where s.PeriodId == period.Id
                          join p in db.People on s.PersonId equals p.Id
                          join u in db.OrgUnits on p.OrgUnitId equals u.Id
                          join plan in db.AssessmentPlans on s.PlanId equals plan.Id
                          join position in db.Positions on p.PositionId equals position.Id
                          select new
                          {
                              s.Id, s.PersonId, p.Name, p.EmployeeNumber, UnitId = u.Id, UnitName = u.Name, plan.Code, plan.PlanVersion, s.ComputedTotal, s.Adjustment,
                              s.SuperiorPersonId, position.StandardAnnualBonus, s.PolicyVersion,
                          })
            .ToListAsync(ct);
        var policies = await DepartmentPolicies.DepartmentPolicyHandlers.VersionsAsync(db, ct);
        var cancelled = period.Length == AssessmentPeriodLength.Year ? await YearEndCancellationsAsync(db, period.Year, policies, ct) : [];
        var withTotals = rows.Select(r => new { r, Final = SheetGrades.Total(r.ComputedTotal, r.Adjustment) }).ToList();
        var ranks = withTotals.Where(x => x.Final is not null).GroupBy(x => x.r.UnitId)
            .SelectMany(g => TeamRanking.Rank(g.Select(x => (x.r.PersonId, x.Final!.Value))))
            .ToDictionary(x => x.PersonId);
        var departmentOf = DepartmentOf(await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => (u.Kind, u.ParentId), ct));
        var departmentRanks = withTotals.Where(x => x.Final is not null).GroupBy(x => departmentOf(x.r.UnitId))
            .SelectMany(g => TeamRanking.Rank(g.Select(x => (x.r.PersonId, x.Final!.Value))))
            .ToDictionary(x => x.PersonId);
        return withTotals.Select(x =>
        {
            var policy = policies(x.r.PolicyVersion);
            var grade = SheetGrades.Of(x.Final, policy);
            var five = SheetGrades.FivePointOf(x.Final, policy);
            var rank = ranks.GetValueOrDefault(x.r.PersonId);
            var departmentRank = departmentRanks.GetValueOrDefault(x.r.PersonId);
            var bonus = grade is null || x.r.StandardAnnualBonus is not { } standard ? null : period.Length switch
            {
                AssessmentPeriodLength.Quarter => AssessmentBonus.Quarterly(standard, grade, policy.BonusPolicy()),
                AssessmentPeriodLength.Year => AssessmentBonus.YearEnd(standard, grade, policy.BonusPolicy(), cancelled.GetValueOrDefault(x.r.PersonId)),
                _ => null, // monthly results feed the team pool and grading, not the position bonus
            };
            return new RowWithSuperior(new SheetRow(x.r.Id, x.r.PersonId, x.r.Name, x.r.EmployeeNumber, x.r.UnitName, x.r.Code, x.r.PlanVersion,
                x.r.ComputedTotal, x.r.Adjustment, x.Final, grade?.Grade.Code, five?.Grade.Code, grade?.IsFailing ?? false, rank?.Rank, rank?.IsTied ?? false, period.Id, period.Period.ToString(), bonus?.Amount, bonus?.Arithmetic,
                departmentRank?.Rank, departmentRank?.IsTied ?? false), x.r.SuperiorPersonId, x.r.UnitId);
        }).OrderBy(x => x.Row.UnitName).ThenBy(x => x.Row.RankInUnit ?? int.MaxValue).ThenBy(x => x.Row.EmployeeNumber).ToList();
    }

    /// <summary>The deadline reminders sent for the period, newest first (at most 200: a short list is enough to see who was told).</summary>
    private static async Task<List<ReminderSentRow>> RemindersSentAsync(AppDbContext db, int periodId, CancellationToken ct) =>
        (await (from r in db.AssessmentReminders.AsNoTracking()
                where r.PeriodId == periodId
                join p in db.People on r.RecipientPersonId equals p.Id
                select new { r.Id, r.Deadline, r.Work, r.DueOn, p.Name, p.EmployeeNumber, PersonId = p.Id, r.CreatedAtUtc })
            .OrderByDescending(r => r.Id).Take(200).ToListAsync(ct))
        .Select(r => new ReminderSentRow(r.Deadline, r.Work, r.DueOn, r.PersonId, r.Name, r.EmployeeNumber, r.CreatedAtUtc)).ToList();

    /// <summary>The department a unit belongs to: the nearest unit of kind Department up its tree (the top unit when there is none).</summary>
    private static Func<int, int> DepartmentOf(Dictionary<int, (OrgUnitKind Kind, int? ParentId)> units) => unitId =>
    {
        var id = unitId;
        for (var depth = 0; depth < units.Count && units.TryGetValue(id, out var u); depth++)
        {
            if (u.Kind == OrgUnitKind.Department || u.ParentId is not { } parent)
            {
                return id;
            }

            id = parent;
        }

        return id;
    };

    /// <summary>Whose year-end assessment the year's published quarters and cards cancel (R-ASM-8), with the reason.</summary>
    private static async Task<Dictionary<int, Consequence>> YearEndCancellationsAsync(AppDbContext db, int year,
        Func<int, Domain.DepartmentPolicies.DepartmentPolicy> policies, CancellationToken ct)
    {
        var quarters = await (from s in db.AssessmentSheets.AsNoTracking()
                              join p in db.AssessmentPeriods on s.PeriodId equals p.Id
                              where p.Year == year && p.Length == AssessmentPeriodLength.Quarter && PublishedStates.Contains(p.State) && s.ComputedTotal != null
                              select new { s.PersonId, p.Number, s.ComputedTotal, s.Adjustment, s.PolicyVersion }).ToListAsync(ct);
        var cards = await db.DisciplinaryCards.AsNoTracking().Where(c => c.IssuedOn.Year == year).ToListAsync(ct);
        var people = quarters.Select(q => q.PersonId).Concat(cards.Select(c => c.PersonId)).Distinct();
        var result = new Dictionary<int, Consequence>();
        foreach (var person in people)
        {
            var outcomes = quarters.Where(q => q.PersonId == person)
                .Select(q => new QuarterOutcome(year, q.Number, SheetGrades.IsFailing(q.ComputedTotal, q.Adjustment, policies(q.PolicyVersion))));
            var theirCards = cards.Where(c => c.PersonId == person).Select(c => new Card(c.Colour, c.IssuedOn, c.Reason));
            if (Consequences.ForYear(year, outcomes, theirCards, []).FirstOrDefault(c => c.Kind == ConsequenceKind.NoYearEndAssessment) is { } cancel)
            {
                result[person] = cancel;
            }
        }

        return result;
    }

    internal static readonly PeriodState[] PublishedStates = [.. PeriodWorkflow.PublishedStates];

    /// <summary>
    /// Active people assessed in the period, each with the newest published plan of their position for its length. For a
    /// year, a position without an annual plan but with a quarterly one is quarterly-assessed: its people get an annual
    /// sheet under that quarterly plan, scored as the mean of their quarters (<see cref="PeriodScoring.FromQuarters"/>),
    /// when they were assessed in at least one quarter of the year (probation quarters are simply left out).
    /// </summary>
    private static async Task<List<(Person Person, StoredAssessmentPlan Plan)>> AssessedPeopleAsync(AppDbContext db, StoredAssessmentPeriod period, CancellationToken ct)
    {
        var kind = KindOf(period.Length);
        var plans = await db.AssessmentPlans.AsNoTracking().Where(p => p.Status == PlanStatus.Published && p.PeriodKind == kind).ToListAsync(ct);
        var quarterly = period.Length == AssessmentPeriodLength.Year
            ? await db.AssessmentPlans.AsNoTracking().Where(p => p.Status == PlanStatus.Published && p.PeriodKind == nameof(PeriodKind.Quarterly)).ToListAsync(ct)
            : [];
        var positions = await db.Positions.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        var people = await db.People.AsNoTracking().Where(p => p.IsActive).ToListAsync(ct);
        var result = new List<(Person, StoredAssessmentPlan)>();
        foreach (var person in people)
        {
            var code = positions.GetValueOrDefault(person.PositionId);
            var plan = Newest(plans, code);
            if (plan is not null)
            {
                if (PeriodAggregation.IsAssessedIn(History(person), period.Period).IsAssessed)
                {
                    result.Add((person, plan));
                }
            }
            else if (Newest(quarterly, code) is { } byQuarters
                     && Enumerable.Range(1, 4).Any(q => PeriodAggregation.IsAssessedIn(History(person), AssessmentPeriod.Quarter(period.Year, q)).IsAssessed))
            {
                result.Add((person, byQuarters));
            }
        }

        return result;
    }

    private static StoredAssessmentPlan? Newest(List<StoredAssessmentPlan> plans, string? positionCode) =>
        plans.Where(p => positionCode is not null && p.Positions.Contains(positionCode)).OrderByDescending(p => p.PlanVersion).FirstOrDefault();

    /// <summary>Who is not in the period and why (probation, no plan for the position), so that nobody is left out silently.</summary>
    private static async Task<List<string>> NotAssessedAsync(AppDbContext db, StoredAssessmentPeriod period, CancellationToken ct)
    {
        var inPeriod = (await db.AssessmentSheets.Where(s => s.PeriodId == period.Id).Select(s => s.PersonId).ToListAsync(ct)).ToHashSet();
        var positions = await db.Positions.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var people = await db.People.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.EmployeeNumber).ToListAsync(ct);
        return people.Where(p => !inPeriod.Contains(p.Id)).Select(p =>
        {
            var eligibility = PeriodAggregation.IsAssessedIn(History(p), period.Period);
            return eligibility.IsAssessed
                ? $"{p.Name} ({p.EmployeeNumber}): no published {KindOf(period.Length)} plan for {positions.GetValueOrDefault(p.PositionId)}"
                : $"{p.Name} ({p.EmployeeNumber}): {eligibility.Reason}";
        }).ToList();
    }

    /// <summary>The employment-status history as far as the person record knows it: probation until its end, then the current status.</summary>
    internal static List<StatusChange> History(Person p)
    {
        if (p.ProbationEndDate is { } end && p.Status != EmploymentStatus.Probation)
        {
            return [new StatusChange(p.HireDate, EmploymentStatus.Probation), new StatusChange(end, p.Status)];
        }

        return [new StatusChange(p.HireDate, p.Status)];
    }

    internal static string KindOf(AssessmentPeriodLength length) => length switch
    {
        AssessmentPeriodLength.Month => nameof(PeriodKind.Monthly),
        AssessmentPeriodLength.Quarter => nameof(PeriodKind.Quarterly),
        _ => nameof(PeriodKind.Annual),
    };

    internal static PeriodSummary Summary(StoredAssessmentPeriod p, int sheets) =>
        new(p.Id, p.Period.ToString(), p.Length, p.Year, p.Number, p.FirstDay, p.LastDay, p.State, p.StateChangedAtUtc, p.StateChangedBy, p.StateReason, sheets, p.Version);
}
