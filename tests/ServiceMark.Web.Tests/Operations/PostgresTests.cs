using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Organisation;

namespace ServiceMark.Web.Tests.Operations;

/// <summary>The same flows on PostgreSQL: migrations, seeding, audit triggers, optimistic concurrency.</summary>
public sealed class PostgresTests
{
    [Fact]
    public async Task Migrates_seeds_and_serves_people_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        using var hr = app.ClientFor("hr");
        var page = await hr.GetFromJsonAsync<PageOf<PersonView>>("/api/v1/people?pageSize=100", Json.Options);
        Assert.Equal(29, page!.Total); // 30 seeded, one has left
        using var client = app.ClientFor(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_follow_up_list_pages_newest_due_first_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        await Surveys.FollowUpListTests.ClosedAMinuteAgoIsFirstAsync(app);
    }

    [Fact]
    [Trait("Rule", "R-PRT-1")]
    public async Task Twenty_people_taking_one_of_ten_units_at_once_get_exactly_ten_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        await Parts.StockLedgerTests.RaceAsync(app, stock: 10m, takers: 20);
        await Parts.StockLedgerTests.RaceAsync(app, stock: 1m, takers: 2);

        // The ledger's own trigger refuses changes, as the audit log's does.
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"LedgerEntries\" SET \"Reason\" = 'x'")));
        Assert.Equal("The stock ledger is append-only.", refused.MessageText);
    }

    [Fact]
    [Trait("Rule", "R-PRT-3")]
    public async Task The_parts_facts_and_the_signed_reports_consumption_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        await Parts.PartFactsTests.WorkedExampleAsync(app);
        await Parts.StockLedgerTests.AssertBookEqualsStockAsync(app);
    }

    [Fact]
    [Trait("Rule", "R-EXP-1")]
    public async Task Advances_are_settled_by_claims_both_ways_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        await Expenses.ExpenseTests.SettlesBothWaysAsync(app);
    }

    [Fact]
    [Trait("Rule", "R-EXP-1")]
    public async Task Ticket_costs_and_their_summaries_add_up_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        await Expenses.TicketCostTests.AddsUpAsync(app);
    }

    [Fact]
    [Trait("Rule", "R-EXP-1")]
    public async Task The_cost_facts_are_the_tickets_own_costs_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        await Expenses.CostFactsTests.AddUpAsync(app);
    }

    [Fact]
    [Trait("Rule", "R-EXP-2")]
    public async Task The_contract_facts_score_the_amount_signed_and_the_money_paid_on_time_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        await Contracts.ContractTests.AddUpAsync(app);
    }

    [Fact]
    [Trait("Rule", "R-RMA-1")]
    public async Task The_return_facts_score_the_first_test_the_promised_day_and_the_turnaround_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        await Returns.ReturnTests.AddUpAsync(app);
    }

    [Fact]
    [Trait("Rule", "R-EXP-3")]
    public async Task The_installation_completion_fact_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        await Installations.InstallationFactsTests.AddUpAsync(app);
    }

    [Fact]
    [Trait("Rule", "R-EXP-1")]
    public async Task Budgets_are_compared_with_the_records_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        await Budgets.BudgetTests.ComparesAsync(app);
    }

    [Fact]
    [Trait("Rule", "R-EXP-2")]
    public async Task A_contract_is_renewed_once_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        await new Contracts.ContractTests(app).A_contract_is_renewed_once_by_a_draft_for_its_next_term();
    }

    [Fact]
    [Trait("Rule", "R-TKT-5")]
    public async Task Overdue_reminders_are_written_once_a_round_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        await new Reminders.OverdueReminderTests(app).Late_cash_receivables_and_returns_are_reminded_once_a_round_until_settled();
    }

    [Fact]
    public async Task Demo_history_copies_on_postgres_and_the_app_numbers_on_after_them()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        await DemoHistoryTests.CopiesAsync(app);
    }

    [Fact]
    public async Task Audit_rows_are_append_only_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        app.ClientFor(null).Dispose(); // start the host: migrate and seed
        Task<List<string>> RowsAsync() => app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => a.Id + "|" + a.ActorName + "|" + a.EntityType + "|" + a.EntityId + "|" + a.Action + "|" + a.AfterJson + "|" + a.Reason).ToListAsync());
        var before = await RowsAsync();
        Assert.NotEmpty(before);

        // The trigger's own refusal (RAISE EXCEPTION, SQLSTATE P0001) — not a syntax error, a missing table or a lost connection.
        foreach (var sql in new[] { "UPDATE \"AuditEntries\" SET \"ActorName\" = 'x'", "DELETE FROM \"AuditEntries\"", "TRUNCATE \"AuditEntries\"" })
        {
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql)));
            Assert.Equal(Npgsql.PostgresErrorCodes.RaiseException, refused.SqlState);
            Assert.Equal("The audit log is append-only.", refused.MessageText);
        }

        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task The_one_pass_facts_for_many_people_equal_each_persons_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        app.ClientFor(null).Dispose(); // start the host: migrate and seed
        await ServiceFacts.ServiceFactsForEachPersonTests.CheckAsync(app);
    }

    [Fact]
    public async Task The_facts_sql_gives_the_domains_facts_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        app.ClientFor(null).Dispose(); // start the host: migrate and seed
        await ServiceFacts.FactDefinitionTests.CheckAsync(app);
    }

    [Fact]
    public async Task The_facts_queries_use_indexes_and_never_scan_the_tickets_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        await ServiceFacts.FactsQueryPlanTests.CheckAsync(app);
    }

    [Fact]
    public async Task A_stale_update_is_a_409_on_postgres()
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        using var hr = app.ClientFor("hr");
        var id = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0013").Select(p => p.Id).SingleAsync());
        var person = (await hr.GetFromJsonAsync<PersonView>($"/api/v1/people/{id}", Json.Options))!;
        var request = new PersonRequest(person.EmployeeNumber, "郭磊磊", person.Phone, person.Email, person.PositionId, person.OrgUnitId,
            person.SuperiorId, person.Status.ToString(), person.HireDate, person.ProbationEndDate, person.Version);
        Assert.Equal(HttpStatusCode.OK, (await hr.PutAsJsonAsync($"/api/v1/people/{id}", request, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PutAsJsonAsync($"/api/v1/people/{id}", request with { Name = "又改" }, Json.Options)).StatusCode);
    }

    /// <summary>PostgreSQL names the violated index (23505, IX_…) where SQLite names the columns: the same 409 naming the field.</summary>
    [Theory]
    [InlineData("person")]
    [InlineData("customer")]
    [InlineData("grade record")]
    public async Task Parallel_duplicate_creates_give_one_success_and_409s_naming_the_field_on_postgres(string entity)
    {
        Requirements.Postgres();
        await using var app = new PostgresTestApp();
        await DuplicateCreates.CheckAsync(app, entity);
    }
}
