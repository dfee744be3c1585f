using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Expenses;
using ServiceMark.Domain.Tickets;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Expenses;
using ServiceMark.Web.Features.ServiceFacts;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Expenses;

/// <summary>
/// The cost facts (issue 14 point 9): the cost of the person's closed tickets and the overruns against the standard of their
/// job type, computed in SQL exactly as the ticket's own cost is read (<see cref="TicketCosts"/>), and the standards the head keeps.
/// </summary>
[Trait("Rule", "R-EXP-1")]
public sealed class CostFactsTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>The cost facts' SQL on another provider's app (PostgresTests).</summary>
    internal static Task AddUpAsync(TestApp app) => new CostFactsTests(app).The_cost_facts_are_the_closed_tickets_own_costs_and_count_those_above_their_standard();

    private static readonly System.Security.Claims.ClaimsPrincipal Head = new(new System.Security.Claims.ClaimsIdentity(
        [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "head"),
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Domain.Organisation.RoleNames.DepartmentHead)], "test"));

    private static Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) => response.ExpectAsync<T>(expected);

    /// <summary>Report → resolve with <paramref name="minutes"/> on site, compensation and parts, signed, approved and closed.</summary>
    private async Task<TicketView> ClosedAsync(string serial, string category, int minutes, decimal compensation, object[]? parts = null)
    {
        var driver = new TicketDriver(app);
        var ticket = await driver.ResolveAsync(await driver.CreateAsync(serial, category), partsReplaced: parts);
        var resolved = await app.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.ResolvedAtUtc).SingleAsync());
        await app.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ArrivedAtUtc, resolved!.Value.AddMinutes(-minutes))));
        await app.WithDbAsync(db => db.Set<ServiceReport>().Where(r => EF.Property<int?>(r, "TicketId") == ticket.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CompensationAmount, compensation)));
        using var engineer = app.ClientFor("engineer");
        ticket = await (await TicketDriver.SignReportAsync(engineer, ticket)).ReadAsync<TicketView>();
        using var supervisor = app.ClientFor("supervisor");
        ticket = await TicketDriver.ActAsync(supervisor, ticket, "approve-report");
        using var specialist = app.ClientFor("specialist");
        return await TicketDriver.ActAsync(specialist, ticket, "close");
    }

    [Fact]
    public async Task The_cost_facts_are_the_closed_tickets_own_costs_and_count_those_above_their_standard()
    {
        var valve = await app.WithDbAsync(db => db.SpareParts.Where(p => p.Code == "CM-2002").Select(p => p.Id).SingleAsync());

        // 马超 (intermediate, ¥60.00 an hour): a body job of 95 min + CM-2002 + ¥30.05 compensation, an electrical one of 600 min,
        // and one still open, which counts nothing.
        var body = await ClosedAsync("LZYTBGCK0R1000801", "Body", 95, 30.05m, [new { sparePartId = valve, name = "车门电磁阀", quantity = 1m, reason = "阀芯卡滞" }]);
        var electrical = await ClosedAsync("LZYTBGCK0R1000802", "Electrical", 600, 0m);
        var driver = new TicketDriver(app);
        await driver.ResolveAsync(await driver.CreateAsync("LZYTBGCK0R1000803"));

        using var head = app.ClientFor("head");
        var bodyCost = await OkAsync<TicketCostView>(await head.GetAsync(new Uri($"/api/v1/tickets/{body.Id}/cost", UriKind.Relative)));
        var electricalCost = await OkAsync<TicketCostView>(await head.GetAsync(new Uri($"/api/v1/tickets/{electrical.Id}/cost", UriKind.Relative)));
        Assert.Equal(bodyCost.Labour + bodyCost.Parts + 30.05m, bodyCost.Total);
        Assert.Equal((95m * 60m / 60m, 600m), (bodyCost.Labour, electricalCost.Total)); // the rate may have been changed by nobody here: ¥60.00
        Assert.Equal((400m, (decimal?)null), (bodyCost.Standard, bodyCost.Overrun)); // the demo company's standards
        Assert.Equal((600m, (decimal?)null), (electricalCost.Standard, electricalCost.Overrun)); // at the standard is not above it

        var person = await driver.PersonIdAsync("E0011");
        var today = app.Services.GetRequiredService<Infrastructure.CompanyClock>().Today;
        async Task<Dictionary<string, ServiceMark.Domain.ServiceFacts.ServiceFact>> FactsAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var queries = scope.ServiceProvider.GetRequiredService<ServiceFactsQueries>();
            return (await queries.ForEachPersonAsync([person], today.AddDays(-1), today.AddDays(1))).Value![person].ToDictionary(f => f.Code);
        }

        var facts = await FactsAsync();
        var total = bodyCost.Total + electricalCost.Total;
        Assert.Equal((total, 2), (facts[ExpenseFactCodes.ServiceCost].Value, facts[ExpenseFactCodes.ServiceCost].Denominator));
        Assert.Equal([body.Id, electrical.Id], facts[ExpenseFactCodes.ServiceCost].EvidenceTicketIds.Order());
        Assert.Equal(Domain.Common.Rounding.Round(total / 2), facts[ExpenseFactCodes.ServiceCostPerTicket].Value);
        Assert.Equal(0m, facts[ExpenseFactCodes.CostOverruns].Value);
        var execution = facts[ExpenseFactCodes.ServiceBudgetExecution];
        Assert.Equal((StandardCost.Execution(total, 1_000m), 0, 2), (execution.Value, execution.Numerator, execution.Denominator));
        Assert.Empty(execution.EvidenceTicketIds);

        // The head lowers the electrical standard by a fen: that job is now an overrun, on its page and in the facts.
        var standards = await OkAsync<List<StandardCostView>>(await head.GetAsync(new Uri("/api/v1/standard-costs", UriKind.Relative)));
        var current = standards.Single(s => s.JobType == FaultCategory.Electrical);
        await OkAsync<StandardCostView>(await head.PutAsJsonAsync("/api/v1/standard-costs", new { jobType = "Electrical", amount = 599.99m, version = current.Version }));
        electricalCost = await OkAsync<TicketCostView>(await head.GetAsync(new Uri($"/api/v1/tickets/{electrical.Id}/cost", UriKind.Relative)));
        Assert.Equal((599.99m, (decimal?)0.01m), (electricalCost.Standard, electricalCost.Overrun));
        facts = await FactsAsync();
        Assert.Equal(1m, facts[ExpenseFactCodes.CostOverruns].Value);
        Assert.Equal([electrical.Id], facts[ExpenseFactCodes.CostOverruns].EvidenceTicketIds);
        Assert.Equal((StandardCost.Execution(total, 999.99m), 1), (facts[ExpenseFactCodes.ServiceBudgetExecution].Value, facts[ExpenseFactCodes.ServiceBudgetExecution].Numerator));
        Assert.Equal([electrical.Id], facts[ExpenseFactCodes.ServiceBudgetExecution].EvidenceTicketIds);

        // The department's view of the same facts: every ticket once.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var queries = scope.ServiceProvider.GetRequiredService<ServiceFactsQueries>();
            var department = (await queries.GetAsync(new ServiceFactsQuery(null, null, today.AddDays(-1), today.AddDays(1)), Head)).Value!;
            Assert.Equal(total, department.Facts.Single(f => f.Code == ExpenseFactCodes.ServiceCost).Value);
            Assert.Equal(1m, department.Facts.Single(f => f.Code == ExpenseFactCodes.CostOverruns).Value);
        }

        // Put back for the next test.
        standards = await OkAsync<List<StandardCostView>>(await head.GetAsync(new Uri("/api/v1/standard-costs", UriKind.Relative)));
        await OkAsync<StandardCostView>(await head.PutAsJsonAsync("/api/v1/standard-costs",
            new { jobType = "Electrical", amount = 600m, version = standards.Single(s => s.JobType == FaultCategory.Electrical).Version }));
    }

    [Fact]
    public async Task Standards_are_set_by_the_head_or_hr_read_by_cost_readers_with_field_errors_and_conflicts()
    {
        using var head = app.ClientFor("head");
        using var hr = app.ClientFor("hr");
        using var supervisor = app.ClientFor("supervisor");
        using var engineer = app.ClientFor("engineer");
        var url = new Uri("/api/v1/standard-costs", UriKind.Relative);

        var listed = await OkAsync<List<StandardCostView>>(await supervisor.GetAsync(url));
        Assert.Equal(Enum.GetValues<FaultCategory>(), listed.Select(s => s.JobType));
        var consultation = listed.Single(s => s.JobType == FaultCategory.Consultation);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync(url, new { jobType = "Consultation", amount = 120m, version = consultation.Version })).StatusCode);

        Assert.Equal(["jobType"], await (await head.PutAsJsonAsync(url, new { jobType = "Spaceship", amount = 120m, version = consultation.Version })).FieldErrorsAsync());
        Assert.Equal(["jobType"], await (await head.PutAsJsonAsync(url, new { amount = 120m, version = consultation.Version })).FieldErrorsAsync());
        Assert.Equal(["jobType"], await (await head.PutAsJsonAsync(url, new { jobType = "3", amount = 120m, version = consultation.Version })).FieldErrorsAsync());
        Assert.Equal(["amount"], await (await head.PutAsJsonAsync(url, new { jobType = "Consultation", amount = 0m, version = consultation.Version })).FieldErrorsAsync());
        Assert.Equal(["amount"], await (await head.PutAsJsonAsync(url, new { jobType = "Consultation", amount = 1.005m, version = consultation.Version })).FieldErrorsAsync());
        Assert.Equal(["amount"], await (await head.PutAsJsonAsync(url, new { jobType = "Consultation", amount = 1_000_000.01m, version = consultation.Version })).FieldErrorsAsync());
        Assert.Equal(consultation, (await OkAsync<List<StandardCostView>>(await head.GetAsync(url))).Single(s => s.JobType == FaultCategory.Consultation));

        var changed = await OkAsync<StandardCostView>(await hr.PutAsJsonAsync(url, new { jobType = "consultation", amount = 120m, version = consultation.Version }));
        Assert.Equal((120m, consultation.Version + 1), (changed.Amount, changed.Version));
        Assert.Equal(HttpStatusCode.Conflict, (await head.PutAsJsonAsync(url, new { jobType = "Consultation", amount = 130m, version = consultation.Version })).StatusCode);

        // Two first standards for a type at once: one is saved, the other is told it was too late.
        await app.WithDbAsync(db => db.StandardCosts.Where(s => s.JobType == FaultCategory.Other).ExecuteDeleteAsync());
        var both = await Task.WhenAll(
            head.PutAsJsonAsync(url, new { jobType = "Other", amount = 300m, version = 0 }),
            hr.PutAsJsonAsync(url, new { jobType = "Other", amount = 310m, version = 0 }));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await app.WithDbAsync(db => db.StandardCosts.CountAsync(s => s.JobType == FaultCategory.Other)));
    }
}
