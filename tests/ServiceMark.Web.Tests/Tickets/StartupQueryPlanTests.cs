using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Tickets;

/// <summary>
/// Every start asks whether any ticket was never measured (TicketOutcomes.BackfillAsync). At 1 M tickets that question was
/// a 1.1 s table scan of a 3 s start (issue 11); the partial index IX_ServiceTickets_Unmeasured answers it. The statement
/// checked is the one the app sends, recorded as it runs.
/// </summary>
public sealed class StartupQueryPlanTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public Task The_startup_check_for_unmeasured_tickets_reads_its_partial_index() => CheckAsync(app);

    [Fact]
    public async Task The_same_on_postgres()
    {
        Requirements.Postgres();
        await using var postgres = new PostgresTestApp();
        await CheckAsync(postgres);
    }

    private static async Task CheckAsync(TestApp app)
    {
        app.ClientFor(null).Dispose(); // start the host: migrate and seed
        var outcomes = app.Services.GetRequiredService<TicketOutcomes>();
        string statement;
        using (var recorded = CommandRecorder.Start())
        {
            Assert.Equal(0, await app.WithDbAsync(db => outcomes.BackfillAsync(db, CancellationToken.None)));
            statement = Assert.Single(recorded.Commands);
        }

        Assert.Contains("\"ServiceLevelCalendarVersion\" IS NULL", statement, StringComparison.Ordinal);
        var plan = await app.WithDbAsync(db => QueryPlans.PlanAsync(db, statement));
        Assert.Contains(plan, line => line.Contains("IX_ServiceTickets_Unmeasured", StringComparison.Ordinal));
        Assert.False(QueryPlans.ScansTable(plan, "ServiceTickets"), string.Join(Environment.NewLine, plan));
    }
}
