using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Grading;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Assessment;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Grading;

public sealed record LevelView(string Code, string NameZh, string NameEn);

public sealed record GradeHistoryRow(DateOnly EffectiveFrom, LevelView Level, string Reason, GradeChangeSource Source, int? SourceId);

public sealed record MonthPayView(int Year, int Month, decimal BasePay, decimal PositionPay, decimal GradeAllowance, decimal Total, string Arithmetic);

public sealed record UnmetView(string Code, string MessageZh, string MessageEn);

/// <summary>
/// The application window (R-GRD-5) for <paramref name="LevelCode"/>: open now (<paramref name="IsOpen"/>) or the next one.
/// </summary>
public sealed record GradingWindowView(string LevelCode, DateOnly Opens, DateOnly Closes, bool IsOpen);

/// <summary>One month of a points ledger (积分, R-GRD-7): points earned, from which assessment sheet, the running total and the grade it gives.</summary>
public sealed record PointsRow(int Year, int Month, decimal Earned, decimal Total, LevelView Level, int? SheetId, string Source);

/// <summary>
/// A person's standing in a points-based scheme: the total, the grade the points hold, the grade they qualify for (above the
/// held one only when that grade is appointed after passing — the person is a candidate and must apply), and the ledger.
/// </summary>
public sealed record PointsView(decimal Total, LevelView Level, LevelView QualifiedFor, bool AwaitsExamination, string Arithmetic, IReadOnlyList<PointsRow> Months);

public sealed record EligibilityView(string LevelCode, LevelView? Level, bool IsEligible, IReadOnlyList<UnmetView> Unmet);

/// <summary>A person's grade page: grade, its allowance, this month's grade pay with the arithmetic, the next grade's eligibility.</summary>
public sealed record PersonGradeView(
    int PersonId, string Name, string EmployeeNumber, string SchemeCode, LevelView? Level, DateOnly? Since, GradePayRow? Rates,
    MonthPayView? ThisMonth, string? PayProblem, EligibilityView Next, IReadOnlyList<GradeHistoryRow> History,
    IReadOnlyList<ApplicationSummary> Applications, bool MayApply, GradingWindowView? Window, PointsView? Points = null);

public sealed record RosterRow(int PersonId, string Name, string EmployeeNumber, string? Unit, string? Position, LevelView? Level, DateOnly? Since, decimal? Allowance);

/// <summary><paramref name="Levels"/>: the grades <paramref name="Distribution"/> counts (every grade of the schemes in use), lowest first.</summary>
public sealed record RosterView(IReadOnlyList<RosterRow> People, IReadOnlyDictionary<string, int> Distribution, IReadOnlyList<LevelView> Levels);

public sealed record PayrollRow(int PersonId, string Name, string EmployeeNumber, string? Unit, string? LevelCode, decimal BasePay, decimal PositionPay,
    decimal GradeAllowance, decimal? AssessmentBonus, decimal Total, string Arithmetic, LevelView? Level);

public sealed record PayrollView(int Year, int Month, string? BonusPeriod, IReadOnlyList<PayrollRow> Rows);

/// <summary><paramref name="Levels"/>: the scheme's grades, lowest first (the rows a new version needs).</summary>
public sealed record PayTableView(int Id, string SchemeCode, DateOnly EffectiveFrom, IReadOnlyList<GradePayRow> Rows, string CreatedBy, IReadOnlyList<LevelView> Levels);

/// <summary>Reads of grades and grade pay (R-GRD-1..3): one's own page, the HR roster with distribution, the monthly pay roster.</summary>
public sealed class GradeQueries(IDbContextFactory<AppDbContext> contexts, CompanyClock clock)
{
    public static LevelView View(GradeLevel l) => new(l.Code, l.NameZh, l.NameEn);

    public Task<Result<PersonGradeView>> MineAsync(ClaimsPrincipal user, CancellationToken ct = default) =>
        user.PersonId() is { } me ? PersonAsync(me, user, ct) : Task.FromResult<Result<PersonGradeView>>(Refusal.NotFound("Person"));

    public async Task<Result<PersonGradeView>> PersonAsync(int personId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return Refusal.NotFound("Person");
        }

        if (user.PersonId() != personId && !user.Can(Policies.ReadGradeRoster))
        {
            return Refusal.Forbidden("You may see only your own grade.");
        }

        var today = clock.Today;
        var history = await HistoryAsync(db, personId, ct);
        var current = history.LastOrDefault(h => h.EffectiveFrom <= today);
        var catalog = await SchemeCatalog.LoadAsync(db, ct);
        var config = catalog.ForHistory(history);
        LevelView? Level(string? code) => catalog.Level(config.Code, code);
        var tables = await PayTablesAsync(db, config.Code, ct);
        var table = tables.LastOrDefault(t => t.EffectiveFrom <= today);
        var pay = GradePayroll.ForMonth(today.Year, today.Month, history.Select(h => h.ToDomain()), tables);
        var candidate = await CandidateAsync(db, person, history, today, ct);
        var next = GradeEligibility.CheckNext(config.Scheme, config.Eligibility, candidate, today);
        var applications = await db.GradeApplications.AsNoTracking().Where(a => a.ApplicantId == personId).OrderByDescending(a => a.Id).ToListAsync(ct);
        var role = await db.Positions.Where(p => p.Id == person.PositionId).Select(p => p.Role).FirstOrDefaultAsync(ct);
        var open = applications.Any(a => !GradingFlow.IsFinal(GradeCaseKind.Promotion, a.State));
        var window = string.IsNullOrEmpty(next.LevelCode) ? null : WindowFor(config, current?.LevelCode, next.LevelCode, today);
        return new PersonGradeView(person.Id, person.Name, person.EmployeeNumber, config.Code, Level(current?.LevelCode), current?.EffectiveFrom,
            current is null ? null : table?.Find(current.LevelCode),
            pay.Succeeded ? View(pay.Value!) : null, pay.Succeeded ? null : pay.Refusal!.Message,
            View(next, Level(next.LevelCode)), history.Select(h => new GradeHistoryRow(h.EffectiveFrom, catalog.Level(h.SchemeCode, h.LevelCode)!, h.Reason, h.Source, h.SourceId)).ToList(),
            applications.Select(a => GradeApplicationHandlers.Summary(a, catalog)).ToList(),
            user.PersonId() == personId && next.IsEligible && !open && Graded(role, history) && (window is null || window.IsOpenOn(today)),
            window is null ? null : new GradingWindowView(next.LevelCode, window.Opens, window.Closes, window.IsOpenOn(today)),
            await PointsViewAsync(db, person.Id, config, history, ct));
    }

    /// <summary>
    /// The window a promotion to <paramref name="target"/> must be applied for in (R-GRD-5): the one open on
    /// <paramref name="today"/> or the next one. Null — applications any time — for a first grading (定级 follows the end of
    /// probation, not the cycle) and for a grade no cycle of the scheme covers.
    /// </summary>
    internal static GradingWindow? WindowFor(GradeSchemeConfiguration config, string? currentLevel, string target, DateOnly today) =>
        currentLevel is null ? null : GradingCalendar.CurrentOrNext(config.Cycles, target, today);

    internal sealed record PointsLedger(PointsStanding Standing, IReadOnlyList<(MonthlyPoints Points, int SheetId)> Entries);

    /// <summary>
    /// The points ledger of a person on a points-based scheme (R-GRD-7), null on any other scheme: one entry per published
    /// monthly assessment (<see cref="PointsProgression.FromAssessment"/>: the final score, nothing for a failing month) from
    /// the first month the person is on the scheme (the first day of the latest unbroken run of their grade rows on it).
    /// </summary>
    internal static async Task<PointsLedger?> PointsAsync(AppDbContext db, int personId, GradeSchemeConfiguration config, IReadOnlyList<PersonGrade> history, CancellationToken ct)
    {
        if (config.Scheme.Kind != GradeSchemeKind.Points)
        {
            return null;
        }

        var ordered = history.OrderBy(h => h.EffectiveFrom).ToList();
        var since = ordered.Count == 0 ? DateOnly.MinValue
            : ordered.AsEnumerable().Reverse().TakeWhile(h => h.SchemeCode == config.Code).LastOrDefault()?.EffectiveFrom ?? DateOnly.MaxValue;
        var sheets = await (from s in db.AssessmentSheets.AsNoTracking()
                            join p in db.AssessmentPeriods on s.PeriodId equals p.Id
                            where s.PersonId == personId && p.Length == AssessmentPeriodLength.Month && PeriodHandlers.PublishedStates.Contains(p.State)
                                  && s.ComputedTotal != null && p.LastDay >= since
                            orderby p.FirstDay
                            select new { p.Year, p.Number, s.Id, s.ComputedTotal, s.Adjustment, s.PolicyVersion }).ToListAsync(ct);
        var policies = await DepartmentPolicies.DepartmentPolicyHandlers.VersionsAsync(db, ct);
        var entries = sheets
            .Select(x => (Result: SheetGrades.Of(SheetGrades.Total(x.ComputedTotal, x.Adjustment), policies(x.PolicyVersion)), x))
            .Where(x => x.Result is not null)
            .Select(x => (PointsProgression.FromAssessment(x.x.Year, x.x.Number, x.Result!), x.x.Id))
            .ToList();
        return new PointsLedger(PointsProgression.Evaluate(config.Scheme, entries.Select(e => e.Item1)), entries);
    }

    private static async Task<PointsView?> PointsViewAsync(AppDbContext db, int personId, GradeSchemeConfiguration config, IReadOnlyList<PersonGrade> history, CancellationToken ct)
    {
        if (await PointsAsync(db, personId, config, history, ct) is not { } ledger)
        {
            return null;
        }

        var s = ledger.Standing;
        var rows = s.Months.Select(m =>
        {
            var entry = ledger.Entries.FirstOrDefault(e => e.Points.Year == m.Year && e.Points.Month == m.Month);
            return new PointsRow(m.Year, m.Month, m.Earned, m.Total, View(m.Level), entry.Points is null ? null : entry.SheetId, entry.Points?.Source ?? "");
        }).ToList();
        return new PointsView(s.Total, View(s.Level), View(s.QualifiedFor), s.AwaitsExamination, s.Arithmetic, rows);
    }

    /// <summary>Technical grades are for service engineers, and for anyone who already holds one (e.g. promoted to supervisor).</summary>
    internal static bool Graded(string? role, IReadOnlyCollection<PersonGrade> history) => role == RoleNames.Engineer || history.Count > 0;

    public async Task<RosterView> RosterAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var today = clock.Today;
        var people = await (from p in db.People.AsNoTracking()
                            join pos in db.Positions on p.PositionId equals pos.Id
                            join u in db.OrgUnits on p.OrgUnitId equals u.Id
                            where p.IsActive
                            orderby p.EmployeeNumber
                            select new { p.Id, p.Name, p.EmployeeNumber, Unit = u.Name, Position = pos.Name, pos.Role }).ToListAsync(ct);
        var grades = (await db.PersonGrades.AsNoTracking().ToListAsync(ct)).Where(g => g.EffectiveFrom <= today)
            .GroupBy(g => g.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(x => x.EffectiveFrom).Last());
        var catalog = await SchemeCatalog.LoadAsync(db, ct);
        var tables = (await db.GradePayTables.AsNoTracking().ToListAsync(ct)).Select(t => t.ToDomain()).ToLookup(t => t.SchemeCode);
        var rows = people.Where(p => p.Role == RoleNames.Engineer || grades.ContainsKey(p.Id)).Select(p =>
        {
            var g = grades.GetValueOrDefault(p.Id);
            var table = g is null ? null : tables[g.SchemeCode].OrderBy(t => t.EffectiveFrom).LastOrDefault(t => t.EffectiveFrom <= today);
            return new RosterRow(p.Id, p.Name, p.EmployeeNumber, p.Unit, p.Position, catalog.Level(g?.SchemeCode, g?.LevelCode), g?.EffectiveFrom,
                g is null ? null : table?.Find(g.LevelCode)?.GradeAllowance);
        }).ToList();
        var inUse = grades.Values.Select(g => g.SchemeCode).Append(catalog.Default.Code).ToHashSet(StringComparer.Ordinal);
        var levels = catalog.All.Where(c => inUse.Contains(c.Code)).OrderBy(c => c.Code != catalog.Default.Code)
            .SelectMany(c => c.Scheme.Levels).Select(View).DistinctBy(l => l.Code).ToList();
        var distribution = levels.ToDictionary(l => l.Code, l => rows.Count(r => r.Level?.Code == l.Code));
        distribution["Ungraded"] = rows.Count(r => r.Level is null);
        return new RosterView(rows, distribution, levels);
    }

    /// <summary>
    /// The month's grade pay per graded person (prorated by calendar days at every grade change or pay-table version), plus
    /// the assessment bonus of the month's published monthly period when there is one.
    /// </summary>
    public async Task<Result<PayrollView>> PayrollAsync(int? year, int? month, CancellationToken ct = default)
    {
        var today = clock.Today;
        var y = year ?? today.Year;
        var m = month ?? today.Month;
        if (y is < 2000 or > 2100 || m is < 1 or > 12)
        {
            var errors = new FieldErrors();
            if (y is < 2000 or > 2100)
            {
                errors.Add("year", "out_of_range", "year must be between 2000 and 2100.");
            }

            if (m is < 1 or > 12)
            {
                errors.Add("month", "out_of_range", "month must be 1 to 12.");
            }

            return errors.ToRefusal();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var catalog = await SchemeCatalog.LoadAsync(db, ct);
        var allTables = (await db.GradePayTables.AsNoTracking().ToListAsync(ct)).Select(t => t.ToDomain()).OrderBy(t => t.EffectiveFrom).ToLookup(t => t.SchemeCode);
        var history = (await db.PersonGrades.AsNoTracking().ToListAsync(ct)).GroupBy(g => g.PersonId).ToDictionary(g => g.Key, g => g.ToList());
        var ids = history.Keys.ToList();
        var people = await (from p in db.People.AsNoTracking()
                            join u in db.OrgUnits on p.OrgUnitId equals u.Id
                            where ids.Contains(p.Id)
                            orderby p.EmployeeNumber
                            select new { p.Id, p.Name, p.EmployeeNumber, Unit = u.Name }).ToListAsync(ct);
        var period = await db.AssessmentPeriods.AsNoTracking()
            .FirstOrDefaultAsync(p => p.Length == AssessmentPeriodLength.Month && p.Year == y && p.Number == m && PeriodHandlers.PublishedStates.Contains(p.State), ct);
        var bonuses = period is null
            ? new Dictionary<int, decimal?>()
            : (await PeriodHandlers.RowsAsync(db, period, ct)).GroupBy(r => r.Row.PersonId).ToDictionary(g => g.Key, g => g.First().Row.Bonus);
        var rows = new List<PayrollRow>();
        foreach (var p in people)
        {
            var scheme = catalog.ForHistory(history[p.Id]).Code;
            if (!allTables[scheme].Any())
            {
                continue; // no pay table for the person's scheme yet: nothing to pay from it (HR adds one on the pay-table page)
            }

            var pay = GradePayroll.ForMonth(y, m, history[p.Id].Select(h => h.ToDomain()), allTables[scheme].ToList());
            if (!pay.Succeeded)
            {
                return pay.Refusal!;
            }

            var v = pay.Value!;
            if (v.Total == 0m)
            {
                continue; // graded only after this month
            }

            var bonus = bonuses.GetValueOrDefault(p.Id);
            var level = history[p.Id].Where(h => h.EffectiveFrom <= new DateOnly(y, m, 1).AddMonths(1).AddDays(-1)).OrderBy(h => h.EffectiveFrom).LastOrDefault()?.LevelCode;
            rows.Add(new PayrollRow(p.Id, p.Name, p.EmployeeNumber, p.Unit, level, v.BasePay, v.PositionPay, v.GradeAllowance, bonus,
                v.Total + (bonus ?? 0m), v.Arithmetic, catalog.Level(scheme, level)));
        }

        return new PayrollView(y, m, period?.Period.ToString(), rows);
    }

    public async Task<IReadOnlyList<PayTableView>> PayTablesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.GradePayTables.AsNoTracking().OrderBy(t => t.EffectiveFrom).ToListAsync(ct);
        var catalog = await SchemeCatalog.LoadAsync(db, ct);
        return stored.Select(t => new PayTableView(t.Id, t.SchemeCode, t.EffectiveFrom, t.ToDomain().Rows, t.CreatedBy,
            catalog.For(t.SchemeCode).Scheme.Levels.Select(View).ToList())).ToList();
    }

    /// <summary>Person ids by employee number (for forms that take numbers); unknown numbers are left out.</summary>
    public async Task<IReadOnlyDictionary<string, int>> PersonIdsAsync(IReadOnlyCollection<string> numbers, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.People.AsNoTracking().Where(p => numbers.Contains(p.EmployeeNumber)).ToDictionaryAsync(p => p.EmployeeNumber, p => p.Id, ct);
    }

    /// <summary>The level's name in the UI language: Chinese by default.</summary>
    public static string Name(LevelView? level) => level is null ? "—"
        : System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal) ? level.NameEn : level.NameZh;

    internal static async Task<List<PersonGrade>> HistoryAsync(AppDbContext db, int personId, CancellationToken ct) =>
        await db.PersonGrades.AsNoTracking().Where(g => g.PersonId == personId).OrderBy(g => g.EffectiveFrom).ToListAsync(ct);

    internal static async Task<List<PayTable>> PayTablesAsync(AppDbContext db, string schemeCode, CancellationToken ct) =>
        (await db.GradePayTables.AsNoTracking().Where(t => t.SchemeCode == schemeCode).ToListAsync(ct)).Select(t => t.ToDomain()).OrderBy(t => t.EffectiveFrom).ToList();

    /// <summary>The facts eligibility is checked against: grade, employment, trainings and certificates, published monthly results, demotion flags.</summary>
    internal static async Task<GradingCandidate> CandidateAsync(AppDbContext db, Person person, IReadOnlyList<PersonGrade> history, DateOnly asOf, CancellationToken ct)
    {
        var current = history.LastOrDefault(h => h.EffectiveFrom <= asOf);
        var qualifications = await db.PersonQualifications.AsNoTracking().Where(q => q.PersonId == person.Id && q.ObtainedOn <= asOf).ToListAsync(ct);
        var months = await MonthlyResultsAsync(db, person.Id, ct);
        var policies = await DepartmentPolicies.DepartmentPolicyHandlers.VersionsAsync(db, ct);
        var assessments = (months.Count > 0 ? months.Select(r => (Name: $"{r.Year:0000}-{r.Number:00}", Result: r)) : (await QuarterlyResultsAsync(db, person.Id, ct)).Select(r => (Name: $"{r.Year:0000} Q{r.Number}", Result: r)))
            .Select(x => new AssessmentRecord(x.Name, x.Result.LastDay, SheetGrades.Of(SheetGrades.Total(x.Result.ComputedTotal, x.Result.Adjustment), policies(x.Result.PolicyVersion))?.Grade.Code ?? "",
                SheetGrades.IsFailing(x.Result.ComputedTotal, x.Result.Adjustment, policies(x.Result.PolicyVersion)))).ToList();
        var flagged = await OpenFlagsAsync(db, person.Id, months, ct);
        var openCase = await db.GradeDemotions.AnyAsync(d => d.PersonId == person.Id && d.State != GradingState.Filed && d.State != GradingState.Rejected, ct);
        return new GradingCandidate(person.Id, current?.LevelCode, current?.EffectiveFrom, person.HireDate, person.Status, person.ProbationEndDate,
            qualifications.Where(q => q.Kind == QualificationKind.Training).Select(q => q.Name).ToHashSet(),
            qualifications.Where(q => q.Kind == QualificationKind.Certificate).Select(q => q.Name).ToHashSet(),
            assessments, openCase || flagged.Count > 0);
    }

    /// <param name="PolicyVersion">The department policy version the sheet was scored under: its grade's cut-offs.</param>
    internal sealed record MonthResult(int Year, int Number, DateOnly LastDay, decimal? ComputedTotal, decimal Adjustment, int PolicyVersion);

    internal static Task<List<MonthResult>> MonthlyResultsAsync(AppDbContext db, int personId, CancellationToken ct) =>
        PublishedResultsAsync(db, personId, AssessmentPeriodLength.Month, ct);

    /// <summary>
    /// Published quarterly results: "recent assessment results" (R-GRD-3) of staff assessed by the quarter, who have no
    /// monthly results — without them such staff could never become eligible.
    /// </summary>
    internal static Task<List<MonthResult>> QuarterlyResultsAsync(AppDbContext db, int personId, CancellationToken ct) =>
        PublishedResultsAsync(db, personId, AssessmentPeriodLength.Quarter, ct);

    private static async Task<List<MonthResult>> PublishedResultsAsync(AppDbContext db, int personId, AssessmentPeriodLength length, CancellationToken ct) =>
        await (from s in db.AssessmentSheets.AsNoTracking()
               join p in db.AssessmentPeriods on s.PeriodId equals p.Id
               where s.PersonId == personId && p.Length == length && PeriodHandlers.PublishedStates.Contains(p.State) && s.ComputedTotal != null
               orderby p.FirstDay
               select new MonthResult(p.Year, p.Number, p.LastDay, s.ComputedTotal, s.Adjustment, s.PolicyVersion)).ToListAsync(ct);

    /// <summary>The assessment engine's demotion flags (two consecutive failed months) that no demotion case was raised for yet.</summary>
    internal static async Task<List<Consequence>> OpenFlagsAsync(AppDbContext db, int personId, IReadOnlyList<MonthResult> months, CancellationToken ct)
    {
        var policies = await DepartmentPolicies.DepartmentPolicyHandlers.VersionsAsync(db, ct);
        var flags = Consequences.DemotionFlags(months.Select(r => new MonthOutcome(r.Year, r.Number, SheetGrades.IsFailing(r.ComputedTotal, r.Adjustment, policies(r.PolicyVersion)))));
        if (flags.Count == 0)
        {
            return [];
        }

        var handled = await db.GradeDemotions.Where(d => d.PersonId == personId && d.FlagPeriod != null).Select(d => d.FlagPeriod!).ToListAsync(ct);
        return flags.Where(f => !handled.Contains(f.Period)).ToList();
    }

    private static MonthPayView View(MonthlyGradePay p) => new(p.Year, p.Month, p.BasePay, p.PositionPay, p.GradeAllowance, p.Total, p.Arithmetic);

    private static EligibilityView View(EligibilityResult r, LevelView? level) =>
        new(r.LevelCode, string.IsNullOrEmpty(r.LevelCode) ? null : level, r.IsEligible, r.Unmet.Select(u => new UnmetView(u.Code, u.MessageZh, u.MessageEn)).ToList());
}
