using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.ServiceFacts;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Features.ServiceFacts;

public sealed record ServiceFactsQuery(int? PersonId, int? OrgUnitId, DateOnly? From, DateOnly? To);

/// <summary>
/// One fact as the facts page and API show it: the value and its basis, and how many records its evidence lists
/// (<see cref="EvidenceKind"/>: tickets, or complaints). The records themselves are fetched on demand, a page at a time
/// (GET /api/v1/service-facts/{code}/evidence): a department's month lists thousands of tickets nobody opens.
/// </summary>
public sealed record ServiceFactView(string Code, decimal? Value, string Unit, int Numerator, int Denominator, string Formula,
    FactEvidenceKind EvidenceKind, int EvidenceCount);

/// <summary>One record a fact's evidence lists: a ticket (with its number) or a complaint (no number).</summary>
public sealed record EvidenceRecord(FactEvidenceKind Kind, int Id, string? Number);

/// <summary>One person's facts and the numbers of the tickets their evidence lists.</summary>
public sealed record PersonFacts(IReadOnlyList<ServiceFact> Facts, IReadOnlyDictionary<int, string> TicketNumbers);

public sealed record ServiceFactsView(string Scope, DateOnly From, DateOnly To, int People, IReadOnlyList<ServiceFactView> Facts);

/// <summary>
/// The measured values the assessment needs, for a person, a team/station/department or everyone, over a period. The
/// database aggregates them: one GROUP BY per source of <see cref="FactRegistry"/> (tickets, their service-level targets,
/// survey answers, complaints), per person or for the scope together, and this class only turns those sums into values
/// by the domain's arithmetic (<see cref="ServiceFactsCalculator"/>). Evidence is a separate indexed query per fact,
/// asked for when someone opens it or when a score cites it.
/// </summary>
public sealed class ServiceFactsQueries(IDbContextFactory<AppDbContext> contexts, CompanyClock clock, FactRegistry registry)
{
    public const int MaxEvidencePageSize = 200;

    public async Task<Result<ServiceFactsView>> GetAsync(ServiceFactsQuery q, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var allowed = Allowed(q, user);
        if (!allowed.Succeeded)
        {
            return allowed.Refusal!;
        }

        var (query, from, to) = allowed.Value;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (people, scope) = await ScopeAsync(db, query, ct);
        if (people is null)
        {
            return Refusal.NotFound(query.PersonId is not null ? "Person" : "Unit");
        }

        var (fromUtc, toUtc) = Period(from, to);
        var measured = await MeasureAsync(await SqlAsync(db, clock.Today, ct), Together(query, people), [0], fromUtc, toUtc, ct);
        return new ServiceFactsView(scope, from, to, people.Count, measured[0].Select(m => new ServiceFactView(m.Fact.Code, m.Fact.Value, m.Fact.Unit,
            m.Fact.Numerator, m.Fact.Denominator, m.Fact.Formula, m.Kind, m.EvidenceCount)).ToList());
    }

    /// <summary>
    /// A page of the records a fact of <see cref="GetAsync"/> lists as its evidence, by id; the same scope, period and
    /// permission as the facts (an engineer: their own only).
    /// </summary>
    public async Task<Result<PageOf<EvidenceRecord>>> EvidenceAsync(string code, ServiceFactsQuery q, ClaimsPrincipal user, int page = 1, int pageSize = 50,
        CancellationToken ct = default)
    {
        var allowed = Allowed(q, user);
        if (!allowed.Succeeded)
        {
            return allowed.Refusal!;
        }

        if (page < 1)
        {
            return Refusal.Invalid("page", "range", "page starts at 1.");
        }

        if (pageSize is < 1 or > MaxEvidencePageSize)
        {
            return Refusal.Invalid("pageSize", "range", $"pageSize is 1–{MaxEvidencePageSize}.");
        }

        if (registry.Find(code) is not var (definition, split))
        {
            return Refusal.NotFound("Fact");
        }

        var (query, from, to) = allowed.Value;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (people, _) = await ScopeAsync(db, query, ct);
        if (people is null)
        {
            return Refusal.NotFound(query.PersonId is not null ? "Person" : "Unit");
        }

        var (fromUtc, toUtc) = Period(from, to);
        var scope = Together(query, people);
        if (scope.People is { Count: 0 })
        {
            return new PageOf<EvidenceRecord>([], 0, page, pageSize); // a unit without people has no records
        }

        var sql = await SqlAsync(db, clock.Today, ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var count = Command(db, FactRegistry.EvidenceCountSql(definition, scope, sql), fromUtc, toUtc, split);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        await using var command = Command(db, FactRegistry.EvidenceSql(definition, scope, sql, paged: true), fromUtc, toUtc, split,
            ("take", pageSize), ("skip", (page - 1) * pageSize));
        var items = new List<EvidenceRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            items.Add(new EvidenceRecord(definition.Source.EvidenceKind, Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
                reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return new PageOf<EvidenceRecord>(items, total, page, pageSize);
    }

    /// <summary>
    /// The facts of each of these people over a period, read in one pass (scoring a whole department: one query per
    /// source instead of one set of queries per person). A ticket counts for every engineer assigned to it.
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
    /// <paramref name="withEvidence"/> asks for; values, numerators and denominators are those of every fact. The
    /// database groups by person (one query per source) and the evidence of each cited fact is one more query for all
    /// the people at once, so memory holds the people's sums and the cited evidence, never the period's tickets.
    /// </summary>
    public async Task<Result<IReadOnlyDictionary<int, PersonFacts>>> ForEachPersonAsync(IReadOnlyCollection<int> personIds, DateOnly from,
        DateOnly to, Func<string, bool> withEvidence, CancellationToken ct = default)
    {
        if (Check(from, to) is { } invalid)
        {
            return invalid;
        }

        var people = personIds.Distinct().ToList();
        if (people.Count == 0)
        {
            return new Dictionary<int, PersonFacts>();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        return await CollectAsync(await SqlAsync(db, clock.Today, ct), new FactScope(people, ByPerson: true), people, from, to, withEvidence, ct);
    }

    /// <summary>
    /// The facts of the people of each unit together — a department with its teams and stations, each ticket once — with evidence
    /// only for the codes <paramref name="withEvidence"/> asks for: what a department head is judged on (a plan's source with the
    /// department scope). A unit without people has no facts.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, PersonFacts>> ForUnitsAsync(IReadOnlyCollection<int> unitIds, DateOnly from, DateOnly to,
        Func<string, bool> withEvidence, CancellationToken ct = default)
    {
        var result = new Dictionary<int, PersonFacts>();
        if (unitIds.Count == 0 || Check(from, to) is not null)
        {
            return result;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var sql = await SqlAsync(db, clock.Today, ct);
        foreach (var unitId in unitIds.Distinct())
        {
            var (people, _) = await ScopeAsync(db, new ServiceFactsQuery(null, unitId, from, to), ct);
            if (people is { Count: > 0 })
            {
                result[unitId] = (await CollectAsync(sql, new FactScope(people, ByPerson: false, Unit: true), [0], from, to, withEvidence, ct))[0];
            }
        }

        return result;
    }

    /// <summary>The facts of a scope for each of its keys (the people when by person, else the one key 0), with the cited evidence.</summary>
    private async Task<Dictionary<int, PersonFacts>> CollectAsync(FactSql sql, FactScope scope, List<int> people, DateOnly from, DateOnly to,
        Func<string, bool> withEvidence, CancellationToken ct)
    {
        var result = new Dictionary<int, PersonFacts>(people.Count);
        var (fromUtc, toUtc) = Period(from, to);

        // Evidence: one walk per source for all its cited facts (and splits), for everyone who has some, by person then
        // id, each on its own connection. An unsplit fact's code is known before any sum, so its walk runs beside the
        // sums; a split fact's codes (its splits) are known from the sums.
        var walks = registry.Definitions.Where(d => !d.Source.IsSplit && withEvidence(d.Code)).Select(d => (d.Code, Found: (d, "")))
            .GroupBy(c => c.Found.d.Source).Select(g => WalkEvidenceAsync(g.ToList(), scope, sql, fromUtc, toUtc, ct)).ToList();
        var measured = await MeasureAsync(sql, scope, people, fromUtc, toUtc, ct);
        walks.AddRange(measured.Values.SelectMany(facts => facts.Where(m => m.EvidenceCount > 0).Select(m => m.Fact.Code))
            .Distinct(StringComparer.Ordinal).Where(withEvidence).Order(StringComparer.Ordinal)
            .Select(code => (Code: code, Found: registry.Find(code)!.Value)).Where(c => c.Found.Definition.Source.IsSplit)
            .GroupBy(c => c.Found.Definition.Source).Select(g => WalkEvidenceAsync(g.ToList(), scope, sql, fromUtc, toUtc, ct)));
        var evidence = new Dictionary<(int Person, string Code), List<int>>();
        var numbers = new Dictionary<int, string>();
        var recordNumbers = new Dictionary<(FactEvidenceKind, int), string>(); // ids of other tables: kept apart from the tickets'
        foreach (var walk in await Task.WhenAll(walks))
        {
            foreach (var (person, code, id, number) in walk)
            {
                if (!evidence.TryGetValue((person, code), out var ids))
                {
                    evidence[(person, code)] = ids = [];
                }

                ids.Add(id);
                if (number is not null)
                {
                    if (registry.Find(code)?.Definition.Source.EvidenceKind is { } kind && kind != FactEvidenceKind.Ticket)
                    {
                        recordNumbers.TryAdd((kind, id), number);
                    }
                    else
                    {
                        numbers.TryAdd(id, number);
                    }
                }
            }
        }

        foreach (var person in people)
        {
            var mine = new Dictionary<int, string>();
            var facts = measured[person].Select(m =>
            {
                var ids = evidence.GetValueOrDefault((person, m.Fact.Code)) ?? [];
                if (m.Kind == FactEvidenceKind.Complaint)
                {
                    return m.Fact with { EvidenceComplaintIds = ids };
                }

                if (m.Kind is FactEvidenceKind.Contract or FactEvidenceKind.Return or FactEvidenceKind.Installation or FactEvidenceKind.Budget)
                {
                    var prefix = m.Kind.ToString().ToLowerInvariant();
                    return m.Fact with { EvidenceRecords = ids.Distinct().Select(id => (prefix, id, recordNumbers.GetValueOrDefault((m.Kind, id), ""))).ToList() };
                }

                foreach (var id in ids)
                {
                    mine.TryAdd(id, numbers[id]);
                }

                return m.Fact with { EvidenceTicketIds = ids };
            }).ToList();
            result[person] = new PersonFacts(facts, mine);
        }

        return result;
    }

    /// <summary>The evidence rows of several facts of one source, by person then id: (person, fact code, record id, ticket number).</summary>
    private Task<List<(int Person, string Code, int Id, string? Number)>> WalkEvidenceAsync(
        IReadOnlyList<(string Code, (FactDefinition Definition, string Split) Found)> facts, FactScope scope, FactSql sql, DateTime fromUtc, DateTime toUtc,
        CancellationToken ct) =>
        ReadOwnAsync(FactRegistry.EvidenceSql(facts.Select(f => f.Found).ToList(), scope, sql), fromUtc, toUtc, reader =>
        {
            var (person, id) = (Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture));
            var number = reader.IsDBNull(2) ? null : reader.GetString(2);
            return facts.Where((_, i) => Convert.ToInt32(reader.GetValue(3 + i), CultureInfo.InvariantCulture) != 0).Select(f => (person, f.Code, id, number));
        }, [.. facts.Select((f, i) => ($"split{i}", (object)f.Found.Split))], ct);

    /// <summary>
    /// The rows of one statement, read on a connection of its own so that several run at the same time; each reader row
    /// gives any number of results. Each is a read of committed rows, as statements one after the other on one connection were.
    /// </summary>
    private async Task<List<T>> ReadOwnAsync<T>(string text, DateTime fromUtc, DateTime toUtc, Func<DbDataReader, IEnumerable<T>> row,
        (string Name, object Value)[] more, CancellationToken ct)
    {
        var rows = new List<T>();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var command = Command(db, text, fromUtc, toUtc, "", more);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.AddRange(row(reader));
        }

        return rows;
    }

    /// <summary>A fact as aggregated, without its evidence, with how many records the evidence lists.</summary>
    private sealed record Measured(ServiceFact Fact, FactEvidenceKind Kind, int EvidenceCount);

    /// <summary>
    /// Every registered fact for each of <paramref name="keys"/> (the people by person, or 0 together): one GROUP BY per
    /// source, then each definition reads its columns. A person with no rows in a source gets that source's empty facts
    /// (a count of 0, no value for a rate or a mean), as the calculator gives for no tickets.
    /// </summary>
    private async Task<Dictionary<int, List<Measured>>> MeasureAsync(FactSql sql, FactScope scope, IReadOnlyList<int> keys, DateTime fromUtc,
        DateTime toUtc, CancellationToken ct)
    {

        // Each source's GROUP BY on its own connection, at the same time: they read different rows (a department's month:
        // the tickets ≈ 130 ms and their targets ≈ 140 ms, one after the other before).
        // Nobody in scope (a unit without people): every source's sums are empty; "IN ()" is not SQL everywhere.
        List<FactSource> sources = scope.People is { Count: 0 } ? [] : registry.Definitions.Select(d => d.Source).Distinct().ToList();
        var read = await Task.WhenAll(sources.Select(source => ReadOwnAsync(registry.AggregateSql(source, scope, sql), fromUtc, toUtc, reader =>
        {
            var columns = new decimal[reader.FieldCount - 2];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = reader.IsDBNull(i + 2) ? 0m : Convert.ToDecimal(reader.GetValue(i + 2), CultureInfo.InvariantCulture);
            }

            return new[] { (Person: Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Split: reader.GetString(1), Columns: columns) };
        }, [], ct)));

        var sums = new Dictionary<(FactSource Source, int Person), SortedDictionary<string, decimal[]>>();
        for (var s = 0; s < sources.Count; s++)
        {
            foreach (var (person, split, columns) in read[s])
            {
                if (!sums.TryGetValue((sources[s], person), out var splits))
                {
                    sums[(sources[s], person)] = splits = new SortedDictionary<string, decimal[]>(StringComparer.Ordinal);
                }

                splits[split] = columns;
            }
        }

        var result = new Dictionary<int, List<Measured>>(keys.Count);
        foreach (var person in keys)
        {
            var facts = new List<Measured>();
            foreach (var group in registry.Definitions.GroupBy(d => d.Source))
            {
                var splits = sums.GetValueOrDefault((group.Key, person));
                var rows = group.Key.IsSplit
                    ? (IEnumerable<KeyValuePair<string, decimal[]>>?)splits ?? []
                    : [new KeyValuePair<string, decimal[]>("", splits?.GetValueOrDefault("") ?? new decimal[group.Sum(d => d.Measure.Columns(sql).Count())])];
                foreach (var (split, columns) in rows)
                {
                    var offset = 0;
                    foreach (var definition in group)
                    {
                        var width = definition.Measure.Columns(sql).Count();
                        var (value, numerator, denominator, count) = definition.Measure.Read(columns.AsSpan(offset, width));
                        offset += width;
                        var code = split.Length == 0 ? definition.Code : $"{definition.Code}:{split}";
                        facts.Add(new Measured(new ServiceFact(code, value, definition.Unit, numerator, denominator,
                            sql.Formula(definition.Formula).Replace("{split}", split, StringComparison.Ordinal), [], []), definition.Source.EvidenceKind, count));
                    }
                }
            }

            // The list's order: the definitions' (a split fact's splits in code order, as the calculator gives them).
            var order = registry.Definitions.Select((d, i) => (d.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
            result[person] = facts.OrderBy(m => order[registry.Find(m.Fact.Code)!.Value.Definition.Code]).ThenBy(m => m.Fact.Code, StringComparer.Ordinal).ToList();
        }

        return result;
    }

    /// <summary>The scope of people together: everyone when the query names no person and no unit; a unit without people
    /// is nobody (no tickets), not everyone.</summary>
    private static FactScope Together(ServiceFactsQuery query, List<int> people) =>
        query.PersonId is null && query.OrgUnitId is null ? FactScope.Everyone : new FactScope(people, ByPerson: false, Unit: query.PersonId is null);

    /// <summary>The provider and the department policy's numbers the definitions write into their SQL (the report deadline).</summary>
    private async Task<FactSql> SqlAsync(AppDbContext db, DateOnly today, CancellationToken ct) =>
        new(db.Database.IsNpgsql(), (await DepartmentPolicies.DepartmentPolicyHandlers.CurrentAsync(db, ct)).ReportDeadline, today,
            (int)clock.Zone.GetUtcOffset(clock.UtcNow).TotalMinutes);

    private static DbCommand Command(AppDbContext db, string text, DateTime fromUtc, DateTime toUtc, string split = "", params (string Name, object Value)[] more)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = text;
        foreach (var (name, value) in new (string, object)[] { ("from", fromUtc), ("to", toUtc), ("split", split) }.Concat(more))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>The query with its period filled in, if this user may see it: engineers see their own facts only (by
    /// default, theirs); leaders and specialists see anyone's.</summary>
    private Result<(ServiceFactsQuery Query, DateOnly From, DateOnly To)> Allowed(ServiceFactsQuery q, ClaimsPrincipal user)
    {
        var to = q.To ?? clock.Today;
        var from = q.From ?? new DateOnly(to.Year, to.Month, 1);
        if (Check(from, to) is { } invalid)
        {
            return invalid;
        }

        if (!user.Can(Policies.ReadTickets))
        {
            q = q with { PersonId = q.PersonId ?? user.PersonId() };
            if (q.OrgUnitId is not null || q.PersonId is null || q.PersonId != user.PersonId())
            {
                return Refusal.Forbidden("You may see only your own service facts.");
            }
        }

        return (q, from, to);
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
        (DateTime.SpecifyKind(clock.ToUtc(from.ToDateTime(TimeOnly.MinValue)), DateTimeKind.Utc),
            DateTime.SpecifyKind(clock.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue)), DateTimeKind.Utc));

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
                (await q.GetAsync(new ServiceFactsQuery(personId, orgUnitId, from, to), user, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Service facts").WithName("GetServiceFacts").RequireAuthorization(Policies.WorkOnTickets);
        app.MapGet("/api/v1/service-facts/{code}/evidence", async (ServiceFactsQueries q, ClaimsPrincipal user, CancellationToken ct, string code, int? personId,
                    int? orgUnitId, DateOnly? from, DateOnly? to, int? page, int? pageSize) =>
                (await q.EvidenceAsync(code, new ServiceFactsQuery(personId, orgUnitId, from, to), user, page ?? 1, pageSize ?? 50, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Service facts").WithName("GetServiceFactEvidence").RequireAuthorization(Policies.WorkOnTickets);
        return app;
    }
}
