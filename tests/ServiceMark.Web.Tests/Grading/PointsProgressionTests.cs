using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Assessment;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Assessment;
using ServiceMark.Web.Features.Grading;
using ServiceMark.Web.Infrastructure.Audit;

namespace ServiceMark.Web.Tests.Grading;

/// <summary>
/// The points-based scheme (积分制, R-GRD-7): published monthly results become points, the grade page shows the ledger, grades
/// not appointed after passing are recorded automatically from the first day of the next month, once; an appointed grade
/// makes the person a candidate only.
/// </summary>
[Trait("Rule", "R-GRD-7")]
public sealed class PointsProgressionTests(TestApp app) : IClassFixture<TestApp>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    [Fact]
    public async Task Monthly_points_accumulate_into_grades_recorded_once_and_an_appointed_grade_only_makes_a_candidate()
    {
        // HR lowers the points scheme's thresholds (0 / 100 / 200 / 300 / 400) so that eight months reach past Intermediate.
        using var hr = app.ClientFor("hr");
        var view = JsonNode.Parse(await hr.GetStringAsync(new Uri("/api/v1/grading/schemes/points", UriKind.Relative)))!.AsObject();
        var body = view["document"]!.DeepClone().AsObject();
        body["version"] = view["version"]!.GetValue<int>();
        for (var i = 0; i < 5; i++)
        {
            body["levels"]![i]!["pointsThreshold"] = i * 100m;
        }

        var saved = await hr.PutAsJsonAsync("/api/v1/grading/schemes/points", body);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());

        // HR moves E0021 onto the points scheme from nine months ago; the eight months since are published with 85 each.
        var thisMonth = new DateOnly(Today.Year, Today.Month, 1);
        var joined = thisMonth.AddMonths(-9);
        var personId = await app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0021").Select(p => p.Id).SingleAsync());
        var badMove = await hr.PostAsJsonAsync($"/api/v1/grading/people/{personId}/grades", new { schemeCode = "points", levelCode = "P3", reason = "" });
        Assert.Equal(["effectiveFrom", "evidence", "levelCode", "reason"], (await badMove.FieldErrorsAsync()).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["effectiveFrom"], await (await hr.PostAsJsonAsync($"/api/v1/grading/people/{personId}/grades",
            new { schemeCode = "points", levelCode = "Trainee", effectiveFrom = "0001-01-01", reason = "typo", evidence = "人事通知 2026-01" })).FieldErrorsAsync());
        var moved = await hr.PostAsJsonAsync($"/api/v1/grading/people/{personId}/grades",
            new { schemeCode = "points", levelCode = "Trainee", effectiveFrom = joined, reason = "转入积分制 moved to the points scheme", evidence = "人事通知 2026-01" });
        Assert.True(moved.StatusCode == HttpStatusCode.Created, await moved.Content.ReadAsStringAsync());
        using (var engineer = app.ClientFor("engineer"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/grading/people/{personId}/grades",
                new { schemeCode = "points", levelCode = "Expert", effectiveFrom = thisMonth, reason = "x" })).StatusCode);
        }

        await app.WithDbAsync(async db =>
        {
            db.Actor = Actor.System;
            var id = personId;
            var planId = await db.AssessmentPlans.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            for (var m = 8; m >= 1; m--)
            {
                var month = thisMonth.AddMonths(-m);
                var period = await db.AssessmentPeriods.FirstOrDefaultAsync(p => p.Length == AssessmentPeriodLength.Month && p.Year == month.Year && p.Number == month.Month);
                if (period is null)
                {
                    period = StoredAssessmentPeriod.Open(AssessmentPeriod.Month(month.Year, month.Month), DateTime.UtcNow, "test");
                    db.AssessmentPeriods.Add(period);
                    await db.SaveChangesAsync();
                }

                period.MoveTo(PeriodState.Published, DateTime.UtcNow, "test", null);
                var sheet = AssessmentSheet.Create(period.Id, id, planId, null);
                sheet.RecordScore("{}", 85m, DateTime.UtcNow);
                db.AssessmentSheets.Add(sheet);
            }

            await db.SaveChangesAsync();
            return id;
        });

        // The page shows the ledger: 8 × 85 = 680 points, held grade Intermediate (Senior is appointed after passing),
        // qualified for Expert by points — a candidate who must apply.
        var person = await (await hr.GetAsync(new Uri($"/api/v1/grading/people/{personId}", UriKind.Relative))).ReadJsonAsync();
        var points = person.GetProperty("points");
        Assert.Equal(680m, points.GetProperty("total").GetDecimal());
        Assert.Equal("Intermediate", points.GetProperty("level").GetProperty("code").GetString());
        Assert.Equal("Expert", points.GetProperty("qualifiedFor").GetProperty("code").GetString());
        Assert.True(points.GetProperty("awaitsExamination").GetBoolean());
        var months = points.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(8, months.Count);
        Assert.Equal([85m, 170m, 255m], months.Take(3).Select(m => m.GetProperty("total").GetDecimal()));
        Assert.Equal("Junior", months[1].GetProperty("level").GetProperty("code").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, months[0].GetProperty("sheetId").ValueKind);
        Assert.Equal("Trainee", person.GetProperty("level").GetProperty("code").GetString()); // not yet recorded

        // The job records Intermediate from the first day of the month after the month that reached it, once.
        var monitor = app.Services.GetRequiredService<GradingWindowMonitor>();
        await monitor.ProgressByPointsAsync(TestContext.Current.CancellationToken);
        await monitor.ProgressByPointsAsync(TestContext.Current.CancellationToken);
        var rows = await app.WithDbAsync(db => db.PersonGrades.Where(g => g.PersonId == personId && g.Source == GradeChangeSource.Points).ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal("Intermediate", row.LevelCode);
        Assert.Equal(thisMonth.AddMonths(-8 + 2).AddMonths(1), row.EffectiveFrom);
        person = await (await hr.GetAsync(new Uri($"/api/v1/grading/people/{personId}", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal("Intermediate", person.GetProperty("level").GetProperty("code").GetString());
        Assert.Equal("points", person.GetProperty("schemeCode").GetString());
        Assert.Equal(row.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), person.GetProperty("since").GetString());
    }
}
