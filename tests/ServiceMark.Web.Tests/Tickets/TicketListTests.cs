using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Tickets;
using ServiceMark.Domain.Organisation;

namespace ServiceMark.Web.Tests.Tickets;

/// <summary>
/// The ticket list and search (issue 11, docs/decisions/0004): parts of Chinese words and serial-number fragments are
/// found through the text index, pages follow a cursor or a date, counts stop at a cap, engineers see only their own —
/// on SQLite and on PostgreSQL — and every list statement reads its indexes instead of scanning the tickets.
/// </summary>
[Trait("Rule", "R-TKT-2")]
public sealed class TicketListTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public Task Search_finds_parts_of_words_fragments_of_serials_and_follows_a_rename() => SearchAsync(app);

    [Fact]
    public async Task Search_on_postgres()
    {
        Requirements.Postgres();
        await using var postgres = new PostgresTestApp();
        await SearchAsync(postgres);
    }

    [Fact]
    public Task Pages_follow_the_cursor_and_jump_to_a_date() => PagingAsync(app);

    [Fact]
    public async Task Paging_on_postgres()
    {
        Requirements.Postgres();
        await using var postgres = new PostgresTestApp();
        await PagingAsync(postgres);
    }

    [Fact]
    public Task Every_list_statement_reads_indexes() => PlansAsync(app);

    [Fact]
    public async Task Plans_on_postgres()
    {
        Requirements.Postgres();
        await using var postgres = new PostgresTestApp();
        await PlansAsync(postgres);
    }

    [Fact]
    public Task A_ticket_number_is_found_whole_or_in_part_through_the_text_index() => NumberSearchAsync(app);

    [Fact]
    public async Task Number_search_on_postgres()
    {
        Requirements.Postgres();
        await using var postgres = new PostgresTestApp();
        await NumberSearchAsync(postgres);
    }

    [Fact]
    public async Task A_term_too_short_or_a_page_too_deep_is_a_field_error()
    {
        using var specialist = app.ClientFor("specialist");
        var shortTerm = await specialist.GetAsync(new Uri("/api/v1/tickets?search=" + Uri.EscapeDataString("漏 气泵"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, shortTerm.StatusCode);
        Assert.Equal(["search"], await shortTerm.FieldErrorsAsync());

        var deep = await specialist.GetAsync(new Uri($"/api/v1/tickets?page={(TicketListing.CountCap / 25) + 1}&pageSize=25", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, deep.StatusCode);
        Assert.Equal(["page"], await deep.FieldErrorsAsync());

        var far = await specialist.GetAsync(new Uri("/api/v1/tickets?from=9999-12-31", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, far.StatusCode);
        Assert.Equal(["from"], await far.FieldErrorsAsync());

        // Quotes and FTS5 operators in a term are text, not syntax.
        var operators = await specialist.GetAsync(new Uri("/api/v1/tickets?search=" + Uri.EscapeDataString("\"a\" OR NEAR(b* -c)"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, operators.StatusCode);

        using var warehouse = app.ClientFor("warehouse");
        Assert.Equal(HttpStatusCode.Forbidden, (await warehouse.GetAsync(new Uri("/api/v1/tickets?search=abc", UriKind.Relative))).StatusCode);
    }

    private static async Task SearchAsync(TestApp app)
    {
        var unique = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        using var admin = app.ClientFor("admin");
        var created = await admin.PostAsJsonAsync("/api/v1/customers", new { code = "S" + unique, name = $"豫东宏运客车有限公司{unique}", region = "河南" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customer = await created.ReadJsonAsync();
        var customerId = customer.GetProperty("id").GetInt32();

        var ticket = await CreateAsync(app, customerId, contact: "欧阳明", serial: $"LZYTBGCK0R{unique}", description: "后桥异响，气泵漏气明显");
        var other = await CreateAsync(app, 1, contact: "王建国", serial: $"LGHXCAE2{unique}", description: "仪表盘报警灯常亮");

        using var specialist = app.ClientFor("specialist");
        async Task<IReadOnlyList<int>> Found(string search) =>
            (await GetPageAsync(specialist, "search=" + Uri.EscapeDataString(search) + "&pageSize=50")).Items.Select(t => t.Id).ToList();

        Assert.Contains(ticket.Id, await Found("宏运客车"));         // inside the customer's name
        Assert.Contains(ticket.Id, await Found("豫东"));             // two characters: the start of a field
        Assert.Contains(ticket.Id, await Found("欧阳"));
        Assert.Contains(ticket.Id, await Found("阳明"));             // two characters: the end of a field
        Assert.DoesNotContain(ticket.Id, await Found("桥异"));       // two characters inside a field: not by design (ADR 0004)
        Assert.Contains(ticket.Id, await Found("lz"));               // two characters, any case: the start of the serial
        Assert.Contains(ticket.Id, await Found("气泵漏"));           // inside the fault description
        Assert.Contains(ticket.Id, await Found($"k0r{unique[..3]}")); // a serial fragment, any case
        Assert.Contains(ticket.Id, await Found(ticket.Number[^5..])); // the end of the ticket number
        Assert.Equal([ticket.Id], await Found($"宏运客 气泵漏 {unique}")); // every word must match
        Assert.Empty(await Found($"宏运客 仪表盘 {unique}"));
        Assert.Equal([other.Id], await Found($"LGHXCAE2{unique}"));

        // Within a status holding few tickets, the tickets of the status are read and their text matched row by row.
        Assert.Equal([ticket.Id], (await GetPageAsync(specialist, $"search=气泵漏+{unique}&status=Classified")).Items.Select(t => t.Id));
        Assert.Empty((await GetPageAsync(specialist, $"search=气泵漏+{unique}&status=Closed")).Items);

        var version = customer.GetProperty("version").GetInt32();
        var renamed = await admin.PutAsJsonAsync($"/api/v1/customers/{customerId}", new { code = "S" + unique, name = $"洛阳金龙巴士{unique}", region = "河南", isActive = true, version });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal([ticket.Id], await Found($"金龙巴士{unique}"));
        Assert.Empty(await Found($"宏运客车有限公司{unique}"));
    }

    /// <summary>
    /// A ticket number, whole, its date part or its end, and a number that matches nothing: the same tickets as the text
    /// holds them (newest first), and on PostgreSQL the plan reads the text index instead of walking the primary key through
    /// every ticket. That walk (200–250 ms at 100 000 tickets) came from the customer names' sub-select inside the statement,
    /// estimated as ten customers' tickets; the customers are now found first and passed as ids (none for a number).
    /// </summary>
    private static async Task NumberSearchAsync(TestApp app)
    {
        var unique = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var ticket = await CreateAsync(app, 1, contact: "张卫东", serial: $"LNUM0R{unique}100301", description: "刹车片磨损报警");
        using var specialist = app.ClientFor("specialist");
        async Task<IReadOnlyList<int>> Found(string search) =>
            (await GetPageAsync(specialist, "search=" + Uri.EscapeDataString(search) + "&pageSize=50")).Items.Select(t => t.Id).ToList();

        // What the text holds, read without any text index: number, contact, serial, fault description or customer name.
        Task<List<int>> Expected(string term) => app.WithDbAsync(db => (
            from t in db.Tickets
            join c in db.Customers on t.CustomerId equals c.Id
            where t.Number.Contains(term) || t.ContactName.Contains(term) || (t.SerialNumber != null && t.SerialNumber.Contains(term))
                  || t.FaultDescription.Contains(term) || c.Name.Contains(term)
            orderby t.Id descending
            select t.Id).Take(50).ToListAsync());

        foreach (var term in new[] { ticket.Number, ticket.Number[..^4], ticket.Number[1..^4], ticket.Number[^6..], "SM29991231-9999", $"LNUM0R{unique}100301" })
        {
            var expected = await Expected(term);
            Assert.Equal(expected, await Found(term));
            if (term.StartsWith("SM", StringComparison.Ordinal))
            {
                Assert.Empty(expected);
            }
            else
            {
                Assert.Contains(ticket.Id, expected);
            }
        }

        if (!app.UsesPostgres)
        {
            return;
        }

        // The walk shows only on a table of some size, with statistics: 20 000 newer copies of another ticket (numbers
        // B000000001…), analysed as autovacuum would. On the few tickets of the test database walking the primary key is the cheapest plan.
        await CreateAsync(app, 1, contact: "李四", serial: "LGHXCAE2FILLER", description: "仪表盘报警灯常亮");
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """
            DO $$
            DECLARE cols text;
            BEGIN
              SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO cols
              FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'ServiceTickets' AND column_name NOT IN ('Id', 'Number');
              EXECUTE format('INSERT INTO "ServiceTickets" ("Number", %s) SELECT ''B'' || lpad(g::text, 9, ''0''), %s FROM "ServiceTickets" AS s CROSS JOIN generate_series(1, 20000) AS g WHERE s."Id" = (SELECT max("Id") FROM "ServiceTickets" WHERE "SerialNumber" = ''LGHXCAE2FILLER'')', cols, cols);
            END $$;
            ANALYZE "ServiceTickets";
            ANALYZE "Customers";
            """));
        var dispatcher = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, RoleNames.Specialist)], "test"));
        foreach (var term in new[] { ticket.Number, ticket.Number[..^4], ticket.Number[1..^4], "SM29991231-9999", $"LNUM0R{unique}100301" })
        {
            var (filter, plan) = await app.WithDbAsync(async db =>
            {
                var filter = await TicketListing.FilterOfAsync(db, new TicketQuery(Search: term), TicketSearchText.Terms(term), dispatcher, default);
                return (filter, await QueryPlans.PlanAsync(db, filter.PageSql(null, 0, TicketListing.CountCap + 1), filter.Parameters(db, null)));
            });
            var shown = $"{term}: {filter.PageSql(null, 0, TicketListing.CountCap + 1)}{Environment.NewLine}{string.Join(Environment.NewLine, plan)}";
            Assert.True(filter.ByText && filter.IsNarrow, shown);
            Assert.True(plan.Any(line => line.Contains("IX_ServiceTickets_SearchText", StringComparison.Ordinal)), shown);
            Assert.False(plan.Any(line => line.Contains("PK_ServiceTickets", StringComparison.Ordinal)), shown);
            Assert.DoesNotContain("ARRAY(SELECT", filter.PageSql(null, 0, 26), StringComparison.Ordinal);
        }

        // A number-shaped term that matches every copy walks the primary key as before: the newest matches come first.
        var common = await app.WithDbAsync(db => TicketListing.FilterOfAsync(db, new TicketQuery(Search: "B0000"), ["B0000"], dispatcher, default));
        Assert.False(common.ByText);
        Assert.Equal(25, (await GetPageAsync(specialist, "search=B0000&pageSize=25")).Items.Count);
        Assert.Equal(await Expected(ticket.Number[..^4]), await Found(ticket.Number[..^4]));
    }

    private static async Task PagingAsync(TestApp app)
    {
        var unique = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await CreateAsync(app, 1, "李四", $"PG{unique}{i}", "车门无法关闭")).Id);
        }

        using var specialist = app.ClientFor("specialist");
        var first = await GetPageAsync(specialist, $"search=PG{unique}&pageSize=2");
        Assert.Equal(3, first.Total);
        Assert.True(first.TotalIsExact);
        Assert.Equal(ids.OrderDescending().Take(2), first.Items.Select(t => t.Id));
        Assert.NotNull(first.Next);

        var second = await GetPageAsync(specialist, $"search=PG{unique}&pageSize=2&after={first.Next}");
        Assert.Equal([ids.Min()], second.Items.Select(t => t.Id));
        Assert.Null(second.Next);

        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        Assert.Equal(3, (await GetPageAsync(specialist, $"search=PG{unique}&from={today.AddDays(1):yyyy-MM-dd}")).Items.Count);
        Assert.Empty((await GetPageAsync(specialist, $"search=PG{unique}&from={today.AddDays(-2):yyyy-MM-dd}")).Items);

        // An engineer finds only the tickets assigned to them, also by search.
        var driver = new TicketDriver(app);
        var assigned = await driver.CreateAsync(serial: $"EN{unique}");
        assigned = await TicketDriver.ActAsync(specialist, assigned, "dispatch", new { engineerIds = new[] { await driver.PersonIdAsync("E0011") } });
        using var engineer = app.ClientFor("engineer");
        using var engineer2 = app.ClientFor("engineer2");
        Assert.Equal([assigned.Id], (await GetPageAsync(engineer, $"search=EN{unique}")).Items.Select(t => t.Id));
        Assert.Equal([assigned.Id], (await GetPageAsync(engineer, $"search=EN{unique}&mine=true&openOnly=true")).Items.Select(t => t.Id));
        Assert.Empty((await GetPageAsync(engineer2, $"search=EN{unique}")).Items);
        Assert.DoesNotContain((await GetPageAsync(engineer2, "pageSize=200")).Items, t => t.Id == assigned.Id);
    }

    /// <summary>
    /// The statements of every list shape, explained with their parameters bound. None scans the tickets table; the
    /// unfiltered list walks the primary key backwards and stops at the page (no sort of every ticket).
    /// </summary>
    private static async Task PlansAsync(TestApp app)
    {
        app.ClientFor(null).Dispose();
        var postgres = app.UsesPostgres;
        var open = new[] { "Reported", "Dispatched", "Accepted" };
        var shapes = new Dictionary<string, TicketListFilter>
        {
            ["status"] = new(postgres, null, "Classified", null, null, null, null),
            ["open only"] = new(postgres, null, null, open, null, null, null),
            ["engineer"] = new(postgres, null, null, null, null, 7, 3),
            ["engineer, mine, open"] = new(postgres, null, null, open, 7, 7, 3),
            // PostgreSQL: the customers whose names hold a term are found first (TicketListing.CustomersNamedAsync) and passed as ids.
            ["search"] = new(postgres, ["宏运客车"], null, null, null, null, null, Customers: postgres ? [[1, 2]] : null),
            ["search, two characters"] = new(postgres, ["欧阳"], null, null, null, null, null, Customers: postgres ? [[1]] : null),
            ["search, two characters and open"] = new(postgres, ["欧阳", "K0R77"], null, open, null, null, null, Customers: postgres ? [[1], []] : null),
            ["engineer's search"] = new(postgres, ["气泵漏"], null, null, null, 7, 3),
            ["search within a status that holds few tickets"] = new(postgres, ["气泵漏"], "InPool", null, null, null, null, Few: true),
            ["overdue"] = new(postgres, null, null, null, null, null, null, Due: TicketDue.Overdue, NowUtc: DateTime.UtcNow),
            ["due today, most urgent first"] = new(postgres, null, null, null, null, null, null, Due: TicketDue.DueToday, DueFirst: true,
                NowUtc: DateTime.UtcNow, EndOfTodayUtc: DateTime.UtcNow.AddHours(8)),
            ["most urgent first"] = new(postgres, null, null, null, null, null, null, DueFirst: true),
            ["an engineer's and a team's"] = new(postgres, null, null, null, null, null, null, Engineer: 7, Team: 3),
        };

        foreach (var (name, filter) in shapes)
        {
            foreach (var sql in new[] { filter.PageSql(after: 1000, offset: 0, take: 26), filter.CountSql(after: null, cap: TicketListing.CountCap + 1) })
            {
                var plan = await app.WithDbAsync(db => QueryPlans.PlanAsync(db, sql, sql.Contains("@after", StringComparison.Ordinal) ? filter.Parameters(db, 1000) : filter.Parameters(db, null)));
                var shown = $"{name}: {sql}{Environment.NewLine}{string.Join(Environment.NewLine, plan)}";
                Assert.False(ScansTickets(plan), shown);
                // PostgreSQL picks by cost among usable indexes: on a few test rows it prefers the primary key under a cursor or the
                // status index beside a status filter, so there the text index is required where it is the only way in.
                // An engineer's search reads the engineer's tickets (through the assignments) and matches their text there.
                if (filter.Terms is not null && !filter.IsNarrow && (!postgres || (!sql.Contains("@after", StringComparison.Ordinal) && filter.Statuses is null)))
                {
                    // PostgreSQL reads a two-character term through the index of the fields' edges (pg_trgm cannot see the boundary).
                    var index = !postgres ? "VIRTUAL TABLE" : filter.Terms.All(t => t.Length < 3) ? "IX_ServiceTickets_SearchEdges" : "IX_ServiceTickets_SearchText";
                    Assert.True(plan.Any(line => line.Contains(index, StringComparison.Ordinal)), shown);
                }
            }
        }

        if (postgres)
        {
            return; // a table of a few rows is sorted in memory on PostgreSQL whatever the indexes: the walk is checked on SQLite
        }

        var all = new TicketListFilter(postgres, null, null, null, null, null, null);
        var allPlan = await app.WithDbAsync(db => QueryPlans.PlanAsync(db, all.PageSql(null, 0, 26), all.Parameters(db, null)));
        Assert.DoesNotContain(allPlan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal) || line.Contains("Sort", StringComparison.Ordinal));
    }

    /// <summary>A full scan of the tickets (SQLite "SCAN t", PostgreSQL "Seq Scan"); the count's "SCAN capped" reads only the capped rows.</summary>
    private static bool ScansTickets(IReadOnlyList<string> plan) =>
        plan.Any(line => line is "SCAN t" or "SCAN ServiceTickets" || line.StartsWith("SCAN t USING", StringComparison.Ordinal) && !line.Contains("INDEX", StringComparison.Ordinal))
        || QueryPlans.ScansTable(plan.Where(line => !line.StartsWith("SCAN ", StringComparison.Ordinal)), "ServiceTickets");

    private static async Task<TicketView> CreateAsync(TestApp app, int customerId, string contact, string serial, string description)
    {
        using var specialist = app.ClientFor("specialist");
        var response = await specialist.PostAsJsonAsync("/api/v1/tickets", new
        {
            customerId, contactName = contact, contactPhone = "13703710101", siteAddress = "郑州市金水区农业路18号", distanceKm = 12m,
            serialNumber = serial, mileageKm = 86000m, faultCategory = "Body", faultDescription = description, urgency = "High", channel = "Phone",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<TicketView>();
    }

    private static async Task<TicketPage> GetPageAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync(new Uri("/api/v1/tickets?" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<TicketPage>();
    }
}
