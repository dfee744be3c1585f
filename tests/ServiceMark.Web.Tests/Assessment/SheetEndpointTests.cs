using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceMark.Tests.Infrastructure;
using static ServiceMark.Web.Tests.Assessment.AssessmentApi;

namespace ServiceMark.Web.Tests.Assessment;

/// <summary>
/// The sheet endpoints one by one (R-ASM-5, R-ASM-6, R-ORG-3): a sheet is the person's, their superior's and HR's/the
/// committee's to read; each step is its person's; a colleague or another team's superior is refused (403) and a refused
/// request changes nothing.
/// </summary>
[Trait("Rule", "R-ORG-3")]
public sealed class SheetEndpointTests(TestApp app) : IClassFixture<TestApp>
{
    private readonly AssessmentApi api = new(app);

    [Fact]
    public async Task A_sheet_is_read_by_its_person_their_superior_and_hr_and_refused_to_everyone_else()
    {
        var period = await api.OpenMonthAsync(2);
        var sheetId = await api.SheetIdAsync(period, "E0011");

        var own = await api.SheetAsync("engineer", sheetId);
        Assert.Equal(sheetId, own.GetProperty("id").GetInt32());
        Assert.Equal("马超", own.GetProperty("personName").GetString());
        Assert.Equal("E0011", own.GetProperty("employeeNumber").GetString());
        Assert.Equal("刘洋", own.GetProperty("superiorName").GetString());
        Assert.Equal("service_engineer_monthly", own.GetProperty("plan").GetProperty("code").GetString());
        Assert.Equal(PeriodId(period), own.GetProperty("period").GetProperty("id").GetInt32());
        Assert.True(own.GetProperty("may").GetProperty("goalPlan").GetBoolean());
        Assert.False(own.GetProperty("may").GetProperty("approveGoalPlan").GetBoolean());

        var bySuperior = await api.SheetAsync("supervisor", sheetId);
        Assert.False(bySuperior.GetProperty("may").GetProperty("goalPlan").GetBoolean());
        Assert.Equal("马超", (await api.SheetAsync("hr", sheetId)).GetProperty("personName").GetString());
        Assert.Equal("马超", (await api.SheetAsync("gm", sheetId)).GetProperty("personName").GetString());

        // A team-mate, an engineer of another team, another team's supervisor, a specialist: 403 with ProblemDetails.
        foreach (var user in new[] { "E0012", "engineer2", "E0006", "specialist", "warehouse", "vpm" })
        {
            using var client = app.ClientFor(user);
            var refused = await ProblemAsync(await client.GetAsync($"/api/v1/assessment/sheets/{sheetId}"), HttpStatusCode.Forbidden);
            Assert.DoesNotContain("马超", refused.GetRawText(), StringComparison.Ordinal);
        }

        using var hr = app.ClientFor("hr");
        await ProblemAsync(await hr.GetAsync("/api/v1/assessment/sheets/999999"), HttpStatusCode.NotFound);

        // "Mine" lists the person's own sheets only.
        using var engineer = app.ClientFor("engineer");
        var mine = (await (await engineer.GetAsync("/api/v1/assessment/sheets/mine")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Contains(mine, r => r.GetProperty("sheetId").GetInt32() == sheetId);
        var me = await api.PersonIdAsync("E0011");
        Assert.All(mine, r => Assert.Equal(me, r.GetProperty("personId").GetInt32()));
    }

    [Fact]
    public async Task The_printable_sheet_page_shows_the_sheet_to_its_person_and_nothing_of_it_to_a_colleague()
    {
        var period = await api.OpenMonthAsync(3);
        period = await api.ActAsync(period, "head", "StartGoalPlans", "StartDataCollection", "StartSelfReview");
        var sheetId = await api.SheetIdAsync(period, "E0011");

        using var engineer = app.ClientFor("engineer");
        var page = await engineer.GetAsync(new Uri($"/assessment/sheets/{sheetId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"print-sheet\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"sheet-table\"", html, StringComparison.Ordinal);
        Assert.Contains("马超", html, StringComparison.Ordinal);
        Assert.Contains("service_engineer_monthly", html, StringComparison.Ordinal);

        using var colleague = app.ClientFor("engineer2");
        var foreign = await (await colleague.GetAsync(new Uri($"/assessment/sheets/{sheetId}", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("id=\"sheet-table\"", foreign, StringComparison.Ordinal);
        Assert.DoesNotContain("马超", foreign, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_and_ratings_are_entered_by_the_superior_while_data_is_collected_with_each_field_checked()
    {
        var period = await api.OpenMonthAsync(4);
        period = await api.ActAsync(period, "head", "StartGoalPlans", "StartDataCollection");
        var sheetId = await api.SheetIdAsync(period, "E0011");
        var sheet = await api.SheetAsync("supervisor", sheetId);
        var version = Version(sheet);
        Assert.True(sheet.GetProperty("may").GetProperty("enterValues").GetBoolean());
        using var supervisor = app.ClientFor("supervisor");
        using var engineer = app.ClientFor("engineer");
        using var colleague = app.ClientFor("engineer2");
        using var otherSupervisor = app.ClientFor("E0006");
        var url = $"/api/v1/assessment/sheets/{sheetId}/inputs";
        var stored = await api.StoredSheetAsync(sheetId);

        Assert.Equal(["indicatorCode"], await (await supervisor.PostAsJsonAsync(url, new { indicatorCode = "no_such", value = 1m, version })).FieldErrorsAsync());
        Assert.Equal(["indicatorCode"], await (await supervisor.PostAsJsonAsync(url, new { indicatorCode = "arrival_on_time", value = 90m, version })).FieldErrorsAsync()); // computed, not typed
        Assert.Equal(["indicatorCode"], await (await supervisor.PostAsJsonAsync(url, new { indicatorCode = "cost_overrun", value = 1m, version })).FieldErrorsAsync()); // counted from the tickets' cost
        Assert.Equal(["raterGroup"], await (await supervisor.PostAsJsonAsync(url, new { indicatorCode = "work_attitude", value = 3m, raterGroup = "Boss", version })).FieldErrorsAsync());
        Assert.Equal(["raterGroup"], await (await supervisor.PostAsJsonAsync(url, new { indicatorCode = "work_attitude", value = 3m, raterGroup = "Peers", version })).FieldErrorsAsync()); // not in the plan
        Assert.Equal(["value"], await (await supervisor.PostAsJsonAsync(url, new { indicatorCode = "work_summary", comment = "缺交总结", version })).FieldErrorsAsync());
        Assert.Equal(["value"], await (await supervisor.PostAsJsonAsync(url, new { indicatorCode = "work_attitude", value = 9m, raterGroup = "Superior", version })).FieldErrorsAsync());
        Assert.Equal(["comment"], await (await supervisor.PostAsJsonAsync(url, new { indicatorCode = "work_summary", value = 1m, comment = new string('x', 5000), version })).FieldErrorsAsync());
        Assert.Equal(["value"], await (await supervisor.PostAsJsonAsync(url, new { indicatorCode = "work_summary", value = "many", version })).FieldErrorsAsync());
        await ProblemAsync(await supervisor.PostAsJsonAsync(url, new { indicatorCode = "work_summary", value = 1m, comment = "缺交总结", version = version + 1 }), HttpStatusCode.Conflict);
        await ProblemAsync(await colleague.PostAsJsonAsync(url, new { indicatorCode = "work_summary", value = 1m, comment = "缺交总结", version }), HttpStatusCode.Forbidden);
        await ProblemAsync(await otherSupervisor.PostAsJsonAsync(url, new { indicatorCode = "work_summary", value = 1m, comment = "缺交总结", version }), HttpStatusCode.Forbidden);
        await ProblemAsync(await engineer.PostAsJsonAsync(url, new { indicatorCode = "work_attitude", value = 3m, raterGroup = "Superior", version }), HttpStatusCode.Forbidden);
        Assert.NotEqual(HttpStatusCode.OK, (await engineer.PostAsJsonAsync(url, new { indicatorCode = "work_summary", value = 0m, comment = "无", version })).StatusCode);
        await ProblemAsync(await supervisor.PostAsJsonAsync("/api/v1/assessment/sheets/999999/inputs", new { indicatorCode = "work_summary", value = 1m, version }), HttpStatusCode.NotFound);
        using (var admin = app.ClientFor("admin"))
        {
            // The administrator account is no person: it reads every sheet but enters no value in anyone's name.
            Assert.False((await api.SheetAsync("admin", sheetId)).GetProperty("may").GetProperty("enterValues").GetBoolean());
            await ProblemAsync(await admin.PostAsJsonAsync(url, new { indicatorCode = "work_summary", value = 1m, comment = "缺交总结", version }), HttpStatusCode.Forbidden);
        }

        Assert.Equal(stored, await api.StoredSheetAsync(sheetId));

        var entered = await supervisor.PostAsJsonAsync(url, new { indicatorCode = "work_summary", value = 1m, comment = "缺交九月总结", evidence = "总结台账 2026-09", version });
        Assert.True(entered.StatusCode == HttpStatusCode.OK, await entered.Content.ReadAsStringAsync());
        sheet = await entered.ReadJsonAsync();
        Assert.True(Version(sheet) > version);
        var input = Assert.Single(sheet.GetProperty("inputs").EnumerateArray(), i => i.GetProperty("indicatorCode").GetString() == "work_summary");
        Assert.Equal(1m, input.GetProperty("value").GetDecimal());
        Assert.Equal("缺交九月总结", input.GetProperty("comment").GetString());
        Assert.Equal("总结台账 2026-09", input.GetProperty("evidence").GetString());
        Assert.True(input.GetProperty("mine").GetBoolean());

        // The same person entering again replaces their value; a rating is kept apart, under its group.
        var again = await supervisor.PostAsJsonAsync(url, new { indicatorCode = "work_summary", value = 2m, comment = "缺交九月、十月总结", version = Version(sheet) });
        Assert.True(again.StatusCode == HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        sheet = await again.ReadJsonAsync();
        var rated = await supervisor.PostAsJsonAsync(url, new { indicatorCode = "work_attitude", value = 3m, raterGroup = "superior", comment = "积极", version = Version(sheet) });
        Assert.True(rated.StatusCode == HttpStatusCode.OK, await rated.Content.ReadAsStringAsync());
        sheet = await rated.ReadJsonAsync();
        var inputs = sheet.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(2m, Assert.Single(inputs, i => i.GetProperty("indicatorCode").GetString() == "work_summary").GetProperty("value").GetDecimal());
        Assert.Equal("Superior", Assert.Single(inputs, i => i.GetProperty("indicatorCode").GetString() == "work_attitude").GetProperty("raterGroup").GetString());

        // The person sees the value on their sheet, not who rated them.
        var own = await api.SheetAsync("engineer", sheetId);
        Assert.Contains(own.GetProperty("inputs").EnumerateArray(), i => i.GetProperty("indicatorCode").GetString() == "work_summary");
        Assert.DoesNotContain(own.GetProperty("inputs").EnumerateArray(), i => i.GetProperty("kind").GetString() == "Rating");
    }

    [Fact]
    public async Task Goal_plan_self_review_and_superior_review_are_each_refused_to_the_wrong_person_and_a_stale_version()
    {
        var period = await api.OpenMonthAsync(5);
        var sheetId = await api.SheetIdAsync(period, "E0012");
        using var subject = app.ClientFor("E0012");
        using var teamMate = app.ClientFor("engineer");
        using var supervisor = app.ClientFor("supervisor");
        using var otherSupervisor = app.ClientFor("E0006");
        var sheet = await api.SheetAsync("E0012", sheetId);
        var stored = await api.StoredSheetAsync(sheetId);

        // Goal plan: the person's own, with its text.
        await ProblemAsync(await teamMate.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan", new { text = "x", version = Version(sheet) }), HttpStatusCode.Forbidden);
        await ProblemAsync(await otherSupervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan/approve", new { version = Version(sheet) }), HttpStatusCode.Forbidden);
        Assert.Equal(["text"], await (await subject.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan", new { version = Version(sheet) })).FieldErrorsAsync());
        Assert.Equal(["text"], await (await subject.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan", new { text = new string('目', 5000), version = Version(sheet) })).FieldErrorsAsync());
        await ProblemAsync(await subject.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan", new { text = "目标", version = Version(sheet) - 1 }), HttpStatusCode.Conflict);
        await ProblemAsync(await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan/approve", new { version = Version(sheet) }), HttpStatusCode.Conflict); // nothing submitted
        Assert.Equal(stored, await api.StoredSheetAsync(sheetId));

        sheet = await (await subject.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan", new { text = "  首次修复率 ≥ 90 %  ", version = Version(sheet) })).ReadJsonAsync();
        Assert.Equal("首次修复率 ≥ 90 %", sheet.GetProperty("record").GetProperty("goalPlan").GetString());
        sheet = await (await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/goal-plan/approve", new { version = Version(sheet) })).ReadJsonAsync();
        Assert.Equal("supervisor", sheet.GetProperty("record").GetProperty("goalPlanApprovedBy").GetString());

        // Self-review: in its state only, a score within 0..100.
        await ProblemAsync(await subject.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/self-review", new { text = "完成", version = Version(sheet) }), HttpStatusCode.Conflict);
        period = await api.ActAsync(await PeriodAsync(PeriodId(period)), "head", "StartGoalPlans", "StartDataCollection", "StartSelfReview");
        sheet = await api.SheetAsync("E0012", sheetId);
        stored = await api.StoredSheetAsync(sheetId);
        Assert.Equal(["selfScore", "text"], (await (await subject.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/self-review", new { selfScore = 101m, version = Version(sheet) })).FieldErrorsAsync()).Order());
        Assert.Equal(["selfScore"], await (await subject.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/self-review", new { text = "完成", selfScore = 80.555m, version = Version(sheet) })).FieldErrorsAsync());
        await ProblemAsync(await teamMate.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/self-review", new { text = "代写", version = Version(sheet) }), HttpStatusCode.Forbidden);
        await ProblemAsync(await subject.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/self-review", new { text = "完成", version = Version(sheet) + 1 }), HttpStatusCode.Conflict);
        Assert.Equal(stored, await api.StoredSheetAsync(sheetId));
        sheet = await (await subject.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/self-review", new { text = "按计划完成", selfScore = 85.5m, version = Version(sheet) })).ReadJsonAsync();
        Assert.Equal("按计划完成", sheet.GetProperty("record").GetProperty("selfReview").GetString());
        Assert.Equal(85.5m, sheet.GetProperty("record").GetProperty("selfScore").GetDecimal());

        // Superior review: the direct superior only; an adjusted total needs a reason and stays within 0..100.
        period = await api.ActAsync(period, "head", "StartSuperiorReview");
        sheet = await api.SheetAsync("supervisor", sheetId);
        var computed = sheet.GetProperty("score").GetProperty("total").GetDecimal();
        stored = await api.StoredSheetAsync(sheetId);
        var url = $"/api/v1/assessment/sheets/{sheetId}/superior-review";
        await ProblemAsync(await otherSupervisor.PostAsJsonAsync(url, new { comment = "好", score = computed, version = Version(sheet) }), HttpStatusCode.Forbidden);
        await ProblemAsync(await subject.PostAsJsonAsync(url, new { comment = "好", score = computed == 50m ? 40m : 50m, reason = "自评", version = Version(sheet) }), HttpStatusCode.Forbidden);
        Assert.Equal(["reason", "score"], (await (await supervisor.PostAsJsonAsync(url, new { score = 150m, version = Version(sheet) })).FieldErrorsAsync()).Order());
        Assert.Equal(["score"], await (await supervisor.PostAsJsonAsync(url, new { score = -1m, reason = "扣分", version = Version(sheet) })).FieldErrorsAsync());
        await ProblemAsync(await supervisor.PostAsJsonAsync(url, new { comment = "好", version = Version(sheet) - 1 }), HttpStatusCode.Conflict);
        Assert.Equal(stored, await api.StoredSheetAsync(sheetId));

        var target = Math.Max(0m, computed - 1.5m);
        sheet = await (await supervisor.PostAsJsonAsync(url, new { comment = "报告迟交", score = target, reason = "两份报告迟交", version = Version(sheet) })).ReadJsonAsync();
        Assert.Equal(target, sheet.GetProperty("finalTotal").GetDecimal());
        Assert.Equal(target - computed, sheet.GetProperty("adjustment").GetDecimal());
        Assert.Equal("两份报告迟交", sheet.GetProperty("adjustmentReason").GetString());
    }

    [Fact]
    public async Task Gm_review_interview_appeal_and_its_decision_each_belong_to_one_person_and_a_refusal_changes_nothing()
    {
        var period = await api.OpenMonthAsync(6);
        period = await api.ActAsync(period, "head", "StartGoalPlans", "StartDataCollection", "StartSelfReview", "StartSuperiorReview", "SendToGeneralManager");
        var managerSheet = await api.SheetIdAsync(period, "E0005");
        var sheetId = await api.SheetIdAsync(period, "E0013");
        using var gm = app.ClientFor("gm");
        using var head = app.ClientFor("head");
        using var hr = app.ClientFor("hr");
        using var subject = app.ClientFor("E0013");
        using var teamMate = app.ClientFor("engineer");
        using var supervisor = app.ClientFor("supervisor");
        using var otherSupervisor = app.ClientFor("E0006");

        // The GM's review of a manager's sheet.
        var sheet = await api.SheetAsync("gm", managerSheet);
        var stored = await api.StoredSheetAsync(managerSheet);
        var gmUrl = $"/api/v1/assessment/sheets/{managerSheet}/gm-review";
        await ProblemAsync(await teamMate.PostAsJsonAsync(gmUrl, new { text = "x", version = Version(sheet) }), HttpStatusCode.Forbidden);
        await ProblemAsync(await head.PostAsJsonAsync(gmUrl, new { text = "x", version = Version(sheet) }), HttpStatusCode.Conflict); // sees it, not their step
        Assert.Equal(["text"], await (await gm.PostAsJsonAsync(gmUrl, new { text = new string('评', 5000), version = Version(sheet) })).FieldErrorsAsync());
        await ProblemAsync(await gm.PostAsJsonAsync(gmUrl, new { text = "x", version = Version(sheet) + 1 }), HttpStatusCode.Conflict);
        Assert.Equal(stored, await api.StoredSheetAsync(managerSheet));
        sheet = await (await gm.PostAsJsonAsync(gmUrl, new { text = "团队管理到位", version = Version(sheet) })).ReadJsonAsync();
        Assert.Equal("团队管理到位", sheet.GetProperty("record").GetProperty("gmComment").GetString());

        // The interview: the direct superior, with notes and an improvement plan.
        period = await api.ActAsync(period, "gm", "SendToCommittee", "Publish");
        period = await api.ActAsync(period, "head", "StartInterviews");
        sheet = await api.SheetAsync("supervisor", sheetId);
        stored = await api.StoredSheetAsync(sheetId);
        var interview = $"/api/v1/assessment/sheets/{sheetId}/interview";
        await ProblemAsync(await otherSupervisor.PostAsJsonAsync(interview, new { notes = "x", improvementPlan = "y", version = Version(sheet) }), HttpStatusCode.Forbidden);
        await ProblemAsync(await teamMate.PostAsJsonAsync(interview, new { notes = "x", improvementPlan = "y", version = Version(sheet) }), HttpStatusCode.Forbidden);
        Assert.Equal("self", (await ProblemAsync(await subject.PostAsJsonAsync(interview, new { notes = "x", improvementPlan = "y", version = Version(sheet) }), HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        Assert.Equal(["improvementPlan", "notes"], (await (await supervisor.PostAsJsonAsync(interview, new { notes = " ", version = Version(sheet) })).FieldErrorsAsync()).Order());
        await ProblemAsync(await supervisor.PostAsJsonAsync(interview, new { notes = "x", improvementPlan = "y", version = Version(sheet) - 1 }), HttpStatusCode.Conflict);
        Assert.Equal(stored, await api.StoredSheetAsync(sheetId));
        sheet = await (await supervisor.PostAsJsonAsync(interview, new { notes = "响应及时", improvementPlan = "加强报告质量", version = Version(sheet) })).ReadJsonAsync();
        Assert.Equal("响应及时", sheet.GetProperty("record").GetProperty("interviewNotes").GetString());
        Assert.Equal("加强报告质量", sheet.GetProperty("record").GetProperty("improvementPlan").GetString());
        Assert.Equal("supervisor", sheet.GetProperty("record").GetProperty("interviewBy").GetString());

        // The appeal: the person's own, once, in the appeal window.
        period = await api.ActAsync(period, "head", "OpenAppealWindow");
        sheet = await api.SheetAsync("E0013", sheetId);
        stored = await api.StoredSheetAsync(sheetId);
        var appeal = $"/api/v1/assessment/sheets/{sheetId}/appeal";
        await ProblemAsync(await teamMate.PostAsJsonAsync(appeal, new { text = "代为申诉", version = Version(sheet) }), HttpStatusCode.Forbidden);
        await ProblemAsync(await supervisor.PostAsJsonAsync(appeal, new { text = "代为申诉", version = Version(sheet) }), HttpStatusCode.Conflict);
        Assert.Equal(["text"], await (await subject.PostAsJsonAsync(appeal, new { text = "", version = Version(sheet) })).FieldErrorsAsync());
        await ProblemAsync(await subject.PostAsJsonAsync(appeal, new { text = "申诉", version = Version(sheet) + 1 }), HttpStatusCode.Conflict);
        Assert.Equal(stored, await api.StoredSheetAsync(sheetId));
        sheet = await (await subject.PostAsJsonAsync(appeal, new { text = "投诉系客户误解", version = Version(sheet) })).ReadJsonAsync();
        Assert.Equal("投诉系客户误解", sheet.GetProperty("record").GetProperty("appealText").GetString());
        await ProblemAsync(await subject.PostAsJsonAsync(appeal, new { text = "再次申诉", version = Version(sheet) }), HttpStatusCode.Conflict);

        // The decision: HR, the head or the GM — not the person or their superior; upheld or not, with the decision's text.
        sheet = await api.SheetAsync("hr", sheetId);
        var finalTotal = sheet.GetProperty("finalTotal").GetDecimal();
        stored = await api.StoredSheetAsync(sheetId);
        var decision = $"/api/v1/assessment/sheets/{sheetId}/appeal/decision";
        await ProblemAsync(await supervisor.PostAsJsonAsync(decision, new { upheld = false, decision = "维持", version = Version(sheet) }), HttpStatusCode.Forbidden);
        await ProblemAsync(await subject.PostAsJsonAsync(decision, new { upheld = true, decision = "改判", score = 100m, version = Version(sheet) }), HttpStatusCode.Forbidden);
        await ProblemAsync(await teamMate.PostAsJsonAsync(decision, new { upheld = true, decision = "改判", version = Version(sheet) }), HttpStatusCode.Forbidden);
        Assert.Equal(["decision", "upheld"], (await (await hr.PostAsJsonAsync(decision, new { version = Version(sheet) })).FieldErrorsAsync()).Order());
        Assert.Equal(["score"], await (await hr.PostAsJsonAsync(decision, new { upheld = true, decision = "改判", score = 101m, version = Version(sheet) })).FieldErrorsAsync());
        Assert.Equal(["upheld"], await (await hr.PostAsJsonAsync(decision, new { upheld = "maybe", decision = "改判", version = Version(sheet) })).FieldErrorsAsync());
        await ProblemAsync(await hr.PostAsJsonAsync(decision, new { upheld = false, decision = "维持", version = Version(sheet) - 1 }), HttpStatusCode.Conflict);
        Assert.Equal(stored, await api.StoredSheetAsync(sheetId));
        sheet = await (await hr.PostAsJsonAsync(decision, new { upheld = false, decision = "经核实投诉成立，维持原结果", version = Version(sheet) })).ReadJsonAsync();
        Assert.False(sheet.GetProperty("record").GetProperty("appealUpheld").GetBoolean());
        Assert.Equal("hr", sheet.GetProperty("record").GetProperty("appealDecidedBy").GetString());
        Assert.Equal(finalTotal, sheet.GetProperty("finalTotal").GetDecimal());
        await ProblemAsync(await head.PostAsJsonAsync(decision, new { upheld = true, decision = "再议", version = Version(sheet) }), HttpStatusCode.Conflict);
    }

    private async Task<JsonElement> PeriodAsync(int id)
    {
        using var head = app.ClientFor("head");
        return await (await head.GetAsync($"/api/v1/assessment/periods/{id}")).ReadJsonAsync();
    }
}
