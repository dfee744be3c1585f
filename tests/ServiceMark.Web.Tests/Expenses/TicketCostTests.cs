using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Grading;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Expenses;

namespace ServiceMark.Web.Tests.Expenses;

/// <summary>
/// 单台次服务成本 (issue 14 point 3): a ticket's cost read from its records — the engineer's minutes on site at the labour
/// rate of their grade, the parts the ledger wrote off to it, the expense lines charged to it on approved claims — and the
/// labour rates HR keeps per grade.
/// </summary>
[Trait("Rule", "R-EXP-1")]
public sealed class TicketCostTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>The ticket's cost and the summaries' SQL on another provider's app (PostgresTests).</summary>
    internal static async Task AddsUpAsync(TestApp app)
    {
        var tests = new TicketCostTests(app);
        await tests.A_tickets_cost_is_labour_at_the_grades_rate_plus_parts_written_off_plus_travel_charged_to_it();
        await tests.Cost_summaries_by_customer_model_fault_team_and_month_add_up_to_the_tickets_costs();
    }

    private static Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) => response.ExpectAsync<T>(expected);

    [Fact]
    public async Task A_tickets_cost_is_labour_at_the_grades_rate_plus_parts_written_off_plus_travel_charged_to_it()
    {
        var driver = new TicketDriver(app);
        var valve = await app.WithDbAsync(db => db.SpareParts.Where(p => p.Code == "CM-2002").Select(p => p.Id).SingleAsync());
        var ticket = await driver.ResolveAsync(await driver.CreateAsync(), partsReplaced:
            [new { sparePartId = valve, name = "车门电磁阀", quantity = 1m, reason = "阀芯卡滞" }]);
        using var engineer = app.ClientFor("engineer");
        Assert.Equal(HttpStatusCode.OK, (await TicketDriver.SignReportAsync(engineer, ticket)).StatusCode);

        // 95 minutes on site: arrival is moved back, since the test's clock does not pass between the two steps.
        var resolved = await app.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.ResolvedAtUtc).SingleAsync());
        await app.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ArrivedAtUtc, resolved!.Value.AddMinutes(-95))));

        // ¥120.00 of fares charged to it on a claim the supervisor approved; a draft's line does not count yet.
        var claim = await OkAsync<ExpenseClaimView>(await engineer.PostAsJsonAsync("/api/v1/expense-claims",
            new { lines = new[] { new { category = "Travel", date = "2026-12-01", amount = 120m, receipts = 1, ticketId = ticket.Id } }, advanceIds = Array.Empty<int>() }),
            HttpStatusCode.Created);
        await OkAsync<ExpenseClaimView>(await engineer.PostAsJsonAsync("/api/v1/expense-claims",
            new { lines = new[] { new { category = "Travel", date = "2026-12-02", amount = 999m, receipts = 1, ticketId = ticket.Id } }, advanceIds = Array.Empty<int>() }),
            HttpStatusCode.Created);
        claim = await OkAsync<ExpenseClaimView>(await engineer.PostAsJsonAsync($"/api/v1/expense-claims/{claim.Id}/submit", new { version = claim.Version }));
        using var supervisor = app.ClientFor("supervisor");
        await OkAsync<ExpenseClaimView>(await supervisor.PostAsJsonAsync($"/api/v1/expense-claims/{claim.Id}/approve", new { version = claim.Version }));

        // 马超 is an intermediate engineer: ¥60.00 an hour × 95 min = ¥95.00; CM-2002 at ¥165.00.
        using var head = app.ClientFor("head");
        var cost = await OkAsync<TicketCostView>(await head.GetAsync(new Uri($"/api/v1/tickets/{ticket.Id}/cost", UriKind.Relative)));
        Assert.Equal((95m, 165m, 120m, 0m, 380m), (cost.Labour, cost.Parts, cost.Travel, cost.Compensation, cost.Total));
        var line = Assert.Single(cost.LabourLines);
        Assert.Equal(("马超", "中级工程师", 95, 60m), (line.EngineerName, line.Grade, line.Minutes, line.RatePerHour));
        Assert.Equal([claim.Id], cost.TravelLines.Select(l => l.ClaimId));
        Assert.Empty(cost.MissingRates);

        // HR raises the intermediate rate to ¥72.00: the same 95 minutes now cost ¥114.00.
        using var hr = app.ClientFor("hr");
        var rates = await OkAsync<List<LabourRateView>>(await hr.GetAsync(new Uri("/api/v1/labour-rates", UriKind.Relative)));
        var intermediate = rates.Single(r => r.SchemeCode == GradeScheme.Default.Code && r.LevelCode == GradeScheme.Intermediate);
        var raised = await OkAsync<LabourRateView>(await hr.PutAsJsonAsync("/api/v1/labour-rates",
            new { schemeCode = intermediate.SchemeCode, levelCode = intermediate.LevelCode, ratePerHour = 72m, version = intermediate.Version }));
        Assert.Equal((72m, "中级工程师"), (raised.RatePerHour, raised.LevelName));
        cost = await OkAsync<TicketCostView>(await hr.GetAsync(new Uri($"/api/v1/tickets/{ticket.Id}/cost", UriKind.Relative)));
        Assert.Equal((114m, 399m), (cost.Labour, cost.Total));

        // Engineers see neither the rates nor a ticket's cost, not even their own ticket's.
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri($"/api/v1/tickets/{ticket.Id}/cost", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri("/api/v1/labour-rates", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync(new Uri("/api/v1/tickets/999999/cost", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Labour_rates_are_kept_by_hr_with_field_errors_and_conflicts()
    {
        using var hr = app.ClientFor("hr");
        var rates = await OkAsync<List<LabourRateView>>(await hr.GetAsync(new Uri("/api/v1/labour-rates", UriKind.Relative)));
        var fallback = rates[0];
        Assert.Equal(("", 50m), (fallback.SchemeCode, fallback.RatePerHour));
        Assert.Contains(rates, r => r.SchemeCode == "p-levels" && r.LevelCode == "P3" && r.RatePerHour is null);

        // A rate for a grade that had none is created; the next change names the version it saw.
        var p3 = await OkAsync<LabourRateView>(await hr.PutAsJsonAsync("/api/v1/labour-rates", new { schemeCode = "p-levels", levelCode = "P3", ratePerHour = 66.5m }));
        Assert.Equal(66.5m, p3.RatePerHour);
        var changed = await OkAsync<LabourRateView>(await hr.PutAsJsonAsync("/api/v1/labour-rates", new { schemeCode = "p-levels", levelCode = "P3", ratePerHour = 70m, version = p3.Version }));
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PutAsJsonAsync("/api/v1/labour-rates", new { schemeCode = "p-levels", levelCode = "P3", ratePerHour = 71m, version = p3.Version })).StatusCode);

        // Bad input names its field and changes nothing.
        Assert.Equal(["ratePerHour"], await (await hr.PutAsJsonAsync("/api/v1/labour-rates", new { schemeCode = "p-levels", levelCode = "P3", ratePerHour = 0m, version = changed.Version })).FieldErrorsAsync());
        Assert.Equal(["ratePerHour"], await (await hr.PutAsJsonAsync("/api/v1/labour-rates", new { schemeCode = "p-levels", levelCode = "P3", ratePerHour = 1.005m, version = changed.Version })).FieldErrorsAsync());
        Assert.Equal(["levelCode"], await (await hr.PutAsJsonAsync("/api/v1/labour-rates", new { schemeCode = "p-levels", levelCode = "P99", ratePerHour = 60m })).FieldErrorsAsync());
        Assert.Equal(["levelCode"], await (await hr.PutAsJsonAsync("/api/v1/labour-rates", new { schemeCode = "", levelCode = "P3", ratePerHour = 60m })).FieldErrorsAsync());
        var after = await OkAsync<List<LabourRateView>>(await hr.GetAsync(new Uri("/api/v1/labour-rates", UriKind.Relative)));
        Assert.Equal(70m, after.Single(r => r.SchemeCode == "p-levels" && r.LevelCode == "P3").RatePerHour);

        // Leaders read the rates; only HR and the administrator set them.
        using var supervisor = app.ClientFor("supervisor");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync(new Uri("/api/v1/labour-rates", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync("/api/v1/labour-rates", new { schemeCode = "", levelCode = "", ratePerHour = 500m, version = fallback.Version })).StatusCode);
    }

    [Fact]
    public async Task Cost_summaries_by_customer_model_fault_team_and_month_add_up_to_the_tickets_costs()
    {
        var driver = new TicketDriver(app);
        var ticket = await driver.ResolveAsync(await driver.CreateAsync(category: "Electrical"));
        var resolved = await app.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).Select(t => t.ResolvedAtUtc).SingleAsync());
        await app.WithDbAsync(db => db.Tickets.Where(t => t.Id == ticket.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ArrivedAtUtc, resolved!.Value.AddMinutes(-41))));
        await app.WithDbAsync(db => db.Set<Domain.Tickets.ServiceReport>().Where(r => EF.Property<int?>(r, "TicketId") == ticket.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CompensationAmount, 30.05m)));

        using var head = app.ClientFor("head");
        var today = app.Services.GetRequiredService<Infrastructure.CompanyClock>().Today;
        var period = $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";

        // The law: every grouping's rows add up to the sum of the period's tickets' own costs, part by part.
        var ids = await app.WithDbAsync(db => db.Tickets.Where(t => t.Status != Domain.Tickets.TicketStatus.Cancelled).Select(t => t.Id).ToListAsync());
        var each = new List<TicketCostView>();
        foreach (var id in ids)
        {
            each.Add(await OkAsync<TicketCostView>(await head.GetAsync(new Uri($"/api/v1/tickets/{id}/cost", UriKind.Relative))));
        }

        var mine = each.Single(c => c.TicketId == ticket.Id);
        var worked = Assert.Single(mine.LabourLines); // 41 min at the intermediate rate (¥60.00, or ¥72.00 once the other test raised it)
        Assert.Equal((41, 41m * worked.RatePerHour!.Value / 60m, 30.05m), (worked.Minutes, mine.Labour, mine.Compensation));
        foreach (var by in Enum.GetValues<CostGrouping>())
        {
            var summary = await OkAsync<CostSummaryView>(await head.GetAsync(new Uri($"/api/v1/service-costs?{period}&by={by}&pageSize=200", UriKind.Relative)));
            Assert.Equal((ids.Count, each.Sum(c => c.Labour), each.Sum(c => c.Parts), each.Sum(c => c.Travel), each.Sum(c => c.Compensation), each.Sum(c => c.Total)),
                (summary.Totals.Tickets, summary.Totals.Labour, summary.Totals.Parts, summary.Totals.Travel, summary.Totals.Compensation, summary.Totals.Total));
            Assert.Equal(summary.Totals.Total, summary.Rows.Sum(r => r.Total));
            Assert.Equal(summary.Total, summary.Rows.Count);
        }

        var byCategory = await OkAsync<CostSummaryView>(await head.GetAsync(new Uri($"/api/v1/service-costs?{period}&by=FaultCategory", UriKind.Relative)));
        var electrical = byCategory.Rows.Single(r => r.Key == "Electrical");
        Assert.Equal((1, mine.Total, mine.Total), (electrical.Tickets, electrical.Total, electrical.PerTicket));
        var export = await head.GetAsync(new Uri($"/api/v1/service-costs/export?{period}&by=FaultCategory", UriKind.Relative));
        Assert.True(export.StatusCode == HttpStatusCode.OK, await export.Content.ReadAsStringAsync());
        var sheet = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), useHeaderRow: true, sheetName: "服务成本")
            .Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(mine.Total, Convert.ToDecimal(sheet.Single(r => (string?)r["故障类别"] == "电气")["合计"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("合计", byCategory.Totals.Total), ((string?)sheet[^1]["故障类别"], Convert.ToDecimal(sheet[^1]["合计"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["to"], await (await head.GetAsync(new Uri("/api/v1/service-costs/export?from=2026-12-02&to=2026-12-01", UriKind.Relative))).FieldErrorsAsync());
        var byCustomer = await OkAsync<CostSummaryView>(await head.GetAsync(new Uri($"/api/v1/service-costs?{period}&by=Customer", UriKind.Relative)));
        Assert.Equal(ticket.CustomerName, byCustomer.Rows.Single(r => r.Key == ticket.CustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Name);
        var byTeam = await OkAsync<CostSummaryView>(await head.GetAsync(new Uri($"/api/v1/service-costs?{period}&by=Team", UriKind.Relative)));
        var team = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0011").Join(db.OrgUnits, p => p.OrgUnitId, u => u.Id, (p, u) => u.Name).SingleAsync());
        Assert.Contains(byTeam.Rows, r => r.Name == team);
        var byMonth = await OkAsync<CostSummaryView>(await head.GetAsync(new Uri($"/api/v1/service-costs?{period}&by=Month", UriKind.Relative)));
        Assert.Contains(byMonth.Rows, r => r.Key == today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));

        // Bad input names its field; engineers see no costs.
        Assert.Equal(["to"], await (await head.GetAsync(new Uri("/api/v1/service-costs?from=2026-12-02&to=2026-12-01", UriKind.Relative))).FieldErrorsAsync());
        Assert.Equal(["to"], await (await head.GetAsync(new Uri("/api/v1/service-costs?from=2025-01-01&to=2026-12-01", UriKind.Relative))).FieldErrorsAsync());
        Assert.Equal(["from"], await (await head.GetAsync(new Uri("/api/v1/service-costs?to=2026-12-01", UriKind.Relative))).FieldErrorsAsync());
        Assert.Equal(["to"], await (await head.GetAsync(new Uri("/api/v1/service-costs?from=9999-12-31&to=9999-12-31", UriKind.Relative))).FieldErrorsAsync());
        using var engineer = app.ClientFor("engineer");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri($"/api/v1/service-costs?{period}", UriKind.Relative))).StatusCode);
    }
}
