using Microsoft.Playwright;
using ServiceMark.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>
/// A first grading in the UI (R-GRD-4): the engineer sees he may apply and applies; the superior and the department head
/// confirm; the head names the panel; the GM enters the panel's scores; the engineer fills in the promotion form; both VPs
/// review, the GM approves, HR files and issues the certificate; the printed certificate shows the number and the grade,
/// and the engineer's page shows the new allowance.
/// </summary>
[Trait("Rule", "R-GRD-4")]
public sealed class GradingFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_engineer_is_graded_from_application_through_panel_and_approvals_to_the_printed_certificate()
    {
        browser.SkipIfUnavailable();

        var applicant = await browser.NewPageAsync();
        await applicant.SignInAsync("E0030");
        await applicant.GoToAsync("/grading/my");
        await Expect(applicant.Locator("#grade-level")).ToHaveTextAsync("尚未定级");
        await Expect(applicant.Locator("#eligible")).ToBeVisibleAsync();
        await applicant.ClickAsync("#apply");
        await Expect(applicant.Locator("#application-state")).ToHaveTextAsync("草稿");
        var id = applicant.Url.Split('/').Last();
        await applicant.ClickAsync("#act-Submit");
        await Expect(applicant.Locator("#application-state")).ToHaveTextAsync("已提交");

        async Task<IPage> StepAsync(string user, string action, string state)
        {
            var page = await browser.NewPageAsync();
            await page.SignInAsync(user);
            await page.GoToAsync($"/grading/applications/{id}");
            await page.ClickAsync($"#act-{action}");
            await Expect(page.Locator("#application-state")).ToHaveTextAsync(state);
            return page;
        }

        await StepAsync("supervisor", "ConfirmBySuperior", "直接上级已确认");
        var head = await StepAsync("head", "ConfirmByDepartmentHead", "部门负责人已确认");
        await head.FillAsync("#panel-numbers", "E0001, E0002");
        await head.ClickAsync("#set-panel");
        await Expect(head.Locator("#panel")).ToContainTextAsync("王建国");
        await Expect(head.Locator("#panel")).ToContainTextAsync("李明华");

        var gm = await browser.NewPageAsync();
        await gm.SignInAsync("gm");
        await gm.GoToAsync($"/grading/applications/{id}");
        for (var i = 0; i < 4; i++)
        {
            var score = gm.Locator($"#score-value-{i}");
            await score.FillAsync(i % 2 == 0 ? "80" : "70");
            await score.BlurAsync();
        }

        await gm.ClickAsync("#record-scores");
        await Expect(gm.Locator("#application-state")).ToHaveTextAsync("考评通过");
        await Expect(gm.Locator("#weighted-score")).ToContainTextAsync("75");

        await applicant.GoToAsync($"/grading/applications/{id}");
        await applicant.ClickAsync("#act-PreparePromotionForm");
        await Expect(applicant.Locator("#application-state")).ToHaveTextAsync("已填写晋级表");
        await StepAsync("vpm", "ReviewByMarketingVp", "营销副总已审核");
        await StepAsync("vphr", "ReviewByHrVp", "人力资源副总已审核");
        await gm.GoToAsync($"/grading/applications/{id}");
        await gm.ClickAsync("#act-ApproveByGm");
        await Expect(gm.Locator("#application-state")).ToHaveTextAsync("总经理已批准");
        var hr = await StepAsync("hr", "File", "人力资源已备案");
        await hr.ClickAsync("#issue-certificate");
        await Expect(hr.Locator("#application-state")).ToHaveTextAsync("已颁发证书");
        await Expect(hr.Locator("#certificate-number")).ToContainTextAsync("ZS-");
        Assert.True((await hr.ScreenshotAsync("grading-application-certified")).Length > 15_000);

        await applicant.GotoAsync($"/grading/applications/{id}/certificate");
        await Expect(applicant.Locator("#certificate-no")).ToContainTextAsync("ZS-");
        await Expect(applicant.Locator("#certificate-name")).ToHaveTextAsync("沈浩");
        await Expect(applicant.Locator("#certificate-level")).ToHaveTextAsync("见习工程师");
        Assert.True((await applicant.ScreenshotAsync("grading-certificate")).Length > 10_000);

        await applicant.GoToAsync("/grading/my");
        await Expect(applicant.Locator("#grade-level")).ToHaveTextAsync("见习工程师");
        await Expect(applicant.Locator("#grade-allowance")).ToContainTextAsync("100.00");
        Assert.True((await applicant.ScreenshotAsync("grading-my-grade")).Length > 15_000);
        Assert.Empty(browser.Dialogs);
    }
}
