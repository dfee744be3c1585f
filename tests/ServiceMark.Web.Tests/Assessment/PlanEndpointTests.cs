using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Tests.Infrastructure;
using static ServiceMark.Web.Tests.Assessment.AssessmentApi;

namespace ServiceMark.Web.Tests.Assessment;

/// <summary>The plan endpoints one by one (R-ASM-1): list, read, export, import, edit a draft, publish.</summary>
[Trait("Rule", "R-ASM-1")]
public sealed class PlanEndpointTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<string> StoredPlansAsync() => app.WithDbAsync(async db =>
        string.Join(";", await db.AssessmentPlans.AsNoTracking().OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Code}:{p.PlanVersion}:{p.Status}:{p.Version}:{p.Json.Length}").ToListAsync()));

    private async Task<int> SeedPlanIdAsync(string code) => await app.WithDbAsync(db => db.AssessmentPlans.Where(p => p.Code == code && p.PlanVersion == 1).Select(p => p.Id).SingleAsync());

    [Fact]
    public async Task The_list_and_a_plan_show_the_shipped_plans_to_hr_and_the_committee_only()
    {
        using var hr = app.ClientFor("hr");
        var list = await (await hr.GetAsync("/api/v1/assessment/plans")).ReadJsonAsync();
        var codes = list.EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.All(SeedPlans.All, p => Assert.Contains(p.Code, codes));
        Assert.All(list.EnumerateArray().Where(p => p.GetProperty("planVersion").GetInt32() == 1), p => Assert.Equal("Published", p.GetProperty("status").GetString()));

        var id = await SeedPlanIdAsync("service_engineer_monthly");
        var plan = await (await hr.GetAsync($"/api/v1/assessment/plans/{id}")).ReadJsonAsync();
        Assert.Equal("service_engineer_monthly", plan.GetProperty("summary").GetProperty("code").GetString());
        Assert.Equal(SeedPlans.ByCode("service_engineer_monthly").Name, plan.GetProperty("plan").GetProperty("name").GetString());
        Assert.Empty(plan.GetProperty("problems").EnumerateArray());
        using var gm = app.ClientFor("gm");
        Assert.Equal(HttpStatusCode.OK, (await gm.GetAsync($"/api/v1/assessment/plans/{id}")).StatusCode);

        var missing = await ProblemAsync(await hr.GetAsync("/api/v1/assessment/plans/999999"), HttpStatusCode.NotFound);
        Assert.Equal("Not found", missing.GetProperty("title").GetString());
        foreach (var user in new[] { "engineer", "supervisor", "specialist", "vpm" })
        {
            using var client = app.ClientFor(user);
            await ProblemAsync(await client.GetAsync("/api/v1/assessment/plans"), HttpStatusCode.Forbidden);
            await ProblemAsync(await client.GetAsync($"/api/v1/assessment/plans/{id}"), HttpStatusCode.Forbidden);
            await ProblemAsync(await client.GetAsync($"/api/v1/assessment/plans/{id}/export"), HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task The_export_is_the_plan_document_named_by_code_and_version()
    {
        using var head = app.ClientFor("head");
        var id = await SeedPlanIdAsync("complaint_engineer_monthly");
        var exported = await head.GetAsync($"/api/v1/assessment/plans/{id}/export");
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal("application/json", exported.Content.Headers.ContentType?.MediaType);
        Assert.Equal("complaint_engineer_monthly-v1.json", exported.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var read = AssessmentPlanJson.Deserialize(await exported.Content.ReadAsStringAsync());
        Assert.True(read.Succeeded);
        Assert.Equal(SeedPlans.ByCode("complaint_engineer_monthly").Categories.Count, read.Value!.Categories.Count);
        await ProblemAsync(await head.GetAsync("/api/v1/assessment/plans/999999/export"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Import_makes_the_next_draft_version_names_a_bad_document_and_is_refused_to_other_roles()
    {
        using var hr = app.ClientFor("hr");
        var before = await StoredPlansAsync();
        Assert.Equal(["json"], await (await hr.PostAsJsonAsync("/api/v1/assessment/plans", new { json = "  " })).FieldErrorsAsync());
        Assert.Equal(["json"], await (await hr.PostAsJsonAsync("/api/v1/assessment/plans", new { })).FieldErrorsAsync());
        Assert.Equal(["json"], await (await hr.PostAsJsonAsync("/api/v1/assessment/plans", new { json = new string(' ', 10) + new string('x', ServiceMark.Web.Features.Assessment.PlanHandlers.MaxJsonLength) })).FieldErrorsAsync());
        Assert.NotEmpty(await (await hr.PostAsJsonAsync("/api/v1/assessment/plans", new { json = "{\"code\": 5}" })).FieldErrorsAsync());
        var seed = SeedPlans.ByCode("lock_service_manager_monthly");
        Assert.Equal(["code"], await (await hr.PostAsJsonAsync("/api/v1/assessment/plans", new { json = AssessmentPlanJson.Serialize(seed with { Code = new string('c', 100) }) })).FieldErrorsAsync());
        Assert.Equal(["name"], await (await hr.PostAsJsonAsync("/api/v1/assessment/plans", new { json = AssessmentPlanJson.Serialize(seed with { Name = new string('名', 201) }) })).FieldErrorsAsync());
        Assert.Equal(["positionCodes"], await (await hr.PostAsJsonAsync("/api/v1/assessment/plans",
            new { json = AssessmentPlanJson.Serialize(seed with { PositionCodes = [.. Enumerable.Range(0, 60).Select(i => $"POSITION-{i:000}")] }) })).FieldErrorsAsync());
        var json = AssessmentPlanJson.Serialize(seed with { Description = "草稿：导入测试" });
        foreach (var user in new[] { "gm", "supervisor", "engineer", "vphr" })
        {
            using var client = app.ClientFor(user);
            await ProblemAsync(await client.PostAsJsonAsync("/api/v1/assessment/plans", new { json }), HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, await StoredPlansAsync());

        var imported = await hr.PostAsJsonAsync("/api/v1/assessment/plans", new { json });
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var draft = await imported.ReadJsonAsync();
        var summary = draft.GetProperty("summary");
        Assert.Equal($"/api/v1/assessment/plans/{summary.GetProperty("id").GetInt32()}", imported.Headers.Location?.OriginalString);
        Assert.Equal("lock_service_manager_monthly", summary.GetProperty("code").GetString());
        Assert.Equal(2, summary.GetProperty("planVersion").GetInt32());
        Assert.Equal("Draft", summary.GetProperty("status").GetString());
        Assert.Equal("hr", summary.GetProperty("createdBy").GetString());
        Assert.Equal("草稿：导入测试", draft.GetProperty("plan").GetProperty("description").GetString());
        Assert.Contains(await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "StoredAssessmentPlan").Select(a => a.Reason).ToListAsync()), r => r == "plan imported");
    }

    [Fact]
    public async Task A_draft_is_edited_only_at_its_version_keeps_its_code_and_publishes_once()
    {
        using var hr = app.ClientFor("hr");
        using var head = app.ClientFor("head");
        using var gm = app.ClientFor("gm");
        using var engineer = app.ClientFor("engineer");
        var plan = SeedPlans.ByCode("department_head_quarterly");
        var draft = await (await hr.PostAsJsonAsync("/api/v1/assessment/plans", new { json = AssessmentPlanJson.Serialize(plan) })).ReadJsonAsync();
        var id = draft.GetProperty("summary").GetProperty("id").GetInt32();
        var version = draft.GetProperty("summary").GetProperty("version").GetInt32();
        var stored = await StoredPlansAsync();

        // Refused: another role, a stale version, another code, no document, a missing plan — and nothing changed.
        await ProblemAsync(await gm.PutAsJsonAsync($"/api/v1/assessment/plans/{id}", new { json = AssessmentPlanJson.Serialize(plan), version }), HttpStatusCode.Forbidden);
        var stale = await ProblemAsync(await head.PutAsJsonAsync($"/api/v1/assessment/plans/{id}",
            new { json = AssessmentPlanJson.Serialize(plan with { Description = "过期版本" }), version = version + 1 }), HttpStatusCode.Conflict);
        Assert.Equal("Conflict", stale.GetProperty("title").GetString());
        Assert.Equal(["code"], await (await head.PutAsJsonAsync($"/api/v1/assessment/plans/{id}",
            new { json = AssessmentPlanJson.Serialize(plan with { Code = "another_plan" }), version })).FieldErrorsAsync());
        Assert.Equal(["json"], await (await head.PutAsJsonAsync($"/api/v1/assessment/plans/{id}", new { version })).FieldErrorsAsync());
        await ProblemAsync(await head.PutAsJsonAsync("/api/v1/assessment/plans/999999", new { json = AssessmentPlanJson.Serialize(plan), version }), HttpStatusCode.NotFound);
        Assert.Equal(stored, await StoredPlansAsync());

        var edited = await head.PutAsJsonAsync($"/api/v1/assessment/plans/{id}", new { json = AssessmentPlanJson.Serialize(plan with { Description = "部门负责人修订" }), version });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var after = await edited.ReadJsonAsync();
        Assert.Equal("部门负责人修订", after.GetProperty("plan").GetProperty("description").GetString());
        Assert.Equal(2, after.GetProperty("summary").GetProperty("planVersion").GetInt32());
        Assert.True(after.GetProperty("summary").GetProperty("version").GetInt32() > version);

        // Publish: role, stale version, missing plan; then once, and a published plan neither changes nor publishes again.
        var current = after.GetProperty("summary").GetProperty("version").GetInt32();
        await ProblemAsync(await engineer.PostAsJsonAsync($"/api/v1/assessment/plans/{id}/publish", new { version = current }), HttpStatusCode.Forbidden);
        await ProblemAsync(await hr.PostAsJsonAsync($"/api/v1/assessment/plans/{id}/publish", new { version = current - 1 }), HttpStatusCode.Conflict);
        await ProblemAsync(await hr.PostAsJsonAsync("/api/v1/assessment/plans/999999/publish", new { version = current }), HttpStatusCode.NotFound);
        Assert.Equal("Draft", (await (await hr.GetAsync($"/api/v1/assessment/plans/{id}")).ReadJsonAsync()).GetProperty("summary").GetProperty("status").GetString());

        var published = await (await hr.PostAsJsonAsync($"/api/v1/assessment/plans/{id}/publish", new { version = current })).ReadJsonAsync();
        Assert.Equal("Published", published.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.String, published.GetProperty("summary").GetProperty("publishedAtUtc").ValueKind);
        var publishedVersion = published.GetProperty("summary").GetProperty("version").GetInt32();
        await ProblemAsync(await hr.PostAsJsonAsync($"/api/v1/assessment/plans/{id}/publish", new { version = publishedVersion }), HttpStatusCode.Conflict);
        await ProblemAsync(await hr.PutAsJsonAsync($"/api/v1/assessment/plans/{id}", new { json = AssessmentPlanJson.Serialize(plan), version = publishedVersion }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_draft_that_does_not_add_up_is_refused_publication_naming_its_fields()
    {
        using var hr = app.ClientFor("hr");
        var plan = SeedPlans.ByCode("service_manager_monthly");
        var broken = plan with { Categories = [plan.Categories[0] with { Weight = plan.Categories[0].Weight + 5 }, .. plan.Categories.Skip(1)] };
        var draft = await (await hr.PostAsJsonAsync("/api/v1/assessment/plans", new { json = AssessmentPlanJson.Serialize(broken) })).ReadJsonAsync();
        var problems = draft.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()!).ToList();
        Assert.NotEmpty(problems);
        var refused = await hr.PostAsJsonAsync($"/api/v1/assessment/plans/{draft.GetProperty("summary").GetProperty("id").GetInt32()}/publish",
            new { version = draft.GetProperty("summary").GetProperty("version").GetInt32() });
        Assert.Equal(problems.Distinct().Order(), (await refused.FieldErrorsAsync()).Order());
        Assert.Contains(problems, f => f.StartsWith("categories", StringComparison.Ordinal));
    }
}
