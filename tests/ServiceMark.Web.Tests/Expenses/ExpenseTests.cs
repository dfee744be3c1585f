using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Expenses;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Expenses;
using ServiceMark.Web.Features.Organisation;

namespace ServiceMark.Web.Tests.Expenses;

/// <summary>
/// 借款 and 报销 (R-EXP-1, issue 14 point 1): an advance requested, approved by the leader, paid by HR; a claim with a per
/// diem from the allowance table settles it, in both directions, to the fen; nobody decides on or pays their own, a
/// colleague never sees another's money, and every step is audited.
/// </summary>
[Trait("Rule", "R-EXP-1")]
public sealed class ExpenseTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>The settling flows in both directions and the travel-cost facts, on another provider's app (PostgresTests).</summary>
    internal static async Task SettlesBothWaysAsync(TestApp app)
    {
        var tests = new ExpenseTests(app);
        await tests.An_advance_is_settled_by_a_smaller_claim_and_the_surplus_comes_back_to_the_fen();
        await tests.A_claim_larger_than_the_advance_leaves_the_balance_to_pay_and_an_advance_is_settled_once();
        await tests.Lines_charged_to_tickets_are_the_claimants_travel_cost_with_those_tickets_as_evidence();
        await tests.Outstanding_advances_are_listed_per_person_with_their_age();
    }

    private static Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) => response.ExpectAsync<T>(expected);

    private async Task<AdvanceView> PaidAdvanceAsync(string user, decimal amount, string leader = "supervisor")
    {
        using var client = app.ClientFor(user);
        var advance = await OkAsync<AdvanceView>(await client.PostAsJsonAsync("/api/v1/advances", new { purpose = "新乡客户现场维修", ticketIds = Array.Empty<int>(), amount }),
            HttpStatusCode.Created);
        using var approver = app.ClientFor(leader);
        advance = await OkAsync<AdvanceView>(await approver.PostAsJsonAsync($"/api/v1/advances/{advance.Id}/approve", new { version = advance.Version }));
        using var hr = app.ClientFor("hr");
        return await OkAsync<AdvanceView>(await hr.PostAsJsonAsync($"/api/v1/advances/{advance.Id}/pay", new { version = advance.Version }));
    }

    private Task<int> AllowanceAsync(string name) => app.WithDbAsync(db => db.PerDiemAllowances.Where(a => a.Name == name).Select(a => a.Id).SingleAsync());

    private async Task<ExpenseClaimView> ClaimAsync(string user, object[] lines, int[] advanceIds)
    {
        using var client = app.ClientFor(user);
        return await OkAsync<ExpenseClaimView>(await client.PostAsJsonAsync("/api/v1/expense-claims", new { lines, advanceIds }), HttpStatusCode.Created);
    }

    private static async Task<ExpenseClaimView> StepAsync(HttpClient client, ExpenseClaimView claim, string action, string? note = null) =>
        await OkAsync<ExpenseClaimView>(await client.PostAsJsonAsync($"/api/v1/expense-claims/{claim.Id}/{action}", new { version = claim.Version, note }));

    [Fact]
    public async Task An_advance_is_settled_by_a_smaller_claim_and_the_surplus_comes_back_to_the_fen()
    {
        var advance = await PaidAdvanceAsync("engineer", 3000m);
        Assert.Equal((AdvanceStatus.Paid, "刘洋"), (advance.Status, advance.DecidedBy));
        Assert.NotNull(advance.PaidBy);
        Assert.Equal(0, advance.AgeDays);

        // Away from 30 September to 3 October across the National Day holiday: 4 days at the 省外 rate of ¥100.00.
        var claim = await ClaimAsync("engineer",
        [
            new { category = "Travel", date = "2026-09-30", amount = 286.50m, description = "郑州—新乡 往返高铁", receipts = 2 },
            new { category = "Lodging", date = "2026-09-30", amount = 398m, description = "三晚", receipts = 1 },
            new { category = "PerDiem", date = "2026-09-30", until = "2026-10-03", allowanceId = await AllowanceAsync("省外出差"), amount = 1m, receipts = 0 },
            new { category = "Freight", date = "2026-10-02", amount = 23.50m, description = "旧件寄回", receipts = 1 },
        ], [advance.Id]);
        Assert.Equal(ExpenseClaimStatus.Draft, claim.Status);
        var perDiem = claim.Lines.Single(l => l.Category == ExpenseCategory.PerDiem);
        Assert.Equal((4, 400m, "省外出差", 100m), (perDiem.Days, perDiem.Amount, perDiem.Allowance, perDiem.RatePerDay));
        Assert.Equal((1108m, 3000m, 0m, 1892m), (claim.Total, claim.Advanced, claim.ToPay, claim.ToReturn));

        using var engineer = app.ClientFor("engineer");
        claim = await StepAsync(engineer, claim, "submit");
        using var supervisor = app.ClientFor("supervisor");
        var toDecide = await supervisor.GetFromJsonAsync<PageOf<ExpenseClaimView>>("/api/v1/expense-claims?scope=ToDecide", Json.Options);
        Assert.Contains(toDecide!.Items, c => c.Id == claim.Id);
        claim = await StepAsync(supervisor, claim, "approve");
        using var hr = app.ClientFor("hr");
        var toPay = await hr.GetFromJsonAsync<PageOf<ExpenseClaimView>>("/api/v1/expense-claims?scope=ToPay", Json.Options);
        Assert.Contains(toPay!.Items, c => c.Id == claim.Id);
        claim = await StepAsync(hr, claim, "pay");
        Assert.Equal(ExpenseClaimStatus.Paid, claim.Status);

        var settled = await OkAsync<AdvanceView>(await engineer.GetAsync(new Uri($"/api/v1/advances/{advance.Id}", UriKind.Relative)));
        Assert.Equal((AdvanceStatus.Settled, claim.Id, (int?)null), (settled.Status, settled.SettledByClaimId, settled.AgeDays));

        // Every step is in the audit log.
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(ExpenseClaim) && e.EntityId == claim.Id.ToString())) >= 4);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(TravelAdvance) && e.EntityId == advance.Id.ToString())) >= 4);
    }

    [Fact]
    public async Task A_claim_larger_than_the_advance_leaves_the_balance_to_pay_and_an_advance_is_settled_once()
    {
        var advance = await PaidAdvanceAsync("engineer", 500m);
        var claim = await ClaimAsync("engineer", [new { category = "Lodging", date = "2026-11-30", amount = 1008m, receipts = 2 }], [advance.Id]);
        Assert.Equal((1008m, 500m, 508m, 0m), (claim.Total, claim.Advanced, claim.ToPay, claim.ToReturn));

        // A second claim cannot name the advance the first one settles.
        using var engineer = app.ClientFor("engineer");
        var second = await engineer.PostAsJsonAsync("/api/v1/expense-claims",
            new { lines = new[] { new { category = "Other", date = "2026-11-30", amount = 10m, receipts = 1 } }, advanceIds = new[] { advance.Id } });
        Assert.Equal(["advanceIds"], await second.FieldErrorsAsync());

        claim = await StepAsync(engineer, claim, "submit");
        using var head = app.ClientFor("head");
        claim = await StepAsync(head, claim, "approve");
        using var hr = app.ClientFor("hr");
        var paid = await StepAsync(hr, claim, "pay");
        Assert.Equal(ExpenseClaimStatus.Paid, paid.Status);

        // Paying twice (or with the version read before) is a conflict and changes nothing.
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PostAsJsonAsync($"/api/v1/expense-claims/{claim.Id}/pay", new { version = claim.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PostAsJsonAsync($"/api/v1/expense-claims/{claim.Id}/pay", new { version = paid.Version })).StatusCode);
        Assert.Equal(AdvanceStatus.Settled, await app.WithDbAsync(db => db.TravelAdvances.Where(a => a.Id == advance.Id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task Nobody_decides_on_or_pays_their_own_and_a_colleague_never_sees_anothers_money()
    {
        using var engineer = app.ClientFor("engineer");
        var advance = await OkAsync<AdvanceView>(await engineer.PostAsJsonAsync("/api/v1/advances", new { purpose = "巡检", amount = 800m }), HttpStatusCode.Created);
        var self = await engineer.PostAsJsonAsync($"/api/v1/advances/{advance.Id}/approve", new { version = advance.Version });
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);

        // 罗斌 is a colleague in another team: not his to see; 杨帆 leads that team, not 马超's; the warehouse keeper and HR do not decide.
        using var colleague = app.ClientFor("engineer2");
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(new Uri($"/api/v1/advances/{advance.Id}", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain((await colleague.GetFromJsonAsync<PageOf<AdvanceView>>("/api/v1/advances", Json.Options))!.Items, a => a.PersonId == advance.PersonId);
        Assert.DoesNotContain(await colleague.GetFromJsonAsync<List<OutstandingAdvances>>("/api/v1/advances/outstanding", Json.Options) ?? [],
            o => o.PersonId == advance.PersonId);
        using var otherTeam = app.ClientFor("E0006");
        Assert.Equal(HttpStatusCode.NotFound, (await otherTeam.PostAsJsonAsync($"/api/v1/advances/{advance.Id}/approve", new { version = advance.Version })).StatusCode);
        using var hr = app.ClientFor("hr");
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostAsJsonAsync($"/api/v1/advances/{advance.Id}/approve", new { version = advance.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PostAsJsonAsync($"/api/v1/advances/{advance.Id}/pay", new { version = advance.Version })).StatusCode);

        // The supervisor's own advance goes to the department head; the supervisor cannot pay anything.
        using var supervisor = app.ClientFor("supervisor");
        var own = await OkAsync<AdvanceView>(await supervisor.PostAsJsonAsync("/api/v1/advances", new { purpose = "培训", amount = 200m }), HttpStatusCode.Created);
        var ownDecision = await supervisor.PostAsJsonAsync($"/api/v1/advances/{own.Id}/approve", new { version = own.Version });
        Assert.Equal("self", (await ownDecision.ReadJsonAsync()).GetProperty("code").GetString());
        var approved = await OkAsync<AdvanceView>(await supervisor.PostAsJsonAsync($"/api/v1/advances/{advance.Id}/approve", new { version = advance.Version }));
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync($"/api/v1/advances/{advance.Id}/pay", new { version = approved.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/advances/{advance.Id}/pay", new { version = approved.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostAsJsonAsync("/api/v1/advances", new { purpose = "x", amount = 1m })).StatusCode);
        Assert.Equal(AdvanceStatus.Approved, await app.WithDbAsync(db => db.TravelAdvances.Where(a => a.Id == advance.Id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task Bad_input_names_its_field_and_changes_nothing()
    {
        using var engineer = app.ClientFor("engineer");
        var before = await app.WithDbAsync(db => db.TravelAdvances.CountAsync());
        Assert.Equal(["purpose", "amount"], await (await engineer.PostAsJsonAsync("/api/v1/advances", new { purpose = " ", amount = 0m })).FieldErrorsAsync());
        Assert.Equal(["amount"], await (await engineer.PostAsJsonAsync("/api/v1/advances", new { purpose = "出差", amount = 10.005m })).FieldErrorsAsync());
        Assert.Equal(["ticketIds"], await (await engineer.PostAsJsonAsync("/api/v1/advances", new { purpose = "出差", amount = 10m, ticketIds = new[] { 987654321 } })).FieldErrorsAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.TravelAdvances.CountAsync()));

        var claims = await app.WithDbAsync(db => db.ExpenseClaims.CountAsync());
        var bad = await engineer.PostAsJsonAsync("/api/v1/expense-claims", new
        {
            lines = new object[]
            {
                new { category = "Travel", amount = 10m, receipts = 1 },
                new { category = "PerDiem", date = "2026-12-01", until = "2026-11-30", allowanceId = await AllowanceAsync("省内出差"), amount = 0m, receipts = 0 },
                new { category = "PerDiem", date = "2026-12-01", until = "2026-12-02", allowanceId = 987654, amount = 0m, receipts = 0 },
                new { category = "Lodging", date = "2026-12-01", amount = -1m, receipts = 1 },
            },
            advanceIds = new[] { 987654 },
        });
        Assert.Equal(["lines[0].date", "lines[2].allowanceId", "advanceIds", "lines[1].until", "lines[3].amount"], await bad.FieldErrorsAsync());
        Assert.Equal(claims, await app.WithDbAsync(db => db.ExpenseClaims.CountAsync()));

        // An advance of a colleague cannot be settled by my claim.
        var theirs = await PaidAdvanceAsync("engineer2", 100m, "E0006");
        Assert.Equal(["advanceIds"], await (await engineer.PostAsJsonAsync("/api/v1/expense-claims",
            new { lines = new[] { new { category = "Other", date = "2026-12-01", amount = 5m, receipts = 1 } }, advanceIds = new[] { theirs.Id } })).FieldErrorsAsync());

        // A returned claim says why; a stale edit is a conflict.
        var claim = await ClaimAsync("engineer", [new { category = "Other", date = "2026-12-01", amount = 5m, receipts = 1 }], []);
        claim = await StepAsync(engineer, claim, "submit");
        using var supervisor = app.ClientFor("supervisor");
        Assert.Equal(["note"], await (await supervisor.PostAsJsonAsync($"/api/v1/expense-claims/{claim.Id}/return", new { version = claim.Version })).FieldErrorsAsync());
        var returned = await StepAsync(supervisor, claim, "return", "发票抬头不符");
        Assert.Equal((ExpenseClaimStatus.Returned, "发票抬头不符"), (returned.Status, returned.DecisionNote));
        var edit = new { lines = new[] { new { category = "Other", date = "2026-12-01", amount = 6m, receipts = 1 } }, advanceIds = Array.Empty<int>(), version = claim.Version };
        Assert.Equal(HttpStatusCode.Conflict, (await engineer.PutAsJsonAsync($"/api/v1/expense-claims/{claim.Id}", edit)).StatusCode);
        var edited = await OkAsync<ExpenseClaimView>(await engineer.PutAsJsonAsync($"/api/v1/expense-claims/{claim.Id}", edit with { version = returned.Version }));
        Assert.Equal(6m, edited.Total);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync($"/api/v1/expense-claims/{claim.Id}", edit with { version = edited.Version })).StatusCode);
        Assert.Equal(["action"], await (await engineer.PostAsJsonAsync($"/api/v1/expense-claims/{claim.Id}/approve-all", new { version = edited.Version })).FieldErrorsAsync());
    }

    [Fact]
    public async Task Outstanding_advances_are_listed_per_person_with_their_age()
    {
        var advance = await PaidAdvanceAsync("engineer2", 1200m, "E0006");
        app.Clock.Advance(TimeSpan.FromDays(40));
        using var hr = app.ClientFor("hr");
        var rows = await hr.GetFromJsonAsync<List<OutstandingAdvances>>("/api/v1/advances/outstanding", Json.Options);
        var row = rows!.Single(r => r.PersonId == advance.PersonId);
        Assert.Equal("罗斌", row.PersonName);
        Assert.True(row.Amount >= 1200m && row.OldestAgeDays >= 40, $"{row}");
        var listed = await hr.GetFromJsonAsync<PageOf<AdvanceView>>("/api/v1/advances?scope=Outstanding&pageSize=100", Json.Options);
        Assert.True(listed!.Items.Single(a => a.Id == advance.Id).AgeDays >= 40);
    }

    [Fact]
    public async Task Receipt_photos_are_added_by_the_claimant_while_the_claim_is_theirs_and_seen_only_by_those_who_see_the_claim()
    {
        var claim = await ClaimAsync("engineer", [new { category = "Travel", date = "2026-12-01", amount = 56m, receipts = 1 }], []);
        async Task<HttpResponseMessage> UploadAsync(string user)
        {
            using var client = app.ClientFor(user);
            using var form = new MultipartFormDataContent();
            var png = new ByteArrayContent(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
            png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(png, "file", "receipt.png");
            form.Add(new StringContent("ExpenseClaim"), "ownerType");
            form.Add(new StringContent(claim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), "ownerId");
            return await client.PostAsync(new Uri("/api/v1/attachments", UriKind.Relative), form);
        }

        Assert.Equal(HttpStatusCode.Created, (await UploadAsync("engineer")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync("engineer2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync("supervisor")).StatusCode);
        using var engineer = app.ClientFor("engineer");
        Assert.Equal(1, (await OkAsync<ExpenseClaimView>(await engineer.GetAsync(new Uri($"/api/v1/expense-claims/{claim.Id}", UriKind.Relative)))).Photos);
        using var colleague = app.ClientFor("engineer2");
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(new Uri($"/api/v1/attachments?ownerType=ExpenseClaim&ownerId={claim.Id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Claims_export_to_excel_with_their_settlement_and_lines_for_those_who_may_see_them()
    {
        var advance = await PaidAdvanceAsync("engineer", 100m);
        var claim = await ClaimAsync("engineer",
        [
            new { category = "Freight", date = "2026-11-02", amount = 23.5m, description = "旧件寄回", receipts = 1 },
            new { category = "PerDiem", date = "2026-11-01", until = "2026-11-02", allowanceId = await AllowanceAsync("省内出差"), amount = 0m, receipts = 0 },
        ], [advance.Id]);
        using var engineer = app.ClientFor("engineer");
        await StepAsync(engineer, claim, "submit");

        static async Task<List<Dictionary<string, object?>>> SheetAsync(HttpResponseMessage response, string sheet)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
            return MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>()
                .Select(r => new Dictionary<string, object?>(r)).ToList();
        }

        using var hr = app.ClientFor("hr");
        var today = app.Clock.GetUtcNow().AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var url = $"/api/v1/expense-claims/export?from={today}&to={today}";
        var claims = await SheetAsync(await hr.GetAsync(new Uri(url, UriKind.Relative)), "报销单");
        var row = claims.Single(r => Convert.ToInt32(r["报销单号"], System.Globalization.CultureInfo.InvariantCulture) == claim.Id);
        Assert.Equal(("马超", "待审批", 183.5m, 100m, 83.5m, 0m), ((string)row["报销人"]!, (string)row["状态"]!, Convert.ToDecimal(row["合计"], System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToDecimal(row["冲抵借款"], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDecimal(row["应付"], System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToDecimal(row["应退回"], System.Globalization.CultureInfo.InvariantCulture)));
        var lines = (await SheetAsync(await hr.GetAsync(new Uri(url, UriKind.Relative)), "费用明细"))
            .Where(r => Convert.ToInt32(r["报销单号"], System.Globalization.CultureInfo.InvariantCulture) == claim.Id).ToList();
        Assert.Equal(["出差补助", "运费"], lines.Select(l => (string)l["类别"]!).Order(StringComparer.Ordinal));

        // A colleague's export holds none of it; a period that ends before it starts names the field.
        using var colleague = app.ClientFor("engineer2");
        Assert.DoesNotContain(await SheetAsync(await colleague.GetAsync(new Uri(url, UriKind.Relative)), "报销单"), r => r.GetValueOrDefault("报销人") as string == "马超");
        Assert.Equal(["to"], await (await hr.GetAsync(new Uri("/api/v1/expense-claims/export?from=2026-12-02&to=2026-12-01", UriKind.Relative))).FieldErrorsAsync());
    }

    [Fact]
    public async Task Lines_charged_to_tickets_are_the_claimants_travel_cost_with_those_tickets_as_evidence()
    {
        var driver = new TicketDriver(app);
        var worked = await driver.ResolveAsync(await driver.CreateAsync());
        var notMine = await driver.CreateAsync();
        using var engineer = app.ClientFor("engineer");
        var refused = await engineer.PostAsJsonAsync("/api/v1/expense-claims",
            new { lines = new[] { new { category = "Travel", date = "2026-12-01", amount = 10m, receipts = 1, ticketId = notMine.Id } } });
        Assert.Equal(["lines[0].ticketId"], await refused.FieldErrorsAsync());

        // ¥120.00 of fares and two days at the 省内 rate (¥160.00) charged to the ticket worked; ¥50.00 of the department's.
        var claim = await ClaimAsync("engineer",
        [
            new { category = "Travel", date = "2026-12-01", amount = 120m, receipts = 1, ticketId = (int?)worked.Id },
            new { category = "PerDiem", date = "2026-12-01", until = "2026-12-02", allowanceId = await AllowanceAsync("省内出差"), amount = 0m, receipts = 0, ticketId = (int?)worked.Id },
            new { category = "Other", date = "2026-12-02", amount = 50m, receipts = 1, ticketId = (int?)null },
        ], []);
        Assert.Equal([worked.Number, worked.Number, null], claim.Lines.Select(l => l.TicketNumber));
        claim = await StepAsync(engineer, claim, "submit");
        using var supervisor = app.ClientFor("supervisor");
        claim = await StepAsync(supervisor, claim, "approve");
        using var hr = app.ClientFor("hr");
        await StepAsync(hr, claim, "pay");

        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var scope = $"personId={await driver.PersonIdAsync("E0011")}&from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        using var head = app.ClientFor("head");
        var facts = (await head.GetFromJsonAsync<Features.ServiceFacts.ServiceFactsView>($"/api/v1/service-facts?{scope}", Json.Options))!.Facts.ToDictionary(f => f.Code);
        Assert.Equal((280m, "CNY"), (facts[ExpenseFactCodes.TravelCost].Value, facts[ExpenseFactCodes.TravelCost].Unit));
        Assert.Equal(280m, facts[ExpenseFactCodes.TravelCostPerTicket].Value); // one ticket
        var evidence = await head.GetFromJsonAsync<PageOf<Features.ServiceFacts.EvidenceRecord>>($"/api/v1/service-facts/{ExpenseFactCodes.TravelCost}/evidence?{scope}", Json.Options);
        Assert.Equal([worked.Number], evidence!.Items.Select(e => e.Number).Distinct());
    }

    [Fact]
    public async Task The_allowance_table_is_kept_by_hr()
    {
        using var hr = app.ClientFor("hr");
        var row = await OkAsync<AllowanceView>(await hr.PostAsJsonAsync("/api/v1/allowances", new { name = "海外出差", ratePerDay = 300m }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PostAsJsonAsync("/api/v1/allowances", new { name = "海外出差", ratePerDay = 200m })).StatusCode);
        Assert.Equal(["ratePerDay"], await (await hr.PostAsJsonAsync("/api/v1/allowances", new { name = "x", ratePerDay = 0m })).FieldErrorsAsync());
        var changed = await OkAsync<AllowanceView>(await hr.PutAsJsonAsync($"/api/v1/allowances/{row.Id}", new { name = "海外出差", ratePerDay = 350m, isActive = false, version = row.Version }));
        Assert.Equal((350m, false), (changed.RatePerDay, changed.IsActive));
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PutAsJsonAsync($"/api/v1/allowances/{row.Id}", new { name = "海外出差", ratePerDay = 360m, version = row.Version })).StatusCode);
        using var engineer = app.ClientFor("engineer");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/allowances", new { name = "自定", ratePerDay = 999m })).StatusCode);
        Assert.DoesNotContain(await engineer.GetFromJsonAsync<List<AllowanceView>>("/api/v1/allowances", Json.Options) ?? [], a => a.Name == "海外出差");
    }
}
