using Microsoft.EntityFrameworkCore;
using ServiceMark.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// The department policy page (考核与服务参数, issue 12 point 7) in a real browser: reached from the settings menu, a value
/// edited and saved as a new version; a bad value refused beside its field in Chinese and cleared as the field changes.
/// </summary>
[Trait("Rule", "R-ASM-8")]
public sealed class DepartmentPolicyPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_head_changes_the_complaint_deadline_and_sees_it_saved()
    {
        browser.SkipIfUnavailable();
        var before = await browser.App.WithDbAsync(db => db.DepartmentPolicies.CountAsync());
        var page = await browser.NewPageAsync();
        await page.SignInAsync("head");
        await page.GoToAsync("/");
        await page.ClickAsync("#nav-department-policy");
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("考核与服务参数");

        await page.FillAsync("#policy-complaintDeadlineDays", "5");
        await page.ClickAsync("#save-policy");
        await Expect(page.Locator("#policy-version")).ToContainTextAsync($"第 {before + 1} 版");
        await Expect(page.Locator("#policy-history")).ToContainTextAsync("陈志强");
        Assert.True((await page.ScreenshotAsync("department-policy")).Length > 15_000);
        Assert.Equal(5, await browser.App.WithDbAsync(db => db.DepartmentPolicies.OrderByDescending(v => v.Version).Select(v => v.ComplaintDeadlineDays).FirstAsync()));

        // Read back after a reload: the stored value, not the form's.
        await page.ReloadAsync();
        await Expect(page.Locator("#policy-complaintDeadlineDays")).ToHaveValueAsync("5");
    }

    [Fact]
    public async Task A_cut_off_above_the_one_before_it_is_refused_beside_its_field_and_nothing_is_saved()
    {
        browser.SkipIfUnavailable();
        var before = await browser.App.WithDbAsync(db => db.DepartmentPolicies.CountAsync());
        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin");
        await page.GoToAsync("/settings/policy");
        await page.FillAsync("#policy-goodMinScore", "95");
        await page.ClickAsync("#save-policy");

        var field = page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("#policy-goodMinScore") });
        await Expect(field).ToContainTextAsync("良好分数线（百分制）与上一档顺序不符");
        await Expect(page.Locator("#policy-error")).ToBeVisibleAsync();
        Assert.Equal(before, await browser.App.WithDbAsync(db => db.DepartmentPolicies.CountAsync()));

        // Changing the field clears its error at once.
        await page.FillAsync("#policy-goodMinScore", "80");
        await Expect(field.Locator(".mud-input-helper-text")).ToHaveCountAsync(0);
        await page.ClickAsync("#save-policy");
        await Expect(page.Locator("#policy-version")).ToContainTextAsync($"第 {before + 1} 版");
    }

    [Fact]
    public async Task A_save_over_someone_elses_newer_version_is_refused_in_chinese_and_saves_nothing()
    {
        browser.SkipIfUnavailable();
        var first = await browser.NewPageAsync();
        await first.SignInAsync("head");
        await first.GoToAsync("/settings/policy");
        var second = await browser.NewPageAsync();
        await second.SignInAsync("admin");
        await second.GoToAsync("/settings/policy");

        // The administrator saves first; the head's page still holds the version both read. Wait for that version itself:
        // the history may name the administrator already (an earlier test's save).
        var before = await browser.App.WithDbAsync(db => db.DepartmentPolicies.CountAsync());
        await second.FillAsync("#policy-reportDeadlineHours", "36");
        await second.ClickAsync("#save-policy");
        await Expect(second.Locator("#policy-version")).ToContainTextAsync($"第 {before + 1} 版");
        await Expect(second.Locator("#policy-history")).ToContainTextAsync("系统管理员");
        var versions = await browser.App.WithDbAsync(db => db.DepartmentPolicies.CountAsync());
        Assert.Equal(before + 1, versions);

        await first.FillAsync("#policy-reportDeadlineHours", "12");
        await first.ClickAsync("#save-policy");
        await Expect(first.Locator("#policy-error")).ToContainTextAsync("已被他人修改");
        Assert.Equal(versions, await browser.App.WithDbAsync(db => db.DepartmentPolicies.CountAsync()));
        Assert.Equal(36, await browser.App.WithDbAsync(db => db.DepartmentPolicies.OrderByDescending(v => v.Version).Select(v => v.ReportDeadlineHours).FirstAsync()));
    }
}
