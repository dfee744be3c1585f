using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Web.Features.Tickets;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Web.Tests.Tickets;

/// <summary>
/// What one ticket creation costs the database (issue 11 point 4/8, docs/decisions/0005-ticket-creation-path.md), counted
/// instead of timed: an upper bound on the SQL commands of one POST /api/v1/tickets, session check included, and exactly one
/// transaction. And what the cheaper path must not lose: the answer built from what was written is the ticket as read back,
/// its service-level outcome rows name it, and a retried key gives the same ticket.
/// </summary>
[Trait("Rule", "R-TKT-2")]
public sealed class TicketCreationCostTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>
    /// Session check, idempotency key, customer, unit with model, reference-data stamp, number, ticket, its two events, its audit
    /// row, its idempotency record: 11, plus one per service-level outcome row (SQLite writes one row per command; PostgreSQL
    /// batches, and stays under the same bound). Before issue 11: 26 commands in 2 write transactions.
    /// </summary>
    public const int MaxCommandsBesidesOutcomeRows = 11;

    [Fact]
    public Task One_creation_is_one_transaction_of_a_few_commands_and_answers_what_was_written() => CheckAsync(app);

    [Fact]
    public async Task The_same_on_postgres()
    {
        Requirements.Postgres();
        await using var postgres = new PostgresTestApp();
        await CheckAsync(postgres);
    }

    internal static async Task CheckAsync(TestApp app)
    {
        app.Server.PreserveExecutionContext = true; // the requests of clients made from now on run in the recording's async flow
        using var specialist = app.ClientFor("specialist");

        // The day's first ticket starts the day's counter and fills the caches: measured is the usual, second one.
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(specialist, "first-" + Guid.NewGuid().ToString("N"))).StatusCode);

        var key = "cost-" + Guid.NewGuid().ToString("N");
        var writer = app.Services.GetRequiredService<TicketWriter>();
        var commitsBefore = writer.Commits;
        HttpResponseMessage created;
        CommandRecorder recorded;
        using (recorded = CommandRecorder.Start())
        {
            created = await PostAsync(specialist, key);
        }

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answer = await created.ReadJsonAsync();
        var outcomeRows = answer.GetProperty("serviceLevels").GetArrayLength();
        Assert.True(recorded.Commands.Count <= MaxCommandsBesidesOutcomeRows + outcomeRows,
            $"{recorded.Commands.Count} commands for {outcomeRows} outcome rows:{Environment.NewLine}{recorded.Describe()}");
        // The creation ran in a batch of the group-committing writer, which began and committed the transaction (both providers).
        Assert.True(recorded.Transactions == 0 && writer.Commits == commitsBefore + 1,
            $"{recorded.Transactions} transactions of its own, {writer.Commits - commitsBefore} commits:{Environment.NewLine}{recorded.Describe()}");

        // The answer is the ticket as a later read shows it (the fake clock stands still, so even the clocks agree).
        var id = answer.GetProperty("id").GetInt32();
        var read = await (await specialist.GetAsync(new Uri($"/api/v1/tickets/{id}", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal(JsonSerializer.Serialize(read), JsonSerializer.Serialize(answer));
        Assert.NotEmpty(answer.GetProperty("serviceLevels").EnumerateArray());

        // The outcome rows written with the ticket name it by its database id; the calendar stamp is the one shown.
        var (outcomes, calendarVersion) = await app.WithDbAsync(async db => (
            await db.TicketServiceLevelOutcomes.CountAsync(o => o.TicketId == id),
            await db.Tickets.Where(t => t.Id == id).Select(t => t.ServiceLevelCalendarVersion).SingleAsync()));
        Assert.Equal(answer.GetProperty("serviceLevels").GetArrayLength(), outcomes);
        Assert.Equal(answer.GetProperty("calendar").GetProperty("version").GetInt32(), calendarVersion);

        // A retry with the same key is the same ticket, not a second one.
        var again = await PostAsync(specialist, key);
        Assert.Equal(id, (await again.ReadJsonAsync()).GetProperty("id").GetInt32());
        Assert.Equal(1, await app.WithDbAsync(db => db.IdempotencyRecords.CountAsync(r => r.Key == key && r.ResourceId == id)));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
        {
            Content = JsonContent.Create(new
            {
                customerId = 1, contactName = "赵建华", contactPhone = "13703710101", siteAddress = "郑州市金水区农业路18号", distanceKm = 12m,
                serialNumber = "LZYTBGCK0R1000101", faultCategory = "Body", faultDescription = "计数 " + key, urgency = "Normal", channel = "Phone",
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
