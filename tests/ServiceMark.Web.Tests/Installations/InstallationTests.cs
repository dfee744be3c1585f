using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Installations;
using ServiceMark.Domain.Tickets;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Installations;
using ServiceMark.Web.Features.ServiceFacts;
using ServiceMark.Web.Features.Tickets;

namespace ServiceMark.Web.Tests.Installations;

/// <summary>
/// 安装调试计划 (R-EXP-3, issue 14 point 6): planned by the office, released as a 安装调试 ticket dispatched to the crew exactly once,
/// commissioned when the customer signs that ticket's report, and scored by the plans finished on time.
/// </summary>
[Trait("Rule", "R-EXP-3")]
public sealed class InstallationTests(TestApp app) : IClassFixture<TestApp>
{
    private static Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) => response.ExpectAsync<T>(expected);

    private DateOnly Today => app.Services.GetRequiredService<Infrastructure.CompanyClock>().Today;

    /// <summary>A demo customer that has a unit, a contact with a phone and a site.</summary>
    internal static Task<(int Customer, int Unit)> CustomerAsync(TestApp app) => app.WithDbAsync(async db =>
    {
        var unit = await db.ProductUnits.Where(u => db.Customers.Any(c => c.Id == u.CustomerId && c.IsActive && c.Sites.Any() && c.Contacts.Any(x => x.Phone != null)))
            .OrderBy(u => u.Id).FirstAsync();
        return (unit.CustomerId, unit.Id);
    });

    internal static async Task<InstallationView> PlanAsync(TestApp app, string lead = "E0011", string[]? crew = null, int startOffset = 1, int days = 2)
    {
        using var specialist = app.ClientFor("specialist");
        var (customer, unit) = await CustomerAsync(app);
        var driver = new TicketDriver(app);
        var today = app.Services.GetRequiredService<Infrastructure.CompanyClock>().Today;
        var crewIds = new List<int>();
        foreach (var number in crew ?? ["E0017"])
        {
            crewIds.Add(await driver.PersonIdAsync(number));
        }

        return await OkAsync<InstallationView>(await specialist.PostAsJsonAsync("/api/v1/installations", new
        {
            customerId = customer, unitIds = new[] { unit }, plannedStart = today.AddDays(startOffset), plannedFinish = today.AddDays(startOffset + days),
            responsiblePersonId = await driver.PersonIdAsync(lead), engineerIds = crewIds, note = "带调试仪与扭力扳手",
        }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_plan_is_released_as_one_dispatched_installation_ticket_and_commissioned_by_its_signed_report()
    {
        using var specialist = app.ClientFor("specialist");
        using var engineer = app.ClientFor("engineer");
        var plan = await PlanAsync(app);
        Assert.Equal((InstallationProgress.Planned, "马超", 2), (plan.Progress, plan.ResponsibleName, plan.Crew.Count));
        Assert.Equal(["马超", "罗斌"], plan.Crew.Select(c => c.Name));

        // Edited while planned; an engineer neither plans nor releases.
        plan = await OkAsync<InstallationView>(await specialist.PutAsJsonAsync($"/api/v1/installations/{plan.Id}", new
        {
            customerId = plan.CustomerId, unitIds = plan.Units.Select(u => u.Id), plannedStart = plan.PlannedStart, plannedFinish = plan.PlannedFinish.AddDays(1),
            responsiblePersonId = plan.ResponsiblePersonId, engineerIds = plan.Crew.Select(c => c.Id), note = plan.Note, version = plan.Version,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/installations/{plan.Id}/release", new { version = plan.Version })).StatusCode);

        // Released twice at once: one wins, one ticket, dispatched to the crew with the lead.
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            specialist.PostAsJsonAsync($"/api/v1/installations/{plan.Id}/release", new { version = plan.Version })));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        plan = await OkAsync<InstallationView>(await engineer.GetAsync(new Uri($"/api/v1/installations/{plan.Id}", UriKind.Relative)));
        Assert.Equal((InstallationProgress.Released, nameof(TicketStatus.Dispatched)), (plan.Progress, plan.TicketStatus));
        var key = $"installation-{plan.Id}";
        Assert.Equal(1, await app.WithDbAsync(db => db.IdempotencyRecords.CountAsync(r => r.Key == key)));
        var ticket = await OkAsync<TicketView>(await engineer.GetAsync(new Uri($"/api/v1/tickets/{plan.TicketId}", UriKind.Relative)));
        Assert.Equal((nameof(FaultCategory.Installation), nameof(IntakeChannel.Planned)), (ticket.FaultCategory.ToString(), ticket.Channel.ToString()));
        Assert.Equal(2, ticket.Assignments.Count);
        Assert.Contains(plan.Number, ticket.FaultDescription);

        // The customer signs the commissioning report (the ticket's service report): the plan is commissioned, on time.
        await new TicketDriver(app).SignAsync(ticket);
        plan = await OkAsync<InstallationView>(await specialist.GetAsync(new Uri($"/api/v1/installations/{plan.Id}", UriKind.Relative)));
        Assert.Equal((InstallationProgress.Commissioned, Today, true, false), (plan.Progress, plan.CommissionedOn, plan.OnTime, plan.CustomerStamped));
        var commissioned = await OkAsync<Features.Organisation.PageOf<InstallationSummary>>(await specialist.GetAsync(new Uri(
            $"/api/v1/installations?filter=Commissioned&search={plan.Number}", UriKind.Relative)));
        Assert.Equal(plan.Id, Assert.Single(commissioned.Items).Id);
        Assert.Equal(HttpStatusCode.Conflict, (await specialist.PostAsJsonAsync($"/api/v1/installations/{plan.Id}/release", new { version = plan.Version })).StatusCode);
    }

    [Fact]
    public async Task Bad_input_names_its_fields_saves_nothing_and_a_plan_is_seen_by_its_crew_only()
    {
        using var specialist = app.ClientFor("specialist");
        using var colleague = app.ClientFor("engineer2");
        var before = await app.WithDbAsync(db => db.InstallationPlans.CountAsync());
        var bad = await specialist.PostAsJsonAsync("/api/v1/installations", new
        {
            customerId = 999_999, unitIds = Array.Empty<int>(), plannedStart = Today, plannedFinish = Today.AddDays(-1), responsiblePersonId = 0, engineerIds = new[] { 888_888 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["customerId", "engineerIds", "plannedFinish", "responsiblePersonId", "unitIds"], (await bad.FieldErrorsAsync()).Order());
        var missing = await specialist.PostAsJsonAsync("/api/v1/installations", new { customerId = 1, responsiblePersonId = 0 });
        Assert.Contains("plannedStart", await missing.FieldErrorsAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.InstallationPlans.CountAsync()));

        var plan = await PlanAsync(app, crew: []);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(new Uri($"/api/v1/installations/{plan.Id}", UriKind.Relative))).StatusCode);
        var cancelled = await specialist.PostAsJsonAsync($"/api/v1/installations/{plan.Id}/cancel", new { version = plan.Version });
        Assert.Equal(["reason"], await cancelled.FieldErrorsAsync());
        var stale = await specialist.PostAsJsonAsync($"/api/v1/installations/{plan.Id}/cancel", new { version = plan.Version + 1, reason = "客户推迟" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        plan = await OkAsync<InstallationView>(await specialist.PostAsJsonAsync($"/api/v1/installations/{plan.Id}/cancel", new { version = plan.Version, reason = "客户推迟" }));
        Assert.Equal(InstallationProgress.Cancelled, plan.Progress);
        Assert.Equal(HttpStatusCode.Conflict, (await specialist.PostAsJsonAsync($"/api/v1/installations/{plan.Id}/release", new { version = plan.Version })).StatusCode);
    }
}

/// <summary>The completion fact on its own app: it moves the clock past the planned finish.</summary>
[Trait("Rule", "R-EXP-3")]
public sealed class InstallationFactsTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>The installation fact's SQL on another provider's app (PostgresTests).</summary>
    internal static Task AddUpAsync(TestApp app) => new InstallationFactsTests(app).The_completion_rate_counts_the_plans_commissioned_by_their_planned_finish();

    [Fact]
    public async Task The_completion_rate_counts_the_plans_commissioned_by_their_planned_finish()
    {
        using var specialist = app.ClientFor("specialist");
        async Task<InstallationView> ReleasedAsync(int startOffset, int days)
        {
            var plan = await InstallationTests.PlanAsync(app, "E0017", ["E0011"], startOffset, days);
            return await (await specialist.PostAsJsonAsync($"/api/v1/installations/{plan.Id}/release", new { version = plan.Version })).ExpectAsync<InstallationView>();
        }

        // A finishes today and is signed today; B finishes today and is not; C finishes later; D is cancelled.
        var a = await ReleasedAsync(-2, 2);
        var b = await ReleasedAsync(-2, 2);
        await ReleasedAsync(5, 2);
        var d = await InstallationTests.PlanAsync(app, "E0017", [], -2, 2);
        await specialist.PostAsJsonAsync($"/api/v1/installations/{d.Id}/cancel", new { version = d.Version, reason = "客户取消" });
        var ticket = await (await specialist.GetAsync(new Uri($"/api/v1/tickets/{a.TicketId}", UriKind.Relative))).ExpectAsync<TicketView>();
        await new TicketDriver(app).SignAsync(ticket, "E0017", "engineer2");

        // Judged once the day has passed.
        app.Clock.Advance(TimeSpan.FromDays(2));
        var today = app.Services.GetRequiredService<Infrastructure.CompanyClock>().Today;
        var person = await new TicketDriver(app).PersonIdAsync("E0017");
        await using var scope = app.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<ServiceFactsQueries>();
        var facts = (await queries.ForEachPersonAsync([person], today.AddDays(-10), today)).Value![person].ToDictionary(f => f.Code);
        var completion = facts[InstallationFactCodes.PlanCompletion];
        Assert.Equal((50.00m, 1, 2), (completion.Value, completion.Numerator, completion.Denominator));
        Assert.Equal([("installation", b.Id, b.Number)], completion.EvidenceRecords!);
    }
}
