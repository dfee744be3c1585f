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
/// </summary>
public sealed class ServiceFactsQueries(IDbContextFactory<AppDbContext> contexts, CompanyClock clock, TicketHandlers tickets)
{
    public async Task<Result<ServiceFactsView>> GetAsync(ServiceFactsQuery q, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var to = q.To ?? clock.Today;
        var from = q.From ?? new DateOnly(to.Year, to.Month, 1);
        if (from > to)
        {
            return Refusal.Invalid("from", "after_to", "from must not be after to.");
        }

        if (to.DayNumber - from.DayNumber > 366)
        {
            return Refusal.Invalid("to", "range", "A period is at most one year.");
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

        var fromUtc = clock.ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var toUtc = clock.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var loaded = await db.Tickets.AsNoTracking()
            .Where(t => t.ReportedAtUtc >= fromUtc && t.ReportedAtUtc < toUtc && t.Status != TicketStatus.Cancelled)
            .Where(t => people.Count == 0 || t.Assignments.Any(a => people.Contains(a.EngineerId)))
            .Include(t => t.Events).Include(t => t.Reports)
            .AsSplitQuery()
            .ToListAsync(ct);
        var ids = loaded.Select(t => t.Id).ToList();
        var reopened = (await db.Tickets.Where(t => t.OriginalTicketId != null && ids.Contains(t.OriginalTicketId.Value))
            .Select(t => t.OriginalTicketId!.Value).ToListAsync(ct)).ToHashSet();
        var policies = await db.ServiceLevelPolicies.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);

        // The customer's 1–10 satisfaction answer, from the phone survey or the survey link.
        var satisfaction = (await (from r in db.Set<Surveys.SurveyRatingRow>()
                                   join s in db.SatisfactionSurveys on r.SurveyId equals s.Id
                                   where ids.Contains(s.TicketId) && r.Question == Domain.Surveys.SurveyQuestions.Satisfaction
                                   select new { s.TicketId, r.Value }).ToListAsync(ct))
            .GroupBy(x => x.TicketId).ToDictionary(g => g.Key, g => (decimal)g.First().Value);

        var facts = new List<TicketFact>();
        foreach (var t in loaded)
        {
            var targets = t.ServiceLevelPolicyId is { } pid && policies.TryGetValue(pid, out var policy)
                ? (await tickets.ReadServiceLevelsAsync(t, policy, ct)).Select(s => new TargetOutcome(s.Target, s.DueUtc, s.MetAtUtc)).ToList()
                : [];
            facts.Add(new TicketFact(t.Id, t.Number, t.ReportedAtUtc, t.FirstResponseAtUtc, t.ArrivedAtUtc, t.ResolvedAtUtc, t.ClosedAtUtc,
                t.Reports.Where(r => r.SignedAtUtc != null).Select(r => r.SignedAtUtc).Min(), t.Status == TicketStatus.FollowedUp,
                t.OriginalTicketId is not null, reopened.Contains(t.Id), targets, satisfaction.TryGetValue(t.Id, out var score) ? score : null));
        }

        var complaints = await db.Complaints.AsNoTracking()
            .Where(c => c.ReceivedAtUtc >= fromUtc && c.ReceivedAtUtc < toUtc)
            .Where(c => people.Count == 0 || (c.EngineerPersonId != null && people.Contains(c.EngineerPersonId.Value)))
            .ToListAsync(ct);
        var computed = ServiceFactsCalculator.Compute(facts, complaints.Select(c => new ComplaintFact(c.Id, c.CountsAgainstPeople)).ToList());
        var numbers = loaded.ToDictionary(t => t.Id, t => t.Number);
        return new ServiceFactsView(scope, from, to, people.Count, computed.Select(f => new ServiceFactView(f.Code, f.Value, f.Unit, f.Numerator, f.Denominator,
            f.Formula, f.EvidenceTicketIds.Select(id => new EvidenceTicket(id, numbers[id])).ToList(), f.EvidenceComplaintIds)).ToList());
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
