using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Features.Assessment;

public sealed record WhatIfRequest(int? PlanId);

public sealed record IndicatorComparison(string Code, string Name, decimal? Current, decimal? WhatIf);

/// <summary>One person: the total they have (published or current) next to the total the other plan would give.</summary>
public sealed record WhatIfRow(int SheetId, int PersonId, string PersonName, string EmployeeNumber, string? UnitName, string CurrentPlan,
    decimal? CurrentTotal, string? CurrentGrade, decimal? WhatIfTotal, string? WhatIfGrade, decimal? Difference, IReadOnlyList<IndicatorComparison> Indicators);

public sealed record WhatIfView(PeriodSummary Period, PlanSummary Plan, IReadOnlyList<WhatIfRow> Rows, string Note);

/// <summary>
/// What-if runs (R-ASM-10): re-score a past period under another plan version — typically a draft — from the same facts
/// and entered values, and show the differences per person side by side. Nothing is saved: published results and the
/// audit log are untouched. The sheets compared are those of the plan's code or of the positions it applies to.
/// </summary>
public sealed class WhatIfHandlers(IDbContextFactory<AppDbContext> contexts, ServiceFactsQueries facts)
{
    public async Task<Result<WhatIfView>> RunAsync(int periodId, WhatIfRequest r, CancellationToken ct = default)
    {
        if (r.PlanId is null)
        {
            return Refusal.Invalid("planId", "required", "Choose the plan version to try.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var period = await db.AssessmentPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct);
        if (period is null)
        {
            return Refusal.NotFound("Period");
        }

        var stored = await db.AssessmentPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == r.PlanId, ct);
        if (stored is null)
        {
            return Refusal.Invalid("planId", "not_found", "No such plan version.");
        }

        var plan = AssessmentPlanJson.Deserialize(stored.Json).Value!;
        var problems = AssessmentPlanValidator.Check(plan);
        if (problems.Any)
        {
            // A draft that does not add up cannot be scored: say why, naming the plan's fields.
            return Refusal.Invalid([.. problems.All.Select(e => e with { Field = $"plan.{e.Field}" })]);
        }

        if (period.Length == AssessmentPeriodLength.Year && plan.PeriodKind == PeriodKind.Quarterly)
        {
            // The year's sheet of quarterly-assessed staff is the mean of their quarters (R-ASM-5), not this plan over twelve months.
            return Refusal.Invalid("planId", "quarterly_plan_in_year",
                "A quarterly plan is not scored over a year: the annual result of quarterly-assessed staff is the mean of their quarters. Try the plan on a quarter.");
        }

        var rows = await (from s in db.AssessmentSheets.AsNoTracking()
                          where s.PeriodId == periodId
                          join p in db.People on s.PersonId equals p.Id
                          join pos in db.Positions on p.PositionId equals pos.Id
                          join u in db.OrgUnits on p.OrgUnitId equals u.Id
                          join current in db.AssessmentPlans on s.PlanId equals current.Id
                          select new { Sheet = s, p.Name, p.EmployeeNumber, PositionCode = pos.Code, UnitName = u.Name, CurrentCode = current.Code, current.PlanVersion })
            .ToListAsync(ct);
        rows = rows.Where(x => x.CurrentCode == plan.Code || plan.PositionCodes.Contains(x.PositionCode)).ToList();
        var sheetIds = rows.Select(x => x.Sheet.Id).ToList();
        var inputs = (await db.AssessmentInputs.AsNoTracking().Where(i => sheetIds.Contains(i.SheetId)).ToListAsync(ct)).ToLookup(i => i.SheetId);
        // Only points are compared: no evidence is gathered (it is what makes the facts query heavy).
        var measured = await facts.ForEachPersonAsync(rows.Select(x => x.Sheet.PersonId).Distinct().ToList(), period.FirstDay, period.LastDay, _ => false, ct);
        if (!measured.Succeeded)
        {
            return measured.Refusal!;
        }

        var departments = await PeriodScoring.DepartmentFactsAsync(db, facts, rows.Select(x => (x.Sheet.PersonId, plan)), period.FirstDay, period.LastDay, _ => false, ct);

        // The sheet as it stands is graded under the policy it was scored with; the trial under the policy in force now.
        var policies = await DepartmentPolicies.DepartmentPolicyHandlers.VersionsAsync(db, ct);
        var now = policies(await DepartmentPolicies.DepartmentPolicyHandlers.CurrentVersionAsync(db, ct));
        var result = new List<WhatIfRow>();
        foreach (var x in rows.OrderBy(x => x.UnitName).ThenBy(x => x.EmployeeNumber))
        {
            var current = PeriodScoring.Read(x.Sheet)?.Sheet;
            var mine = measured.Value!.GetValueOrDefault(x.Sheet.PersonId);
            var tried = PeriodScoring.Score(plan, mine?.Facts ?? [], inputs[x.Sheet.Id].ToList(), mine?.TicketNumbers ?? PeriodScoring.NoNumbers,
                departments(x.Sheet.PersonId)).Sheet;
            var currentTotal = x.Sheet.FinalTotal;
            var triedTotal = SheetGrades.Total(tried.Total, x.Sheet.Adjustment);
            var currentPoints = current?.Categories.SelectMany(c => c.Indicators).ToDictionary(i => i.Code, i => i.Result.Points) ?? [];
            var comparisons = tried.Categories.SelectMany(c => c.Indicators)
                .Select(i => new IndicatorComparison(i.Code, i.Name, currentPoints.GetValueOrDefault(i.Code), i.Result.Points)).ToList();
            result.Add(new WhatIfRow(x.Sheet.Id, x.Sheet.PersonId, x.Name, x.EmployeeNumber, x.UnitName, $"{x.CurrentCode} v{x.PlanVersion}",
                currentTotal, Grade(currentTotal, policies(x.Sheet.PolicyVersion)), triedTotal, Grade(triedTotal, now), currentTotal is { } c && triedTotal is { } w ? w - c : null, comparisons));
        }

        return new WhatIfView(PeriodHandlers.Summary(period, rows.Count), PlanHandlers.Summary(stored), result,
            "Scored from the facts as they are now and the values entered on each sheet; adjustments are kept. Nothing was saved.");
    }

    private static string? Grade(decimal? total, Domain.DepartmentPolicies.DepartmentPolicy policy) => SheetGrades.Of(total, policy)?.Grade.Code;
}
