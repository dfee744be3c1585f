using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Tests.ServiceFacts;

/// <summary>
/// Regression guard for the facts in SQL (issue 11): every aggregate (one GROUP BY per source) and every evidence query,
/// for one person, a few, many (a department's scoring), people together and everyone, reads indexes and never scans
/// the ServiceTickets table — nor walks a whole ticket index (SQLite "SCAN t USING COVERING INDEX"), which at 1 M
/// tickets reads every ticket to keep a period's. No timing: the plans themselves.
/// </summary>
public sealed partial class FactsQueryPlanTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public Task The_facts_and_evidence_queries_use_indexes_and_never_scan_the_tickets() => CheckAsync(app);

    /// <summary>Also run on PostgreSQL (PostgresTests), where the plan is EXPLAIN's.</summary>
    internal static async Task CheckAsync(TestApp app)
    {
        app.ClientFor(null).Dispose(); // start the host: migrate and seed
        var registry = app.Services.GetRequiredService<FactRegistry>();
        var scopes = new[]
        {
            new FactScope([1], ByPerson: true),
            new FactScope([.. Enumerable.Range(1, 30)], ByPerson: true),
            new FactScope([1, 2, 3], ByPerson: false),
            new FactScope([.. Enumerable.Range(1, 30)], ByPerson: false),
            FactScope.Everyone,
        };
        var (fromUtc, toUtc) = (new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc));
        await app.WithDbAsync(async db =>
        {
            var sql = new FactSql(db.Database.IsNpgsql());
            foreach (var scope in scopes)
            {
                var statements = registry.Definitions.Select(d => d.Source).Distinct().Select(s => registry.AggregateSql(s, scope, sql))
                    .Concat(registry.Definitions.Select(d => FactRegistry.EvidenceSql(d, scope, sql, paged: true)))
                    .Concat(registry.Definitions.Select(d => FactRegistry.EvidenceCountSql(d, scope, sql)))
                    .Concat(registry.Definitions.GroupBy(d => d.Source).Select(g => FactRegistry.EvidenceSql(g.Select(d => (d, "")).ToList(), scope, sql)));
                foreach (var statement in statements)
                {
                    var plan = await FactPlans.PlanAsync(db, statement, fromUtc, toUtc);
                    var shown = $"{statement}\n→ {string.Join("\n  ", plan)}";
                    Assert.False(QueryPlans.ScansTable(plan, "ServiceTickets"), shown);
                    Assert.DoesNotContain(plan, line => TicketIndexWalk().IsMatch(line));
                    Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal) && line.Contains("ServiceTickets", StringComparison.Ordinal));
                }

                // SQLite reads the tickets' durations as integers from the facts index (ADR 0006.9), not from the rows.
                if (!sql.IsPostgres && scope.People is null or { Count: > 20 })
                {
                    var tickets = registry.Definitions.Select(d => d.Source).First(s => s == TicketFacts.Tickets);
                    var plan = await FactPlans.PlanAsync(db, registry.AggregateSql(tickets, scope, sql), fromUtc, toUtc);
                    Assert.Contains(plan, line => line.StartsWith("SEARCH t USING ", StringComparison.Ordinal) && line.Contains("IX_ServiceTickets_Facts", StringComparison.Ordinal));
                }
            }

            return 0;
        });
    }

    /// <summary>SQLite walking a whole index of the tickets (t: the period's tickets, x: the repeat faults of one).</summary>
    [GeneratedRegex("^SCAN (t|x)( |$)")]
    private static partial Regex TicketIndexWalk();
}
