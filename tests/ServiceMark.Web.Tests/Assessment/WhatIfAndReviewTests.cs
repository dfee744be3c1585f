using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Tests.Infrastructure;
using static ServiceMark.Web.Tests.Assessment.AssessmentApi;

namespace ServiceMark.Web.Tests.Assessment;

/// <summary>
/// What-if runs (R-ASM-10), the half-year plan review (R-ASM-11), cards and a person's year (R-ASM-7, R-ASM-8): each with
/// its happy path, named field errors (body and query string), its roles and the person-level check.
/// </summary>
[Trait("Rule", "R-ASM-10")]
public sealed class WhatIfAndReviewTests(TestApp app) : IClassFixture<TestApp>
{
    private readonly AssessmentApi api = new(app);

    private Task<string> StoredSheetsAsync(int periodId) => app.WithDbAsync(async db =>
        string.Join(";", await db.AssessmentSheets.AsNoTracking().Where(s => s.PeriodId == periodId).OrderBy(s => s.Id)
            .Select(s => $"{s.Id}:{s.ComputedTotal}:{s.Adjustment}:{s.Version}:{s.ResultJson}").ToListAsync()));

    [Fact]
    public async Task What_if_scores_under_another_plan_version_side_by_side_and_saves_nothing()
    {
        var period = await api.OpenMonthAsync(2);
        var id = PeriodId(period);
        period = await api.ActAsync(period, "head", "StartGoalPlans", "StartDataCollection", "StartSelfReview");
        using var hr = app.ClientFor("hr");
        var plan = SeedPlans.ByCode("service_engineer_monthly");
        var draft = await (await hr.PostAsJsonAsync("/api/v1/assessment/plans", new { json = AssessmentPlanJson.Serialize(plan with { Description = "试算" }) })).ReadJsonAsync();
        var draftId = draft.GetProperty("summary").GetProperty("id").GetInt32();
        var broken = plan with { Categories = [plan.Categories[0] with { Weight = plan.Categories[0].Weight + 10 }, .. plan.Categories.Skip(1)] };
        var brokenId = (await (await hr.PostAsJsonAsync("/api/v1/assessment/plans", new { json = AssessmentPlanJson.Serialize(broken) })).ReadJsonAsync())
            .GetProperty("summary").GetProperty("id").GetInt32();
        var stored = await StoredSheetsAsync(id);
        var audits = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        var url = $"/api/v1/assessment/periods/{id}/what-if";

        Assert.Equal(["planId"], await (await hr.PostAsJsonAsync(url, new { })).FieldErrorsAsync());
        Assert.Equal(["planId"], await (await hr.PostAsJsonAsync(url, new { planId = 999999 })).FieldErrorsAsync());
        Assert.Equal(["planId"], await (await hr.PostAsJsonAsync(url, new { planId = "draft" })).FieldErrorsAsync());
        Assert.All(await (await hr.PostAsJsonAsync(url, new { planId = brokenId })).FieldErrorsAsync(), f => Assert.StartsWith("plan.", f, StringComparison.Ordinal));
        await ProblemAsync(await hr.PostAsJsonAsync("/api/v1/assessment/periods/999999/what-if", new { planId = draftId }), HttpStatusCode.NotFound);
        foreach (var user in new[] { "supervisor", "engineer", "vpm" })
        {
            using var client = app.ClientFor(user);
            await ProblemAsync(await client.PostAsJsonAsync(url, new { planId = draftId }), HttpStatusCode.Forbidden);
        }

        var run = await hr.PostAsJsonAsync(url, new { planId = draftId });
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var result = await run.ReadJsonAsync();
        Assert.Equal(draftId, result.GetProperty("plan").GetProperty("id").GetInt32());
        var rows = result.GetProperty("rows").EnumerateArray().ToList();
        var mine = Assert.Single(rows, r => r.GetProperty("employeeNumber").GetString() == "E0011");
        Assert.Equal("service_engineer_monthly v1", mine.GetProperty("currentPlan").GetString());
        Assert.Equal(mine.GetProperty("currentTotal").GetDecimal(), mine.GetProperty("whatIfTotal").GetDecimal());
        Assert.Equal(0m, mine.GetProperty("difference").GetDecimal());
        Assert.Contains(mine.GetProperty("indicators").EnumerateArray(), i => i.GetProperty("code").GetString() == "arrival_on_time");
        Assert.DoesNotContain(rows, r => r.GetProperty("currentPlan").GetString()!.StartsWith("service_manager_monthly", StringComparison.Ordinal));

        Assert.Equal(stored, await StoredSheetsAsync(id));
        Assert.Equal(audits, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task The_plan_review_names_a_missing_code_or_an_unreadable_date_in_the_query_string()
    {
        using var head = app.ClientFor("head");
        var review = await head.GetAsync("/api/v1/assessment/plan-review?code=service_engineer_monthly&from=2025-01-01&to=2025-06-30");
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        var body = await review.ReadJsonAsync();
        Assert.Equal("service_engineer_monthly", body.GetProperty("planCode").GetString());
        Assert.Equal("2025-01-01", body.GetProperty("from").GetString());
        Assert.Equal("2025-06-30", body.GetProperty("to").GetString());

        Assert.Equal(["code"], await (await head.GetAsync("/api/v1/assessment/plan-review")).FieldErrorsAsync());
        Assert.Equal(["from"], await (await head.GetAsync("/api/v1/assessment/plan-review?code=service_engineer_monthly&from=2025-07-01&to=2025-06-30")).FieldErrorsAsync());
        foreach (var (query, field) in new[] { ("from=abc", "from"), ("to=2025-13-01", "to"), ("from=2025-02-30", "from"), ("to=0001-01-01", "to"), ("to=9999-12-31", "to") })
        {
            var refused = await head.GetAsync($"/api/v1/assessment/plan-review?code=service_engineer_monthly&{query}");
            var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        using var engineer = app.ClientFor("engineer");
        await ProblemAsync(await engineer.GetAsync("/api/v1/assessment/plan-review?code=service_engineer_monthly"), HttpStatusCode.Forbidden);
    }

    [Fact]
    [Trait("Rule", "R-ASM-7")]
    public async Task A_card_names_each_bad_field_is_never_self_issued_and_a_year_is_read_by_its_person_only()
    {
        using var hr = app.ClientFor("hr");
        var person = await api.PersonIdAsync("E0013");
        var hrId = await api.PersonIdAsync("E0025");
        var cards = () => app.WithDbAsync(db => db.DisciplinaryCards.CountAsync());
        var before = await cards();

        Assert.Equal(["colour", "personId", "reason"], (await (await hr.PostAsJsonAsync("/api/v1/assessment/cards", new { })).FieldErrorsAsync()).Order());
        Assert.Equal(["colour"], await (await hr.PostAsJsonAsync("/api/v1/assessment/cards", new { personId = person, colour = "Green", reason = "x" })).FieldErrorsAsync());
        Assert.Equal(["issuedOn"], await (await hr.PostAsJsonAsync("/api/v1/assessment/cards",
            new { personId = person, colour = "Yellow", reason = "x", issuedOn = api.Today.AddDays(3) })).FieldErrorsAsync());
        Assert.Equal(["issuedOn"], await (await hr.PostAsJsonAsync("/api/v1/assessment/cards", new { personId = person, colour = "Yellow", reason = "x", issuedOn = "yesterday" })).FieldErrorsAsync());
        Assert.Equal(["personId"], await (await hr.PostAsJsonAsync("/api/v1/assessment/cards", new { personId = 999999, colour = "Yellow", reason = "x" })).FieldErrorsAsync());
        await ProblemAsync(await hr.PostAsJsonAsync("/api/v1/assessment/cards", new { personId = hrId, colour = "Yellow", reason = "自己" }), HttpStatusCode.Forbidden);
        foreach (var user in new[] { "gm", "supervisor", "engineer" })
        {
            using var client = app.ClientFor(user);
            await ProblemAsync(await client.PostAsJsonAsync("/api/v1/assessment/cards", new { personId = person, colour = "Yellow", reason = "x" }), HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, await cards());

        var issued = await hr.PostAsJsonAsync("/api/v1/assessment/cards", new { personId = person, colour = "yellow", reason = "  未按规定穿戴工装  " });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var card = await issued.ReadJsonAsync();
        Assert.Equal("Yellow", card.GetProperty("colour").GetString());
        Assert.Equal("未按规定穿戴工装", card.GetProperty("reason").GetString());
        Assert.Equal("hr", card.GetProperty("issuedBy").GetString());
        Assert.Equal($"/api/v1/assessment/people/{person}/years/{api.Today.Year}", issued.Headers.Location?.OriginalString);

        // A long reason is kept whole on the card; the audit row's reason is cut to its column (PostgreSQL would refuse it).
        var longReason = string.Concat(Enumerable.Repeat("多次未按规定填写服务报告，", 120));
        var longCard = await (await hr.PostAsJsonAsync("/api/v1/assessment/cards", new { personId = person, colour = "Yellow", reason = longReason })).ReadJsonAsync();
        Assert.Equal(longReason, longCard.GetProperty("reason").GetString());
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "DisciplinaryCard").Select(a => a.Reason!).ToListAsync());
        Assert.All(audited, r => Assert.True(r.Length <= ServiceMark.Web.Infrastructure.Audit.AuditEntry.ReasonMaxLength, $"audit reason of {r.Length} characters"));
        Assert.Contains(audited, r => r.StartsWith("Yellow card: 多次未按规定填写服务报告", StringComparison.Ordinal) && r.EndsWith('…'));

        // The year: the person's own and HR's; a colleague is refused; bad years are named.
        using var subject = app.ClientFor("E0013");
        var year = await (await subject.GetAsync($"/api/v1/assessment/people/{person}/years/{api.Today.Year}")).ReadJsonAsync();
        Assert.Equal("郭磊", year.GetProperty("personName").GetString());
        Assert.Contains(year.GetProperty("cards").EnumerateArray(), c => c.GetProperty("reason").GetString() == "未按规定穿戴工装");
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync($"/api/v1/assessment/people/{person}/years/{api.Today.Year}")).StatusCode);
        foreach (var user in new[] { "engineer", "E0006", "specialist" })
        {
            using var client = app.ClientFor(user);
            var refused = await ProblemAsync(await client.GetAsync($"/api/v1/assessment/people/{person}/years/{api.Today.Year}"), HttpStatusCode.Forbidden);
            Assert.DoesNotContain("未按规定穿戴工装", refused.GetRawText(), StringComparison.Ordinal);
        }

        Assert.Equal(["year"], await (await subject.GetAsync($"/api/v1/assessment/people/{person}/years/1999")).FieldErrorsAsync());
        await ProblemAsync(await hr.GetAsync($"/api/v1/assessment/people/999999/years/{api.Today.Year}"), HttpStatusCode.NotFound);
    }
}
