using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServiceMark.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

[Trait("Rule", "R-ORG-2")]
public sealed class OrganisationFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Hr_creates_a_person_in_chinese_then_switches_to_english()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("hr");

        await Expect(page.Locator("#page-title")).ToHaveTextAsync("我的工作台");
        await Expect(page.Locator("#signed-in-user")).ToHaveTextAsync("曹琳");

        await page.GoToAsync("/people/new");
        await page.FillFieldAsync("工号", "B7001");
        await page.FillFieldAsync("姓名/名称", "<script>alert('x')</script>");
        await page.ChooseAsync("岗位", "售后服务工程师");
        await page.ChooseAsync("所属组织", "成都服务站");
        await page.FillFieldAsync("入职日期", "2026-10-08");
        await page.FillFieldAsync("试用期截止", "2027-01-08");
        await page.ClickAsync("#save-person");

        // The new record's page: the typed script is shown as text, never run.
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("<script>alert('x')</script>");
        var saved = await browser.App.WithDbAsync(db => db.People.SingleAsync(p => p.EmployeeNumber == "B7001"));
        Assert.Equal("<script>alert('x')</script>", saved.Name);
        Assert.Equal(new DateOnly(2026, 10, 8), saved.HireDate);

        await page.GoToAsync("/people");
        await page.GetByLabel("姓名或工号").PressSequentiallyAsync("B7001");
        await Expect(page.Locator("#people-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#people-table tbody")).ToContainTextAsync("成都服务站");
        var chinese = await page.ScreenshotAsync("people-zh");

        await page.ClickAsync("#lang-en");
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("People");
        await Expect(page.Locator("#nav-people")).ToContainTextAsync("People");
        var english = await page.ScreenshotAsync("people-en");

        AssertNotBlank(chinese);
        AssertNotBlank(english);
        Assert.Empty(browser.Dialogs);
        Assert.DoesNotContain(browser.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Invalid_input_is_shown_next_to_the_field_and_nothing_is_saved()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("head");
        var before = await browser.App.WithDbAsync(db => db.People.CountAsync());

        await page.GoToAsync("/people/new");
        await page.FillFieldAsync("邮箱", "not-an-address");
        await page.ClickAsync("#save-person");

        await Expect(page.Locator("#form-error")).ToHaveTextAsync("请更正标出的字段。");
        await Expect(page.GetByText("工号为必填项。")).ToBeVisibleAsync();
        await Expect(page.GetByText("邮箱格式不正确。")).ToBeVisibleAsync();
        Assert.Equal(before, await browser.App.WithDbAsync(db => db.People.CountAsync()));
        AssertNotBlank(await page.ScreenshotAsync("person-validation"));
    }

    [Fact]
    [Trait("Rule", "R-ORG-3")]
    public async Task An_engineer_sees_their_own_workbench_but_not_the_people_list()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("engineer");

        await Expect(page.Locator("#my-profile")).ToContainTextAsync("马超");
        await Expect(page.Locator("#nav-people")).ToHaveCountAsync(0);
        AssertNotBlank(await page.ScreenshotAsync("engineer-home"));

        await page.GotoAsync("/people");
        await Expect(page.Locator("#access-denied")).ToBeVisibleAsync();
        await Expect(page.Locator("#people-table")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", "specialist");
        await page.FillAsync("#password", "wrong-password-123");
        await page.ClickAsync("#login-submit");
        await Expect(page.Locator("#login-error")).ToHaveTextAsync("用户名或密码错误。");
        AssertNotBlank(await page.ScreenshotAsync("login-failed"));
    }

    [Fact]
    public async Task Hr_resets_a_password_with_a_reason_and_the_person_must_change_it_at_first_sign_in()
    {
        browser.SkipIfUnavailable();
        var id = await browser.App.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0027").Select(p => p.Id).SingleAsync());
        var hr = await browser.NewPageAsync();
        await hr.SignInAsync("hr");
        await hr.GoToAsync($"/people/{id}");

        // Without a reason nothing happens but the message beside the field.
        await hr.ClickAsync("#reset-password");
        await Expect(hr.Locator("#account-panel")).ToContainTextAsync("原因为必填项。");
        await Expect(hr.Locator("#issued-password")).ToHaveCountAsync(0);

        await hr.FillFieldAsync("重置原因（必填，将记入审计日志）", "本人忘记密码，电话核实后重置");
        await hr.ClickAsync("#reset-password");
        await Expect(hr.Locator("#issued-password")).ToContainTextAsync("必须立即修改密码");
        var shown = (await hr.Locator("#issued-password .issued-password").InnerTextAsync()).Split(" / ");
        Assert.Equal("E0027", shown[0].Trim());
        var temporary = shown[1].Trim();
        AssertNotBlank(await hr.ScreenshotAsync("password-reset-issued"));

        // The person signs in with it and lands on the password page, told why, whatever page they asked for.
        var person = await browser.NewPageAsync();
        await person.GotoAsync("/account/login?returnUrl=%2Fpeople");
        await person.FillAsync("#userName", "E0027");
        await person.FillAsync("#password", temporary);
        await person.ClickAsync("#login-submit");
        await Expect(person).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password$"));
        await Expect(person.Locator("#password-must-change")).ToContainTextAsync("临时密码");
        await person.GotoAsync("/tickets");
        await Expect(person).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password$"));
        AssertNotBlank(await person.ScreenshotAsync("password-must-change"));

        // The same password again is refused in Chinese; a new one of their own lets them in.
        await person.FillAsync("#currentPassword", temporary);
        await person.FillAsync("#newPassword", temporary);
        await person.ClickAsync("#password-submit");
        await Expect(person.Locator("#password-error")).ToContainTextAsync("新密码不能与当前密码相同");
        await person.FillAsync("#currentPassword", temporary);
        await person.FillAsync("#newPassword", "邓超-自己的-新密码-2026");
        await person.ClickAsync("#password-submit");
        await Expect(person.Locator("#password-changed")).ToBeVisibleAsync();
        await person.GoToAsync("/");
        await Expect(person.Locator("#page-title")).ToHaveTextAsync("我的工作台");

        var audit = await browser.App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == "Account" && a.Action == "PasswordReset" && a.EntityId == id.ToString()));
        Assert.Equal("hr", audit.ActorName);
        Assert.Equal("本人忘记密码，电话核实后重置", audit.Reason);
    }

    [Fact]
    public async Task An_open_tab_leaves_for_the_sign_in_page_when_the_session_is_ended_elsewhere()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync(390, 844);
        await page.SignInAsync("engineer2");
        await page.GoToAsync("/");
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("我的工作台");

        // Signing out through the API writes a new security stamp: every session of the account ends, this open tab too.
        using var api = browser.App.ClientFor("engineer2");
        var signOut = await api.PostAsync("/api/v1/auth/logout", null, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, signOut.StatusCode);
        browser.App.ForgetToken("engineer2");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"), new() { Timeout = 20_000 });
    }

    /// <summary>A blank page compresses to a few kilobytes; a rendered page with text and tables does not.</summary>
    private static void AssertNotBlank(byte[] png) => Assert.True(png.Length > 15_000, $"the screenshot looks blank ({png.Length} bytes)");
}
