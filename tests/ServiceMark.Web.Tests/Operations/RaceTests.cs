using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Web.Tests.Operations;

/// <summary>
/// Parallel requests that race for the same unique key: one wins, every other one is a 409 that names the field
/// (never a 500 from "UNIQUE constraint failed").
/// </summary>
public sealed class RaceTests(TestApp app) : IClassFixture<TestApp>
{
    public const int Racers = 8;

    public static TheoryData<string> Entities => new(DuplicateCreates.Names);

    [Theory]
    [MemberData(nameof(Entities))]
    public async Task Parallel_creates_with_the_same_key_give_one_success_and_409s_naming_the_field(string entity) =>
        await DuplicateCreates.CheckAsync(app, entity);

    [Fact]
    public async Task Ten_parallel_answers_to_one_survey_link_give_one_204_and_nine_409s()
    {
        var driver = new TicketDriver(app);
        var ticket = (await driver.CloseAsync(await driver.CreateAsync(), "E0014", "E0014")).Id;
        var (_, token) = await Surveys.SurveyTestSupport.IssueLinkAsync(app, ticket);

        using var customer = app.ClientFor(null);
        var answers = new { repairQuality = 8, satisfaction = 7, overall = 2, problemSolved = true, comment = "满意" };
        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await customer.PostAsJsonAsync($"/api/v1/public/surveys/{token}", answers);
        })).ToArray();
        start.Set();
        var responses = await Task.WhenAll(racers);

        var statuses = responses.Select(r => (int)r.StatusCode).Order().ToArray();
        Assert.True(statuses.SequenceEqual([204, .. Enumerable.Repeat(409, 9)]), string.Join(", ", statuses));
        Assert.Equal(1, await app.WithDbAsync(db => db.SatisfactionSurveys.CountAsync(s => s.TicketId == ticket)));
    }
}

/// <summary>The duplicate-create races, shared by the SQLite and PostgreSQL tests.</summary>
public static class DuplicateCreates
{
    public static readonly string[] Names = ["product model", "org unit", "position", "person", "customer", "pay table", "grade record"];

    public static async Task CheckAsync(TestApp app, string entity)
    {
        var (user, path, body, field) = await RequestAsync(app, entity);
        using var client = app.ClientFor(user);
        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, RaceTests.Racers).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await client.PostAsJsonAsync(path, body);
        })).ToArray();
        start.Set();
        var responses = await Task.WhenAll(racers);

        var statuses = responses.Select(r => (int)r.StatusCode).ToArray();
        Assert.True(statuses.Count(s => s == 201) == 1 && statuses.Count(s => s == 409) == RaceTests.Racers - 1,
            $"{entity}: {string.Join(", ", statuses)} {await responses.OrderByDescending(r => (int)r.StatusCode).First().Content.ReadAsStringAsync()}");
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            var problem = await conflict.ReadJsonAsync();
            Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
            // A race lost at the database or a duplicate seen by the handler's own check: both name the field.
            if (problem.TryGetProperty("field", out var named))
            {
                Assert.Equal(field, named.GetString());
                Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
            }
            else
            {
                Assert.Contains(problem.GetProperty("code").GetString(), new[] { "duplicate", "grade_change_on_date", "duplicate_effective_date", "pay_table_exists" });
            }
        }
    }

    private static async Task<(string User, string Path, object Body, string Field)> RequestAsync(TestApp app, string entity)
    {
        var unique = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        switch (entity)
        {
            case "product model":
                return ("specialist", "/api/v1/product-models", new { code = "PM" + unique, name = "新车型", category = "客车", warrantyMonths = 24 }, "code");
            case "org unit":
                return ("hr", "/api/v1/org-units", new { kind = "Department", code = "U" + unique, name = "新部门" }, "code");
            case "position":
                return ("hr", "/api/v1/positions", new { code = "P" + unique, name = "新岗位", role = "engineer", isManagerial = false }, "code");
            case "customer":
                return ("specialist", "/api/v1/customers", new { code = "C" + unique, name = "新客户" }, "code");
            case "person":
            {
                var (position, unit) = await app.WithDbAsync(async db => (
                    (await db.Positions.SingleAsync(p => p.Code == "ENG")).Id, (await db.OrgUnits.SingleAsync(u => u.Code == "T-BODY")).Id));
                return ("hr", "/api/v1/people", new
                {
                    employeeNumber = "R" + unique, name = "新员工", positionId = position, orgUnitId = unit, status = "Regular", hireDate = "2026-01-05",
                }, "employeeNumber");
            }

            case "pay table":
            {
                var existing = await app.WithDbAsync(db => db.GradePayTables.Select(t => t.EffectiveFrom).ToListAsync());
                var effective = new DateOnly(2030, 1, 1).AddDays(existing.Count + Random.Shared.Next(1, 3000));
                var rows = new[] { "Trainee", "Junior", "Intermediate", "Senior", "Expert" }
                    .Select((level, i) => new { levelCode = level, basePay = 2000m + i * 100, positionPay = 300m, gradeAllowance = 100m * i });
                return ("hr", "/api/v1/grading/pay-tables", new { effectiveFrom = effective, rows }, "effectiveFrom");
            }

            case "grade record":
            {
                var personId = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0021").Select(p => p.Id).SingleAsync());
                var effective = new DateOnly(2031, 1, 1).AddDays(Random.Shared.Next(0, 3000));
                return ("hr", $"/api/v1/grading/people/{personId}/grades",
                    new { schemeCode = "points", levelCode = "Trainee", effectiveFrom = effective, reason = "并发测试 race", evidence = "人力资源部任命文件 race" }, "effectiveFrom");
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(entity), entity, null);
        }
    }
}
