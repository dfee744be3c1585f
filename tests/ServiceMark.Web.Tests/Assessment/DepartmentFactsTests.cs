using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Domain.ServiceFacts;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Assessment;
using ServiceMark.Web.Features.ServiceFacts;
using ServiceMark.Web.Tests.Surveys;

namespace ServiceMark.Web.Tests.Assessment;

/// <summary>
/// A plan's source with the department scope (seed E, the department head): the head is scored on the facts of everyone in
/// their department, each record once, with that evidence — not on their own records, which a head who works no ticket lacks.
/// </summary>
[Trait("Rule", "R-ASM-2")]
public sealed class DepartmentFactsTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task The_heads_plan_reads_the_departments_satisfaction_not_their_own()
    {
        var ticket = await SurveyTestSupport.ClosedTicketAsync(app);
        var (_, token) = await SurveyTestSupport.IssueLinkAsync(app, ticket.Id);
        using (var customer = app.ClientFor(null))
        {
            var answered = await customer.PostAsJsonAsync($"/api/v1/public/surveys/{token}",
                new { repairQuality = 8, satisfaction = 7, overall = 2, problemSolved = true, comment = "满意" }, TestContext.Current.CancellationToken);
            Assert.True(answered.IsSuccessStatusCode, await answered.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var head = await new TicketDriver(app).PersonIdAsync("E0004");
        var plan = SeedPlans.ByCode("department_head_quarterly");
        Assert.True(plan.Categories.SelectMany(c => c.Indicators).Single(i => i.Code == "department_satisfaction").Source.IsDepartmentFact);
        var today = app.Services.GetRequiredService<Infrastructure.CompanyClock>().Today;
        var (from, to) = (today.AddDays(-30), today);
        await using var scope = app.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<ServiceFactsQueries>();
        var own = (await queries.ForEachPersonAsync([head], from, to, _ => true)).Value![head];
        Assert.Equal(0, own.Facts.Single(f => f.Code == ServiceFactsCalculator.AverageSatisfaction).Denominator);

        var department = await app.WithDbAsync(async db =>
            (await PeriodScoring.DepartmentFactsAsync(db, queries, [(head, plan)], from, to, _ => true, TestContext.Current.CancellationToken))(head));
        var satisfaction = department!.Facts.Single(f => f.Code == ServiceFactsCalculator.AverageSatisfaction);
        Assert.True(satisfaction.Denominator >= 1);
        Assert.Contains(ticket.Id, satisfaction.EvidenceTicketIds);

        var score = PeriodScoring.Score(plan, own.Facts, [], own.TicketNumbers, department).Sheet;
        var indicator = score.Categories.SelectMany(c => c.Indicators).Single(i => i.Code == "department_satisfaction");
        Assert.Equal(satisfaction.Value, indicator.Measured);
        Assert.NotNull(indicator.Points);
        Assert.StartsWith(PeriodScoring.DepartmentPrefix, indicator.Comment);
        Assert.Contains($"ticket:{ticket.Id}:{ticket.Number}", indicator.Evidence);
        Assert.Equal("全部门：", ArithmeticText.Localize(PeriodScoring.DepartmentPrefix + "x", System.Globalization.CultureInfo.GetCultureInfo("zh-CN"))[..4]);

        // Without the department's facts the same plan has no value for it (the head's own records are empty).
        var alone = PeriodScoring.Score(plan, own.Facts, [], own.TicketNumbers).Sheet;
        Assert.Null(alone.Categories.SelectMany(c => c.Indicators).Single(i => i.Code == "department_satisfaction").Measured);
    }

    [Fact]
    public void A_scope_is_for_a_service_fact_only()
    {
        var plan = SeedPlans.ByCode("department_head_quarterly");
        var json = AssessmentPlanJson.Serialize(plan);
        Assert.Contains("\"scope\": \"department\"", json);
        var broken = json.Replace("\"entered_by\": \"GM\"", "\"entered_by\": \"GM\", \"scope\": \"department\"", StringComparison.Ordinal);
        var refused = AssessmentPlanJson.DeserializeValid(broken);
        Assert.Contains(refused.Refusal!.Errors, e => e.Field.EndsWith(".scope", StringComparison.Ordinal) && e.Code == "not_applicable");
    }

    [Fact]
    public void The_departments_money_facts_need_the_department_scope()
    {
        var json = AssessmentPlanJson.Serialize(SeedPlans.ByCode("department_head_quarterly"));
        const string scoped = "\"fact\": \"budget_deviation_rate\",\n            \"scope\": \"department\"";
        Assert.Contains(scoped, json);
        var refused = AssessmentPlanJson.DeserializeValid(json.Replace(scoped, "\"fact\": \"budget_deviation_rate\"", StringComparison.Ordinal));
        Assert.Contains(refused.Refusal!.Errors, e => e.Field.EndsWith(".scope", StringComparison.Ordinal) && e.Code == "department_only");
        Assert.True(AssessmentPlanJson.DeserializeValid(json).Succeeded);
    }
}
