using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.ServiceFacts;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Features.Assessment;

/// <summary>
/// A score sheet as stored and shown: the domain's sheet plus how each rating indicator's 360° score was combined. The
/// annual sheet of a quarterly-assessed person has no indicators of its own: its total is the mean of the quarters,
/// and <paramref name="FromQuarters"/> holds them as the evidence.
/// </summary>
public sealed record StoredScore(ScoreSheet Sheet, IReadOnlyDictionary<string, ThreeSixtyResult> Ratings, AnnualFromQuarters? FromQuarters = null);

/// <summary>
/// One quarter behind an annual result: its total after adjustments, and the sheet it comes from; when it does not count,
/// <paramref name="Missing"/> says why.
/// </summary>
public sealed record QuarterEvidence(int Quarter, int? PeriodId, int? SheetId, decimal? Total, QuarterMissing? Missing);

/// <summary>Why a quarter does not count in an annual result. Stored (in the sheet's snapshot) as its name: never rename a member.</summary>
public enum QuarterMissing
{
    /// <summary>The quarter was never opened.</summary>
    NotOpened,

    /// <summary>The quarter is not published yet: its results may still change.</summary>
    NotPublished,

    /// <summary>The person has no sheet in the quarter (probation, hired later, no plan then).</summary>
    NotAssessed,

    /// <summary>The person's sheet in the quarter has no total (nothing could be scored).</summary>
    NotScored,
}

/// <summary>The annual result of a quarterly-assessed person (R-ASM-5): the mean of the published quarters present, the others listed as missing.</summary>
public sealed record AnnualFromQuarters(IReadOnlyList<QuarterEvidence> Quarters, IReadOnlyList<int> MissingQuarters, decimal? Total, string Arithmetic);

/// <summary>
/// Scores the sheets of a period: the service facts of each person over the period's days (no re-typing, R-ASM-2), the
/// values and ratings people entered, and the plan version the sheet was created with. Evidence is carried as
/// "ticket:ID", "complaint:ID", "contract:ID:NUMBER", "return:ID:NUMBER", "installation:ID:NUMBER" and "input:ID" references so that every point links to its records (R-ASM-10).
/// </summary>
public sealed class PeriodScoring(IDbContextFactory<AppDbContext> contexts, ServiceFactsQueries facts, TimeProvider time)
{
    /// <summary>The stored snapshot's format: plain web JSON with nulls written (a "not scored" indicator has null points).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>
    /// Scores every sheet of the period and saves the results that changed; returns how many sheets were scored.
    /// Scoring 2 000 people over a quarter of 1 000 000 tickets: bench/README.md.
    /// </summary>
    public async Task<int> ScorePeriodAsync(StoredAssessmentPeriod period, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sheets = await db.AssessmentSheets.Where(s => s.PeriodId == period.Id).ToListAsync(ct);
        var planIds = sheets.Select(s => s.PlanId).Distinct().ToList();
        var plans = (await db.AssessmentPlans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToListAsync(ct))
            .ToDictionary(p => p.Id, p => AssessmentPlanJson.Deserialize(p.Json).Value!);
        var sheetIds = sheets.Select(s => s.Id).ToList();
        var inputs = (await db.AssessmentInputs.AsNoTracking().Where(i => sheetIds.Contains(i.SheetId)).ToListAsync(ct))
            .ToLookup(i => i.SheetId);
        // Evidence shows ticket numbers, and only the facts some plan cites are shown: the facts keep evidence (and its
        // numbers) for those codes only, not the id of every ticket each person handled.
        var cited = plans.Values.SelectMany(CitedCodes).ToHashSet(StringComparer.Ordinal);
        var measured = (await facts.ForEachPersonAsync(sheets.Select(s => s.PersonId).Distinct().ToList(), period.FirstDay, period.LastDay, cited.Contains, ct)).Value!;
        var departments = await DepartmentFactsAsync(db, facts, sheets.Select(s => (s.PersonId, plans[s.PlanId])), period.FirstDay, period.LastDay, cited.Contains, ct);

        var now = time.GetUtcNow().UtcDateTime;
        var policyVersion = await DepartmentPolicies.DepartmentPolicyHandlers.CurrentVersionAsync(db, ct);
        var quarters = period.Length == AssessmentPeriodLength.Year && plans.Values.Any(p => p.PeriodKind == PeriodKind.Quarterly)
            ? await QuartersOfAsync(db, period.Year, ct)
            : null;
        // Scoring and serialising a sheet is pure and independent of the others: spread over the cores (≈ 40 % of a
        // department's scoring time outside the database when done one by one); the tracked sheets are then updated in order.
        var scored = new (StoredScore Score, string Json)[sheets.Count];
        Parallel.For(0, sheets.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var sheet = sheets[i];
            var mine = measured.GetValueOrDefault(sheet.PersonId);
            var plan = plans[sheet.PlanId];
            var score = quarters is not null && plan.PeriodKind == PeriodKind.Quarterly
                ? FromQuarters(plan, sheet.PersonId, quarters)
                : Score(plan, mine?.Facts ?? [], inputs[sheet.Id].ToList(), mine?.TicketNumbers ?? NoNumbers, departments(sheet.PersonId));
            scored[i] = (score, JsonSerializer.Serialize(score, Json));
        });

        for (var i = 0; i < sheets.Count; i++)
        {
            var sheet = sheets[i];
            var (score, json) = scored[i];

            // A re-score that changes nothing leaves the sheet, and the audit trail, as they were: periods are re-scored
            // often. One that changes something audits the snapshot's hashes and changed parts only (SheetAuditDiff).
            if (sheet.ScoredAtUtc is null || sheet.ResultJson != json || sheet.ComputedTotal != score.Sheet.Total || sheet.PolicyVersion != policyVersion)
            {
                sheet.RecordScore(json, score.Sheet.Total, now, policyVersion);
            }
        }

        await db.TrySaveAsync(user, ct, $"period {period.Period} scored");
        return sheets.Count;
    }

    internal static readonly IReadOnlyDictionary<int, string> NoNumbers = new Dictionary<int, string>();

    /// <summary>The quarter periods of a year, and every sheet in them with its total after adjustments.</summary>
    internal sealed record YearQuarters(IReadOnlyList<StoredAssessmentPeriod> Periods, ILookup<int, (int PeriodId, int SheetId, decimal? Total)> SheetsByPerson);

    internal static async Task<YearQuarters> QuartersOfAsync(AppDbContext db, int year, CancellationToken ct)
    {
        var periods = await db.AssessmentPeriods.AsNoTracking().Where(p => p.Year == year && p.Length == AssessmentPeriodLength.Quarter).ToListAsync(ct);
        var ids = periods.Select(p => p.Id).ToList();
        var sheets = await db.AssessmentSheets.AsNoTracking().Where(s => ids.Contains(s.PeriodId))
            .Select(s => new { s.PersonId, s.PeriodId, s.Id, s.ComputedTotal, s.Adjustment }).ToListAsync(ct);
        return new YearQuarters(periods, sheets.ToLookup(s => s.PersonId, s => (s.PeriodId, s.Id, SheetGrades.Total(s.ComputedTotal, s.Adjustment))));
    }

    /// <summary>
    /// The annual result of a quarterly-assessed person (R-ASM-5, seed 004 第12条): the mean of their published quarter
    /// totals of the year, each after its adjustments (an appeal decision included), rounded once by the one rounding
    /// rule. A quarter counts only when it is published and the person has a scored sheet in it; any other quarter is
    /// left out of the mean (never counted as 0) and listed as missing with the reason.
    /// </summary>
    internal static StoredScore FromQuarters(AssessmentPlan plan, int personId, YearQuarters year)
    {
        var evidence = new List<QuarterEvidence>();
        var mine = year.SheetsByPerson[personId].ToList();
        for (var q = 1; q <= 4; q++)
        {
            var period = year.Periods.FirstOrDefault(p => p.Number == q);
            var sheet = period is null ? default : mine.FirstOrDefault(s => s.PeriodId == period.Id);
            var missing = period is null ? QuarterMissing.NotOpened
                : !PeriodWorkflow.IsPublished(period.State) ? QuarterMissing.NotPublished
                : sheet.SheetId == 0 ? QuarterMissing.NotAssessed
                : sheet.Total is null ? QuarterMissing.NotScored
                : (QuarterMissing?)null;
            evidence.Add(new QuarterEvidence(q, period?.Id, sheet.SheetId == 0 ? null : sheet.SheetId, missing is null ? sheet.Total : null, missing));
        }

        var mean = PeriodAggregation.AnnualFromQuarters(evidence.Select(e => e.Total).ToList());
        var missingQuarters = evidence.Where(e => e.Total is null).Select(e => e.Quarter).ToList();
        var arithmetic = "annual result = mean of the published quarters: " + mean.Arithmetic;
        var annual = new AnnualFromQuarters(evidence, missingQuarters, mean.Points, arithmetic);
        var total = new ScoreSheet(plan.Code, plan.Version, [], mean.Points, 0m, mean.Points, arithmetic,
            missingQuarters.Select(q => $"Q{q}").ToList());
        return new StoredScore(total, new Dictionary<string, ThreeSixtyResult>(), annual);
    }

    /// <summary>
    /// The department facts of the people whose plan reads some (a source with the department scope): the facts of everyone in
    /// the unit each belongs to, each record once, measured once per unit; null for the others.
    /// </summary>
    internal static async Task<Func<int, PersonFacts?>> DepartmentFactsAsync(AppDbContext db, ServiceFactsQueries facts,
        IEnumerable<(int PersonId, AssessmentPlan Plan)> sheets, DateOnly from, DateOnly to, Func<string, bool> withEvidence, CancellationToken ct)
    {
        var people = sheets.Where(s => s.Plan.Categories.SelectMany(c => c.Indicators).Any(i => i.Source.IsDepartmentFact)).Select(s => s.PersonId).Distinct().ToList();
        if (people.Count == 0)
        {
            return _ => null;
        }

        var unitOf = await db.People.Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.OrgUnitId, ct);
        var units = await facts.ForUnitsAsync(unitOf.Values.Distinct().ToList(), from, to, withEvidence, ct);
        return person => unitOf.TryGetValue(person, out var unit) ? units.GetValueOrDefault(unit) : null;
    }

    /// <summary>The service facts a plan's indicators read.</summary>
    private static IEnumerable<string> CitedCodes(AssessmentPlan plan) =>
        plan.Categories.SelectMany(c => c.Indicators).Where(i => i.Source.Kind == DataSourceKind.ServiceFact && i.Source.Fact is not null)
            .Select(i => i.Source.Fact!);

    /// <summary>Scores one plan for one person from their facts and entered inputs; pure apart from its arguments.</summary>
    public static StoredScore Score(AssessmentPlan plan, IReadOnlyList<ServiceFact> personFacts, IReadOnlyList<SheetInput> entered,
        IReadOnlyDictionary<int, string> ticketNumbers, PersonFacts? department = null)
    {
        var factsByCode = personFacts.ToDictionary(f => f.Code, StringComparer.Ordinal);
        var departmentByCode = (department?.Facts ?? []).ToDictionary(f => f.Code, StringComparer.Ordinal);
        var inputs = new Dictionary<string, IndicatorInput>(StringComparer.Ordinal);
        var ratings = new Dictionary<string, ThreeSixtyResult>(StringComparer.Ordinal);
        foreach (var indicator in plan.Categories.SelectMany(c => c.Indicators))
        {
            var mine = entered.Where(i => i.IndicatorCode == indicator.Code).ToList();
            switch (indicator.Source.Kind)
            {
                case DataSourceKind.ServiceFact when indicator.Source.IsDepartmentFact:
                    if (indicator.Source.Fact is { } unitCode && departmentByCode.TryGetValue(unitCode, out var unitFact) && unitFact.Value is { } unitValue)
                    {
                        inputs[indicator.Code] = new IndicatorInput(unitValue, $"{DepartmentPrefix}{unitFact.Numerator}/{unitFact.Denominator} · {unitFact.Formula}",
                            FactEvidence(unitFact, department!.TicketNumbers));
                    }

                    break;
                case DataSourceKind.ServiceFact when indicator.Source.Fact is { } code && factsByCode.TryGetValue(code, out var fact) && fact.Value is { } value:
                    inputs[indicator.Code] = new IndicatorInput(value, $"{fact.Numerator}/{fact.Denominator} · {fact.Formula}", FactEvidence(fact, ticketNumbers));
                    break;
                case DataSourceKind.Rating:
                    var combined = CombineRatings(indicator, mine);
                    if (combined is { Score: not null })
                    {
                        ratings[indicator.Code] = combined;
                        inputs[indicator.Code] = new IndicatorInput(combined.ForScoring, combined.Arithmetic, mine.Select(i => $"input:{i.Id}").ToList());
                    }

                    break;
                case DataSourceKind.Manual or DataSourceKind.Count or DataSourceKind.Amount:
                    if (mine.Where(i => i.Kind == SheetInputKind.Value).OrderByDescending(i => i.EnteredAtUtc).FirstOrDefault() is { } latest)
                    {
                        inputs[indicator.Code] = new IndicatorInput(latest.Value, latest.Comment, [$"input:{latest.Id}"]);
                    }

                    break;
            }
        }

        // A period with no recorded work at all is not assessed: its count facts are 0 and would score every deduction
        // indicator in full, giving 100 (优秀) for doing nothing (issue 12 point 7). Nothing is scored and the sheet says why.
        var noRecordedWork = entered.Count == 0 && personFacts.All(f => f.Denominator == 0) && departmentByCode.Values.All(f => f.Denominator == 0);
        if (noRecordedWork)
        {
            inputs.Clear();
            ratings.Clear();
        }

        var sheet = PlanScorer.Score(plan, inputs);
        if (!sheet.Succeeded)
        {
            // Inputs are checked when entered and plans when published, so this is a broken invariant, not bad input.
            throw new InvalidOperationException("Scoring refused: " + string.Join("; ", sheet.Refusal!.Errors.Select(e => $"{e.Field}: {e.Message}")));
        }

        return new StoredScore(noRecordedWork ? sheet.Value! with { Arithmetic = NoRecordedWork } : sheet.Value!, ratings);
    }

    /// <summary>Begins the arithmetic of a value measured on the department's records (translated by <see cref="ArithmeticText"/>).</summary>
    public const string DepartmentPrefix = "department: ";

    /// <summary>The reason a sheet without any recorded work has no total (translated by <see cref="ArithmeticText"/>).</summary>
    public const string NoRecordedWork = "not assessed: no recorded work in the period (no ticket, complaint or survey, no value or rating entered)";

    private static List<string> FactEvidence(ServiceFact fact, IReadOnlyDictionary<int, string> numbers) =>
        [.. fact.EvidenceTicketIds.Select(id => $"ticket:{id}:{numbers.GetValueOrDefault(id, id.ToString(CultureInfo.InvariantCulture))}"),
            .. fact.EvidenceComplaintIds.Select(c => $"complaint:{c}"), .. (fact.EvidenceRecords ?? []).Select(c => $"{c.Kind}:{c.Id}:{c.Number}")];

    /// <summary>
    /// The ratings of one indicator, mean within each rater group and weighted over the groups the plan names; a group
    /// nobody rated gives its weight to the others (R-ASM-6).
    /// </summary>
    private static ThreeSixtyResult? CombineRatings(Indicator indicator, List<SheetInput> entered)
    {
        var ratings = entered.Where(i => i.Kind == SheetInputKind.Rating && Enum.TryParse<RaterGroup>(i.RaterGroup, out _))
            .Select(i => new RaterRating(i.EnteredByPersonId.ToString(CultureInfo.InvariantCulture), Enum.Parse<RaterGroup>(i.RaterGroup), i.Value));
        return RaterGroupWeighting.CombineFor(indicator.Source.Raters, ratings) is { Succeeded: true } result ? result.Value : null;
    }

    public static StoredScore? Read(AssessmentSheet sheet) =>
        sheet.ResultJson is null ? null : JsonSerializer.Deserialize<StoredScore>(sheet.ResultJson, Json);
}
