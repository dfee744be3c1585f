using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Web.Tests.Assessment;

/// <summary>
/// A quarter through the API: opened by the department head, scored from the recorded tickets, reviewed, adjusted with
/// a reason, confirmed and published — with each role's limits (R-ASM-4, R-ASM-5, R-ASM-10, R-ORG-3).
/// </summary>
[Trait("Rule", "R-ASM-5")]
public sealed class AssessmentFlowTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_quarter_runs_from_open_to_published_and_each_person_sees_only_what_they_may()
    {
        var tickets = new TicketDriver(app);
        await tickets.CloseAsync(await tickets.CreateAsync());
        using var head = app.ClientFor("head");
        using var engineer = app.ClientFor("engineer");
        using var engineer2 = app.ClientFor("engineer2");
        using var supervisor = app.ClientFor("supervisor");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var quarter = (today.Month + 2) / 3;

        // Bad input names its field; only runners may open a period.
        Assert.Equal(["number"], await (await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Quarter", year = today.Year, number = 5 })).FieldErrorsAsync());
        Assert.Equal(["length", "year"], (await (await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Week", year = 1900 })).FieldErrorsAsync()).Order());
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Quarter", year = today.Year, number = quarter })).StatusCode);

        var opened = await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Quarter", year = today.Year, number = quarter });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var period = await opened.ReadJsonAsync();
        var periodId = period.GetProperty("summary").GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Conflict, (await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Quarter", year = today.Year, number = quarter })).StatusCode);

        // Engineers are assessed under plan D (quarterly); the probation engineer is listed as not assessed, with the reason.
        var sheets = period.GetProperty("sheets").EnumerateArray().ToList();
        var mine = await PersonIdAsync("E0011");
        var myRow = sheets.Single(s => s.GetProperty("personId").GetInt32() == mine);
        Assert.Equal("service_staff_quarterly", myRow.GetProperty("planCode").GetString());
        var notAssessed = period.GetProperty("notAssessed").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.NotEmpty(notAssessed);

        foreach (var action in new[] { "StartGoalPlans", "StartDataCollection", "StartSelfReview" })
        {
            period = await ActAsync(head, periodId, action, period);
        }

        // Scored from the recorded work: the on-time fact of plan D's timeliness indicator names its tickets.
        var sheetId = myRow.GetProperty("sheetId").GetInt32();
        var sheetResponse = await engineer.GetAsync($"/api/v1/assessment/sheets/{sheetId}");
        Assert.True(sheetResponse.StatusCode == HttpStatusCode.OK, await sheetResponse.Content.ReadAsStringAsync());
        var sheet = await sheetResponse.ReadJsonAsync();
        var indicators = sheet.GetProperty("score").GetProperty("categories").EnumerateArray().SelectMany(c => c.GetProperty("indicators").EnumerateArray()).ToList();
        Assert.Contains(indicators, i => i.GetProperty("result").GetProperty("points").ValueKind == JsonValueKind.Number);
        Assert.True(sheet.GetProperty("may").GetProperty("selfReview").GetBoolean());

        // A colleague's sheet is not the engineer's to read; nor is the period's result list beyond their own row.
        var colleagueSheet = sheets.First(s => s.GetProperty("personId").GetInt32() != mine).GetProperty("sheetId").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer2.GetAsync($"/api/v1/assessment/sheets/{sheetId}")).StatusCode);
        var seenByEngineer = await (await engineer.GetAsync($"/api/v1/assessment/periods/{periodId}")).ReadJsonAsync();
        Assert.Equal([mine], seenByEngineer.GetProperty("sheets").EnumerateArray().Select(s => s.GetProperty("personId").GetInt32()));
        Assert.Empty(seenByEngineer.GetProperty("notAssessed").EnumerateArray());
        Assert.NotEqual(HttpStatusCode.OK, (await engineer.GetAsync($"/api/v1/assessment/sheets/{colleagueSheet}")).StatusCode);

        // Self-review: a missing text is a field error; a stale version a conflict.
        var version = sheet.GetProperty("version").GetInt32();
        Assert.Equal(["text"], await (await engineer.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/self-review", new { text = " ", version })).FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await engineer.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/self-review", new { text = "完成季度任务", version = version + 7 })).StatusCode);
        sheet = await (await engineer.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/self-review", new { text = "完成季度任务，按时到场", selfScore = 90m, version })).ReadJsonAsync();

        // The superior rates a CPI indicator as Superior (the engineer may not rate themselves as Superior).
        var rated = SeedPlans.ByCode("service_staff_quarterly").Categories.SelectMany(c => c.Indicators).First(i => i.Source.Kind == DataSourceKind.Rating);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/inputs",
            new { indicatorCode = rated.Code, value = 3m, raterGroup = "Superior", version = sheet.GetProperty("version").GetInt32() })).StatusCode);
        sheet = await (await supervisor.GetAsync($"/api/v1/assessment/sheets/{sheetId}")).ReadJsonAsync();
        var withRating = await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/inputs",
            new { indicatorCode = rated.Code, value = 3m, raterGroup = "Superior", comment = "主动性强", version = sheet.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, withRating.StatusCode);
        Assert.Equal(["value"], await (await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/inputs",
            new { indicatorCode = rated.Code, value = 9m, raterGroup = "Superior", version = (await withRating.ReadJsonAsync()).GetProperty("version").GetInt32() })).FieldErrorsAsync());

        // Re-scoring takes the rating in; the superior then adjusts — only with a reason.
        period = await (await head.PostAsync($"/api/v1/assessment/periods/{periodId}/score", null)).ReadJsonAsync();

        // The re-score audits the snapshot's hashes and the parts that changed (the rated indicator), not both snapshots whole.
        var rescored = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "AssessmentSheet" && a.EntityId == sheetId.ToString(CultureInfo.InvariantCulture))
            .OrderByDescending(a => a.Id).FirstAsync());
        var snapshot = await app.WithDbAsync(db => db.AssessmentSheets.Where(s => s.Id == sheetId).Select(s => s.ResultJson).SingleAsync());
        var (diffBefore, diffAfter) = (JsonDocument.Parse(rescored.BeforeJson!).RootElement.GetProperty("ResultJson"),
            JsonDocument.Parse(rescored.AfterJson!).RootElement.GetProperty("ResultJson"));
        Assert.Contains($"indicator:{rated.Code}", diffAfter.GetProperty("changed").EnumerateObject().Select(p => p.Name));
        Assert.Equal(diffBefore.GetProperty("changed").EnumerateObject().Select(p => p.Name), diffAfter.GetProperty("changed").EnumerateObject().Select(p => p.Name));
        Assert.NotEqual(diffBefore.GetProperty("sha256").GetString(), diffAfter.GetProperty("sha256").GetString());
        Assert.DoesNotContain(snapshot!, rescored.AfterJson!, StringComparison.Ordinal);
        period = await ActAsync(head, periodId, "StartSuperiorReview", period);
        sheet = await (await supervisor.GetAsync($"/api/v1/assessment/sheets/{sheetId}")).ReadJsonAsync();
        var computed = sheet.GetProperty("score").GetProperty("total").GetDecimal();
        version = sheet.GetProperty("version").GetInt32();
        var target = Math.Max(0m, computed - 2m);
        Assert.Equal(["reason"], await (await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/superior-review",
            new { comment = "良好", score = target, version })).FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer2.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/superior-review",
            new { comment = "x", score = target, reason = "x", version })).StatusCode);
        sheet = await (await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/superior-review",
            new { comment = "总体良好", score = target, reason = "一份服务报告晚交两天", version })).ReadJsonAsync();
        Assert.Equal(target - computed, sheet.GetProperty("adjustment").GetDecimal());
        Assert.Equal(target, sheet.GetProperty("finalTotal").GetDecimal());

        period = await ActAsync(head, periodId, "SendToCommittee", period);
        Assert.Equal(HttpStatusCode.BadRequest, (await head.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/actions",
            new { action = "ReturnForCorrection", version = period.GetProperty("summary").GetProperty("version").GetInt32() })).StatusCode);
        period = await ActAsync(head, periodId, "Publish", period);
        Assert.Equal("Published", period.GetProperty("summary").GetProperty("state").GetString());

        // Published: scores are fixed; re-scoring and superior adjustments are refused.
        Assert.Equal(HttpStatusCode.Conflict, (await head.PostAsync($"/api/v1/assessment/periods/{periodId}/score", null)).StatusCode);
        sheet = await (await supervisor.GetAsync($"/api/v1/assessment/sheets/{sheetId}")).ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/superior-review",
            new { comment = "改分", score = 100m, reason = "再议", version = sheet.GetProperty("version").GetInt32() })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await head.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/actions",
            new { action = "Publish", version = period.GetProperty("summary").GetProperty("version").GetInt32() })).StatusCode);

        // The quarterly bonus: the position's standard annual bonus × 23.5 % × the grade's ratio; a failing grade pays 0.
        var published = await (await head.GetAsync($"/api/v1/assessment/periods/{periodId}")).ReadJsonAsync();
        var myResult = published.GetProperty("sheets").EnumerateArray().Single(r => r.GetProperty("sheetId").GetInt32() == sheetId);
        var expectedBonus = myResult.GetProperty("grade").GetString() switch
        {
            "优秀" => 24000m * 0.235m * 1.2m, "良好" => 24000m * 0.235m, "合格" => 24000m * 0.235m * 0.8m, _ => 0m,
        };
        Assert.Equal(expectedBonus, myResult.GetProperty("bonus").GetDecimal());

        // What-if under a draft version of the same plan: every person side by side, nothing saved, nothing audited.
        var stored = await app.WithDbAsync(db => db.AssessmentSheets.Where(s => s.PeriodId == periodId).Select(s => new { s.Id, s.ResultJson, s.ComputedTotal, s.Version }).ToListAsync());
        var planD = SeedPlans.ByCode("service_staff_quarterly");
        var draftJson = AssessmentPlanJson.Serialize(planD with { Description = "试行：同一方案的草稿" });
        var draft = await (await head.PostAsJsonAsync("/api/v1/assessment/plans", new { json = draftJson })).ReadJsonAsync();
        var auditCount = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        var whatIf = await head.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/what-if", new { planId = draft.GetProperty("summary").GetProperty("id").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, whatIf.StatusCode);
        var compared = (await whatIf.ReadJsonAsync()).GetProperty("rows").EnumerateArray().ToList();
        var mineCompared = compared.Single(r => r.GetProperty("sheetId").GetInt32() == sheetId);
        Assert.Equal(0m, mineCompared.GetProperty("difference").GetDecimal()); // the same plan content gives the same totals
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/what-if", new { planId = 1 })).StatusCode);
        Assert.Equal(["planId"], await (await head.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/what-if", new { })).FieldErrorsAsync());
        Assert.Equal(auditCount, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(stored.Select(x => (x.Id, x.ResultJson, x.ComputedTotal, x.Version)),
            (await app.WithDbAsync(db => db.AssessmentSheets.Where(s => s.PeriodId == periodId).Select(s => new { s.Id, s.ResultJson, s.ComputedTotal, s.Version }).ToListAsync()))
            .Select(x => (x.Id, x.ResultJson, x.ComputedTotal, x.Version)));

        // The workbook: result list, grade distribution, every indicator.
        var export = await head.GetAsync($"/api/v1/assessment/periods/{periodId}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var workbook = new MemoryStream(await export.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal(["考核结果", "等级分布", "指标明细"], MiniExcelLibs.MiniExcel.GetSheetNames(workbook));
            var results = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "考核结果").Cast<IDictionary<string, object>>().ToList();
            Assert.Contains(results, r => (string)r["工号"] == "E0011" && Convert.ToDecimal(r["总分"], System.Globalization.CultureInfo.InvariantCulture) == target);

            // Scoring standards and arithmetic read in Chinese, like the sheets HR files.
            var indicatorRows = MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "指标明细").Cast<IDictionary<string, object>>().ToList();
            var followUp = Assert.Single(indicatorRows, r => (string)r["工号"] == "E0011" && (string)r["指标"] == "回访率");
            Assert.StartsWith("≥95% 得", (string)followUp["评分标准"], StringComparison.Ordinal);
            Assert.DoesNotContain("below", (string?)followUp["计算过程"] ?? "", StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync($"/api/v1/assessment/periods/{periodId}/export")).StatusCode);

        // The half-year plan review puts the published results next to customer feedback.
        var review = await (await head.GetAsync("/api/v1/assessment/plan-review?code=service_staff_quarterly")).ReadJsonAsync();
        Assert.Contains(review.GetProperty("people").EnumerateArray(), p => p.GetProperty("personId").GetInt32() == mine);
        Assert.Equal(["code"], await (await head.GetAsync("/api/v1/assessment/plan-review")).FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync("/api/v1/assessment/plan-review?code=service_staff_quarterly")).StatusCode);

        // The engineer's year: their own only.
        Assert.Equal(HttpStatusCode.OK, (await engineer.GetAsync($"/api/v1/assessment/people/{mine}/years/{today.Year}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer2.GetAsync($"/api/v1/assessment/people/{mine}/years/{today.Year}")).StatusCode);

        // Every change is in the audit log with its reason.
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "AssessmentSheet").Select(a => a.Reason).ToListAsync());
        Assert.Contains("superior review", audited);
    }

    [Fact]
    public async Task Goal_plans_interviews_appeals_and_reopening_each_belong_to_their_person_and_step()
    {
        using var head = app.ClientFor("head");
        using var gm = app.ClientFor("gm");
        using var admin = app.ClientFor("admin");
        using var engineer = app.ClientFor("engineer");
        using var engineer2 = app.ClientFor("engineer2");
        using var supervisor = app.ClientFor("supervisor");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var month = today.AddMonths(-1);
        var period = await (await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Month", year = month.Year, number = month.Month })).ReadJsonAsync();
        var periodId = period.GetProperty("summary").GetProperty("id").GetInt32();
        await new AssessmentApi(app).RecordWorkAsync(periodId);
        var mine = await PersonIdAsync("E0011");
        var sheetId = period.GetProperty("sheets").EnumerateArray().Single(s => s.GetProperty("personId").GetInt32() == mine).GetProperty("sheetId").GetInt32();
        period = await ActAsync(head, periodId, "StartGoalPlans", period);

        // Goal plan: written by the person, approved by the superior only.
        var sheet = await SheetAsync(engineer, sheetId);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer2.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan", new { text = "x", version = Version(sheet) })).StatusCode);
        Assert.Equal(["text"], await (await engineer.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan", new { text = "", version = Version(sheet) })).FieldErrorsAsync());
        sheet = await (await engineer.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan", new { text = "本月到场及时率 ≥ 95 %，完成两次调试总结", version = Version(sheet) })).ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan/approve", new { version = Version(sheet) })).StatusCode); // self
        sheet = await (await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan/approve", new { version = Version(sheet) })).ReadJsonAsync();
        Assert.NotEqual(JsonValueKind.Null, sheet.GetProperty("record").GetProperty("goalPlanApprovedAtUtc").ValueKind);

        // An adjustment during the period needs the superior's approval again; from self-review on, the goals are fixed.
        period = await ActAsync(head, periodId, "StartDataCollection", period);
        sheet = await (await engineer.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan", new { text = "本月到场及时率 ≥ 95 %，完成一次调试总结（客户停产，调试推迟）", version = Version(sheet) })).ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, sheet.GetProperty("record").GetProperty("goalPlanApprovedAtUtc").ValueKind);
        sheet = await (await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan/approve", new { version = Version(sheet) })).ReadJsonAsync();
        Assert.NotEqual(JsonValueKind.Null, sheet.GetProperty("record").GetProperty("goalPlanApprovedAtUtc").ValueKind);
        period = await ActAsync(head, periodId, "StartSelfReview", period);
        sheet = await SheetAsync(engineer, sheetId);
        Assert.Equal(HttpStatusCode.Conflict, (await engineer.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan", new { text = "x", version = Version(sheet) })).StatusCode);

        foreach (var action in new[] { "StartSuperiorReview", "SendToGeneralManager" })
        {
            period = await ActAsync(head, periodId, action, period);
        }

        // The GM reviews managers' sheets only: the supervisor's (plan A) yes, the engineer's no.
        var supervisorSheet = period.GetProperty("sheets").EnumerateArray().First(s => s.GetProperty("planCode").GetString() == "service_manager_monthly").GetProperty("sheetId").GetInt32();
        var managerSheet = await SheetAsync(gm, supervisorSheet);
        Assert.Equal(HttpStatusCode.OK, (await gm.PostAsJsonAsync($"/api/v1/assessment/sheets/{supervisorSheet}/gm-review", new { text = "管理到位", version = Version(managerSheet) })).StatusCode);
        sheet = await SheetAsync(gm, sheetId);
        Assert.Equal(HttpStatusCode.Conflict, (await gm.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/gm-review", new { text = "x", version = Version(sheet) })).StatusCode);

        foreach (var action in new[] { "SendToCommittee", "Publish" })
        {
            period = await ActAsync(gm, periodId, action, period);
        }

        period = await ActAsync(head, periodId, "StartInterviews", period);

        // The team's monthly pool (seed F) is shared among its scored sheets and adds up to the cent.
        var team = await app.WithDbAsync(db => db.People.Where(p => p.Id == mine).Select(p => p.OrgUnitId).SingleAsync());
        var pool = await head.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/team-pool",
            new { orgUnitId = team, installations = 10, installationUnitPrice = 200m, repairs = 21, repairUnitPrice = 33.33m });
        Assert.True(pool.StatusCode == HttpStatusCode.OK, await pool.Content.ReadAsStringAsync());
        var split = await pool.ReadJsonAsync();
        Assert.Equal(2699.93m, split.GetProperty("pool").GetProperty("amount").GetDecimal());
        Assert.Equal(2699.93m, split.GetProperty("shares").EnumerateArray().Sum(x => x.GetProperty("amount").GetDecimal()));
        Assert.Equal(["installations", "orgUnitId"], (await (await head.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/team-pool",
            new { installationUnitPrice = 1m, repairs = 0, repairUnitPrice = 1m })).FieldErrorsAsync()).Order());
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/team-pool",
            new { orgUnitId = team, installations = 1, installationUnitPrice = 1m, repairs = 0, repairUnitPrice = 1m })).StatusCode);

        // Interview by the superior, with notes and an improvement plan.
        sheet = await SheetAsync(supervisor, sheetId);
        Assert.Equal(["improvementPlan", "notes"], (await (await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/interview", new { version = Version(sheet) })).FieldErrorsAsync()).Order());
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/interview", new { notes = "x", improvementPlan = "y", version = Version(sheet) })).StatusCode);
        sheet = await (await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/interview",
            new { notes = "到场及时，报告需按时提交", improvementPlan = "每单结束当天提交服务报告", version = Version(sheet) })).ReadJsonAsync();

        // Appeal once, in the appeal window; decided by the committee; an upheld appeal may set a new total.
        period = await ActAsync(head, periodId, "OpenAppealWindow", period);
        sheet = await SheetAsync(engineer, sheetId);
        sheet = await (await engineer.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/appeal", new { text = "工单延误系客户原因", version = Version(sheet) })).ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await engineer.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/appeal", new { text = "再次申诉", version = Version(sheet) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/appeal/decision", new { upheld = true, decision = "x", version = Version(sheet) })).StatusCode);
        Assert.Equal(["decision", "upheld"], (await (await head.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/appeal/decision", new { version = Version(sheet) })).FieldErrorsAsync()).Order());
        var decided = await (await head.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/appeal/decision",
            new { upheld = true, decision = "客户确认延误系其原因，改为 80 分", score = 80m, version = Version(sheet) })).ReadJsonAsync();
        Assert.Equal(80m, decided.GetProperty("finalTotal").GetDecimal());

        // Closed is locked; only an admin reopens, with a reason.
        period = await ActAsync(head, periodId, "Close", period);
        var version = period.GetProperty("summary").GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/actions", new { action = "Reopen", reason = "补充申诉", version })).StatusCode);
        Assert.Equal(["reason"], await (await admin.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/actions", new { action = "Reopen", version })).FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/actions", new { action = "Dance", version })).StatusCode);
        var reopened = await (await admin.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/actions", new { action = "Reopen", reason = "补充一项迟到的申诉", version })).ReadJsonAsync();
        Assert.Equal("AppealWindow", reopened.GetProperty("summary").GetProperty("state").GetString());
        Assert.Equal("补充一项迟到的申诉", reopened.GetProperty("summary").GetProperty("stateReason").GetString());
    }

    private static async Task<JsonElement> SheetAsync(HttpClient client, int sheetId)
    {
        var response = await client.GetAsync($"/api/v1/assessment/sheets/{sheetId}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static int Version(JsonElement sheet) => sheet.GetProperty("version").GetInt32();

    [Fact]
    public async Task A_plan_that_does_not_add_up_is_imported_as_a_draft_and_refused_publication_with_every_reason()
    {
        using var hr = app.ClientFor("hr");
        using var engineer = app.ClientFor("engineer");
        var plan = SeedPlans.ByCode("service_manager_monthly");
        var broken = plan with
        {
            Categories = [plan.Categories[0] with { Weight = 60 }, .. plan.Categories.Skip(1)],
        };
        var json = AssessmentPlanJson.Serialize(broken);

        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/assessment/plans", new { json })).StatusCode);
        Assert.Equal(["json"], await (await hr.PostAsJsonAsync("/api/v1/assessment/plans", new { json = "" })).FieldErrorsAsync());
        Assert.NotEmpty(await (await hr.PostAsJsonAsync("/api/v1/assessment/plans", new { json = "{\"code\": 5}" })).FieldErrorsAsync());

        var imported = await hr.PostAsJsonAsync("/api/v1/assessment/plans", new { json });
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var draft = await imported.ReadJsonAsync();
        var id = draft.GetProperty("summary").GetProperty("id").GetInt32();
        Assert.Equal(2, draft.GetProperty("summary").GetProperty("planVersion").GetInt32());
        Assert.NotEmpty(draft.GetProperty("problems").EnumerateArray());

        var refused = await hr.PostAsJsonAsync($"/api/v1/assessment/plans/{id}/publish", new { version = draft.GetProperty("summary").GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("categories", string.Join(",", await refused.FieldErrorsAsync()), StringComparison.Ordinal);

        // Corrected in the editor, it publishes; published, it no longer changes.
        var fixedDraft = await (await hr.PutAsJsonAsync($"/api/v1/assessment/plans/{id}", new { json = AssessmentPlanJson.Serialize(plan), version = draft.GetProperty("summary").GetProperty("version").GetInt32() })).ReadJsonAsync();
        Assert.Empty(fixedDraft.GetProperty("problems").EnumerateArray());
        var published = await (await hr.PostAsJsonAsync($"/api/v1/assessment/plans/{id}/publish", new { version = fixedDraft.GetProperty("summary").GetProperty("version").GetInt32() })).ReadJsonAsync();
        Assert.Equal("Published", published.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PutAsJsonAsync($"/api/v1/assessment/plans/{id}", new { json, version = published.GetProperty("summary").GetProperty("version").GetInt32() })).StatusCode);

        var exported = await hr.GetAsync($"/api/v1/assessment/plans/{id}/export");
        Assert.Equal("application/json", exported.Content.Headers.ContentType?.MediaType);
        Assert.True(AssessmentPlanJson.Deserialize(await exported.Content.ReadAsStringAsync()).Succeeded);
    }

    [Fact]
    public async Task Cards_are_issued_with_a_reason_and_a_red_card_cancels_the_year_end_assessment()
    {
        using var head = app.ClientFor("head");
        using var engineer = app.ClientFor("engineer");
        var person = await PersonIdAsync("E0012");
        Assert.Equal(["reason"], await (await head.PostAsJsonAsync("/api/v1/assessment/cards", new { personId = person, colour = "Red" })).FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/assessment/cards", new { personId = person, colour = "Red", reason = "x" })).StatusCode);
        var issued = await head.PostAsJsonAsync("/api/v1/assessment/cards", new { personId = person, colour = "Red", reason = "拒不服从派工" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var year = (await issued.ReadJsonAsync()).GetProperty("issuedOn").GetString()![..4];
        var view = await (await head.GetAsync($"/api/v1/assessment/people/{person}/years/{year}")).ReadJsonAsync();
        Assert.Contains(view.GetProperty("consequences").EnumerateArray(), c => c.GetProperty("kind").GetString() == "NoYearEndAssessment");
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, int periodId, string action, JsonElement period)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/actions",
            new { action, version = period.GetProperty("summary").GetProperty("version").GetInt32() });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private Task<int> PersonIdAsync(string number) => app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == number).Select(p => p.Id).SingleAsync());
}
