using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Domain.Common;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Complaints;
using ServiceMark.Web.Features.DepartmentPolicies;
using Policy = ServiceMark.Domain.DepartmentPolicies.DepartmentPolicy;

namespace ServiceMark.Web.Tests.DepartmentPolicy;

/// <summary>
/// The department policy (issue 12 point 7): the numbers REQUIREMENTS.md calls defaults are stored in versions, edited by the
/// administrator or the department head, audited, and used from there by grades, bonuses, the facts and complaints.
/// </summary>
[Trait("Rule", "R-ASM-8")]
public sealed class DepartmentPolicyTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Url = "/api/v1/department-policy";

    /// <summary>The request body of <paramref name="policy"/> as the version <paramref name="version"/> read.</summary>
    private static JsonObject Body(Policy policy, int version)
    {
        var body = JsonSerializer.SerializeToNode(policy, Json.Options)!.AsObject();
        body.Remove("reportDeadline"); // derived, not a field
        body["version"] = version;
        return body;
    }

    private static async Task<DepartmentPolicyView> SaveAsync(HttpClient client, Func<Policy, Policy> change)
    {
        var current = await client.GetFromJsonAsync<DepartmentPolicyView>(Url, Json.Options);
        var response = await client.PutAsJsonAsync(Url, Body(change(Policy.Default), current!.Version), Json.Options);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<DepartmentPolicyView>();
    }

    [Fact]
    public Task The_head_saves_a_new_version_audited_a_stale_one_is_a_conflict_and_bad_values_are_named() => SavesVersionsAsync(app);

    /// <summary>Saving, refusing bad values, auditing and 409 for a stale or racing save (also run on PostgreSQL).</summary>
    internal static async Task SavesVersionsAsync(TestApp app)
    {
        using var head = app.ClientFor("head");
        var before = (await head.GetFromJsonAsync<DepartmentPolicyView>(Url, Json.Options))!;

        // A bad value and a missing one: 400 naming each field; nothing saved.
        var body = Body(Policy.Default with { GoodMinScore = 95m }, before.Version);
        body.Remove("complaintDeadlineDays");
        var bad = await head.PutAsJsonAsync(Url, body, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["complaintDeadlineDays"], await bad.FieldErrorsAsync());
        bad = await head.PutAsJsonAsync(Url, Body(Policy.Default with { GoodMinScore = 95m, YearEndBonusPercent = 7m }, before.Version), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["goodMinScore", "yearEndBonusPercent"], (await bad.FieldErrorsAsync()).Order());
        Assert.Equal(before.Version, (await head.GetFromJsonAsync<DepartmentPolicyView>(Url, Json.Options))!.Version);

        // Saved: a new version naming who and when, the old one kept in the history, an audit row in the same transaction.
        var saved = await head.PutAsJsonAsync(Url, Body(Policy.Default with { SatisfactionRatePercentMin = 88m }, before.Version), Json.Options);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var view = await saved.ReadAsync<DepartmentPolicyView>();
        Assert.Equal(before.Version + 1, view.Version);
        Assert.Equal(88m, view.SatisfactionRatePercentMin);
        Assert.Equal("陈志强", view.ChangedBy); // the department head by name, not the account
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, view.ChangedAtUtc);
        Assert.Equal(view.Version, view.History[0].Version);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(DepartmentPolicyVersion)).OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal("head", audit.ActorName);
        Assert.Contains("\"SatisfactionRatePercentMin\":88", audit.AfterJson, StringComparison.Ordinal);
        Assert.Equal($"department policy version {view.Version}", audit.Reason);

        // The version read before is stale now: 409, nothing saved.
        var stale = await head.PutAsJsonAsync(Url, Body(Policy.Default with { SatisfactionRatePercentMin = 80m }, before.Version), Json.Options);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("stale_version", (await stale.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(88m, (await head.GetFromJsonAsync<DepartmentPolicyView>(Url, Json.Options))!.SatisfactionRatePercentMin);

        // Two editors who read the same version: one wins, the other gets 409 (the unique version number decides a race).
        using var admin = app.ClientFor("admin");
        var both = await Task.WhenAll(
            head.PutAsJsonAsync(Url, Body(Policy.Default with { TimelinessRatePercentMin = 91m }, view.Version), Json.Options),
            admin.PutAsJsonAsync(Url, Body(Policy.Default with { TimelinessRatePercentMin = 92m }, view.Version), Json.Options));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order());
        await SaveAsync(head, p => p);
    }

    [Fact]
    public async Task Hr_and_the_general_manager_read_only_engineers_and_supervisors_not_at_all()
    {
        foreach (var reader in new[] { "hr", "gm" })
        {
            using var client = app.ClientFor(reader);
            var view = (await client.GetFromJsonAsync<DepartmentPolicyView>(Url, Json.Options))!;
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync(Url, Body(Policy.Default, view.Version), Json.Options)).StatusCode);
        }

        foreach (var other in new[] { "engineer", "supervisor", "specialist" })
        {
            using var client = app.ClientFor(other);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri(Url, UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync(Url, Body(Policy.Default, 0), Json.Options)).StatusCode);
        }
    }

    [Fact]
    public Task Changed_cut_offs_and_bonus_share_regrade_a_period_when_it_is_re_scored_and_not_before() => RegradesOnRescoreAsync(app);

    /// <summary>New cut-offs and bonus share reach a period's grades and bonus when it is re-scored (also run on PostgreSQL).</summary>
    internal static async Task RegradesOnRescoreAsync(TestApp app)
    {
        using var head = app.ClientFor("head");
        using var supervisor = app.ClientFor("supervisor");
        await SaveAsync(head, p => p);
        var year = app.Clock.GetUtcNow().Year - 1;
        var engineer = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0011").Select(p => p.Id).SingleAsync());
        var standard = await app.WithDbAsync(db => db.People.Where(p => p.Id == engineer)
            .Join(db.Positions, p => p.PositionId, pos => pos.Id, (p, pos) => pos.StandardAnnualBonus).SingleAsync());
        Assert.NotNull(standard);

        // A quarter in superior review with the engineer's total settled at 80: 良好 under the defaults, 23.5 % × 1.0.
        var opened = await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Quarter", year, number = 2 });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var period = await opened.ReadJsonAsync();
        var periodId = period.GetProperty("summary").GetProperty("id").GetInt32();
        var sheetId = period.GetProperty("sheets").EnumerateArray().Single(s => s.GetProperty("personId").GetInt32() == engineer).GetProperty("sheetId").GetInt32();
        period = await ActAsync(head, periodId, period, "StartGoalPlans", "StartDataCollection");
        var rated = SeedPlans.ByCode("service_staff_quarterly").Categories.SelectMany(c => c.Indicators).First(i => i.Source.Kind == DataSourceKind.Rating);
        var sheet = await (await supervisor.GetAsync($"/api/v1/assessment/sheets/{sheetId}")).ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/inputs",
            new { indicatorCode = rated.Code, value = 3m, raterGroup = "Superior", version = sheet.GetProperty("version").GetInt32() })).StatusCode);
        period = await ActAsync(head, periodId, period, "StartSelfReview", "StartSuperiorReview");
        sheet = await (await supervisor.GetAsync($"/api/v1/assessment/sheets/{sheetId}")).ReadJsonAsync();
        var reviewed = await supervisor.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetId}/superior-review",
            new { comment = "季度评价", score = 80m, reason = "按季度表现确定", version = sheet.GetProperty("version").GetInt32() });
        Assert.True(reviewed.StatusCode == HttpStatusCode.OK, await reviewed.Content.ReadAsStringAsync());

        var row = await RowAsync(head, periodId, engineer);
        Assert.Equal(80m, row.GetProperty("finalTotal").GetDecimal());
        Assert.Equal("良好", row.GetProperty("grade").GetString());
        Assert.Equal("B", row.GetProperty("fivePointGrade").GetString());
        Assert.Equal(Rounding.Round(standard!.Value * 0.235m * 1.0m), row.GetProperty("bonus").GetDecimal());

        // New cut-offs and shares: the sheet keeps the version it was scored under until the period is re-scored.
        await SaveAsync(head, p => p with
        {
            ExcellentMinScore = 95m, GoodMinScore = 85m, PassMinScore = 70m, FivePointBMinScore = 4.5m, QuarterlyBonusPercent = 20m, YearEndBonusPercent = 20m,
        });
        Assert.Equal("良好", (await RowAsync(head, periodId, engineer)).GetProperty("grade").GetString());

        var rescored = await head.PostAsync($"/api/v1/assessment/periods/{periodId}/score", null);
        Assert.Equal(HttpStatusCode.OK, rescored.StatusCode);
        row = await RowAsync(head, periodId, engineer);
        Assert.Equal(80m, row.GetProperty("finalTotal").GetDecimal());
        Assert.Equal("合格", row.GetProperty("grade").GetString());
        Assert.Equal("C", row.GetProperty("fivePointGrade").GetString());
        Assert.Equal(Rounding.Round(standard.Value * 0.20m * 0.8m), row.GetProperty("bonus").GetDecimal());
        Assert.Contains("20 %", row.GetProperty("bonusArithmetic").GetString(), StringComparison.Ordinal);

        // The sheet reads the same.
        var mine = await (await head.GetAsync($"/api/v1/assessment/sheets/{sheetId}")).ReadJsonAsync();
        Assert.Equal("合格", mine.GetProperty("grade").GetString());
        await SaveAsync(head, p => p);
    }

    [Fact]
    public async Task The_complaint_deadline_and_the_report_deadline_come_from_the_policy()
    {
        using var head = app.ClientFor("head");
        using var specialist = app.ClientFor("specialist");
        await SaveAsync(head, p => p with { ComplaintDeadlineDays = 5, ReportDeadlineHours = 48 });

        var now = app.Clock.GetUtcNow().UtcDateTime;
        var received = await specialist.PostAsJsonAsync("/api/v1/complaints", new
        {
            source = "Phone", complainant = "郑州公交集团 赵建华", category = "Service", severity = "Major", description = "工程师未按约定时间到场",
        });
        Assert.True(received.StatusCode == HttpStatusCode.Created, await received.Content.ReadAsStringAsync());
        Assert.Equal(now.AddDays(5), (await received.ReadAsync<ComplaintView>()).DeadlineUtc);

        var facts = await (await head.GetAsync("/api/v1/service-facts")).ReadJsonAsync();
        var report = facts.GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "report_on_time_rate");
        Assert.Contains("within 48 h", report.GetProperty("formula").GetString(), StringComparison.Ordinal);

        await SaveAsync(head, p => p);
        Assert.Contains("within 24 h", (await (await head.GetAsync("/api/v1/service-facts")).ReadJsonAsync()).GetProperty("facts").EnumerateArray()
            .Single(f => f.GetProperty("code").GetString() == "report_on_time_rate").GetProperty("formula").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> RowAsync(HttpClient client, int periodId, int personId) =>
        (await (await client.GetAsync($"/api/v1/assessment/periods/{periodId}")).ReadJsonAsync())
        .GetProperty("sheets").EnumerateArray().Single(s => s.GetProperty("personId").GetInt32() == personId);

    private static async Task<JsonElement> ActAsync(HttpClient client, int periodId, JsonElement period, params string[] actions)
    {
        foreach (var action in actions)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/actions",
                new { action, version = period.GetProperty("summary").GetProperty("version").GetInt32() });
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            period = await response.ReadJsonAsync();
        }

        return period;
    }
}
