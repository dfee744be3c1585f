using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.ServiceFacts;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.ServiceFacts;
using ServiceMark.Web.Infrastructure;

namespace ServiceMark.Web.Features.Assessment;

public sealed record PlanReviewRow(int PersonId, string PersonName, string EmployeeNumber, int Periods, decimal MeanTotal, decimal? Satisfaction, int ValidComplaints);

public sealed record PlanReviewView(string PlanCode, DateOnly From, DateOnly To, PlanReviewResult Result, IReadOnlyList<PlanReviewRow> People);

/// <summary>
/// The half-year plan review (R-ASM-11): the published results of a plan over a span next to the customers' feedback on
/// the same people over the same span (periods that began in it) — mean satisfaction and valid complaints from the service facts — and how well they
/// agree (<see cref="PlanReview"/>).
/// </summary>
public sealed class PlanReviewHandlers(IDbContextFactory<AppDbContext> contexts, ServiceFactsQueries facts, CompanyClock clock)
{
    public async Task<Result<PlanReviewView>> ReviewAsync(string? code, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var end = to ?? clock.Today;
        if (from is null && end < DateOnly.MinValue.AddMonths(6))
        {
            // The default span is the six months up to "to"; there are no six months before the calendar's first.
            return Refusal.Invalid("to", "out_of_range", "to is too early to count six months back from; give from as well.");
        }

        var start = from ?? end.AddMonths(-6).AddDays(1);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add("code", "required", "code (the plan's code) is required.");
        }

        if (start > end)
        {
            errors.Add("from", "after_to", $"from ({start:yyyy-MM-dd}) must not be after to ({end:yyyy-MM-dd}).");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var results = await (from s in db.AssessmentSheets.AsNoTracking()
                             join p in db.AssessmentPeriods on s.PeriodId equals p.Id
                             join plan in db.AssessmentPlans on s.PlanId equals plan.Id
                             join person in db.People on s.PersonId equals person.Id
                             where plan.Code == code && PeriodHandlers.PublishedStates.Contains(p.State) && p.FirstDay >= start && p.FirstDay <= end && s.ComputedTotal != null
                             select new { s.PersonId, person.Name, person.EmployeeNumber, s.ComputedTotal, s.Adjustment })
            .ToListAsync(ct);
        var measured = await facts.ForEachPersonAsync(results.Select(r => r.PersonId).Distinct().ToList(), start, end, _ => false, ct);
        if (!measured.Succeeded)
        {
            return measured.Refusal!;
        }

        var rows = results.GroupBy(r => r.PersonId).Select(g =>
        {
            var personFacts = measured.Value!.GetValueOrDefault(g.Key)?.Facts ?? [];
            var satisfaction = personFacts.FirstOrDefault(f => f.Code == ServiceFactsCalculator.AverageSatisfaction)?.Value;
            var complaints = (int)(personFacts.FirstOrDefault(f => f.Code == ServiceFactsCalculator.ValidComplaints)?.Value ?? 0);
            return new PlanReviewRow(g.Key, g.First().Name, g.First().EmployeeNumber, g.Count(), Rounding.Round(g.Average(x => SheetGrades.Total(x.ComputedTotal, x.Adjustment)!.Value)), satisfaction, complaints);
        }).OrderByDescending(r => r.MeanTotal).ToList();
        var review = PlanReview.Review(rows.Select(r => new PlanReviewPerson(r.PersonId, r.MeanTotal, r.Satisfaction, r.ValidComplaints)).ToList());
        return new PlanReviewView(code!, start, end, review, rows);
    }
}
