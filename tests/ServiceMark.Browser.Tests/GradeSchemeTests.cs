using ServiceMark.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// HR configures a grade scheme in the UI (R-GRD-1, R-GRD-5): a bad pass mark and a bad cycle interval are refused with the
/// reason next to each field and nothing is saved; the corrected pass mark and a changed window are saved and shown again
/// after a reload.
/// </summary>
[Trait("Rule", "R-GRD-1")]
public sealed class GradeSchemeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Hr_changes_a_pass_mark_and_a_cycle_and_sees_errors_next_to_bad_values()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("hr");
        await page.GoToAsync("/grading/my");
        await page.ClickAsync("#nav-grade-schemes");
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("等级方案设置");
        await Expect(page.Locator("#scheme-editor")).ToHaveAttributeAsync("data-scheme", "default");
        await Expect(page.Locator("#level-code-2")).ToBeDisabledAsync();   // 中级 is held by people: its code cannot change
        await Expect(page.Locator("#exam-pass-3")).ToHaveValueAsync("70");

        await page.Locator("#exam-pass-3").FillAsync("120");
        await page.Locator("#exam-pass-3").BlurAsync();
        await page.Locator("#cycle-every-0").FillAsync("5");
        await page.Locator("#cycle-every-0").BlurAsync();
        await page.ClickAsync("#save-scheme");
        await Expect(page.Locator("#scheme-error")).ToHaveTextAsync("请更正标出的字段。");
        await Expect(page.Locator("#scheme-exams")).ToContainTextAsync("超出允许范围。");
        await Expect(page.Locator("#scheme-cycles")).ToContainTextAsync("只能是 1、2、3、4、6 或 12。");
        Assert.True((await page.ScreenshotAsync("grading-schemes-errors")).Length > 15_000);

        await page.Locator("#exam-pass-3").FillAsync("75");
        await page.Locator("#exam-pass-3").BlurAsync();
        await page.Locator("#cycle-every-0").FillAsync("12");
        await page.Locator("#cycle-every-0").BlurAsync();
        await page.Locator("#cycle-window-0").FillAsync("20");
        await page.Locator("#cycle-window-0").BlurAsync();
        await page.ClickAsync("#save-scheme");
        await Expect(page.Locator("#scheme-error")).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已保存");

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator("#exam-pass-3")).ToHaveValueAsync("75");
        await Expect(page.Locator("#cycle-window-0")).ToHaveValueAsync("20");
        Assert.True((await page.ScreenshotAsync("grading-schemes")).Length > 15_000);
        Assert.Empty(browser.Dialogs);
    }

    [Fact]
    public async Task Hr_starts_a_new_scheme_as_a_copy_and_a_taken_or_bad_code_is_refused_beside_the_field()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("hr");
        await page.GoToAsync("/grading/schemes");
        await page.ClickAsync("#scheme-p-levels");
        await Expect(page.Locator("#scheme-editor")).ToHaveAttributeAsync("data-scheme", "p-levels");

        await page.Locator("#new-scheme-code").FillAsync("default");
        await page.ClickAsync("#new-scheme-create");
        await Expect(page.Locator("#new-scheme")).ToContainTextAsync("该代码已有方案。");
        await page.Locator("#new-scheme-code").FillAsync("研发 序列");
        await page.ClickAsync("#new-scheme-create");
        await Expect(page.Locator("#new-scheme")).ToContainTextAsync("只能包含字母、数字");

        await page.Locator("#new-scheme-code").FillAsync("rd-levels");
        await page.ClickAsync("#new-scheme-create");
        await Expect(page.Locator("#scheme-editor")).ToHaveAttributeAsync("data-scheme", "rd-levels");
        await Expect(page.Locator("#scheme-rd-levels")).ToBeVisibleAsync();
        await Expect(page.Locator("#level-code-7")).ToHaveValueAsync("P8");
        await Expect(page.Locator("#level-code-0")).ToBeEnabledAsync();   // nobody holds a grade of the new scheme yet
        Assert.Empty(browser.Dialogs);
    }
}
