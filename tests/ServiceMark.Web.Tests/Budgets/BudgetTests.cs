using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Budgets;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Budgets;
using ServiceMark.Web.Features.Expenses;
using ServiceMark.Web.Features.ServiceFacts;
using ServiceMark.Web.Features.Organisation;

namespace ServiceMark.Web.Tests.Budgets;

/// <summary>
/// 年度费用预算 and 费用预算执行偏差率 (issue 14 point 4): the head sets the year's budget by category and month, each change a
/// revision with its reason; actuals come from approved claim lines, parts written off and compensation, with the
/// deviation rate per month, quarter and year.
/// </summary>
[Trait("Rule", "R-EXP-1")]
public sealed class BudgetTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>The actuals' SQL on another provider's app (PostgresTests).</summary>
    internal static Task ComparesAsync(TestApp app) => new BudgetTests(app).Actual_spending_is_compared_with_the_budget_month_quarter_and_year();

    private static Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) => response.ExpectAsync<T>(expected);

    private static object Line(BudgetCategory category, int month, decimal amount) => new { category = category.ToString(), month, amount };

    [Fact]
    public async Task Actual_spending_is_compared_with_the_budget_month_quarter_and_year()
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var (year, month) = (today.Year, today.Month);
        var quarter = (month - 1) / 3;

        // Spending this month: ¥120.00 of fares on an approved claim, CM-2002 (¥165.00) written off, ¥30.05 of compensation.
        var driver = new TicketDriver(app);
        var valve = await app.WithDbAsync(db => db.SpareParts.Where(p => p.Code == "CM-2002").Select(p => p.Id).SingleAsync());
        var ticket = await driver.ResolveAsync(await driver.CreateAsync(), partsReplaced: [new { sparePartId = valve, name = "车门电磁阀", quantity = 1m, reason = "阀芯卡滞" }]);
        using var engineer = app.ClientFor("engineer");
        Assert.Equal(HttpStatusCode.OK, (await TicketDriver.SignReportAsync(engineer, ticket)).StatusCode);
        await app.WithDbAsync(db => db.Set<Domain.Tickets.ServiceReport>().Where(r => EF.Property<int?>(r, "TicketId") == ticket.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CompensationAmount, 30.05m)));
        var claim = await OkAsync<ExpenseClaimView>(await engineer.PostAsJsonAsync("/api/v1/expense-claims",
            new { lines = new[] { new { category = "Travel", date = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), amount = 120m, receipts = 1 } }, advanceIds = Array.Empty<int>() }),
            HttpStatusCode.Created);
        claim = await OkAsync<ExpenseClaimView>(await engineer.PostAsJsonAsync($"/api/v1/expense-claims/{claim.Id}/submit", new { version = claim.Version }));
        using var supervisor = app.ClientFor("supervisor");
        await OkAsync<ExpenseClaimView>(await supervisor.PostAsJsonAsync($"/api/v1/expense-claims/{claim.Id}/approve", new { version = claim.Version }));

        // ¥1 000.00 budgeted for travel this month and ¥500.00 in each other month of the quarter; ¥200.00 for parts.
        // The demo company starts the year with a budget: the head replaces it.
        using var head = app.ClientFor("head");
        var demo = await OkAsync<BudgetComparisonView>(await head.GetAsync(new Uri($"/api/v1/budgets/{year}", UriKind.Relative)));
        Assert.Equal((1, 8_000m), (demo.Budget.Revision, demo.Rows.Single(r => r.Category == BudgetCategory.Travel).Months[0].Budget));
        var others = BudgetDeviation.MonthsOf(quarter + 1).Where(m => m != month).ToList();
        var set = await OkAsync<BudgetView>(await head.PutAsJsonAsync($"/api/v1/budgets/{year}", new
        {
            lines = new[] { Line(BudgetCategory.Travel, month, 1_000m), Line(BudgetCategory.Parts, month, 200m) }
                .Concat(others.Select(m => Line(BudgetCategory.Travel, m, 500m))).ToArray(),
            reason = "按实际业务重编",
            version = demo.Budget.Version,
        }));
        Assert.Equal((2, 2, "陈志强"), (set.Revision, set.Version, set.ChangedBy));

        var view = await OkAsync<BudgetComparisonView>(await head.GetAsync(new Uri($"/api/v1/budgets/{year}", UriKind.Relative)));
        var travel = view.Rows.Single(r => r.Category == BudgetCategory.Travel);
        Assert.Equal(new BudgetCell(1_000m, 120m, 88m), travel.Months[month - 1]); // |120 − 1 000| ÷ 1 000
        var spentInQuarter = BudgetDeviation.MonthsOf(quarter + 1).Sum(m => travel.Months[m - 1].Actual);
        Assert.Equal(new BudgetCell(2_000m, spentInQuarter, BudgetDeviation.Rate(2_000m, spentInQuarter)), travel.Quarters[quarter]);
        Assert.Equal(new BudgetCell(200m, 165m, 17.5m), view.Rows.Single(r => r.Category == BudgetCategory.Parts).Months[month - 1]);
        Assert.Equal(new BudgetCell(0m, 30.05m, null), view.Rows.Single(r => r.Category == BudgetCategory.Compensation).Months[month - 1]);
        Assert.Equal((2_200m, 315.05m), (view.Total.Year.Budget, view.Total.Year.Actual));
        Assert.Equal(view.Rows.Sum(r => r.Year.Actual), view.Total.Year.Actual);

        // The department's facts read the same month (plan E's 预算执行偏差, and the cost/revenue ratio): everyone's, or a unit's,
        // never one person's; the evidence is the month, which opens this page.
        var (first, monthCell) = (new DateOnly(year, month, 1), view.Total.Months[month - 1]);
        var revenue = await app.WithDbAsync(async db =>
            (await db.ContractPayments.Where(p => p.ReceivedOn >= first && p.ReceivedOn <= today).Select(p => p.Amount).ToListAsync()).Sum()
            + (await db.CashHandOvers.Where(h => h.Confirmed && h.CollectedOn >= first && h.CollectedOn <= today).Select(h => h.Amount).ToListAsync()).Sum());
        Assert.Equal(new RevenueCell(revenue, CostRevenue.Ratio(monthCell.Actual, revenue)), view.Revenue.Months[month - 1]); // the ratio's evidence, on this page
        Assert.Equal(view.Revenue.Months.Sum(m => m.Revenue), view.Revenue.Year.Revenue);
        var department = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync());
        var period = $"from={first:yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        foreach (var scope in new[] { "", $"&orgUnitId={department}" })
        {
            var facts = (await OkAsync<ServiceFactsView>(await head.GetAsync(new Uri($"/api/v1/service-facts?{period}{scope}", UriKind.Relative)))).Facts;
            var deviation = facts.Single(f => f.Code == BudgetFactCodes.DeviationRate);
            Assert.Equal((monthCell.DeviationRate, 1, FactEvidenceKind.Budget), (deviation.Value, deviation.EvidenceCount, deviation.EvidenceKind));
            Assert.Equal(CostRevenue.Ratio(monthCell.Actual, revenue), facts.Single(f => f.Code == BudgetFactCodes.CostRevenueRatio).Value);
            var months = await OkAsync<PageOf<EvidenceRecord>>(await head.GetAsync(new Uri($"/api/v1/service-facts/{BudgetFactCodes.DeviationRate}/evidence?{period}{scope}", UriKind.Relative)));
            Assert.Equal([(year * 100 + month, $"{year}-{month:00}")], months.Items.Select(r => (r.Id, r.Number)));
        }

        var alone = (await OkAsync<ServiceFactsView>(await head.GetAsync(new Uri($"/api/v1/service-facts?{period}&personId={await driver.PersonIdAsync("E0004")}", UriKind.Relative)))).Facts;
        Assert.Equal(((decimal?)null, 0), (alone.Single(f => f.Code == BudgetFactCodes.DeviationRate).Value, alone.Single(f => f.Code == BudgetFactCodes.DeviationRate).EvidenceCount));

        // The same figures in Excel for finance: one row per category and period.
        var export = await head.GetAsync(new Uri($"/api/v1/budgets/{year}/export", UriKind.Relative));
        Assert.True(export.StatusCode == HttpStatusCode.OK, await export.Content.ReadAsStringAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), useHeaderRow: true, sheetName: "预算执行情况")
            .Cast<IDictionary<string, object?>>().ToList();
        var row = rows.Single(r => (string?)r["类别"] == "交通费" && (string?)r["期间"] == $"{month}月");
        Assert.Equal((1_000m, 120m, 88m), (Convert.ToDecimal(row["预算"], System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToDecimal(row["实际"], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDecimal(row["偏差率（%）"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(9 * 17, rows.Count); // eight categories and the total × (12 months + 4 quarters + the year)
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri($"/api/v1/budgets/{year}/export", UriKind.Relative))).StatusCode);

        // Engineers see no budget; a supervisor reads it but does not set it.
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri($"/api/v1/budgets/{year}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync(new Uri($"/api/v1/budgets/{year}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync($"/api/v1/budgets/{year}", new { lines = Array.Empty<object>(), reason = "改", version = set.Version })).StatusCode);
    }

    [Fact]
    public async Task A_revision_names_its_reason_and_version_and_the_earlier_budget_is_kept()
    {
        using var hr = app.ClientFor("hr");
        const int year = 2031;
        var first = await OkAsync<BudgetView>(await hr.PutAsJsonAsync($"/api/v1/budgets/{year}", new { lines = new[] { Line(BudgetCategory.Freight, 3, 800m) } }));
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PutAsJsonAsync($"/api/v1/budgets/{year}", new { lines = new[] { Line(BudgetCategory.Freight, 3, 900m) }, reason = "重复新建" })).StatusCode);
        Assert.Equal(["reason"], await (await hr.PutAsJsonAsync($"/api/v1/budgets/{year}", new { lines = new[] { Line(BudgetCategory.Freight, 3, 900m) }, version = first.Version })).FieldErrorsAsync());
        var second = await OkAsync<BudgetView>(await hr.PutAsJsonAsync($"/api/v1/budgets/{year}", new { lines = new[] { Line(BudgetCategory.Freight, 3, 900m) }, reason = "运费上涨", version = first.Version }));
        Assert.Equal((2, "运费上涨"), (second.Revision, second.Reason));
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PutAsJsonAsync($"/api/v1/budgets/{year}", new { lines = new[] { Line(BudgetCategory.Freight, 3, 950m) }, reason = "再改", version = first.Version })).StatusCode);

        var revisions = await OkAsync<List<BudgetRevisionView>>(await hr.GetAsync(new Uri($"/api/v1/budgets/{year}/revisions", UriKind.Relative)));
        Assert.Equal([(2, 900m), (1, 800m)], revisions.Select(r => (r.Revision, r.Lines.Single().Amount)));

        // Bad input names its field and changes nothing.
        Assert.Equal(["lines[0].month"], await (await hr.PutAsJsonAsync($"/api/v1/budgets/{year}", new { lines = new[] { Line(BudgetCategory.Freight, 13, 1m) }, reason = "x", version = second.Version })).FieldErrorsAsync());
        Assert.Equal(["lines[0].amount"], await (await hr.PutAsJsonAsync($"/api/v1/budgets/{year}", new { lines = new[] { Line(BudgetCategory.Freight, 1, -1m) }, reason = "x", version = second.Version })).FieldErrorsAsync());
        Assert.Equal(["lines[1].month"], await (await hr.PutAsJsonAsync($"/api/v1/budgets/{year}", new { lines = new[] { Line(BudgetCategory.Freight, 1, 1m), Line(BudgetCategory.Freight, 1, 2m) }, reason = "x", version = second.Version })).FieldErrorsAsync());
        Assert.Equal(["year"], await (await hr.PutAsJsonAsync("/api/v1/budgets/1999", new { lines = Array.Empty<object>() })).FieldErrorsAsync());
        Assert.Equal(["year"], await (await hr.GetAsync(new Uri("/api/v1/budgets/1999", UriKind.Relative))).FieldErrorsAsync());
        var unchanged = await OkAsync<BudgetComparisonView>(await hr.GetAsync(new Uri($"/api/v1/budgets/{year}", UriKind.Relative)));
        Assert.Equal((2, 900m), (unchanged.Budget.Revision, unchanged.Rows.Single(r => r.Category == BudgetCategory.Freight).Months[2].Budget));
    }

    [Fact]
    public async Task Two_first_budgets_for_a_year_at_once_save_one_and_refuse_the_other_with_409()
    {
        using var head = app.ClientFor("head");
        using var hr = app.ClientFor("hr");
        var answers = await Task.WhenAll(
            head.PutAsJsonAsync("/api/v1/budgets/2033", new { lines = new[] { Line(BudgetCategory.Other, 1, 100m) } }),
            hr.PutAsJsonAsync("/api/v1/budgets/2033", new { lines = new[] { Line(BudgetCategory.Other, 1, 200m) } }));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        Assert.Equal(1, await app.WithDbAsync(db => db.DepartmentBudgets.CountAsync(b => b.Year == 2033)));
    }
}
