using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Assessment;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Demo;

/// <summary>
/// Gives the demo a finished quarter to look at: the last complete quarter is opened, the superiors' ratings are entered
/// (a plausible spread), and the period is taken through the real workflow to Published — by the demo's HR person, so the
/// audit log reads as it would in a real department. Scores come from the generated ticket history.
/// </summary>
public sealed class DemoAssessment(IDbContextFactory<AppDbContext> contexts, PeriodHandlers periods, CompanyClock clock, TimeProvider time)
{
    public async Task SeedAsync(TextWriter progress, CancellationToken ct = default)
    {
        var today = clock.Today;
        var thisQuarter = AssessmentPeriod.Quarter(today.Year, ((today.Month - 1) / 3) + 1);
        var last = thisQuarter.FirstDay.AddDays(-1);
        var quarter = AssessmentPeriod.Quarter(last.Year, ((last.Month - 1) / 3) + 1);

        var hr = await HrAsync(ct);
        var opened = await periods.OpenAsync(new OpenPeriodRequest(nameof(AssessmentPeriodLength.Quarter), quarter.Year, quarter.Number), hr, ct);
        if (!opened.Succeeded)
        {
            return; // already there: the demo was seeded before
        }

        var detail = opened.Value!;
        foreach (var action in new[] { PeriodAction.StartGoalPlans, PeriodAction.StartDataCollection })
        {
            detail = (await periods.ActAsync(detail.Summary.Id, new PeriodActionRequest(action.ToString(), null, detail.Summary.Version), hr, ct)).Value!;
        }

        await RateAsync(detail.Summary.Id, ct);
        foreach (var action in new[] { PeriodAction.StartSelfReview, PeriodAction.StartSuperiorReview, PeriodAction.SendToCommittee, PeriodAction.Publish })
        {
            detail = (await periods.ActAsync(detail.Summary.Id, new PeriodActionRequest(action.ToString(), null, detail.Summary.Version), hr, ct)).Value!;
        }

        await progress.WriteLineAsync($"Demo assessment: {quarter} scored and published for {detail.Sheets.Count} people.");
    }

    /// <summary>Each superior rates the rated indicators of their reports: mostly satisfied, some very, a few not.</summary>
    private async Task RateAsync(int periodId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sheets = await db.AssessmentSheets.Where(s => s.PeriodId == periodId && s.SuperiorPersonId != null).ToListAsync(ct);
        var plans = await db.AssessmentPlans.AsNoTracking().ToDictionaryAsync(p => p.Id, p => AssessmentPlanJson.Deserialize(p.Json).Value!, ct);
        var random = new Random(20260930);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var sheet in sheets)
        {
            foreach (var indicator in plans[sheet.PlanId].Categories.SelectMany(c => c.Indicators)
                         .Where(i => i.Source.Kind == DataSourceKind.Rating && (i.Source.Raters ?? []).Any(r => r.Group == RaterGroup.Superior)))
            {
                var max = indicator.Rule is RatingScale { Scale: RatingScaleKind.TenPoint } ? 10 : 3;
                var value = max == 3 ? random.Next(100) switch { < 30 => 3, < 85 => 2, _ => 1 } : random.Next(6, 11);
                var input = SheetInput.Enter(sheet.Id, indicator.Code, SheetInputKind.Rating, nameof(RaterGroup.Superior), sheet.SuperiorPersonId!.Value);
                input.Set(value, "演示数据：上级评价", null, now);
                db.AssessmentInputs.Add(input);
            }
        }

        await db.TrySaveAsync(await HrAsync(ct), ct, "demo ratings");
    }

    private async Task<ClaimsPrincipal> HrAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var hr = await (from p in db.People
                        join pos in db.Positions on p.PositionId equals pos.Id
                        join u in db.Users on (int?)p.Id equals u.PersonId
                        where pos.Role == RoleNames.Hr && p.IsActive
                        orderby p.EmployeeNumber
                        select new { p.Id, p.Name, u.UserName, UserId = u.Id }).FirstAsync(ct);
        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, hr.UserId), new Claim(ClaimTypes.Name, hr.UserName ?? "hr"), new Claim(ClaimTypes.Role, RoleNames.Hr),
            new Claim(ServiceMarkClaimsFactory.PersonIdClaim, hr.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ServiceMarkClaimsFactory.DisplayNameClaim, hr.Name),
        ], "demo"));
    }
}
