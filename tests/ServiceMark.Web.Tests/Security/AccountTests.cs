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
        Assert.True(issued.MustChangePassword); // HR knows it: the person chooses their own at the first sign-in
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("xin.gcs", issued.Password)).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.PersonId == id).Select(u => u.MustChangePassword).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
            a.EntityType == "Account" && a.EntityId == id.ToString() && a.Action == "AccountCreated" && a.ActorName == "hr")));

        var again = await hr.PostAsJsonAsync($"/api/v1/people/{id}/account", new { userName = "other" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var duplicate = await hr.PostAsJsonAsync($"/api/v1/people/{await IdOf("E0001")}/account", new { userName = "x" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode); // the GM already has one
    }

    private async Task<string> TokenAsync(string userName, string password)
    {
        var response = await SignInAsync(userName, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("accessToken").GetString()!;
    }

    private HttpClient Bearer(string token)
    {
        var client = app.ClientFor(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<HttpResponseMessage> ResetAsync(HttpClient by, string employeeNumber, string? reason) =>
        await by.PostAsJsonAsync($"/api/v1/people/{await IdOf(employeeNumber)}/account/reset-password", new { reason });

    [Fact]
    public async Task A_reset_issues_a_temporary_password_that_must_be_changed_before_anything_else()
    {
        using var admin = app.ClientFor("admin");
        var reset = await ResetAsync(admin, "E0014", "本人忘记密码，电话核实身份后重置");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var issued = await reset.ReadAsync<IssuedPassword>();
        Assert.True(issued.MustChangePassword);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync("E0014", DemoSeeder.DemoPassword)).StatusCode);

        // The temporary password signs in, but only to change it: everything else answers 403 with a code that says why.
        using var temporary = Bearer(await TokenAsync("E0014", issued.Password));
        var blocked = await temporary.GetAsync(new Uri("/api/v1/tickets", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal("password_change_required", (await blocked.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await temporary.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        var page = await temporary.GetAsync(new Uri("/people", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/password", page.Headers.Location!.OriginalString); // the pages send one to change it first

        var changed = await temporary.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = issued.Password, newPassword = "何勇-自己的-新密码-2026" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        using var own = Bearer(await TokenAsync("E0014", "何勇-自己的-新密码-2026"));
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync(new Uri("/api/v1/tickets", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync("E0014", issued.Password)).StatusCode); // one-time
    }

    [Fact]
    public async Task A_reset_needs_a_reason_and_without_one_changes_nothing()
    {
        using var hr = app.ClientFor("hr");
        foreach (var reason in new[] { null, "  ", new string('因', 501) })
        {
            var refused = await ResetAsync(hr, "E0015", reason);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(["reason"], await refused.FieldErrorsAsync());
        }

        var noBody = await hr.PostAsync(new Uri($"/api/v1/people/{await IdOf("E0015")}/account/reset-password", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("E0015", DemoSeeder.DemoPassword)).StatusCode);
    }

    [Theory]
    [InlineData("E0001", "gm")] // general manager
    [InlineData("E0002", "vpm")] // marketing VP
    [InlineData("E0004", "head")] // department head
    public async Task Hr_cannot_reset_or_take_over_the_sign_in_of_anyone_above_them(string employeeNumber, string userName)
    {
        using var hr = app.ClientFor("hr");
        var refused = await ResetAsync(hr, employeeNumber, "想以此人身份登录");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("account_above_you", (await refused.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(userName, DemoSeeder.DemoPassword)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "PasswordReset" && a.Reason == "想以此人身份登录")));
    }

    [Fact]
    public async Task Resets_by_hr_and_by_the_admin_are_audited_with_who_whom_when_and_why()
    {
        using var hr = app.ClientFor("hr");
        Assert.Equal(HttpStatusCode.OK, (await ResetAsync(hr, "E0006", "杨帆手机丢失，申请重置")).StatusCode); // a supervisor: below HR's line
        using var admin = app.ClientFor("admin");
        Assert.Equal(HttpStatusCode.OK, (await ResetAsync(admin, "E0003", "副总申请重置")).StatusCode); // the admin may reset anyone

        var rows = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Account" && a.Action == "PasswordReset").ToListAsync());
        var byHr = Assert.Single(rows, r => r.EntityId == IdOf("E0006").Result.ToString());
        Assert.Equal("hr", byHr.ActorName);
        Assert.Equal("杨帆手机丢失，申请重置", byHr.Reason);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, byHr.OccurredAtUtc, TimeSpan.FromSeconds(1));
        Assert.DoesNotContain("Password\":\"", byHr.AfterJson, StringComparison.Ordinal);
        var byAdmin = Assert.Single(rows, r => r.EntityId == IdOf("E0003").Result.ToString());
        Assert.Equal("admin", byAdmin.ActorName);
        Assert.Equal("副总申请重置", byAdmin.Reason);
    }

    [Fact]
    public async Task A_deactivated_persons_sign_in_is_not_unblocked_by_a_reset()
    {
        using var admin = app.ClientFor("admin");
        var refused = await ResetAsync(admin, "E0029", "离职人员"); // 傅强 left; the demo deactivated him
        Assert.True(refused.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound, refused.StatusCode.ToString());
    }

    [Fact]
    [Trait("Rule", "R-ORG-3")]
    public async Task Nobody_resets_their_own_password_and_engineers_reset_nobodys()
    {
        using var hr = app.ClientFor("hr");
        var own = await ResetAsync(hr, "E0025", "自己重置");
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        using var engineer = app.ClientFor("engineer");
        var other = await ResetAsync(engineer, "E0012", "想替同事重置");
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

    [Fact]
    public async Task A_new_password_equal_to_the_current_one_or_holding_the_user_name_or_employee_number_is_refused()
    {
        await app.WithDbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(u => u.UserName == "E0016");
            account.UserName = "lin.tao";
            account.NormalizedUserName = "LIN.TAO";
            return await db.SaveChangesAsync();
        });
        using var client = Bearer(await TokenAsync("lin.tao", DemoSeeder.DemoPassword));
        foreach (var (candidate, code) in new[]
        {
            (DemoSeeder.DemoPassword, "same_as_current"),
            ("我的账号是-LIN.TAO-好记", "contains_name"),
            ("工号e0016加上一些字", "contains_name"),
        })
        {
            var refused = await client.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = DemoSeeder.DemoPassword, newPassword = candidate });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var codes = (await refused.ReadJsonAsync()).GetProperty("errorCodes").GetProperty("newPassword").EnumerateArray().Select(c => c.GetString());
            Assert.Contains(code, codes);
        }

        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("lin.tao", DemoSeeder.DemoPassword)).StatusCode); // unchanged
    }

    [Fact]
    public async Task An_over_long_user_name_is_refused_before_any_lookup_and_never_logged_whole()
    {
        var huge = new string('a', 1024 * 1024);
        var refused = await SignInAsync(huge, "whatever-password");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["userName"], await refused.FieldErrorsAsync());

        var logged = Web.Features.Account.AccountEndpoints.ForLog(new string('b', 300) + "\r\nforged line");
        Assert.True(logged.Length < 100, logged);
        Assert.DoesNotContain('\n', Web.Features.Account.AccountEndpoints.ForLog("x\r\nforged"));
    }

    [Fact]
    public async Task Unknown_and_known_user_names_take_about_the_same_time_to_refuse()
    {
        // A wrong password for a real account costs one password hash; an unknown name must cost the same (a dummy hash),
        // or the timing tells which names exist. Three tries each (the account locks at five); medians; a loose bound.
        static async Task<double> MedianAsync(Func<Task<HttpResponseMessage>> attempt)
        {
            var times = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                Assert.Equal(HttpStatusCode.Unauthorized, (await attempt()).StatusCode);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            return times.Order().ElementAt(1);
        }

        await SignInAsync("nobody-warm-up", "not-the-password-at-all"); // first use computes the dummy hash
        var known = await MedianAsync(() => SignInAsync("E0024", "not-the-password-at-all"));
        var unknown = await MedianAsync(() => SignInAsync("no-such-person", "not-the-password-at-all"));
        Assert.True(unknown > known / 4, $"unknown {unknown:F1} ms vs known {known:F1} ms");
    }
}
