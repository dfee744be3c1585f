using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.ServiceFacts;
using ServiceMark.Domain.Tickets;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Tests.ServiceFacts;

/// <summary>
/// The worked example of every registered fact definition: the facts the database aggregates (one GROUP BY per source)
/// must be exactly the facts <see cref="ServiceFactsCalculator"/> — the domain's definition — computes from the same
/// records loaded one by one: values, numerators, denominators, formulas and evidence. The example has what the
/// definitions distinguish: a late arrival, a sub-second response time, a report signed exactly at and just after the
/// 24 h deadline, a repeat fault (and so a reopened ticket), a survey answer, a valid and an invalid complaint, and a
/// ticket of someone else.
/// </summary>
[Trait("Rule", "R-ASM-10")]
public sealed class FactDefinitionTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly ClaimsPrincipal Head =
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "head"), new Claim(ClaimTypes.Role, RoleNames.DepartmentHead)], "test"));

    [Fact]
    public Task The_sql_of_every_definition_gives_the_domains_facts_on_a_worked_example() => CheckAsync(app);

    /// <summary>Also run on PostgreSQL (PostgresTests): the date arithmetic is each provider's own SQL.</summary>
    internal static async Task CheckAsync(TestApp app)
    {
        var driver = new TicketDriver(app);
        var first = await driver.CloseAsync(await driver.CreateAsync(), "E0015", "E0015");
        var late = await driver.CloseAsync(await driver.CreateAsync("LZYTBGCK0R1000102"), "E0015", "E0015", () => app.Clock.Advance(TimeSpan.FromMinutes(30)));
        var repeat = await driver.CloseAsync(await driver.CreateAsync("LZYTBGCK0P1000103"), "E0015", "E0015");
        var others = await driver.CloseAsync(await driver.CreateAsync("LZYTBGCK0S1000201"), "E0016", "E0016");
        var open = await driver.CreateAsync("LZYTBGCK0T1000104");
        var remote = await driver.CreateAsync("LZYTBGCK0U1000105");
        using (var dispatcher = app.ClientFor("specialist"))
        {
            open = await TicketDriver.ActAsync(dispatcher, open, "dispatch", new { engineerIds = new[] { await driver.PersonIdAsync("E0015") } });
            remote = await TicketDriver.ActAsync(dispatcher, remote, "dispatch", new { engineerIds = new[] { await driver.PersonIdAsync("E0015") } });
        }

        // Solved by phone (R-TKT-7): resolved, its report not signed yet.
        using (var engineer = app.ClientFor("E0015"))
        {
            remote = await TicketDriver.ActAsync(engineer, remote, "accept");
            remote = await TicketDriver.ActAsync(engineer, remote, "resolve-remotely", new { remoteMethod = "Phone", note = "电话指导客户复位气泵控制阀" });
        }

        // Times the flows do not make: 0.1234567 s more to respond, a report signed exactly at the deadline and one 1 µs
        // after it (a tick is below PostgreSQL's precision), and a repeat fault of the first ticket.
        var times = await app.WithDbAsync(db => db.Tickets.Where(t => t.Id == first.Id || t.Id == late.Id)
            .ToDictionaryAsync(t => t.Id, t => (Response: t.FirstResponseAtUtc!.Value, Resolved: t.ResolvedAtUtc!.Value)));
        await app.WithDbAsync(async db =>
        {
            await db.Tickets.Where(t => t.Id == first.Id).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.FirstResponseAtUtc, times[first.Id].Response.AddTicks(1_234_567))
                .SetProperty(t => t.ReportSignedAtUtc, times[first.Id].Resolved + ServiceFactsCalculator.ReportDeadline));
            await db.Tickets.Where(t => t.Id == late.Id).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.ReportSignedAtUtc, times[late.Id].Resolved + ServiceFactsCalculator.ReportDeadline + TimeSpan.FromTicks(10)));
            // An open ticket reported at a fraction of a second: its later instants are not set, so its durations are NULL
            // and it stays out of every mean and of the report rate's population.
            var reported = await db.Tickets.Where(t => t.Id == open.Id).Select(t => t.ReportedAtUtc).SingleAsync();
            await db.Tickets.Where(t => t.Id == open.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ReportedAtUtc, reported.AddTicks(7_654_321)));
            // The first ticket's report was stamped by the customer as well as signed (an effective record).
            await db.Set<ServiceReport>().Where(r => EF.Property<int?>(r, "TicketId") == first.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.CustomerStamped, true));
            return await db.Tickets.Where(t => t.Id == repeat.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.OriginalTicketId, first.Id));
        });
        var (_, token) = await Surveys.SurveyTestSupport.IssueLinkAsync(app, first.Id);
        using (var customer = app.ClientFor(null))
        {
            var answered = await customer.PostAsJsonAsync($"/api/v1/public/surveys/{token}",
                new { repairQuality = 8, satisfaction = 7, overall = 2, problemSolved = true, comment = "满意" });
            Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync());
        }

        var person = await driver.PersonIdAsync("E0015");
        await ComplaintAsync(app, person, valid: true);
        await ComplaintAsync(app, person, valid: false);

        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var (from, to) = (today.AddDays(-1), today.AddDays(1));
        await using var scope = app.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<ServiceFactsQueries>();
        var registry = scope.ServiceProvider.GetRequiredService<FactRegistry>();
        var expected = await DomainFactsAsync(app, person, app.Clock.GetUtcNow().UtcDateTime.AddDays(-3));

        // The calculator's facts; the parts and expense facts have their own worked examples (PartFactsTests, ExpenseTests).
        var calculated = registry.Definitions.Where(d => d.Source != Features.Parts.PartFacts.Consumption && d.Source != Features.Parts.PartFacts.Returns
            && d.Source != Features.Parts.PartFacts.Inspections && d.Source != Features.Parts.PartFacts.Disposals && d.Source != Features.Parts.PartFacts.ClaimsRaised
            && d.Source != Features.Parts.PartFacts.ClaimsClosed && d.Source != Features.Expenses.ExpenseFacts.TravelCost && d.Source != Features.Expenses.ExpenseFacts.TicketCost
            && d.Source != Features.Contracts.ContractFacts.SignedContracts && d.Source != Features.Contracts.ContractFacts.Due
            && d.Source != Features.Returns.ReturnFacts.FirstTests && d.Source != Features.Returns.ReturnFacts.Promised && d.Source != Features.Returns.ReturnFacts.Completed
            && d.Source != Features.Installations.InstallationFacts.Planned && d.Source != Features.Complaints.ComplaintFacts.ComplaintsAndTickets
            && d.Source != Features.Budgets.BudgetFacts.Months).Select(d => d.Code).ToHashSet();
        bool Calculated(string code) => calculated.Contains(code.Split(':')[0]);
        var byPerson = (await queries.ForEachPersonAsync([person, await driver.PersonIdAsync("E0016")], from, to)).Value![person].Where(f => Calculated(f.Code)).ToList();
        var query = new ServiceFactsQuery(person, null, from, to);
        var alone = (await queries.GetAsync(query, Head)).Value!.Facts.Where(f => Calculated(f.Code)).ToList();
        Assert.Equal(Flat(expected), Flat(byPerson));
        Assert.Equal(expected.Select(f => (f.Code, f.Value, f.Unit, f.Numerator, f.Denominator, f.Formula)),
            alone.Select(f => (f.Code, f.Value, f.Unit, f.Numerator, f.Denominator, f.Formula)));
        foreach (var (fact, shown) in expected.Zip(alone))
        {
            var records = (await queries.EvidenceAsync(fact.Code, query, Head, pageSize: ServiceFactsQueries.MaxEvidencePageSize)).Value!;
            Assert.Equal(fact.EvidenceTicketIds.Concat(fact.EvidenceComplaintIds).Order(), records.Items.Select(r => r.Id));
            Assert.Equal(records.Total, shown.EvidenceCount);
        }

        // Every definition is in the example, and the example is the one worked out above.
        Assert.All(registry.Definitions.Where(d => calculated.Contains(d.Code)),
            d => Assert.Contains(expected, f => f.Code == d.Code || f.Code.StartsWith(d.Code + ":", StringComparison.Ordinal)));
        Assert.Equal(24, registry.Definitions.Count(d => !calculated.Contains(d.Code))); // the parts, expense, cost, contract, return, installation and budget facts, in PartFactsTests, ExpenseTests, CostFactsTests, ContractTests, ReturnTests, InstallationFactsTests and BudgetTests, and the complaint rate below
        Assert.Equal(3m, Value(ServiceFactsCalculator.TicketsHandled)); // E0016's ticket is not theirs
        Assert.Equal(50m, Value(ServiceFactsCalculator.ReportOnTimeRate)); // at the deadline is on time; 1 µs after it is not; the remote one is unsigned
        Assert.Equal([late.Id, remote.Id], byPerson.Single(f => f.Code == ServiceFactsCalculator.ReportOnTimeRate).EvidenceTicketIds.Order());
        Assert.Equal(25m, Value(ServiceFactsCalculator.RemoteResolutionShare)); // 1 of the 4 resolved
        Assert.Equal([remote.Id], byPerson.Single(f => f.Code == ServiceFactsCalculator.RemoteResolutionShare).EvidenceTicketIds);
        Assert.Equal([remote.Id], byPerson.Single(f => f.Code == ServiceFactsCalculator.RemoteResolutions).EvidenceTicketIds);
        Assert.Equal([first.Id], byPerson.Single(f => f.Code == ServiceFactsCalculator.StampedReports).EvidenceTicketIds);
        Assert.Equal(100m, Value("on_time_rate:RemoteResolution")); // held to its own 24 h, not to an arrival nobody made
        Assert.Empty(byPerson.Single(f => f.Code == "on_time_rate:RemoteResolution").EvidenceTicketIds);
        Assert.Equal([first.Id], byPerson.Single(f => f.Code == ServiceFactsCalculator.FirstTimeFixRate).EvidenceTicketIds);
        Assert.Equal([repeat.Id], byPerson.Single(f => f.Code == ServiceFactsCalculator.RepeatFaults).EvidenceTicketIds);
        Assert.Equal(7m, Value(ServiceFactsCalculator.AverageSatisfaction));
        Assert.Equal((1m, 2), (Value(ServiceFactsCalculator.ValidComplaints)!.Value, byPerson.Single(f => f.Code == ServiceFactsCalculator.ValidComplaints).Denominator));
        Assert.DoesNotContain(others.Id, byPerson.SelectMany(f => f.EvidenceTicketIds));

        // 客户投诉率: the one valid complaint per hundred of the five tickets reported (E0016's is not theirs); its evidence is the complaint.
        var rate = (await queries.ForEachPersonAsync([person], from, to)).Value![person].Single(f => f.Code == Domain.Complaints.ComplaintFactCodes.ComplaintRate);
        var valid = expected.Single(f => f.Code == ServiceFactsCalculator.ValidComplaints).EvidenceComplaintIds;
        Assert.Equal((20m, 1, 5), (rate.Value, rate.Numerator, rate.Denominator));
        Assert.Equal(valid, rate.EvidenceComplaintIds);
        var rateRecords = (await queries.EvidenceAsync(rate.Code, query, Head)).Value!;
        Assert.Equal(valid, rateRecords.Items.Select(r => r.Id));

        decimal? Value(string code) => byPerson.Single(f => f.Code == code).Value;
    }

    private static IEnumerable<(string, decimal?, string, int, int, string, string, string)> Flat(IEnumerable<ServiceFact> facts) =>
        facts.Select(f => (f.Code, f.Value, f.Unit, f.Numerator, f.Denominator, f.Formula, string.Join(",", f.EvidenceTicketIds.Order()),
            string.Join(",", f.EvidenceComplaintIds.Order())));

    /// <summary>The domain's facts of one person: their tickets loaded one by one, as the facts were computed before SQL did it.</summary>
    private static Task<IReadOnlyList<ServiceFact>> DomainFactsAsync(TestApp app, int person, DateTime sinceUtc) => app.WithDbAsync(async db =>
    {
        var ids = await db.Set<TicketAssignment>().Where(a => a.EngineerId == person).Select(a => EF.Property<int>(a, "TicketId")).ToListAsync();
        var tickets = await db.Tickets.AsNoTracking().Where(t => ids.Contains(t.Id) && t.ReportedAtUtc >= sinceUtc && t.Status != TicketStatus.Cancelled)
            .Select(t => new
            {
                t.Id, t.Number, t.ReportedAtUtc, t.FirstResponseAtUtc, t.ArrivedAtUtc, t.ResolvedAtUtc, t.ClosedAtUtc, t.ReportSignedAtUtc,
                FollowedUp = t.Status == TicketStatus.FollowedUp, IsRepeatFault = t.OriginalTicketId != null,
                WasReopened = db.Tickets.Any(r => r.OriginalTicketId == t.Id), ResolvedRemotely = t.RemoteMethod != null,
                StampedReport = db.Set<ServiceReport>().Any(r => EF.Property<int?>(r, "TicketId") == t.Id && r.CustomerStamped && r.ApprovedAtUtc != null),
            }).ToListAsync();
        var targets = (await db.TicketServiceLevelOutcomes.AsNoTracking().Where(o => ids.Contains(o.TicketId)).ToListAsync())
            .ToLookup(o => o.TicketId, o => new TargetOutcome(o.Target.ToString(), o.DueUtc, o.MetAtUtc));
        var satisfaction = (await (from q in db.Set<Features.Surveys.SurveyRatingRow>()
                                   join s in db.SatisfactionSurveys on q.SurveyId equals s.Id
                                   where q.Question == Domain.Surveys.SurveyQuestions.Satisfaction && ids.Contains(s.TicketId)
                                   select new { s.TicketId, q.Value }).ToListAsync()).ToDictionary(x => x.TicketId, x => (decimal)x.Value);
        var complaints = (await db.Complaints.AsNoTracking().Where(c => c.EngineerPersonId == person && c.ReceivedAtUtc >= sinceUtc).OrderBy(c => c.Id).ToListAsync())
            .Select(c => new ComplaintFact(c.Id, c.CountsAgainstPeople)).ToList();
        return ServiceFactsCalculator.Compute(tickets.OrderBy(t => t.Id).Select(t => new TicketFact(t.Id, t.Number, t.ReportedAtUtc, t.FirstResponseAtUtc, t.ArrivedAtUtc,
            t.ResolvedAtUtc, t.ClosedAtUtc, t.ReportSignedAtUtc, t.FollowedUp, t.IsRepeatFault, t.WasReopened, targets[t.Id].ToList(),
            satisfaction.TryGetValue(t.Id, out var score) ? score : null, t.ResolvedRemotely, t.StampedReport)).ToList(), complaints);
    });

    /// <summary>A complaint about the person, decided valid and attributable to service, or not valid.</summary>
    private static async Task ComplaintAsync(TestApp app, int person, bool valid)
    {
        using var specialist = app.ClientFor("specialist");
        using var head = app.ClientFor("head");
        using var received = await specialist.PostAsJsonAsync("/api/v1/complaints", new
        {
            source = "Phone", complainant = "郑州公交集团", engineerPersonId = person, category = "Service", severity = "Major", description = "工程师未按约定时间到场",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, received.StatusCode);
        var c = await Complaints.ComplaintTests.InvestigatingAsync(app, await received.ReadAsync<Features.Complaints.ComplaintView>());
        await Complaints.ComplaintTests.OkAsync(head.PostAsJsonAsync($"/api/v1/complaints/{c.Id}/decide-validity",
            valid ? new { isValid = true, attributableToService = (bool?)true, reason = "属服务责任", c.Version } : new { isValid = false, attributableToService = (bool?)null, reason = "客户误操作", c.Version }));
    }
}
