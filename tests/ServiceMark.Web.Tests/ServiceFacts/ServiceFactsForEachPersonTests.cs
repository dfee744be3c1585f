using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.ServiceFacts;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Tests.ServiceFacts;

/// <summary>
/// The facts for many people at once (scoring a period: the database groups by person) must equal, for each person, the
/// facts of that person alone (grouped together), with the same evidence as the evidence endpoint lists.
/// </summary>
[Trait("Rule", "R-ASM-10")]
public sealed class ServiceFactsForEachPersonTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly ClaimsPrincipal Head =
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "head"), new Claim(ClaimTypes.Role, RoleNames.DepartmentHead)], "test"));

    [Fact]
    public Task Each_persons_facts_equal_the_calculators_and_evidence_is_kept_only_where_asked() => CheckAsync(app);

    /// <summary>Also run on PostgreSQL (PostgresTests): the rows are read by column, so each provider's types matter.</summary>
    internal static async Task CheckAsync(TestApp app)
    {
        var driver = new TicketDriver(app);
        await driver.CloseAsync(await driver.CreateAsync(), "E0012", "E0012");
        await driver.CloseAsync(await driver.CreateAsync("LZYTBGCK0R1000102"), "E0012", "E0012", () => app.Clock.Advance(TimeSpan.FromMinutes(30)));
        await driver.CloseAsync(await driver.CreateAsync("LZYTBGCK0P1000103"), "E0018", "E0018");
        await driver.CreateAsync("LZYTBGCK0S1000201"); // open, nobody assigned: counts for no one
        var people = new[] { await driver.PersonIdAsync("E0012"), await driver.PersonIdAsync("E0018"), await driver.PersonIdAsync("E0019") };
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var (from, to) = (today.AddDays(-1), today.AddDays(1));
        await using var scope = app.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<ServiceFactsQueries>();

        var all = (await queries.ForEachPersonAsync(people, from, to)).Value!;
        var cited = (await queries.ForEachPersonAsync(people, from, to, code => code == ServiceFactsCalculator.FollowUpRate)).Value!;
        foreach (var person in people)
        {
            var query = new ServiceFactsQuery(person, null, from, to);
            var alone = (await queries.GetAsync(query, Head)).Value!.Facts;
            Assert.Equal(alone.Select(f => (f.Code, f.Value, f.Unit, f.Numerator, f.Denominator, f.Formula)),
                all[person].Select(f => (f.Code, f.Value, f.Unit, f.Numerator, f.Denominator, f.Formula)));
            foreach (var (expected, actual) in alone.Zip(all[person]))
            {
                var records = (await queries.EvidenceAsync(expected.Code, query, Head, pageSize: ServiceFactsQueries.MaxEvidencePageSize)).Value!;
                Assert.Equal(expected.EvidenceCount, records.Total);
                Assert.Equal(records.Items.Where(r => r.Kind == FactEvidenceKind.Ticket).Select(r => r.Id), actual.EvidenceTicketIds);
                Assert.Equal(records.Items.Where(r => r.Kind == FactEvidenceKind.Complaint).Select(r => r.Id), actual.EvidenceComplaintIds);
            }

            // Scoring's call: the same values, evidence only for the cited code, with those tickets' numbers.
            Assert.Equal(all[person].Select(f => (f.Code, f.Value, f.Numerator, f.Denominator)), cited[person].Facts.Select(f => (f.Code, f.Value, f.Numerator, f.Denominator)));
            Assert.All(cited[person].Facts.Where(f => f.Code != ServiceFactsCalculator.FollowUpRate), f => Assert.Empty(f.EvidenceTicketIds));
            var followUp = (await queries.EvidenceAsync(ServiceFactsCalculator.FollowUpRate, query, Head)).Value!.Items;
            Assert.Equal(followUp.Select(t => (t.Id, t.Number!)),
                cited[person].Facts.Single(f => f.Code == ServiceFactsCalculator.FollowUpRate).EvidenceTicketIds.Select(id => (id, cited[person].TicketNumbers[id])));
        }

        Assert.Equal(2m, all[people[0]].Single(f => f.Code == ServiceFactsCalculator.TicketsHandled).Value);
        Assert.Equal(0m, all[people[2]].Single(f => f.Code == ServiceFactsCalculator.TicketsHandled).Value);
    }
}
