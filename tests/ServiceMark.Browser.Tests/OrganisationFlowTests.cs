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

    /// <summary>A blank page compresses to a few kilobytes; a rendered page with text and tables does not.</summary>
    private static void AssertNotBlank(byte[] png) => Assert.True(png.Length > 15_000, $"the screenshot looks blank ({png.Length} bytes)");
}
