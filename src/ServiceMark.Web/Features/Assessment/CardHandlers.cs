using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Assessment;

public sealed record IssueCardRequest(int? PersonId, string? Colour, string? Reason, DateOnly? IssuedOn);

public sealed record CardView(int Id, int PersonId, CardColour Colour, string Reason, DateOnly IssuedOn, string IssuedBy);

/// <summary>A person's year: their cards, their published quarter and month results, and what follows from them (R-ASM-8).</summary>
public sealed record PersonYearView(int PersonId, string PersonName, int Year, IReadOnlyList<CardView> Cards, IReadOnlyList<QuarterOutcome> Quarters,
    IReadOnlyList<MonthOutcome> Months, IReadOnlyList<Consequence> Consequences);

/// <summary>Yellow and red cards (R-ASM-7) and the consequences of a year's results and cards (R-ASM-8, R-GRD-6).</summary>
public sealed class CardHandlers(IDbContextFactory<AppDbContext> contexts, TimeProvider time, CompanyClock clock)
{
    public async Task<Result<CardView>> IssueAsync(IssueCardRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!Enum.TryParse<CardColour>(r.Colour, ignoreCase: true, out var colour) || !Enum.IsDefined(colour))
        {
            errors.Add("colour", "invalid", "colour must be Yellow or Red.");
        }

        errors.RequiredText("reason", r.Reason, DisciplinaryCard.ReasonMaxLength);
        var issuedOn = r.IssuedOn ?? clock.Today;
        if (issuedOn > clock.Today)
        {
            errors.Add("issuedOn", "future", "issuedOn must not be in the future.");
        }

        if (r.PersonId is null)
        {
            errors.Add("personId", "required", "personId is required.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.People.AnyAsync(p => p.Id == r.PersonId, ct))
        {
            return Refusal.Invalid("personId", "not_found", "No such person.");
        }

        if (user.RefuseSelf(r.PersonId!.Value, "issuing a card") is { } self)
        {
            return self;
        }

        var card = DisciplinaryCard.Issue(r.PersonId!.Value, colour, r.Reason!.Trim(), issuedOn, user.Identity?.Name ?? "", time.GetUtcNow().UtcDateTime);
        db.DisciplinaryCards.Add(card);
        await db.TrySaveAsync(user, ct, $"{colour} card: {card.Reason}");
        return View(card);
    }

    /// <summary>Only published results count; the person sees their own year, HR and the committee anyone's.</summary>
    public async Task<Result<PersonYearView>> YearAsync(int personId, int year, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (year is < 2000 or > 2100)
        {
            return Refusal.Invalid("year", "out_of_range", "year must be between 2000 and 2100.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var name = await db.People.Where(p => p.Id == personId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return Refusal.NotFound("Person");
        }

        if (!user.Can(Policies.ReadAllAssessments) && user.PersonId() != personId)
        {
            return Refusal.Forbidden("You may see only your own results.");
        }

        var cards = (await db.DisciplinaryCards.AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.IssuedOn).ToListAsync(ct)).Select(View).ToList();
        var results = await (from s in db.AssessmentSheets.AsNoTracking()
                             join p in db.AssessmentPeriods on s.PeriodId equals p.Id
                             where s.PersonId == personId && PeriodHandlers.PublishedStates.Contains(p.State) && (p.Year == year || (p.Year == year - 1 && p.Length == AssessmentPeriodLength.Month && p.Number == 12))
                             select new { p.Length, p.Year, p.Number, s.ComputedTotal, s.Adjustment, s.PolicyVersion }).ToListAsync(ct);
        var policies = await DepartmentPolicies.DepartmentPolicyHandlers.VersionsAsync(db, ct);
        bool Failed(decimal? total, decimal adjustment, int policyVersion) =>
            SheetGrades.IsFailing(total, adjustment, policies(policyVersion));
        var quarters = results.Where(r => r.Length == AssessmentPeriodLength.Quarter).Select(r => new QuarterOutcome(r.Year, r.Number, Failed(r.ComputedTotal, r.Adjustment, r.PolicyVersion))).ToList();
        var months = results.Where(r => r.Length == AssessmentPeriodLength.Month).Select(r => new MonthOutcome(r.Year, r.Number, Failed(r.ComputedTotal, r.Adjustment, r.PolicyVersion))).ToList();
        var consequences = Consequences.ForYear(year, quarters, cards.Select(c => new Card(c.Colour, c.IssuedOn, c.Reason)), months);
        return new PersonYearView(personId, name, year, cards.Where(c => c.IssuedOn.Year == year).ToList(), quarters, months, consequences);
    }

    private static CardView View(DisciplinaryCard c) => new(c.Id, c.PersonId, c.Colour, c.Reason, c.IssuedOn, c.IssuedBy);
}
