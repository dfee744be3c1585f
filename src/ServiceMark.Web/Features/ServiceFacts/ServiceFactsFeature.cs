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

/// <summary>One person's facts and the numbers of the tickets their evidence lists.</summary>
public sealed record PersonFacts(IReadOnlyList<ServiceFact> Facts, IReadOnlyDictionary<int, string> TicketNumbers);

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
    /// Every fact lists all its evidence; see the overload for scoring, which keeps evidence only where it is cited.
    /// </summary>
    public async Task<Result<IReadOnlyDictionary<int, IReadOnlyList<ServiceFact>>>> ForEachPersonAsync(IReadOnlyCollection<int> personIds, DateOnly from,
        DateOnly to, CancellationToken ct = default)
    {
        var all = await ForEachPersonAsync(personIds, from, to, _ => true, ct);
        return all.Succeeded
            ? Result<IReadOnlyDictionary<int, IReadOnlyList<ServiceFact>>>.Ok(all.Value!.ToDictionary(p => p.Key, p => p.Value.Facts))
            : all.Refusal!;
    }

    /// <summary>
    /// The facts of each of these people over a period with evidence (and the numbers of its tickets) only for the codes
    /// <paramref name="withEvidence"/> asks for; values, numerators and denominators are those of every fact. One
    /// query streams a row per engineer, ticket and service-level target, ordered by engineer, into
    /// <see cref="ServiceFactsAccumulator"/>: memory holds one person's running sums at a time plus the evidence kept,
    /// never the period's tickets (2 000 people over a quarter of 1 000 000 tickets: ~250 000 tickets, bench/README.md).
    /// </summary>
    public async Task<Result<IReadOnlyDictionary<int, PersonFacts>>> ForEachPersonAsync(IReadOnlyCollection<int> personIds, DateOnly from,
        DateOnly to, Func<string, bool> withEvidence, CancellationToken ct = default)
    {
        if (Check(from, to) is { } invalid)
        {
            return invalid;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var people = personIds.Distinct().ToList();
        var (fromUtc, toUtc) = Period(from, to);
        var inPeriod = InPeriod(db, fromUtc, toUtc);
        var complaints = (await db.Complaints.AsNoTracking()
                .Where(c => c.ReceivedAtUtc >= fromUtc && c.ReceivedAtUtc < toUtc && c.EngineerPersonId != null && people.Contains(c.EngineerPersonId.Value))
                .OrderBy(c => c.Id)
                .Select(c => new { PersonId = c.EngineerPersonId!.Value, Fact = new ComplaintFact(c.Id, c.CountsAgainstPeople) })
                .ToListAsync(ct))
            .ToLookup(c => c.PersonId, c => c.Fact);

        // Survey answers are few next to tickets: read them first, by ticket.
        var assigned = db.Set<TicketAssignment>().Where(a => people.Contains(a.EngineerId)).Select(a => EF.Property<int>(a, "TicketId"));
        var satisfaction = new Dictionary<int, decimal>();
        foreach (var answer in await (from r in db.Set<Surveys.SurveyRatingRow>()
                                      join s in db.SatisfactionSurveys on r.SurveyId equals s.Id
                                      join t in inPeriod on s.TicketId equals t.Id
                                      where r.Question == Domain.Surveys.SurveyQuestions.Satisfaction && assigned.Contains(t.Id)
                                      select new { s.TicketId, r.Value }).ToListAsync(ct))
        {
            satisfaction.TryAdd(answer.TicketId, answer.Value);
        }

        // One row per (ticket, engineer, target), a ticket without measured targets once with no target, in the order of
        // the index on ReportedAtUtc (then id): the database walks the period's range without sorting, and a ticket's rows
        // come together. "EngineerId + 0" keeps SQLite from starting at the engineers' index instead, which would read
        // every ticket they ever had (four times the quarter's) to keep the period's.
        var rows = from a in db.Set<TicketAssignment>()
                   join t in inPeriod on EF.Property<int>(a, "TicketId") equals t.Id
                   where people.Contains(a.EngineerId + 0)
                   from o in db.TicketServiceLevelOutcomes.Where(o => o.TicketId == t.Id).DefaultIfEmpty()
                   orderby t.ReportedAtUtc, t.Id
                   select new
                   {
                       a.EngineerId, t.Id, t.Number, t.ReportedAtUtc, t.FirstResponseAtUtc, t.ArrivedAtUtc, t.ResolvedAtUtc,
                       Closed = t.ClosedAtUtc != null, t.ReportSignedAtUtc,
                       FollowedUp = t.Status == TicketStatus.FollowedUp,
                       IsRepeatFault = t.OriginalTicketId != null,
                       WasReopened = db.Tickets.Any(r => r.OriginalTicketId == t.Id),
                       Target = o == null ? (Domain.ServiceLevels.SlaTarget?)null : o.Target, // the enum's name, as stored
                       Met = o != null && o.MetAtUtc != null,
                       MetOnTime = o != null && o.MetOnTime,
                   };

        // Running sums per person (small: evidence only where asked), and the numbers of the tickets some evidence keeps.
        var sums = people.ToDictionary(p => p, _ => new ServiceFactsAccumulator(withEvidence));
        var numbers = new Dictionary<int, string>();
        var ticket = -1;
        var engineersSeen = new HashSet<int>();
        var targetsSeen = new HashSet<(int, string)>();
        // Read through EF's command, not its materializer: the dates are parsed with UtcReader, and a ticket's number only
        // when some evidence keeps the ticket (a string per row was most of the allocations).
        await db.Database.OpenConnectionAsync(ct);
        await using (var command = rows.CreateDbCommand())
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            int Column(string name) => reader.GetOrdinal(name);
            var (engineerAt, idAt, numberAt, reportedAt, responseAt, arrivedAt, resolvedAt, closedAt, signedAt, followedUpAt, repeatAt, reopenedAt, targetAt, metAt, onTimeAt) =
                (Column("EngineerId"), Column("Id"), Column("Number"), Column("ReportedAtUtc"), Column("FirstResponseAtUtc"), Column("ArrivedAtUtc"),
                    Column("ResolvedAtUtc"), Column("Closed"), Column("ReportSignedAtUtc"), Column("FollowedUp"), Column("IsRepeatFault"), Column("WasReopened"),
                    Column("Target"), Column("Met"), Column("MetOnTime"));
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt32(idAt);
                var engineer = reader.GetInt32(engineerAt);
                if (id != ticket)
                {
                    ticket = id;
                    engineersSeen.Clear();
                    targetsSeen.Clear();
                }

                var sum = sums[engineer];
                var kept = sum.EvidenceKept;

                // An engineer assigned to the ticket twice counts it, and each of its targets, once.
                if (engineersSeen.Add(engineer))
                {
                    sum.AddTicket(new TicketTally(id, UtcReader.Read(reader, reportedAt)!.Value, UtcReader.Read(reader, responseAt), UtcReader.Read(reader, arrivedAt),
                        UtcReader.Read(reader, resolvedAt), reader.GetBoolean(closedAt), UtcReader.Read(reader, signedAt), reader.GetBoolean(followedUpAt),
                        reader.GetBoolean(repeatAt), reader.GetBoolean(reopenedAt), satisfaction.TryGetValue(id, out var score) ? score : null));
                }

                if (!reader.IsDBNull(targetAt) && reader.GetString(targetAt) is var target && targetsSeen.Add((engineer, target)))
                {
                    sum.AddTarget(id, target, reader.GetBoolean(metAt), reader.GetBoolean(onTimeAt));
                }

                if (sum.EvidenceKept != kept)
                {
                    numbers.TryAdd(id, reader.GetString(numberAt));
                }
            }
        }

        var result = new Dictionary<int, PersonFacts>(people.Count);
        foreach (var (person, sum) in sums)
        {
            foreach (var complaint in complaints[person])
            {
                sum.AddComplaint(complaint);
            }

            var facts = sum.ToFacts();
            var mine = new Dictionary<int, string>();
            foreach (var id in facts.SelectMany(f => f.EvidenceTicketIds))
            {
                mine.TryAdd(id, numbers[id]);
            }

            result[person] = new PersonFacts(facts, mine);
        }

        return result;
    }

    private static Refusal? Check(DateOnly from, DateOnly to)
    {
        if (from > to)
        {
            return Refusal.Invalid("from", "after_to", "from must not be after to.");
        }

        if (to == DateOnly.MaxValue)
        {
            // The period ends at the midnight after "to", which the last day of the calendar does not have.
            return Refusal.Invalid("to", "out_of_range", $"to must be before {DateOnly.MaxValue:yyyy-MM-dd}.");
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
