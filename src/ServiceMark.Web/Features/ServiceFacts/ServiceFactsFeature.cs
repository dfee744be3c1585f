using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.ServiceFacts;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Tickets;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Features.ServiceFacts;

public sealed record ServiceFactsQuery(int? PersonId, int? OrgUnitId, DateOnly? From, DateOnly? To);

public sealed record EvidenceTicket(int Id, string Number);

public sealed record ServiceFactView(string Code, decimal? Value, string Unit, int Numerator, int Denominator, string Formula,
    IReadOnlyList<EvidenceTicket> Tickets, IReadOnlyList<int> ComplaintIds);

public sealed record ServiceFactsView(string Scope, DateOnly From, DateOnly To, int People, IReadOnlyList<ServiceFactView> Facts);

/// <summary>
/// The measured values the assessment needs, for a person, a team/station/department or everyone, over a period —
/// each value with the tickets and complaints it was computed from. The arithmetic is ServiceFactsCalculator's.
/// Reads flat rows only: the tickets' own columns and their stored service-level outcomes (<see cref="TicketServiceLevelOutcome"/>),
/// never their events, so the cost grows with the tickets in scope, not with their history.
/// </summary>
public sealed class ServiceFactsQueries(IDbContextFactory<AppDbContext> contexts, CompanyClock clock)
{
    public async Task<Result<ServiceFactsView>> GetAsync(ServiceFactsQuery q, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var to = q.To ?? clock.Today;
        var from = q.From ?? new DateOnly(to.Year, to.Month, 1);
        if (Check(from, to) is { } invalid)
        {
            return invalid;
        }

        // Engineers see their own facts only (by default, theirs); leaders and specialists see anyone's.
        if (!user.Can(Policies.ReadTickets))
        {
            q = q with { PersonId = q.PersonId ?? user.PersonId() };
            if (q.OrgUnitId is not null || q.PersonId is null || q.PersonId != user.PersonId())
            {
                return Refusal.Forbidden("You may see only your own service facts.");
            }
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var (people, scope) = await ScopeAsync(db, q, ct);
        if (people is null)
        {
            return Refusal.NotFound(q.PersonId is not null ? "Person" : "Unit");
        }

        var (fromUtc, toUtc) = Period(from, to);
        var inScope = InPeriod(db, fromUtc, toUtc);
        if (people.Count > 0)
        {
            var assigned = db.Set<TicketAssignment>().Where(a => people.Contains(a.EngineerId)).Select(a => EF.Property<int>(a, "TicketId"));
            inScope = inScope.Where(t => assigned.Contains(t.Id));
        }

        var facts = await LoadAsync(db, inScope, ct);
        var complaints = await db.Complaints.AsNoTracking()
            .Where(c => c.ReceivedAtUtc >= fromUtc && c.ReceivedAtUtc < toUtc)
            .Where(c => people.Count == 0 || (c.EngineerPersonId != null && people.Contains(c.EngineerPersonId.Value)))
            .Select(c => new ComplaintFact(c.Id, c.CountsAgainstPeople))
            .ToListAsync(ct);
        var numbers = facts.ToDictionary(t => t.TicketId, t => t.Number);
        return new ServiceFactsView(scope, from, to, people.Count, ServiceFactsCalculator.Compute(facts, complaints).Select(f => new ServiceFactView(f.Code, f.Value,
            f.Unit, f.Numerator, f.Denominator, f.Formula, f.EvidenceTicketIds.Select(id => new EvidenceTicket(id, numbers[id])).ToList(), f.EvidenceComplaintIds)).ToList());
    }

    /// <summary>
    /// The facts of each of these people over a period, read in one pass (scoring a whole department: one query per
    /// kind of row instead of one set of queries per person). A ticket counts for every engineer assigned to it.
    /// </summary>
    public async Task<Result<IReadOnlyDictionary<int, IReadOnlyList<ServiceFact>>>> ForEachPersonAsync(IReadOnlyCollection<int> personIds, DateOnly from,
        DateOnly to, CancellationToken ct = default)
    {
        if (Check(from, to) is { } invalid)
        {
            return invalid;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var people = personIds.Distinct().ToList();
        var (fromUtc, toUtc) = Period(from, to);
        var inPeriod = InPeriod(db, fromUtc, toUtc);
        var pairs = await (from a in db.Set<TicketAssignment>()
                           join t in inPeriod on EF.Property<int>(a, "TicketId") equals t.Id
                           where people.Contains(a.EngineerId)
                           select new { a.EngineerId, TicketId = t.Id }).Distinct().ToListAsync(ct);
        var assigned = db.Set<TicketAssignment>().Where(a => people.Contains(a.EngineerId)).Select(a => EF.Property<int>(a, "TicketId"));
        var facts = (await LoadAsync(db, inPeriod.Where(t => assigned.Contains(t.Id)), ct)).ToDictionary(f => f.TicketId);
        var complaints = (await db.Complaints.AsNoTracking()
                .Where(c => c.ReceivedAtUtc >= fromUtc && c.ReceivedAtUtc < toUtc && c.EngineerPersonId != null && people.Contains(c.EngineerPersonId.Value))
                .Select(c => new { PersonId = c.EngineerPersonId!.Value, Fact = new ComplaintFact(c.Id, c.CountsAgainstPeople) })
                .ToListAsync(ct))
            .ToLookup(c => c.PersonId, c => c.Fact);
        var ticketsOf = pairs.ToLookup(p => p.EngineerId, p => facts[p.TicketId]);
        return people.ToDictionary(p => p, p => ServiceFactsCalculator.Compute(ticketsOf[p].ToList(), complaints[p].ToList()));
    }

    private static Refusal? Check(DateOnly from, DateOnly to)
    {
        if (from > to)
        {
            return Refusal.Invalid("from", "after_to", "from must not be after to.");
        }

        return to.DayNumber - from.DayNumber > 366 ? Refusal.Invalid("to", "range", "A period is at most one year.") : null;
    }

    private (DateTime FromUtc, DateTime ToUtc) Period(DateOnly from, DateOnly to) =>
        (clock.ToUtc(from.ToDateTime(TimeOnly.MinValue)), clock.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue)));

    /// <summary>The tickets reported in the period, cancelled ones aside (index on ReportedAtUtc).</summary>
    private static IQueryable<ServiceTicket> InPeriod(AppDbContext db, DateTime fromUtc, DateTime toUtc) =>
        db.Tickets.Where(t => t.ReportedAtUtc >= fromUtc && t.ReportedAtUtc < toUtc && t.Status != TicketStatus.Cancelled);

    /// <summary>The calculator's view of each ticket in scope, from three flat queries (tickets, outcomes, satisfaction).</summary>
    private static async Task<List<TicketFact>> LoadAsync(AppDbContext db, IQueryable<ServiceTicket> inScope, CancellationToken ct)
    {
        var rows = await inScope.Select(t => new
        {
            t.Id, t.Number, t.ReportedAtUtc, t.FirstResponseAtUtc, t.ArrivedAtUtc, t.ResolvedAtUtc, t.ClosedAtUtc, t.ReportSignedAtUtc,
            FollowedUp = t.Status == TicketStatus.FollowedUp,
            IsRepeatFault = t.OriginalTicketId != null,
            WasReopened = db.Tickets.Any(r => r.OriginalTicketId == t.Id),
        }).ToListAsync(ct);
        var targets = (await (from o in db.TicketServiceLevelOutcomes
                              join t in inScope on o.TicketId equals t.Id
                              select new { o.TicketId, o.Target, o.DueUtc, o.MetAtUtc }).ToListAsync(ct))
            .ToLookup(o => o.TicketId, o => new TargetOutcome(o.Target.ToString(), o.DueUtc, o.MetAtUtc));

        // The customer's 1–10 satisfaction answer, from the phone survey or the survey link.
        var satisfaction = (await (from r in db.Set<Surveys.SurveyRatingRow>()
                                   join s in db.SatisfactionSurveys on r.SurveyId equals s.Id
                                   join t in inScope on s.TicketId equals t.Id
                                   where r.Question == Domain.Surveys.SurveyQuestions.Satisfaction
                                   select new { s.TicketId, r.Value }).ToListAsync(ct))
            .GroupBy(x => x.TicketId).ToDictionary(g => g.Key, g => (decimal)g.First().Value);
        return rows.Select(t => new TicketFact(t.Id, t.Number, t.ReportedAtUtc, t.FirstResponseAtUtc, t.ArrivedAtUtc, t.ResolvedAtUtc, t.ClosedAtUtc,
                t.ReportSignedAtUtc, t.FollowedUp, t.IsRepeatFault, t.WasReopened, targets[t.Id].ToList(), satisfaction.TryGetValue(t.Id, out var score) ? score : null))
            .ToList();
    }

    /// <summary>The people in scope (empty = everyone) and a label; null people when the person or unit does not exist.</summary>
    private static async Task<(List<int>? People, string Scope)> ScopeAsync(AppDbContext db, ServiceFactsQuery q, CancellationToken ct)
    {
        if (q.PersonId is { } personId)
        {
            var name = await db.People.Where(p => p.Id == personId).Select(p => p.Name).FirstOrDefaultAsync(ct);
            return name is null ? (null, "") : ([personId], name);
        }

        if (q.OrgUnitId is { } unitId)
        {
            var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
            var unit = units.FirstOrDefault(u => u.Id == unitId);
            if (unit is null)
            {
                return (null, "");
            }

            // A department includes its teams and stations.
            var unitIds = units.Where(u => u.Id == unitId || u.ParentId == unitId).Select(u => u.Id).ToList();
            var people = await db.People.Where(p => unitIds.Contains(p.OrgUnitId)).Select(p => p.Id).ToListAsync(ct);
            return (people, unit.Name);
        }

        return ([], "*");
    }
}

public static class ServiceFactsEndpoints
{
    public static IEndpointRouteBuilder MapServiceFactsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/service-facts", async (ServiceFactsQueries q, ClaimsPrincipal user, CancellationToken ct, int? personId, int? orgUnitId, DateOnly? from, DateOnly? to) =>
                (await q.GetAsync(new ServiceFactsQuery(personId, orgUnitId, from, to), user, ct)).ToHttp(Results.Ok))
            .WithTags("Service facts").WithName("GetServiceFacts").RequireAuthorization(Policies.WorkOnTickets);
        return app;
    }
}
