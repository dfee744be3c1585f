using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Assessment;
using ServiceMark.Web.Infrastructure.Audit;

namespace ServiceMark.Web.Tests.Grading;

/// <summary>
/// Technical grading through the API (R-GRD-1..6): one's own grade and pay, the roster, a first grading from application
/// through the panel and approvals to the certificate, effective-dated pay, and a demotion — each step by its role.
/// </summary>
[Trait("Rule", "R-GRD-4")]
public sealed class GradingFlowTests(TestApp app) : IClassFixture<TestApp>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    private Task<int> PersonIdAsync(string number) => new TicketDriver(app).PersonIdAsync(number);

    private static async Task<JsonElement> ActAsync(HttpClient client, int id, string action, int version, string? reason = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/grading/applications/{id}/actions", new { action, reason, version });
        Assert.True(expected == response.StatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private static int Version(JsonElement application) => application.GetProperty("summary").GetProperty("version").GetInt32();

    [Fact]
    [Trait("Rule", "R-GRD-3")]
    public async Task My_grade_shows_allowance_pay_and_every_unmet_condition_and_an_ineligible_engineer_cannot_apply()
    {
        using var engineer = app.ClientFor("engineer");
        var me = await (await engineer.GetAsync(new Uri("/api/v1/grading/me", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal("Intermediate", me.GetProperty("level").GetProperty("code").GetString());
        Assert.Equal(1000m, me.GetProperty("rates").GetProperty("gradeAllowance").GetDecimal());
        Assert.Equal(3900m, me.GetProperty("thisMonth").GetProperty("total").GetDecimal());
        var next = me.GetProperty("next");
        Assert.Equal("Senior", next.GetProperty("levelCode").GetString());
        Assert.False(next.GetProperty("isEligible").GetBoolean());
        var unmet = next.GetProperty("unmet").EnumerateArray().Select(u => u.GetProperty("code").GetString()).ToList();
        Assert.Contains("training_missing", unmet);
        Assert.Contains("certificate_missing", unmet);
        Assert.Contains("too_few_assessments", unmet);
        Assert.False(me.GetProperty("mayApply").GetBoolean());

        var refused = await engineer.PostAsJsonAsync("/api/v1/grading/applications", new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("电气与高压安全培训", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Another person's grade is the roster's: the engineer may not, HR may; the roster counts the grades.
        var otherId = await PersonIdAsync("E0017");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri($"/api/v1/grading/people/{otherId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri("/api/v1/grading/roster", UriKind.Relative))).StatusCode);
        using var hr = app.ClientFor("hr");
        Assert.Equal("Senior", (await (await hr.GetAsync(new Uri($"/api/v1/grading/people/{otherId}", UriKind.Relative))).ReadJsonAsync()).GetProperty("level").GetProperty("code").GetString());
        var roster = await (await hr.GetAsync(new Uri("/api/v1/grading/roster", UriKind.Relative))).ReadJsonAsync();
        Assert.True(roster.GetProperty("distribution").GetProperty("Intermediate").GetInt32() >= 3);
        Assert.True(roster.GetProperty("distribution").GetProperty("Ungraded").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_first_grading_goes_from_application_through_panel_and_approvals_to_the_certificate_and_the_allowance()
    {
        using var applicant = app.ClientFor("E0030");
        using var supervisor = app.ClientFor("supervisor");
        using var head = app.ClientFor("head");
        using var gm = app.ClientFor("gm");
        using var vpm = app.ClientFor("vpm");
        using var vphr = app.ClientFor("vphr");
        using var hr = app.ClientFor("hr");
        using var engineer = app.ClientFor("engineer");
        var applicantId = await PersonIdAsync("E0030");
        var gmId = await PersonIdAsync("E0001");
        var vpmId = await PersonIdAsync("E0002");

        // Not graded yet: the first grading (定级) to the lowest grade is open to him, and the page says so before applying.
        var before = await (await applicant.GetAsync(new Uri("/api/v1/grading/me", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, before.GetProperty("level").ValueKind);
        Assert.Equal("Trainee", before.GetProperty("next").GetProperty("levelCode").GetString());
        Assert.True(before.GetProperty("mayApply").GetBoolean());

        Assert.Equal(["toLevelCode"], await (await applicant.PostAsJsonAsync("/api/v1/grading/applications", new { toLevelCode = "Wizard" })).FieldErrorsAsync());
        var opened = await applicant.PostAsJsonAsync("/api/v1/grading/applications", new { });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var a = await opened.ReadJsonAsync();
        var id = a.GetProperty("summary").GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Conflict, (await applicant.PostAsJsonAsync("/api/v1/grading/applications", new { })).StatusCode);

        a = await ActAsync(applicant, id, "Submit", Version(a));
        Assert.Equal("Submitted", a.GetProperty("summary").GetProperty("state").GetString());

        // A wrong step is a conflict; a reject without a reason names the field; someone outside the case is forbidden,
        // and the applicant never confirms his own application.
        await ActAsync(supervisor, id, "ConfirmByDepartmentHead", Version(a), expected: HttpStatusCode.Conflict);
        var noReason = await supervisor.PostAsJsonAsync($"/api/v1/grading/applications/{id}/actions", new { action = "Reject", version = Version(a) });
        Assert.Equal(["reason"], await noReason.FieldErrorsAsync());
        await ActAsync(engineer, id, "ConfirmBySuperior", Version(a), expected: HttpStatusCode.Forbidden);
        await ActAsync(applicant, id, "ConfirmBySuperior", Version(a), expected: HttpStatusCode.Forbidden);
        await ActAsync(supervisor, id, "ConfirmBySuperior", Version(a) - 1, expected: HttpStatusCode.Conflict);

        a = await ActAsync(supervisor, id, "ConfirmBySuperior", Version(a));
        a = await ActAsync(head, id, "ConfirmByDepartmentHead", Version(a));

        // The panel: named by the department head; never the applicant; only HR or the head may name it.
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsJsonAsync($"/api/v1/grading/applications/{id}/panel", new { memberIds = new[] { gmId, applicantId }, version = Version(a) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/grading/applications/{id}/panel", new { memberIds = new[] { gmId }, version = Version(a) })).StatusCode);
        var panel = await head.PostAsJsonAsync($"/api/v1/grading/applications/{id}/panel", new { memberIds = new[] { gmId, vpmId }, version = Version(a) });
        Assert.Equal(HttpStatusCode.OK, panel.StatusCode);
        a = await panel.ReadJsonAsync();

        // Scores: only by a panel member, with a valid part; the weighted result (50/50, pass 60) passes.
        var scores = new object[]
        {
            new { memberId = gmId, part = "Theory", score = 80m }, new { memberId = vpmId, part = "Theory", score = 70m },
            new { memberId = gmId, part = "Practical", score = 60m }, new { memberId = vpmId, part = "Practical", score = 70m },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostAsJsonAsync($"/api/v1/grading/applications/{id}/examination", new { scores, version = Version(a) })).StatusCode);
        Assert.Equal(["scores[0].part"], await (await gm.PostAsJsonAsync($"/api/v1/grading/applications/{id}/examination",
            new { scores = new[] { new { memberId = gmId, part = "Singing", score = 80m } }, version = Version(a) })).FieldErrorsAsync());
        var examined = await gm.PostAsJsonAsync($"/api/v1/grading/applications/{id}/examination", new { scores, version = Version(a) });
        Assert.Equal(HttpStatusCode.OK, examined.StatusCode);
        a = await examined.ReadJsonAsync();
        Assert.Equal("Examined", a.GetProperty("summary").GetProperty("state").GetString());
        Assert.Equal(70m, a.GetProperty("weightedScore").GetDecimal());

        a = await ActAsync(applicant, id, "PreparePromotionForm", Version(a));
        await ActAsync(vphr, id, "ReviewByHrVp", Version(a), expected: HttpStatusCode.Conflict);
        await ActAsync(gm, id, "ReviewByMarketingVp", Version(a), expected: HttpStatusCode.Forbidden);
        a = await ActAsync(vpm, id, "ReviewByMarketingVp", Version(a));
        a = await ActAsync(vphr, id, "ReviewByHrVp", Version(a));
        a = await ActAsync(gm, id, "ApproveByGm", Version(a));
        a = await ActAsync(hr, id, "File", Version(a));

        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync($"/api/v1/grading/applications/{id}/certificate", new { version = Version(a) })).StatusCode);
        Assert.Equal(["effectiveFrom"], await (await hr.PostAsJsonAsync($"/api/v1/grading/applications/{id}/certificate",
            new { effectiveFrom = Today.AddDays(-30), version = Version(a) })).FieldErrorsAsync());
        var certified = await hr.PostAsJsonAsync($"/api/v1/grading/applications/{id}/certificate", new { effectiveFrom = Today, version = Version(a) });
        Assert.Equal(HttpStatusCode.OK, certified.StatusCode);
        a = await certified.ReadJsonAsync();
        Assert.Equal("CertificateIssued", a.GetProperty("summary").GetProperty("state").GetString());
        Assert.Equal($"ZS-{Today.Year}-0001", a.GetProperty("summary").GetProperty("certificateNumber").GetString());
        Assert.Equal(10, a.GetProperty("history").GetArrayLength());

        var after = await (await applicant.GetAsync(new Uri("/api/v1/grading/me", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal("Trainee", after.GetProperty("level").GetProperty("code").GetString());
        Assert.Equal(100m, after.GetProperty("rates").GetProperty("gradeAllowance").GetDecimal());
        Assert.Equal("Promotion", after.GetProperty("history")[0].GetProperty("source").GetString());

        // Applications are visible to those taking part, not to other engineers.
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri($"/api/v1/grading/applications/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vpm.GetAsync(new Uri($"/api/v1/grading/applications/{id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    [Trait("Rule", "R-GRD-2")]
    public async Task A_new_pay_table_on_the_15th_pays_the_old_rate_before_it_and_the_new_one_from_it()
    {
        using var hr = app.ClientFor("hr");
        using var engineer = app.ClientFor("engineer");
        var year = Today.Year + 1;
        var effective = new DateOnly(year, 3, 15);
        var rows = new[]
        {
            new { levelCode = "Trainee", basePay = 1900m, positionPay = 200m, gradeAllowance = 100m },
            new { levelCode = "Junior", basePay = 2100m, positionPay = 300m, gradeAllowance = 500m },
            new { levelCode = "Intermediate", basePay = 2600m, positionPay = 600m, gradeAllowance = 1200m },
            new { levelCode = "Senior", basePay = 2800m, positionPay = 1000m, gradeAllowance = 2000m },
            new { levelCode = "Expert", basePay = 3300m, positionPay = 2000m, gradeAllowance = 3000m },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/grading/pay-tables", new { effectiveFrom = effective, rows })).StatusCode);
        Assert.Contains("rows", await (await hr.PostAsJsonAsync("/api/v1/grading/pay-tables", new { effectiveFrom = effective, rows = rows.Take(4) })).FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.Created, (await hr.PostAsJsonAsync("/api/v1/grading/pay-tables", new { effectiveFrom = effective, rows })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PostAsJsonAsync("/api/v1/grading/pay-tables", new { effectiveFrom = effective, rows })).StatusCode);

        var payroll = await (await hr.GetAsync(new Uri($"/api/v1/grading/payroll?year={year}&month=3", UriKind.Relative))).ReadJsonAsync();
        var row = payroll.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("employeeNumber").GetString() == "E0011");
        static decimal Prorated(decimal before, decimal after) => Math.Round(((before * 14m) + (after * 17m)) / 31m, 2, MidpointRounding.AwayFromZero);
        Assert.Equal(Prorated(2300m, 2600m), row.GetProperty("basePay").GetDecimal());
        Assert.Equal(600m, row.GetProperty("positionPay").GetDecimal());
        Assert.Equal(Prorated(1000m, 1200m), row.GetProperty("gradeAllowance").GetDecimal());
        Assert.Contains("03-01..03-14 (14 d)", row.GetProperty("arithmetic").GetString(), StringComparison.Ordinal);

        var april = await (await hr.GetAsync(new Uri($"/api/v1/grading/payroll?year={year}&month=4", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal(2600m, april.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("employeeNumber").GetString() == "E0011").GetProperty("basePay").GetDecimal());

        Assert.Equal(["month"], await (await hr.GetAsync(new Uri($"/api/v1/grading/payroll?year={year}&month=13", UriKind.Relative))).FieldErrorsAsync());
        var export = await hr.GetAsync(new Uri($"/api/v1/grading/payroll/export?year={year}&month=3", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await export.Content.ReadAsByteArrayAsync())[..2]));
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri($"/api/v1/grading/payroll?year={year}&month=3", UriKind.Relative))).StatusCode);
    }

    [Fact]
    [Trait("Rule", "R-GRD-6")]
    public async Task A_demotion_with_evidence_takes_the_same_approvals_and_lowers_the_grade_from_its_date()
    {
        using var head = app.ClientFor("head");
        using var supervisor = app.ClientFor("supervisor");
        using var gm = app.ClientFor("gm");
        using var vpm = app.ClientFor("vpm");
        using var vphr = app.ClientFor("vphr");
        using var hr = app.ClientFor("hr");
        using var engineer = app.ClientFor("engineer");
        var personId = await PersonIdAsync("E0012");

        Assert.Equal(["evidence"], await (await head.PostAsJsonAsync("/api/v1/grading/demotions", new { personId, cause = "QualityAccident" })).FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/grading/demotions", new { personId, cause = "QualityAccident", evidence = "x" })).StatusCode);
        var raised = await head.PostAsJsonAsync("/api/v1/grading/demotions",
            new { personId, cause = "QualityAccident", evidence = "2026-10-12 郑州公交 ZK6126 制动系统维修后返修,直接损失 3.2 万元(质量事故报告 QA-2026-031)" });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var d = await raised.ReadJsonAsync();
        var id = d.GetProperty("id").GetInt32();
        Assert.Equal("Trainee", d.GetProperty("toLevel").GetProperty("code").GetString());

        async Task<JsonElement> Act(HttpClient client, string action, HttpStatusCode expected = HttpStatusCode.OK, object? effectiveFrom = null)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/grading/demotions/{id}/actions", new { action, version = d.GetProperty("version").GetInt32(), effectiveFrom });
            Assert.True(expected == response.StatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return expected == HttpStatusCode.OK ? await response.ReadJsonAsync() : d;
        }

        await Act(gm, "ApproveByGm", HttpStatusCode.Conflict);
        d = await Act(head, "Submit");
        await Act(engineer, "ConfirmBySuperior", HttpStatusCode.Forbidden);
        d = await Act(supervisor, "ConfirmBySuperior");
        d = await Act(head, "ConfirmByDepartmentHead");
        d = await Act(vpm, "ReviewByMarketingVp");
        d = await Act(vphr, "ReviewByHrVp");
        d = await Act(gm, "ApproveByGm");
        d = await Act(hr, "File", effectiveFrom: Today);
        Assert.Equal("Filed", d.GetProperty("state").GetString());

        var grade = await (await hr.GetAsync(new Uri($"/api/v1/grading/people/{personId}", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal("Trainee", grade.GetProperty("level").GetProperty("code").GetString());
        Assert.Equal("Demotion", grade.GetProperty("history").EnumerateArray().Last().GetProperty("source").GetString());
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync(new Uri("/api/v1/grading/demotion-flags", UriKind.Relative))).StatusCode);
    }

    [Fact]
    [Trait("Rule", "R-GRD-6")]
    public async Task Two_failed_published_months_flag_a_demotion_that_blocks_promotion_until_hr_raises_the_case()
    {
        var personId = await PersonIdAsync("E0013");
        var year = Today.Year - 1;
        await app.WithDbAsync(async db =>
        {
            db.Actor = Actor.System;
            var planId = await db.AssessmentPlans.Select(p => p.Id).FirstAsync();
            foreach (var month in new[] { 1, 2 })
            {
                var period = StoredAssessmentPeriod.Open(AssessmentPeriod.Month(year, month), DateTime.UtcNow, "test");
                period.MoveTo(PeriodState.Published, DateTime.UtcNow, "test", null);
                db.AssessmentPeriods.Add(period);
                await db.SaveChangesAsync();
                var sheet = AssessmentSheet.Create(period.Id, personId, planId, null);
                sheet.RecordScore("{}", 50m, DateTime.UtcNow);
                db.AssessmentSheets.Add(sheet);
                await db.SaveChangesAsync();
            }

            return 0;
        });

        using var hr = app.ClientFor("hr");
        using var engineer = app.ClientFor("engineer");
        var period = $"{year}-01..{year}-02";
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri("/api/v1/grading/demotion-flags", UriKind.Relative))).StatusCode);
        var flags = await (await hr.GetAsync(new Uri("/api/v1/grading/demotion-flags", UriKind.Relative))).ReadJsonAsync();
        var flag = Assert.Single(flags.EnumerateArray(), f => f.GetProperty("person").GetProperty("id").GetInt32() == personId);
        Assert.Equal(period, flag.GetProperty("period").GetString());

        var grade = await (await hr.GetAsync(new Uri($"/api/v1/grading/people/{personId}", UriKind.Relative))).ReadJsonAsync();
        Assert.Contains(grade.GetProperty("next").GetProperty("unmet").EnumerateArray(), u => u.GetProperty("code").GetString() == "open_demotion_flag");
        Assert.Contains(grade.GetProperty("next").GetProperty("unmet").EnumerateArray(), u => u.GetProperty("code").GetString() == "failed_assessment");

        // HR may not raise a case against herself; the flag becomes a case with its reason as evidence, and leaves the list.
        var hrId = await PersonIdAsync("E0025");
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostAsJsonAsync("/api/v1/grading/demotions", new { personId = hrId, cause = "RuleViolation", evidence = "x" })).StatusCode);
        var raised = await hr.PostAsJsonAsync("/api/v1/grading/demotions",
            new { personId, cause = "ConsecutiveFailedMonths", evidence = $"{period}: {flag.GetProperty("reason").GetString()}", flagPeriod = period });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PostAsJsonAsync("/api/v1/grading/demotions",
            new { personId, cause = "RuleViolation", evidence = "another" })).StatusCode);
        flags = await (await hr.GetAsync(new Uri("/api/v1/grading/demotion-flags", UriKind.Relative))).ReadJsonAsync();
        Assert.DoesNotContain(flags.EnumerateArray(), f => f.GetProperty("person").GetProperty("id").GetInt32() == personId);

        // The person concerned cannot reject their own case; a reject without a reason names the field.
        var demotion = await raised.ReadJsonAsync();
        var id = demotion.GetProperty("id").GetInt32();
        using var head = app.ClientFor("head");
        var submitted = await (await head.PostAsJsonAsync($"/api/v1/grading/demotions/{id}/actions",
            new { action = "Submit", version = demotion.GetProperty("version").GetInt32() })).ReadJsonAsync();
        Assert.Equal("Submitted", submitted.GetProperty("state").GetString());
        using var subject = app.ClientFor("E0013");
        Assert.Equal(HttpStatusCode.Forbidden, (await subject.PostAsJsonAsync($"/api/v1/grading/demotions/{id}/actions",
            new { action = "Reject", reason = "not me", version = submitted.GetProperty("version").GetInt32() })).StatusCode);
        using var supervisor = app.ClientFor("supervisor");
        Assert.Equal(["reason"], await (await supervisor.PostAsJsonAsync($"/api/v1/grading/demotions/{id}/actions",
            new { action = "Reject", version = submitted.GetProperty("version").GetInt32() })).FieldErrorsAsync());
    }
}
