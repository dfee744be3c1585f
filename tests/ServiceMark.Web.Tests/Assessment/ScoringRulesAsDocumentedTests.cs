using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Tests.Infrastructure;
using static ServiceMark.Web.Tests.Assessment.AssessmentApi;

namespace ServiceMark.Web.Tests.Assessment;

/// <summary>
/// Rules as the documents state them (issue 12 point 7): several raters on one indicator are rounded once, and the app
/// and the offline <c>score</c> command give the same points on the same ratings; a month without recorded work is not
/// assessed. Its own app: it publishes a plan version that asks the engineer's peers.
/// </summary>
[Trait("Rule", "R-ASM-6")]
public sealed class ScoringRulesAsDocumentedTests(TestApp app) : IClassFixture<TestApp>
{
    private readonly AssessmentApi api = new(app);

    [Fact]
    public async Task Three_peers_rating_3_2_2_score_what_the_offline_command_scores()
    {
        // work_attitude (10 points, four-point scale) rated by peers instead of the superior.
        var node = JsonNode.Parse(AssessmentPlanJson.Serialize(SeedPlans.ByCode("service_engineer_monthly")))!;
        var indicator = node["categories"]!.AsArray().SelectMany(c => c!["indicators"]!.AsArray()).Single(i => (string?)i!["code"] == "work_attitude")!;
        indicator["source"]!["raters"] = JsonNode.Parse("""[{ "group": "peers" }]""");
        var planJson = node.ToJsonString();
        using var hr = app.ClientFor("hr");
        var draft = await hr.PostAsJsonAsync("/api/v1/assessment/plans", new { json = planJson });
        Assert.True(draft.StatusCode == HttpStatusCode.Created, await draft.Content.ReadAsStringAsync());
        var summary = (await draft.ReadJsonAsync()).GetProperty("summary");
        var published = await hr.PostAsJsonAsync($"/api/v1/assessment/plans/{summary.GetProperty("id").GetInt32()}/publish",
            new { version = summary.GetProperty("version").GetInt32() });
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());

        var period = await api.OpenMonthAsync(1);
        period = await api.ActAsync(period, "head", "StartGoalPlans", "StartDataCollection");
        var sheetId = await api.SheetIdAsync(period, "E0011");
        var superior = await app.WithDbAsync(db => db.AssessmentSheets.Where(s => s.Id == sheetId).Select(s => s.SuperiorPersonId).SingleAsync());
        var assessed = await app.WithDbAsync(db => db.People.SingleAsync(p => p.EmployeeNumber == "E0011"));
        var peers = await app.WithDbAsync(db => db.People
            .Where(p => p.OrgUnitId == assessed.OrgUnitId && p.Id != assessed.Id && p.Id != superior && p.SuperiorId != assessed.Id)
            .OrderBy(p => p.EmployeeNumber).Select(p => p.EmployeeNumber).Take(3).ToListAsync());
        Assert.Equal(3, peers.Count);

        foreach (var (peer, rating) in peers.Zip(new[] { 3m, 2m, 2m }))
        {
            using var client = app.ClientFor(peer);
            var sheet = await api.SheetAsync(peer, sheetId);
            var rated = await client.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/inputs",
                new { indicatorCode = "work_attitude", value = rating, raterGroup = "peers", version = Version(sheet) });
            Assert.True(rated.StatusCode == HttpStatusCode.OK, $"{peer}: {await rated.Content.ReadAsStringAsync()}");
        }

        await api.ActAsync(await PeriodAsync(PeriodId(period)), "head", "StartSelfReview");
        var scored = await api.SheetAsync("supervisor", sheetId);
        var inApp = Indicator(scored.GetProperty("score"), "work_attitude");

        // (3 + 2 + 2) ÷ 3 = 2.333…; ÷ 3 × 10 = 7.777… → 7.78 (a mean rounded to 2.33 first gives 7.77).
        Assert.Equal(7.78m, inApp.GetProperty("result").GetProperty("points").GetDecimal());
        var offline = OfflineScoring.Run(planJson,
            """{ "work_attitude": { "ratings": [{ "group": "peers", "score": 3 }, { "group": "peers", "score": 2 }, { "group": "peers", "score": 2 }] } }""");
        Assert.True(offline.Succeeded);
        using var sheetJson = JsonDocument.Parse(offline.Value!);
        var byCommand = Indicator(sheetJson.RootElement, "work_attitude");
        Assert.Equal(byCommand.GetProperty("result").GetProperty("points").GetDecimal(), inApp.GetProperty("result").GetProperty("points").GetDecimal());
        Assert.Equal(byCommand.GetProperty("result").GetProperty("arithmetic").GetString(), inApp.GetProperty("result").GetProperty("arithmetic").GetString());
    }

    [Fact]
    public async Task A_month_without_recorded_work_is_not_assessed_with_the_reason_not_excellent()
    {
        // Six months back the test company recorded nothing for anyone: no ticket, complaint, survey, value or rating.
        var period = await api.OpenMonthAsync(6, recordWork: false);
        period = await api.ActAsync(period, "head", "StartGoalPlans", "StartDataCollection", "StartSelfReview");
        var sheetId = await api.SheetIdAsync(period, "E0011");
        var sheet = await api.SheetAsync("supervisor", sheetId);
        Assert.Equal(JsonValueKind.Null, sheet.GetProperty("score").GetProperty("total").ValueKind);
        Assert.Equal(ServiceMark.Web.Features.Assessment.PeriodScoring.NoRecordedWork, sheet.GetProperty("score").GetProperty("arithmetic").GetString());
        var row = (await PeriodAsync(PeriodId(period))).GetProperty("sheets").EnumerateArray().Single(s => s.GetProperty("sheetId").GetInt32() == sheetId);
        Assert.NotEqual("优秀", row.TryGetProperty("grade", out var grade) && grade.ValueKind == JsonValueKind.String ? grade.GetString() : null);

        // The Chinese reader sees the reason on the sheet page.
        using var supervisor = app.ClientFor("supervisor");
        var html = await (await supervisor.GetAsync(new Uri($"/assessment/sheets/{sheetId}", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("不考核：本期无任何工作记录", html, StringComparison.Ordinal);

        // One recorded value (the superior's count of 0 incidents) and the month is scored.
        var other = await api.OpenMonthAsync(7);
        other = await api.ActAsync(other, "head", "StartGoalPlans", "StartDataCollection", "StartSelfReview");
        var scored = await api.SheetAsync("supervisor", await api.SheetIdAsync(other, "E0011"));
        Assert.Equal(JsonValueKind.Number, scored.GetProperty("score").GetProperty("total").ValueKind);
    }

    private async Task<JsonElement> PeriodAsync(int id)
    {
        using var head = app.ClientFor("head");
        return await (await head.GetAsync($"/api/v1/assessment/periods/{id}")).ReadJsonAsync();
    }

    private static JsonElement Indicator(JsonElement sheet, string code) =>
        sheet.GetProperty("categories").EnumerateArray().SelectMany(c => c.GetProperty("indicators").EnumerateArray())
            .Single(i => i.GetProperty("code").GetString() == code);
}
