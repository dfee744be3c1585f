using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Accounts;
using ServiceMark.Web.Features.Demo;

namespace ServiceMark.Web.Tests.Security;

/// <summary>
/// Sessions end on the server (issue 10, point 3): a token or cookie taken before sign-out, a password change, a reset or the
/// person's deactivation stops working at once, not when it expires. Each test uses its own demo person, so the stamps it
/// changes touch no other test.
/// </summary>
public sealed partial class SessionTests(TestApp app) : IClassFixture<TestApp>
{
    private string? lastAuthCookie;

    private HttpClient Bearer(string token)
    {
        var client = app.ClientFor(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<string> TokenAsync(string userName, string password = DemoSeeder.DemoPassword)
    {
        using var anonymous = app.ClientFor(null);
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>Signs in through the login page the way a browser does; the client keeps the cookie.</summary>
    private async Task<HttpClient> CookieClientAsync(string userName, string password = DemoSeeder.DemoPassword)
    {
        var client = app.ClientFor(null);
        var page = await (await client.GetAsync(new Uri("/account/login", UriKind.Relative))).Content.ReadAsStringAsync();
        var antiforgery = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = antiforgery,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        var signedIn = await client.PostAsync(new Uri("/account/login", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        lastAuthCookie = string.Join("; ", signedIn.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("ServiceMark.Auth", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        return client;
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient client) =>
        (await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode;

    private Task<int> IdOf(string number) => app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == number).Select(p => p.Id).SingleAsync());

    [Fact]
    public async Task Signing_out_through_the_api_ends_every_token_and_cookie_of_the_account()
    {
        var token = await TokenAsync("E0012");
        var other = await TokenAsync("E0012");
        using var cookie = await CookieClientAsync("E0012");
        using var client = Bearer(token);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(client));

        var signedOut = await client.PostAsync(new Uri("/api/v1/auth/logout", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(client));
        using var otherClient = Bearer(other);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(otherClient));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(cookie));
        using var fresh = Bearer(await TokenAsync("E0012"));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(fresh)); // signing in again works
    }

    [Fact]
    public async Task Signing_out_on_the_page_ends_a_copied_cookie_and_the_accounts_tokens()
    {
        var token = await TokenAsync("E0018");
        using var cookie = await CookieClientAsync("E0018");
        using var copy = app.ClientFor(null);
        copy.DefaultRequestHeaders.Add("Cookie", lastAuthCookie!);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(copy));
        var page = await (await cookie.GetAsync(new Uri("/account/password", UriKind.Relative))).Content.ReadAsStringAsync();

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value),
        });
        var signedOut = await cookie.PostAsync(new Uri("/account/logout", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(copy));
        using var client = Bearer(token);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(client));
    }

    [Fact]
    public async Task Changing_the_password_ends_the_earlier_tokens_and_cookies()
    {
        var before = await TokenAsync("E0019");
        using var cookie = await CookieClientAsync("E0019");
        using var client = Bearer(await TokenAsync("E0019"));

        var changed = await client.PostAsJsonAsync("/api/v1/account/password",
            new { currentPassword = DemoSeeder.DemoPassword, newPassword = "长城-服务-换密码-2026" });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        using var earlier = Bearer(before);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(earlier));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(client));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(cookie));
    }

    [Fact]
    public async Task A_reset_ends_the_persons_tokens_and_cookies()
    {
        var token = await TokenAsync("E0020");
        using var cookie = await CookieClientAsync("E0020");
        using var admin = app.ClientFor("admin");

        var reset = await admin.PostAsJsonAsync($"/api/v1/people/{await IdOf("E0020")}/account/reset-password", new { reason = "忘记密码，本人电话申请" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        using var client = Bearer(token);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(client));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(cookie));
    }

    [Fact]
    public async Task Deactivating_the_person_ends_their_tokens_and_cookies()
    {
        var token = await TokenAsync("E0021");
        using var cookie = await CookieClientAsync("E0021");
        using var hr = app.ClientFor("hr");
        var id = await IdOf("E0021");
        var version = await app.WithDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.Version).SingleAsync());

        var deactivated = await hr.PostAsJsonAsync($"/api/v1/people/{id}/deactivate", new { reason = "离职", version });

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        using var client = Bearer(token);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(client));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(cookie));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
