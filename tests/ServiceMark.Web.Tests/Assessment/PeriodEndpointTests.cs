using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using ServiceMark.Tests.Infrastructure;
using static ServiceMark.Web.Tests.Assessment.AssessmentApi;

namespace ServiceMark.Web.Tests.Assessment;

/// <summary>The period endpoints one by one (R-ASM-4, R-ASM-5): open, list, read (each person their own rows), act, score, export, team pool.</summary>
[Trait("Rule", "R-ASM-4")]
public sealed class PeriodEndpointTests(TestApp app) : IClassFixture<TestApp>
{
    private readonly AssessmentApi api = new(app);

    private Task<string> StoredPeriodsAsync() => app.WithDbAsync(async db =>
        string.Join(";", await db.AssessmentPeriods.AsNoTracking().OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Year}-{p.Number}:{p.State}:{p.Version}").ToListAsync())
        + "|" + await db.AssessmentSheets.CountAsync());

    private static List<int> PersonIds(JsonElement period) => period.GetProperty("sheets").EnumerateArray().Select(s => s.GetProperty("personId").GetInt32()).ToList();

    [Fact]
    public async Task Opening_a_month_creates_a_sheet_per_assessed_person_and_names_who_is_left_out()
    {
        using var head = app.ClientFor("head");
        var month = api.Today.AddMonths(-2);
        var before = await StoredPeriodsAsync();

        // Bad input names each field; another role is refused; nothing is created.
        Assert.Equal(["number"], await (await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Month", year = month.Year, number = 13 })).FieldErrorsAsync());
        Assert.Equal(["number"], await (await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Quarter", year = month.Year, number = 0 })).FieldErrorsAsync());
        Assert.Equal(["length", "year"], (await (await head.PostAsJsonAsync("/api/v1/assessment/periods", new { })).FieldErrorsAsync()).Order());
        Assert.Equal(["year"], await (await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Month", year = 2101, number = 1 })).FieldErrorsAsync());
        Assert.Equal(["year"], await (await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Month", year = "abc", number = 1 })).FieldErrorsAsync());
        foreach (var user in new[] { "supervisor", "engineer", "specialist", "warehouse", "vpm" })
        {
            using var client = app.ClientFor(user);
            await ProblemAsync(await client.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Month", year = month.Year, number = month.Month }), HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, await StoredPeriodsAsync());

        var opened = await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Month", year = month.Year, number = month.Month });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var period = await opened.ReadJsonAsync();
        var summary = period.GetProperty("summary");
        Assert.Equal($"/api/v1/assessment/periods/{summary.GetProperty("id").GetInt32()}", opened.Headers.Location?.OriginalString);
        Assert.Equal("Open", summary.GetProperty("state").GetString());
        Assert.Equal("Month", summary.GetProperty("length").GetString());
        Assert.Equal(new DateOnly(month.Year, month.Month, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), summary.GetProperty("firstDay").GetString());
        Assert.Equal("head", summary.GetProperty("stateChangedBy").GetString());
        var rows = period.GetProperty("sheets").EnumerateArray().ToList();
        Assert.Equal(rows.Count, summary.GetProperty("sheets").GetInt32());
        var engineerRow = rows.Single(r => r.GetProperty("employeeNumber").GetString() == "E0011");
        Assert.Equal("service_engineer_monthly", engineerRow.GetProperty("planCode").GetString());
        Assert.Equal(JsonValueKind.Null, engineerRow.GetProperty("computedTotal").ValueKind);
        Assert.Contains(rows, r => r.GetProperty("employeeNumber").GetString() == "E0005" && r.GetProperty("planCode").GetString() == "service_manager_monthly");
        Assert.DoesNotContain(rows, r => r.GetProperty("employeeNumber").GetString() is "E0016" or "E0029"); // probation; left
        Assert.Contains(period.GetProperty("notAssessed").EnumerateArray(), n => n.GetString()!.Contains("E0016", StringComparison.Ordinal));
        Assert.Contains("StartGoalPlans", period.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        // The same period twice is a conflict, and adds nothing.
        var stored = await StoredPeriodsAsync();
        await ProblemAsync(await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "month", year = month.Year, number = month.Month }), HttpStatusCode.Conflict);
        Assert.Equal(stored, await StoredPeriodsAsync());

        // The list shows it with its sheet count, to every reader.
        using var engineer = app.ClientFor("engineer");
        var listed = (await (await engineer.GetAsync("/api/v1/assessment/periods")).ReadJsonAsync()).EnumerateArray()
            .Single(p => p.GetProperty("id").GetInt32() == summary.GetProperty("id").GetInt32());
        Assert.Equal(rows.Count, listed.GetProperty("sheets").GetInt32());
    }

    [Fact]
    public async Task A_period_shows_each_reader_only_their_own_row_and_their_reports_rows()
    {
        var period = await api.OpenMonthAsync(3);
        var id = PeriodId(period);
        var all = PersonIds(period);
        var engineerId = await api.PersonIdAsync("E0011");
        var supervisorId = await api.PersonIdAsync("E0005");
        var colleagueId = await api.PersonIdAsync("E0017");
        var reports = await app.WithDbAsync(db => db.People.Where(p => p.SuperiorId == supervisorId).Select(p => p.Id).ToListAsync());

        async Task<JsonElement> Read(string user)
        {
            using var client = app.ClientFor(user);
            var response = await client.GetAsync($"/api/v1/assessment/periods/{id}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return await response.ReadJsonAsync();
        }

        var asEngineer = await Read("engineer");
        Assert.Equal([engineerId], PersonIds(asEngineer));
        Assert.Empty(asEngineer.GetProperty("notAssessed").EnumerateArray());
        Assert.Empty(asEngineer.GetProperty("allowedActions").EnumerateArray());
        Assert.False(asEngineer.GetProperty("canScore").GetBoolean());

        var asSupervisor = await Read("supervisor");
        Assert.Contains(engineerId, PersonIds(asSupervisor));
        Assert.Contains(supervisorId, PersonIds(asSupervisor));
        Assert.DoesNotContain(colleagueId, PersonIds(asSupervisor));
        Assert.All(PersonIds(asSupervisor), p => Assert.True(p == supervisorId || reports.Contains(p), $"person {p} is not the supervisor's"));

        var asOtherSupervisor = await Read("E0006");
        Assert.DoesNotContain(engineerId, PersonIds(asOtherSupervisor));
        Assert.Contains(colleagueId, PersonIds(asOtherSupervisor));

        Assert.Equal(all.Order(), PersonIds(await Read("hr")).Order());
        Assert.Equal(all.Order(), PersonIds(await Read("gm")).Order());

        using var head = app.ClientFor("head");
        await ProblemAsync(await head.GetAsync("/api/v1/assessment/periods/999999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Actions_move_the_period_by_role_and_version_and_a_refused_one_changes_nothing()
    {
        var period = await api.OpenMonthAsync(4);
        var id = PeriodId(period);
        var version = PeriodVersion(period);
        using var head = app.ClientFor("head");
        using var gm = app.ClientFor("gm");
        using var admin = app.ClientFor("admin");
        using var supervisor = app.ClientFor("supervisor");
        var before = await StoredPeriodsAsync();

        Assert.Equal(["action"], await (await head.PostAsJsonAsync($"/api/v1/assessment/periods/{id}/actions", new { action = "Dance", version })).FieldErrorsAsync());
        Assert.Equal(["action"], await (await head.PostAsJsonAsync($"/api/v1/assessment/periods/{id}/actions", new { version })).FieldErrorsAsync());
        Assert.Equal(["reason"], await (await head.PostAsJsonAsync($"/api/v1/assessment/periods/{id}/actions", new { action = "StartGoalPlans", reason = new string('因', 501), version })).FieldErrorsAsync());
        await ProblemAsync(await supervisor.PostAsJsonAsync($"/api/v1/assessment/periods/{id}/actions", new { action = "StartGoalPlans", version }), HttpStatusCode.Forbidden);
        await ProblemAsync(await gm.PostAsJsonAsync($"/api/v1/assessment/periods/{id}/actions", new { action = "StartGoalPlans", version }), HttpStatusCode.Forbidden); // the committee does not organise
        await ProblemAsync(await head.PostAsJsonAsync($"/api/v1/assessment/periods/{id}/actions", new { action = "StartGoalPlans", version = version + 1 }), HttpStatusCode.Conflict);
        await ProblemAsync(await head.PostAsJsonAsync($"/api/v1/assessment/periods/{id}/actions", new { action = "Publish", version }), HttpStatusCode.Conflict); // not in this state
        await ProblemAsync(await head.PostAsJsonAsync("/api/v1/assessment/periods/999999/actions", new { action = "StartGoalPlans", version }), HttpStatusCode.NotFound);
        Assert.Equal(before, await StoredPeriodsAsync());

        var moved = await head.PostAsJsonAsync($"/api/v1/assessment/periods/{id}/actions", new { action = "startGoalPlans", version });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        period = await moved.ReadJsonAsync();
        Assert.Equal("GoalPlans", period.GetProperty("summary").GetProperty("state").GetString());
        Assert.True(PeriodVersion(period) > version);
        Assert.Equal(["StartDataCollection"], period.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        // The old version is now stale.
        await ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/assessment/periods/{id}/actions", new { action = "StartDataCollection", version }), HttpStatusCode.Conflict);
        Assert.Equal("GoalPlans", await app.WithDbAsync(db => db.AssessmentPeriods.Where(p => p.Id == id).Select(p => p.State.ToString()).SingleAsync()));
        Assert.Contains(await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "StoredAssessmentPeriod").Select(a => a.Reason).ToListAsync()), r => r == "StartGoalPlans");
    }

    [Fact]
    public async Task Scoring_is_for_runners_while_data_is_collected_and_fills_every_sheet()
    {
        var period = await api.OpenMonthAsync(5);
        var id = PeriodId(period);
        using var head = app.ClientFor("head");
        using var hr = app.ClientFor("hr");
        using var supervisor = app.ClientFor("supervisor");

        var early = await ProblemAsync(await head.PostAsync($"/api/v1/assessment/periods/{id}/score", null), HttpStatusCode.Conflict);
        Assert.Equal("period_locked", early.GetProperty("code").GetString());
        period = await api.ActAsync(period, "head", "StartGoalPlans", "StartDataCollection");
        await ProblemAsync(await supervisor.PostAsync($"/api/v1/assessment/periods/{id}/score", null), HttpStatusCode.Forbidden);
        await ProblemAsync(await hr.PostAsync("/api/v1/assessment/periods/999999/score", null), HttpStatusCode.NotFound);
        Assert.Equal(0, await app.WithDbAsync(db => db.AssessmentSheets.CountAsync(s => s.PeriodId == id && s.ScoredAtUtc != null)));

        var scored = await hr.PostAsync($"/api/v1/assessment/periods/{id}/score", null);
        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        var rows = (await scored.ReadJsonAsync()).GetProperty("sheets").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        var mine = rows.Single(r => r.GetProperty("employeeNumber").GetString() == "E0011");
        Assert.Equal(JsonValueKind.Number, mine.GetProperty("computedTotal").ValueKind);
        Assert.NotNull(mine.GetProperty("grade").GetString());
        Assert.Equal(rows.Count, await app.WithDbAsync(db => db.AssessmentSheets.CountAsync(s => s.PeriodId == id && s.ScoredAtUtc != null)));

        // Ranked within the team and within the department: one more than the number of colleagues with a higher total.
        var unitOfPerson = await app.WithDbAsync(db => db.People.ToDictionaryAsync(p => p.Id, p => p.OrgUnitId));
        var parentOf = await app.WithDbAsync(db => db.OrgUnits.ToDictionaryAsync(u => u.Id, u => u.Kind == Domain.Organisation.OrgUnitKind.Department ? null : u.ParentId));
        int Department(int unit) => parentOf[unit] is { } parent ? Department(parent) : unit;
        var scoredRows = rows.Where(r => r.GetProperty("finalTotal").ValueKind == JsonValueKind.Number)
            .Select(r => (Person: r.GetProperty("personId").GetInt32(), Total: r.GetProperty("finalTotal").GetDecimal(), Row: r)).ToList();
        Assert.True(scoredRows.Select(r => Department(unitOfPerson[r.Person])).Distinct().Count() < scoredRows.Select(r => unitOfPerson[r.Person]).Distinct().Count());
        foreach (var (person, total, row) in scoredRows)
        {
            var team = unitOfPerson[person];
            Assert.Equal(1 + scoredRows.Count(o => unitOfPerson[o.Person] == team && o.Total > total), row.GetProperty("rankInUnit").GetInt32());
            Assert.Equal(1 + scoredRows.Count(o => Department(unitOfPerson[o.Person]) == Department(team) && o.Total > total), row.GetProperty("rankInDepartment").GetInt32());
        }
    }

    [Fact]
    public async Task The_export_is_a_workbook_of_the_result_list_the_grade_distribution_and_every_indicator()
    {
        var period = await api.OpenMonthAsync(6);
        var id = PeriodId(period);
        period = await api.ActAsync(period, "head", "StartGoalPlans", "StartDataCollection", "StartSelfReview");
        using var gm = app.ClientFor("gm");
        var results = (await (await gm.GetAsync($"/api/v1/assessment/periods/{id}")).ReadJsonAsync()).GetProperty("sheets").EnumerateArray().ToList();

        var export = await gm.GetAsync($"/api/v1/assessment/periods/{id}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", export.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        using var workbook = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        Assert.Equal(["考核结果", "等级分布", "指标明细"], MiniExcel.GetSheetNames(workbook));
        var list = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "考核结果").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(results.Select(r => r.GetProperty("employeeNumber").GetString()).Order(), list.Select(r => (string)r["工号"]).Order());
        var mine = list.Single(r => (string)r["工号"] == "E0011");
        var myResult = results.Single(r => r.GetProperty("employeeNumber").GetString() == "E0011");
        Assert.Equal(myResult.GetProperty("finalTotal").GetDecimal(), Convert.ToDecimal(mine["总分"], CultureInfo.InvariantCulture));
        Assert.Equal(myResult.GetProperty("grade").GetString(), (string)mine["等级"]);
        Assert.Equal("马超", (string)mine["姓名"]);

        var distribution = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "等级分布").Cast<IDictionary<string, object>>().ToList();
        var total = distribution.Single(r => (string)r["部门/班组"] == "合计");
        Assert.Equal(results.Count, Convert.ToInt32(total["合计"], CultureInfo.InvariantCulture));

        var indicators = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "指标明细").Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(indicators, r => (string)r["工号"] == "E0011" && r["指标"] is string);
        Assert.All(indicators.Where(r => (string)r["工号"] == "E0011"), r => Assert.Contains((string)r["工号"], list.Select(l => (string)l["工号"])));

        using var supervisor = app.ClientFor("supervisor");
        using var engineer = app.ClientFor("engineer");
        await ProblemAsync(await supervisor.GetAsync($"/api/v1/assessment/periods/{id}/export"), HttpStatusCode.Forbidden);
        await ProblemAsync(await engineer.GetAsync($"/api/v1/assessment/periods/{id}/export"), HttpStatusCode.Forbidden);
        await ProblemAsync(await gm.GetAsync("/api/v1/assessment/periods/999999/export"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_team_pool_names_every_missing_or_bad_value_and_splits_only_among_the_team()
    {
        var period = await api.OpenMonthAsync(7);
        var id = PeriodId(period);
        period = await api.ActAsync(period, "head", "StartGoalPlans", "StartDataCollection", "StartSelfReview");
        var team = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0011").Select(p => p.OrgUnitId).SingleAsync());
        var teamMembers = await app.WithDbAsync(db => db.People.Where(p => p.OrgUnitId == team).Select(p => p.Id).ToListAsync());
        using var hr = app.ClientFor("hr");

        Assert.Equal(new[] { "installationUnitPrice", "installations", "orgUnitId", "repairUnitPrice", "repairs" }.Order(StringComparer.Ordinal),
            (await (await hr.PostAsJsonAsync($"/api/v1/assessment/periods/{id}/team-pool", new { })).FieldErrorsAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(["method"], await (await hr.PostAsJsonAsync($"/api/v1/assessment/periods/{id}/team-pool",
            new { orgUnitId = team, installations = 1, installationUnitPrice = 1m, repairs = 0, repairUnitPrice = 1m, method = "Lottery" })).FieldErrorsAsync());
        Assert.Equal(["orgUnitId"], await (await hr.PostAsJsonAsync($"/api/v1/assessment/periods/{id}/team-pool",
            new { orgUnitId = 999999, installations = 1, installationUnitPrice = 1m, repairs = 0, repairUnitPrice = 1m })).FieldErrorsAsync());
        Assert.NotEmpty(await (await hr.PostAsJsonAsync($"/api/v1/assessment/periods/{id}/team-pool",
            new { orgUnitId = team, installations = -1, installationUnitPrice = 1m, repairs = 0, repairUnitPrice = 1m })).FieldErrorsAsync());
        await ProblemAsync(await hr.PostAsJsonAsync("/api/v1/assessment/periods/999999/team-pool",
            new { orgUnitId = team, installations = 1, installationUnitPrice = 1m, repairs = 0, repairUnitPrice = 1m }), HttpStatusCode.NotFound);
        using var supervisor = app.ClientFor("supervisor");
        await ProblemAsync(await supervisor.PostAsJsonAsync($"/api/v1/assessment/periods/{id}/team-pool",
            new { orgUnitId = team, installations = 1, installationUnitPrice = 1m, repairs = 0, repairUnitPrice = 1m }), HttpStatusCode.Forbidden);

        var split = await (await hr.PostAsJsonAsync($"/api/v1/assessment/periods/{id}/team-pool",
            new { orgUnitId = team, installations = 3, installationUnitPrice = 150m, repairs = 4, repairUnitPrice = 25.5m, method = "BaseTimesScore" })).ReadJsonAsync();
        Assert.Equal(552m, split.GetProperty("pool").GetProperty("amount").GetDecimal());
        var shares = split.GetProperty("shares").EnumerateArray().ToList();
        Assert.NotEmpty(shares);
        Assert.All(shares, s => Assert.Contains(s.GetProperty("personId").GetInt32(), teamMembers));
        Assert.Equal(552m, shares.Sum(s => s.GetProperty("amount").GetDecimal()) + split.GetProperty("undistributed").GetDecimal());
    }
}
