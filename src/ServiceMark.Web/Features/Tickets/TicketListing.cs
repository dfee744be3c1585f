using System.Data.Common;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Calendars;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Tickets;

/// <summary>
/// The ticket list and search (docs/decisions/0004-ticket-lists-and-search.md). Newest first by id (a ticket's id grows
/// with the time it was reported); a page is found by one SQL statement over indexes — keyset after a cursor, a
/// "jump to date" turned into a cursor, OFFSET only within the first <see cref="CountCap"/> rows — and the count stops
/// at the cap instead of scanning a million rows per page view. The rows of the page are then read by id.
/// </summary>
public sealed class TicketListing(IDbContextFactory<AppDbContext> contexts, CompanyClock clock, TicketCalendar calendars)
{
    /// <summary>Counting stops here; the list says "more than" beyond it, and deeper pages are reached by date or cursor.</summary>
    public const int CountCap = 1000;

    public const int MaxPageSize = 200;

    private static readonly string[] OpenStatuses = Enum.GetValues<TicketStatus>()
        .Where(s => s is not (TicketStatus.Closed or TicketStatus.FollowedUp or TicketStatus.Cancelled))
        .Select(s => s.ToString()).ToArray();

    public async Task<Result<TicketPage>> SearchAsync(TicketQuery q, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var pageSize = Math.Clamp(q.PageSize, 1, MaxPageSize);
        var page = Math.Max(q.Page, 1);
        if ((long)(page - 1) * pageSize >= CountCap)
        {
            errors.Add("page", "range", $"page reaches past the first {CountCap} tickets: use from (a date) or after (the next cursor) to go further.");
        }

        if (q.DueFirst && (q.From is not null || q.After is not null))
        {
            errors.Add(q.From is not null ? "from" : "after", "conflict", "from and after follow the report order: they cannot be combined with dueFirst.");
        }

        if (q.Due is { } due && !Enum.IsDefined(due))
        {
            errors.Add("due", "invalid", "due must be Overdue, DueToday or Waiting.");
        }

        if (q.From is { Year: < 1900 or > 2999 })
        {
            errors.Add("from", "range", "from must be a date between 1900-01-01 and 2999-12-31.");
        }

        IReadOnlyList<string>? terms = null;
        if (!string.IsNullOrWhiteSpace(q.Search) && (terms = TicketSearchText.Terms(q.Search)) is null)
        {
            errors.Add("search", "tooShort", $"search terms must have at least {TicketSearchText.MinTermLength} characters each.");
        }

        if (errors.Any)
        {
            return Refusal.Invalid(errors.All);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var filter = await FilterOfAsync(db, q, terms, user, ct, clock.UtcNow, clock.ToUtc(clock.Today.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var after = q.After;
        if (q.From is { } from)
        {
            // "Jump to date": the newest ticket reported before the end of that day (one seek on IX_ServiceTickets_Facts, which leads with ReportedAtUtc).
            var endUtc = clock.ToUtc(from.AddDays(1).ToDateTime(TimeOnly.MinValue));
            var newest = await db.Tickets.Where(t => t.ReportedAtUtc < endUtc).OrderByDescending(t => t.ReportedAtUtc).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
            after = Math.Min(after ?? int.MaxValue, (newest ?? 0) + 1);
        }

        List<int> ids;
        int total;
        if (filter.IsNarrow)
        {
            // Few tickets (an engineer's, a small status, a number's matches): one statement reads them all (to the cap) and gives page and count.
            var all = await IdsAsync(db, filter.PageSql(after, 0, CountCap + 1), filter.Parameters(db, after), ct);
            total = all.Count;
            ids = all.Skip((page - 1) * pageSize).Take(pageSize + 1).ToList();
        }
        else
        {
            ids = await IdsAsync(db, filter.PageSql(after, (page - 1) * pageSize, pageSize + 1), filter.Parameters(db, after), ct);
            // A number-shaped term already counted past the cap on the first page (FilterOfAsync): no second count.
            total = filter.ManyMatches && after is null
                ? CountCap + 1
                : (await IdsAsync(db, filter.CountSql(after, CountCap + 1), filter.Parameters(db, after), ct)).Single();
        }

        var hasNext = ids.Count > pageSize;
        if (hasNext)
        {
            ids.RemoveAt(ids.Count - 1);
        }

        var rows = await (
            from t in db.Tickets
            where ids.Contains(t.Id)
            join c in db.Customers on t.CustomerId equals c.Id
            select new TicketSummary(t.Id, t.Number, c.Name, t.FaultCategory, t.Urgency, t.Status, t.ReportedAtUtc,
                db.People.Where(p => t.Assignments.Any(a => a.IsLead && a.EngineerId == p.Id)).Select(p => p.Name).FirstOrDefault(),
                t.IsEscalated, t.UnderWarranty, t.NextDueAtUtc, false, null)).ToListAsync(ct);
        var calendar = rows.Any(r => r.NextDueAtUtc is not null) ? await calendars.GetAsync(ct) : null;
        var now = clock.UtcNow;
        var order = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var items = rows.OrderBy(r => order[r.Id]).Select(r => r.NextDueAtUtc is not { } dueAt || calendar is null ? r : r with
        {
            IsOverdue = dueAt < now && !TicketListFilter.WaitingStatuses.Contains(r.Status.ToString()),
            DueIn = dueAt >= now ? calendar.WorkingTimeBetween(now, dueAt) : -calendar.WorkingTimeBetween(dueAt, now),
        }).ToList();
        // Most urgent first has no cursor: its pages are reached by number (within the count cap).
        return new TicketPage(items, Math.Min(total, CountCap), total <= CountCap, page, pageSize, hasNext && !q.DueFirst ? items[^1].Id : null);
    }

    private static async Task<List<int>> IdsAsync(AppDbContext db, string sql, DbParameter[] parameters, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<int>(sql, parameters.Cast<object>().ToArray()).ToListAsync(ct);


    /// <summary>The filter of a request, as the list runs it (internal: the query-plan tests explain its statements).</summary>
    internal static async Task<TicketListFilter> FilterOfAsync(AppDbContext db, TicketQuery q, IReadOnlyList<string>? terms, ClaimsPrincipal user,
        CancellationToken ct, DateTime nowUtc = default, DateTime endOfTodayUtc = default)
    {
        var me = user.PersonId();
        int? visibleTo = null;
        int? poolUnit = null;
        if (!user.Can(Policies.ReadTickets))
        {
            // An engineer sees the tickets assigned to them and those waiting in their own team's job pool (工单池).
            visibleTo = me ?? -1;
            poolUnit = await db.People.Where(p => p.Id == visibleTo).Select(p => (int?)p.OrgUnitId).FirstOrDefaultAsync(ct);
        }

        var postgres = db.Database.IsNpgsql();
        var filter = new TicketListFilter(postgres, terms, q.Status?.ToString(), q.OpenOnly ? OpenStatuses : null,
            q.Mine ? me ?? -1 : null, visibleTo, poolUnit, Customers: postgres && terms is not null ? await CustomersNamedAsync(db, terms, ct) : null,
            Due: q.Due, DueFirst: q.DueFirst, Engineer: q.EngineerId, Team: q.TeamId, NowUtc: nowUtc, EndOfTodayUtc: endOfTodayUtc);
        if (terms is null || filter.IsNarrow)
        {
            return filter;
        }

        if (postgres && terms.Any(TicketSearchText.LooksLikeNumber))
        {
            // A ticket number or a part of one (its date part: one day's tickets), a serial number: its matches lie together in
            // time, often far back, where walking the primary key from the newest ticket, as the planner estimates, read every
            // newer ticket (a past day's number prefix 76–102 ms at 100 000). One capped count through the text index decides:
            // few matches are read through the index and sorted, many come soon enough in the walk.
            var matches = (await IdsAsync(db, filter.CountSql(null, FewTickets + 1), filter.Parameters(db, null), ct)).Single();
            if (matches <= FewTickets)
            {
                return filter with { Few = true, ByText = true };
            }

            filter = filter with { ManyMatches = true }; // the whole filter's count, past the list's cap: the list need not count again
        }

        if (filter.Status is null && filter.Statuses is null)
        {
            return filter;
        }

        // A search within a status: when the status holds few tickets (the pool, the cancelled), walking a common word's
        // matches to find them read ~84 000 rows at 1 M (≈ 1 s); the status index gives them directly. One capped count
        // on that index decides which side drives.
        var withoutText = filter with { Terms = null };
        var inStatus = (await IdsAsync(db, withoutText.CountSql(null, FewTickets + 1), withoutText.Parameters(db, null), ct)).Single();
        return inStatus <= FewTickets ? filter with { Few = true } : filter;
    }

    /// <summary>
    /// Up to this many tickets are read whole rather than walked in id order: a status's, their text matched row by row; on
    /// PostgreSQL a number-shaped term's matches, through the text index.
    /// </summary>
    internal const int FewTickets = 5000;

    /// <summary>
    /// PostgreSQL: per term, the customers whose name contains it (the trigram index on the names), found before the tickets'
    /// statement so that the planner sees the actual ids. Inside the statement, as <c>= ANY(ARRAY(SELECT …))</c>, the planner
    /// counted ten customers' share of the tickets (84 % with the demo's six customers), expected the page within the
    /// first rows of the primary key and walked it backwards through every ticket when the text was rare: a ticket number
    /// 200–250 ms at 100 000 tickets, where the text index answers in 2 ms (docs/decisions/0004, decision 7).
    /// </summary>
    internal static async Task<int[][]> CustomersNamedAsync(AppDbContext db, IReadOnlyList<string> terms, CancellationToken ct)
    {
        var customers = new int[terms.Count][];
        for (var i = 0; i < terms.Count; i++)
        {
            customers[i] = (await IdsAsync(db, "SELECT c.\"Id\" AS \"Value\" FROM \"Customers\" AS c WHERE c.\"Name\" ILIKE @name ORDER BY c.\"Id\"",
                [Parameter(db, "name", $"%{TicketSearchText.EscapeLike(terms[i])}%")], ct)).ToArray();
        }

        return customers;
    }

    internal static DbParameter Parameter(AppDbContext db, string name, object? value)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        return p;
    }
}

/// <summary>
/// One list request as SQL over indexes, for SQLite and PostgreSQL. Only fixed fragments are concatenated; every value
/// is a parameter. Internal so that the query-plan tests explain exactly the statements the list runs.
/// </summary>
internal sealed record TicketListFilter(
    bool Postgres,
    IReadOnlyList<string>? Terms,
    string? Status,
    string[]? Statuses,
    int? Mine,
    int? VisibleTo,
    int? PoolUnit,
    bool Few = false,
    IReadOnlyList<int[]>? Customers = null,
    bool ByText = false,
    TicketDue? Due = null,
    bool DueFirst = false,
    int? Engineer = null,
    int? Team = null,
    DateTime NowUtc = default,
    DateTime EndOfTodayUtc = default,
    // Counted already (a number-shaped term on PostgreSQL) and past the cap: the first page needs no count of its own.
    bool ManyMatches = false)
{
    private const string T = "t";

    /// <summary>The statuses in which the service-level clocks are paused.</summary>
    public static readonly string[] WaitingStatuses = [nameof(TicketStatus.WaitingForCustomer), nameof(TicketStatus.WaitingForSupplier)];

    /// <summary>
    /// The page's ids, newest first: the text index drives the search (SQLite reads the FTS5 rowids in descending order and
    /// stops at the page). <see cref="ByText"/>: ordered by <c>Id + 0</c>, which no index delivers, so PostgreSQL reads the few
    /// matches through the text index and sorts them instead of walking the primary key (same order, same rows).
    /// </summary>
    public string PageSql(int? after, int offset, int take) =>
        $"SELECT {Key} AS \"Value\" FROM {Source} WHERE {Where(after).Sql} ORDER BY {Order} LIMIT {take} OFFSET {offset}";

    /// <summary>Newest first by id; or most urgent first: the earliest next due time, through IX_ServiceTickets_NextDue.</summary>
    private string Order => DueFirst ? $"{T}.\"NextDueAtUtc\", {Key}" : $"{Key}{(ByText ? " + 0" : "")} DESC";

    public string CountSql(int? after, int cap) =>
        $"SELECT COUNT(*) AS \"Value\" FROM (SELECT 1 AS x FROM {Source} WHERE {Where(after).Sql} LIMIT {cap}) AS capped";

    /// <summary>Limited to one engineer's tickets, or to a status known to hold few: read to the cap in one statement.</summary>
    public bool IsNarrow => Few || VisibleTo is not null || Mine is not null;

    /// <summary>
    /// The text index drives a dispatcher's search (the newest matches first, stopping at the page). An engineer's tickets
    /// drive their own search instead, so a common word does not walk tens of thousands of matches to find their few.
    /// </summary>
    private bool SqliteSearch => Terms is not null && !Postgres && !IsNarrow;

    private string Source => SqliteSearch
        ? "\"TicketSearch\" CROSS JOIN \"ServiceTickets\" AS t ON t.\"Id\" = \"TicketSearch\".rowid"
        : "\"ServiceTickets\" AS t";

    private string Key => SqliteSearch ? "\"TicketSearch\".rowid" : "t.\"Id\"";

    public DbParameter[] Parameters(AppDbContext db, int? after) =>
        Where(after).Values.Select(v => TicketListing.Parameter(db, v.Key, v.Value)).ToArray();

    /// <summary>The conditions and, beside each, the values of its parameters: one walk, so the two cannot drift apart.</summary>
    private (string Sql, IReadOnlyList<KeyValuePair<string, object?>> Values) Where(int? after)
    {
        var where = new List<string>();
        var values = new List<KeyValuePair<string, object?>>();

        void Add(string condition, params (string Name, object? Value)[] parameters)
        {
            where.Add(condition);
            values.AddRange(parameters.Select(p => KeyValuePair.Create(p.Name, p.Value)));
        }

        if (Terms is not null)
        {
            if (SqliteSearch)
            {
                Add("\"TicketSearch\" MATCH @match", ("match", TicketSearchText.Fts5Query(Terms)));
            }
            else
            {
                // PostgreSQL: the expression of its trigram index, or the customer's name. SQLite, an engineer's few tickets:
                // their text matched by LIKE with the index's own semantics (a microsecond a row, where a lookup in the text
                // index per ticket cost ≈ 140 µs: 864 ms for 6 000 tickets).
                var text = Postgres ? TicketSearchText.PostgresExpression : TicketSearchText.SqliteText(T);
                var like = Postgres ? "ILIKE" : "LIKE";
                var escape = Postgres ? "" : " ESCAPE '\\'";
                var patterns = TicketSearchText.LikePatterns(Terms);
                for (var i = 0; i < patterns.Count; i++)
                {
                    // PostgreSQL, two characters: a field starting or ending with the term, through the index of the fields'
                    // edges; pg_trgm drops the boundary character, so the trigram index offered every ticket holding the two
                    // characters anywhere (82 000 rechecked for none found at 1 M, ≈ 0.5 s).
                    var edges = Postgres && Terms[i].Length < 3;
                    var parameters = edges
                        ? [($"term{i}_0", (object?)Terms[i])]
                        : patterns[i].Select((pattern, j) => ($"term{i}_{j}", (object?)pattern)).ToList();
                    var ofText = edges
                        ? $"{TicketSearchText.PostgresEdgesExpression} @> ARRAY[lower(@term{i}_0)]"
                        : string.Join(" OR ", parameters.Select(p => $"{text} {like} @{p.Item1}{escape}"));

                    if (Postgres && Customers?[i] is { Length: > 0 } customers)
                    {
                        // The ids found beforehand (TicketListing.CustomersNamedAsync): the planner estimates their tickets from
                        // the statistics, where a sub-select's unknown list made it walk the primary key through every ticket.
                        parameters.Add(($"customer{i}", customers));
                        ofText += $" OR t.\"CustomerId\" = ANY(@customer{i})";
                    }

                    Add($"({ofText})", parameters.ToArray());
                }
            }
        }

        if (Status is not null)
        {
            Add($"{T}.\"Status\" = @status", ("status", Status));
        }

        if (Statuses is not null)
        {
            Add($"{T}.\"Status\" IN ({string.Join(", ", Statuses.Select((_, i) => $"@open{i}"))})", Statuses.Select((s, i) => ($"open{i}", (object?)s)).ToArray());
        }

        if (Mine is not null)
        {
            Add($"{T}.\"Id\" IN (SELECT a.\"TicketId\" FROM \"TicketAssignments\" AS a WHERE a.\"EngineerId\" = @mine)", ("mine", Mine));
        }

        if (VisibleTo is not null)
        {
            // PostgreSQL cannot OR a hashed IN with an index condition; = ANY(ARRAY(…)) is computed once and joins a BitmapOr.
            var assigned = Postgres
                ? $"{T}.\"Id\" = ANY(ARRAY(SELECT v.\"TicketId\" FROM \"TicketAssignments\" AS v WHERE v.\"EngineerId\" = @visibleTo))"
                : $"{T}.\"Id\" IN (SELECT v.\"TicketId\" FROM \"TicketAssignments\" AS v WHERE v.\"EngineerId\" = @visibleTo)";
            Add($"({assigned} OR ({T}.\"Status\" = @inPool AND {T}.\"PoolUnitId\" = @poolUnit))",
                ("visibleTo", VisibleTo), ("inPool", nameof(TicketStatus.InPool)), ("poolUnit", PoolUnit));
        }

        if (Engineer is not null)
        {
            Add($"{T}.\"Id\" IN (SELECT e.\"TicketId\" FROM \"TicketAssignments\" AS e WHERE e.\"EngineerId\" = @engineer)", ("engineer", Engineer));
        }

        if (Team is not null)
        {
            Add($"{T}.\"Id\" IN (SELECT m.\"TicketId\" FROM \"TicketAssignments\" AS m INNER JOIN \"People\" AS p ON p.\"Id\" = m.\"EngineerId\" " +
                "WHERE m.\"IsLead\" AND p.\"OrgUnitId\" = @team)", ("team", Team));
        }

        var waiting = $"{T}.\"Status\" IN (@waiting0, @waiting1)";
        (string, object?)[] waitingValues = [("waiting0", WaitingStatuses[0]), ("waiting1", WaitingStatuses[1])];
        switch (Due)
        {
            case TicketDue.Overdue:
                Add($"{T}.\"NextDueAtUtc\" < @now AND NOT ({waiting})", [("now", NowUtc), .. waitingValues]);
                break;
            case TicketDue.DueToday:
                Add($"{T}.\"NextDueAtUtc\" >= @now AND {T}.\"NextDueAtUtc\" < @endOfToday AND NOT ({waiting})",
                    [("now", NowUtc), ("endOfToday", EndOfTodayUtc), .. waitingValues]);
                break;
            case TicketDue.Waiting:
                Add(waiting, waitingValues);
                break;
        }

        if (DueFirst)
        {
            // Only tickets with a pending target have a place in "most urgent first"; the rest are not urgent at all.
            Add($"{T}.\"NextDueAtUtc\" IS NOT NULL");
        }

        if (after is not null)
        {
            Add($"{Key} < @after", ("after", after));
        }

        return (where.Count == 0 ? "1 = 1" : string.Join(" AND ", where), values);
    }
}
