using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Organisation;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Organisation;

namespace ServiceMark.Web.Tests.Organisation;

[Trait("Rule", "R-ORG-2")]
public sealed class PeopleEndpointTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<(int PositionId, int UnitId, int SuperiorId)> ReferencesAsync() =>
        await app.WithDbAsync(async db => (
            (await db.Positions.SingleAsync(p => p.Code == "ENG")).Id,
            (await db.OrgUnits.SingleAsync(u => u.Code == "T-BODY")).Id,
            (await db.People.SingleAsync(p => p.EmployeeNumber == "E0005")).Id));

    private async Task<object> NewPersonAsync(string number, string name = "新员工")
    {
        var (position, unit, superior) = await ReferencesAsync();
        return new
        {
            employeeNumber = number, name, phone = "13800001111", positionId = position, orgUnitId = unit, superiorId = superior,
            status = "Probation", hireDate = "2026-10-08", probationEndDate = "2027-01-08",
        };
    }

    [Fact]
    public async Task Hr_creates_a_person_who_then_appears_in_search()
    {
        using var hr = app.ClientFor("hr");
        var response = await hr.PostAsJsonAsync("/api/v1/people", await NewPersonAsync("T1001", "钱多多"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<PersonView>();
        Assert.Equal("钱多多", created.Name);
        Assert.Equal("刘洋", created.SuperiorName);
        Assert.Equal(EmploymentStatus.Probation, created.Status);
        Assert.Equal(new Uri($"/api/v1/people/{created.Id}", UriKind.Relative), response.Headers.Location);

        var page = await hr.GetFromJsonAsync<PageOf<PersonView>>("/api/v1/people?search=钱多", Json.Options);
        Assert.Equal([created.Id], page!.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task Invalid_input_names_every_field_and_saves_nothing()
    {
        using var hr = app.ClientFor("hr");
        var before = await app.WithDbAsync(db => db.People.CountAsync());
        var response = await hr.PostAsJsonAsync("/api/v1/people", new { employeeNumber = "", name = "", email = "nope", positionId = 0, orgUnitId = 99999, status = "Boss" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var fields = await response.FieldErrorsAsync();
        Assert.Superset(new HashSet<string> { "employeeNumber", "name", "email", "positionId", "orgUnitId", "status", "hireDate" }, fields.ToHashSet());
        Assert.Equal(before, await app.WithDbAsync(db => db.People.CountAsync()));
    }

    [Theory]
    [InlineData("{ \"hireDate\": \"2026-13-45\" }")]
    [InlineData("{ \"positionId\": \"abc\" }")]
    [InlineData("{ \"positionId\": 99999999999999 }")]
    [InlineData("not json at all")]
    public async Task Malformed_bodies_are_400_not_500(string body)
    {
        using var hr = app.ClientFor("hr");
        var response = await hr.PostAsync(new Uri("/api/v1/people", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_employee_number_is_a_409_naming_the_field()
    {
        using var hr = app.ClientFor("hr");
        var response = await hr.PostAsJsonAsync("/api/v1/people", await NewPersonAsync("E0011"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Contains("employeeNumber", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(("duplicate", "employeeNumber"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
    }

    [Fact]
    [Trait("Rule", "R-ORG-3")]
    public async Task An_engineer_can_neither_list_nor_create_people()
    {
        using var engineer = app.ClientFor("engineer");
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.GetAsync(new Uri("/api/v1/people", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engineer.PostAsJsonAsync("/api/v1/people", await NewPersonAsync("T1002"))).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.People.AnyAsync(p => p.EmployeeNumber == "T1002")));
    }

    [Fact]
    public async Task An_engineer_sees_their_own_record_through_me()
    {
        using var engineer = app.ClientFor("engineer");
        var me = await (await engineer.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).ReadJsonAsync();
        Assert.Equal("马超", me.GetProperty("person").GetProperty("name").GetString());
        Assert.Equal(["engineer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_stale_update_is_a_409_and_changes_nothing()
    {
        using var hr = app.ClientFor("hr");
        var created = await (await hr.PostAsJsonAsync("/api/v1/people", await NewPersonAsync("T1003", "周一"))).ReadAsync<PersonView>();
        var first = ToRequest(created) with { Name = "周二" };
        var ok = await hr.PutAsJsonAsync($"/api/v1/people/{created.Id}", first, Json.Options);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(created.Version + 1, (await ok.ReadAsync<PersonView>()).Version);

        var stale = ToRequest(created) with { Name = "周三" }; // still carries the old version
        var conflict = await hr.PutAsJsonAsync($"/api/v1/people/{created.Id}", stale, Json.Options);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("stale_version", (await conflict.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal("周二", await app.WithDbAsync(db => db.People.Where(p => p.Id == created.Id).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task Unknown_person_is_404()
    {
        using var hr = app.ClientFor("hr");
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync(new Uri("/api/v1/people/987654", UriKind.Relative))).StatusCode);
        var update = await hr.PutAsJsonAsync("/api/v1/people/987654", await NewPersonAsync("T1099"));
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
    }

    [Fact]
    public async Task Extra_fields_in_the_body_are_ignored()
    {
        using var hr = app.ClientFor("hr");
        var (position, unit, _) = await ReferencesAsync();
        var response = await hr.PostAsJsonAsync("/api/v1/people", new
        {
            id = 4242, employeeNumber = "T1004", name = "赵四", positionId = position, orgUnitId = unit, status = "Regular",
            hireDate = "2020-01-01", isActive = false, version = 77, deactivationReason = "hacked",
        });
        var created = await response.ReadAsync<PersonView>();
        Assert.NotEqual(4242, created.Id);
        Assert.True(created.IsActive);
        Assert.Equal(0, created.Version);
        Assert.Null(created.DeactivationReason);
    }

    [Fact]
    public async Task A_superior_below_the_person_is_refused()
    {
        using var hr = app.ClientFor("hr");
        var head = await hr.GetFromJsonAsync<PersonView>($"/api/v1/people/{await IdOf("E0004")}", Json.Options);
        var loop = ToRequest(head!) with { SuperiorId = await IdOf("E0011") }; // E0011 reports (via E0005) to E0004
        var response = await hr.PutAsJsonAsync($"/api/v1/people/{head!.Id}", loop, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("superiorId", await response.FieldErrorsAsync());
    }

    [Fact]
    [Trait("Rule", "R-ORG-4")]
    public async Task Deactivation_needs_a_reason_and_blocks_sign_in()
    {
        using var hr = app.ClientFor("hr");
        var id = await IdOf("E0026");
        var person = await hr.GetFromJsonAsync<PersonView>($"/api/v1/people/{id}", Json.Options);
        var noReason = await hr.PostAsJsonAsync($"/api/v1/people/{id}/deactivate", new { reason = "", version = person!.Version });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var done = await hr.PostAsJsonAsync($"/api/v1/people/{id}/deactivate", new { reason = "离职", version = person.Version });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.False((await done.ReadAsync<PersonView>()).IsActive);

        using var anonymous = app.ClientFor(null);
        var token = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "E0026", password = Web.Features.Demo.DemoSeeder.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);

        var reactivated = await hr.PostAsJsonAsync($"/api/v1/people/{id}/reactivate", new { version = person.Version + 1 });
        Assert.Equal(HttpStatusCode.OK, reactivated.StatusCode);
        var again = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "E0026", password = Web.Features.Demo.DemoSeeder.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    private Task<int> IdOf(string number) => app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == number).Select(p => p.Id).SingleAsync());

    private static PersonRequest ToRequest(PersonView p) =>
        new(p.EmployeeNumber, p.Name, p.Phone, p.Email, p.PositionId, p.OrgUnitId, p.SuperiorId, p.Status.ToString(), p.HireDate, p.ProbationEndDate, p.Version);
}
