using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Accounts;
using ServiceMark.Web.Features.Demo;

namespace ServiceMark.Web.Tests.Security;

public sealed class AccountTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<int> IdOf(string number) => app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == number).Select(p => p.Id).SingleAsync());

    private async Task<HttpResponseMessage> SignInAsync(string userName, string password)
    {
        using var client = app.ClientFor(null);
        return await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
    }

    [Fact]
    public async Task Hr_gives_a_new_person_a_sign_in_with_a_generated_password()
    {
        using var hr = app.ClientFor("hr");
        var (position, unit) = await app.WithDbAsync(async db => (
            (await db.Positions.SingleAsync(p => p.Code == "ENG")).Id, (await db.OrgUnits.SingleAsync(u => u.Code == "S-ZZ")).Id));
        var person = await (await hr.PostAsJsonAsync("/api/v1/people", new
        {
            employeeNumber = "A8001", name = "新工程师", positionId = position, orgUnitId = unit, status = "Regular", hireDate = "2026-01-05",
        })).ReadJsonAsync();
        var id = person.GetProperty("id").GetInt32();

        var created = await hr.PostAsJsonAsync($"/api/v1/people/{id}/account", new { userName = "xin.gcs" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var issued = await created.ReadAsync<IssuedPassword>();
        Assert.Equal("xin.gcs", issued.UserName);
        Assert.True(issued.Password.Length >= 12);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("xin.gcs", issued.Password)).StatusCode);

        var again = await hr.PostAsJsonAsync($"/api/v1/people/{id}/account", new { userName = "other" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var duplicate = await hr.PostAsJsonAsync($"/api/v1/people/{await IdOf("E0001")}/account", new { userName = "x" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode); // the GM already has one
    }

    [Fact]
    public async Task A_reset_issues_a_new_password_and_the_old_one_stops_working()
    {
        using var admin = app.ClientFor("admin");
        var reset = await admin.PostAsync(new Uri($"/api/v1/people/{await IdOf("E0014")}/account/reset-password", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var issued = await reset.ReadAsync<IssuedPassword>();
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync("E0014", DemoSeeder.DemoPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("E0014", issued.Password)).StatusCode);
    }

    [Fact]
    [Trait("Rule", "R-ORG-3")]
    public async Task Nobody_resets_their_own_password_and_engineers_reset_nobodys()
    {
        using var hr = app.ClientFor("hr");
        var own = await hr.PostAsync(new Uri($"/api/v1/people/{await IdOf("E0025")}/account/reset-password", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        using var engineer = app.ClientFor("engineer");
        var other = await engineer.PostAsync(new Uri($"/api/v1/people/{await IdOf("E0012")}/account/reset-password", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task Changing_ones_own_password_checks_the_current_one_and_the_rules()
    {
        var token = (await (await SignInAsync("E0013", DemoSeeder.DemoPassword)).ReadJsonAsync()).GetProperty("accessToken").GetString();
        using var client = app.ClientFor(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var wrong = await client.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = "nope-nope-nope", newPassword = "a-new-long-passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("currentPassword", await wrong.FieldErrorsAsync());

        foreach (var weak in new[] { "short", "password1234", new string('x', 129) })
        {
            var refused = await client.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = DemoSeeder.DemoPassword, newPassword = weak });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("newPassword", await refused.FieldErrorsAsync());
        }

        var ok = await client.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = DemoSeeder.DemoPassword, newPassword = "长城-服务-2026-新密码" });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync("E0013", DemoSeeder.DemoPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("E0013", "长城-服务-2026-新密码")).StatusCode);
    }
}
