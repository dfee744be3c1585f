using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Assessment;

namespace ServiceMark.Web.Tests.Assessment;

/// <summary>The assessment API as the endpoint tests drive it: periods opened and moved on, sheets read, versions taken.</summary>
public sealed class AssessmentApi(TestApp app)
{
    public DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    public Task<int> PersonIdAsync(string number) => app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == number).Select(p => p.Id).SingleAsync());

    /// <summary>
    /// Opens the month <paramref name="monthsBack"/> before this one (each test takes its own month: the fixture is shared).
    /// The test company has no tickets in most past months, and a month without any recorded work is not assessed; unless
    /// <paramref name="recordWork"/> is false, each sheet gets one recorded value (<see cref="RecordWorkAsync"/>).
    /// </summary>
    public async Task<JsonElement> OpenMonthAsync(int monthsBack, bool recordWork = true)
    {
        var month = Today.AddMonths(-monthsBack);
        using var head = app.ClientFor("head");
        var response = await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Month", year = month.Year, number = month.Month });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var period = await response.ReadJsonAsync();
        if (recordWork)
        {
            await RecordWorkAsync(PeriodId(period));
        }

        return period;
    }

    /// <summary>
    /// Records, for every sheet of the period, the superior's count of 0 on the plan's first entered count indicator (no
    /// incident of that kind this month): recorded work, scored in full, so the sheet has a total.
    /// </summary>
    public Task RecordWorkAsync(int periodId) => app.WithDbAsync(async db =>
    {
        db.Actor = ServiceMark.Web.Infrastructure.Audit.Actor.System;
        var sheets = await db.AssessmentSheets.Where(s => s.PeriodId == periodId).ToListAsync();
        var plans = await db.AssessmentPlans.ToDictionaryAsync(p => p.Id, p => AssessmentPlanJson.Deserialize(p.Json).Value!);
        foreach (var sheet in sheets)
        {
            var count = plans[sheet.PlanId].Categories.SelectMany(c => c.Indicators)
                .FirstOrDefault(i => i.Source.Kind == DataSourceKind.Count && !i.IsBonus);
            if (count is null)
            {
                continue;
            }

            var input = SheetInput.Enter(sheet.Id, count.Code, SheetInputKind.Value, "", sheet.SuperiorPersonId ?? sheet.PersonId);
            input.Set(0m, "本月无此类事件", null, app.Clock.GetUtcNow().UtcDateTime);
            db.AssessmentInputs.Add(input);
        }

        await db.SaveChangesAsync();
        return 0;
    });

    /// <summary>Moves the period through these workflow actions as <paramref name="user"/>.</summary>
    public async Task<JsonElement> ActAsync(JsonElement period, string user, params string[] actions)
    {
        using var client = app.ClientFor(user);
        foreach (var action in actions)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/assessment/periods/{PeriodId(period)}/actions", new { action, version = PeriodVersion(period) });
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            period = await response.ReadJsonAsync();
        }

        return period;
    }

    public async Task<int> SheetIdAsync(JsonElement period, string employeeNumber)
    {
        var person = await PersonIdAsync(employeeNumber);
        return period.GetProperty("sheets").EnumerateArray().Single(s => s.GetProperty("personId").GetInt32() == person).GetProperty("sheetId").GetInt32();
    }

    public async Task<JsonElement> SheetAsync(string user, int sheetId)
    {
        using var client = app.ClientFor(user);
        var response = await client.GetAsync($"/api/v1/assessment/sheets/{sheetId}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    /// <summary>The stored sheet as a string, to show that a refused request changed nothing.</summary>
    public Task<string> StoredSheetAsync(int sheetId) => app.WithDbAsync(async db =>
    {
        var s = await db.AssessmentSheets.AsNoTracking().SingleAsync(x => x.Id == sheetId);
        var inputs = await db.AssessmentInputs.AsNoTracking().Where(i => i.SheetId == sheetId).OrderBy(i => i.Id).Select(i => $"{i.IndicatorCode}={i.Value}/{i.Version}").ToListAsync();
        return JsonSerializer.Serialize(s) + string.Join(";", inputs);
    });

    public static int PeriodId(JsonElement period) => period.GetProperty("summary").GetProperty("id").GetInt32();

    public static int PeriodVersion(JsonElement period) => period.GetProperty("summary").GetProperty("version").GetInt32();

    public static int Version(JsonElement sheet) => sheet.GetProperty("version").GetInt32();

    /// <summary>The ProblemDetails of a refusal: its status and a JSON body with a title (never an empty 4xx).</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
