using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Tests.Infrastructure;
using static ServiceMark.Web.Tests.Assessment.AssessmentApi;

namespace ServiceMark.Web.Tests.Security;

/// <summary>
/// Nobody grades, certifies or pays themselves (issue 10, point 1): the writes HR and the department head may make about
/// anyone are refused with 403 <c>self</c> about themselves — an administrator linked to a person too — and a directly
/// recorded grade names its evidence and is audited. The full "self" column is in <see cref="AuthorizationMatrixTests"/>.
/// </summary>
[Trait("Rule", "SECURITY-segregation-of-duties")]
public sealed class SelfDealingTests(TestApp app) : IClassFixture<TestApp>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    private Task<int> GradeRowsAsync(int personId) => app.WithDbAsync(db => db.PersonGrades.CountAsync(g => g.PersonId == personId));

    private static object Grade(string evidence = "2025 年技术等级花名册第 3 页") =>
        new { schemeCode = "default", levelCode = "Expert", effectiveFrom = "2026-01-01", reason = "纠正", evidence };

    [Theory]
    [InlineData("hr", "E0025")]
    [InlineData("head", "E0004")]
    public async Task Recording_a_grade_for_oneself_is_refused_and_changes_nothing(string user, string number)
    {
        using var client = app.ClientFor(user);
        var me = await new TicketDriver(app).PersonIdAsync(number);
        var before = await GradeRowsAsync(me);

        var problem = await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/grading/people/{me}/grades", Grade()), HttpStatusCode.Forbidden);

        Assert.Equal(SegregationOfDuties.Self, problem.GetProperty("code").GetString());
        Assert.Contains("本人不得", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await GradeRowsAsync(me));
    }

    [Fact]
    public async Task Recording_a_qualification_for_oneself_is_refused_and_changes_nothing()
    {
        using var hr = app.ClientFor("hr");
        var me = await new TicketDriver(app).PersonIdAsync("E0025");
        var before = await app.WithDbAsync(db => db.PersonQualifications.CountAsync());

        var problem = await ProblemAsync(await hr.PostAsJsonAsync($"/api/v1/grading/people/{me}/qualifications",
            new { kind = "Certificate", name = "高级人力资源管理师", obtainedOn = Today }), HttpStatusCode.Forbidden);

        Assert.Equal(SegregationOfDuties.Self, problem.GetProperty("code").GetString());
        Assert.Equal(before, await app.WithDbAsync(db => db.PersonQualifications.CountAsync()));
    }

    [Fact]
    public async Task A_direct_grade_record_names_its_evidence_and_the_audit_row_says_who_and_why()
    {
        using var hr = app.ClientFor("hr");
        var person = await new TicketDriver(app).PersonIdAsync("E0013");
        var url = $"/api/v1/grading/people/{person}/grades";
        var before = await GradeRowsAsync(person);

        Assert.Equal(["evidence"], await (await hr.PostAsJsonAsync(url, new { schemeCode = "default", levelCode = "Senior", effectiveFrom = "2026-01-02", reason = "纠正" })).FieldErrorsAsync());
        Assert.Equal(["evidence"], await (await hr.PostAsJsonAsync(url, Grade("   "))).FieldErrorsAsync());
        Assert.Equal(before, await GradeRowsAsync(person));

        var recorded = await hr.PostAsJsonAsync(url, new
        {
            schemeCode = "default", levelCode = "Senior", effectiveFrom = "2026-01-02", reason = "系统上线前已评定", evidence = "证书 ZS-2024-0007",
        });
        Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        var row = await app.WithDbAsync(db => db.PersonGrades.AsNoTracking().SingleAsync(g => g.PersonId == person && g.EffectiveFrom == new DateOnly(2026, 1, 2)));
        Assert.Contains("证书 ZS-2024-0007", row.Reason, StringComparison.Ordinal);
        Assert.Equal("hr", row.RecordedBy);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == "PersonGrade" && a.EntityId == row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("hr", audit.ActorName);
        Assert.NotNull(audit.ActorUserId);
        Assert.Contains("证书 ZS-2024-0007", audit.Reason, StringComparison.Ordinal);
        Assert.Contains("系统上线前已评定", audit.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ones_own_position_status_or_dates_are_not_changed_by_oneself_but_contact_details_are()
    {
        using var hr = app.ClientFor("hr");
        var me = await new TicketDriver(app).PersonIdAsync("E0025");
        var view = await (await hr.GetAsync(new Uri($"/api/v1/people/{me}", UriKind.Relative))).ReadJsonAsync();
        var otherPosition = await app.WithDbAsync(db => db.Positions.Where(p => p.Id != view.GetProperty("positionId").GetInt32() && p.IsActive).Select(p => p.Id).FirstAsync());
        object Body(int positionId, string phone, string? hireDate = null) => new
        {
            employeeNumber = view.GetProperty("employeeNumber").GetString(),
            name = view.GetProperty("name").GetString(),
            phone,
            email = view.GetProperty("email").GetString(),
            positionId,
            orgUnitId = view.GetProperty("orgUnitId").GetInt32(),
            superiorId = view.GetProperty("superiorId").ValueKind == JsonValueKind.Null ? (int?)null : view.GetProperty("superiorId").GetInt32(),
            status = view.GetProperty("status").GetString(),
            hireDate = hireDate ?? view.GetProperty("hireDate").GetString(),
            probationEndDate = view.GetProperty("probationEndDate").ValueKind == JsonValueKind.Null ? null : view.GetProperty("probationEndDate").GetString(),
            version = view.GetProperty("version").GetInt32(),
        };

        var promoted = await ProblemAsync(await hr.PutAsJsonAsync($"/api/v1/people/{me}", Body(otherPosition, "13800000025")), HttpStatusCode.Forbidden);
        Assert.Equal(SegregationOfDuties.Self, promoted.GetProperty("code").GetString());
        var backdated = await ProblemAsync(await hr.PutAsJsonAsync($"/api/v1/people/{me}", Body(view.GetProperty("positionId").GetInt32(), "13800000025", "2001-01-01")), HttpStatusCode.Forbidden);
        Assert.Equal(SegregationOfDuties.Self, backdated.GetProperty("code").GetString());
        Assert.Equal(view.GetProperty("positionId").GetInt32(), await app.WithDbAsync(db => db.People.Where(p => p.Id == me).Select(p => p.PositionId).SingleAsync()));

        var phone = await hr.PutAsJsonAsync($"/api/v1/people/{me}", Body(view.GetProperty("positionId").GetInt32(), "13800000025"));
        Assert.True(phone.StatusCode == HttpStatusCode.OK, await phone.Content.ReadAsStringAsync());
    }

    /// <summary>The demo's admin account is no person; linked to one, it gains that person's role — and the same rule.</summary>
    [Fact]
    public async Task An_administrator_linked_to_a_person_is_refused_about_that_person_too()
    {
        var head = await new TicketDriver(app).PersonIdAsync("E0004");
        await app.WithDbAsync(async db =>
        {
            var admin = await db.Users.SingleAsync(u => u.UserName == "admin");
            Assert.True(admin.IsAdministrator);
            admin.PersonId = head;
            return await db.SaveChangesAsync();
        });

        using var admin = app.ClientFor("admin");
        var before = await GradeRowsAsync(head);
        var problem = await ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/grading/people/{head}/grades", Grade()), HttpStatusCode.Forbidden);
        Assert.Equal(SegregationOfDuties.Self, problem.GetProperty("code").GetString());
        var card = await ProblemAsync(await admin.PostAsJsonAsync("/api/v1/assessment/cards", new { personId = head, colour = "Yellow", reason = "迟到" }), HttpStatusCode.Forbidden);
        Assert.Equal(SegregationOfDuties.Self, card.GetProperty("code").GetString());
        Assert.Equal(before, await GradeRowsAsync(head));
    }
}
