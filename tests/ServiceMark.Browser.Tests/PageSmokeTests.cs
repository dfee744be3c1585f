using ServiceMark.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ServiceMark.Browser.Tests;

/// <summary>Every main page renders for the department head without an error, and is screenshotted for review.</summary>
public sealed class PageSmokeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Every_main_page_renders()
    {
        browser.SkipIfUnavailable();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("head");
        foreach (var path in new[] { "/", "/tickets", "/tickets/new", "/contact-log", "/customers", "/customers/1", "/product-models", "/complaints",
                     "/service-facts", "/calendars", "/people", "/org-units", "/positions", "/grading/applications", "/grading/demotions", "/grading/roster", "/grading/pay-tables", "/grading/my",
                     "/settings/policy", "/stock", "/parts", "/parts/1", "/suppliers", "/requisitions", "/old-parts", "/claims", "/stock-takes", "/expenses", "/expenses/claims/new", "/costs", "/budgets",
                     "/contracts", "/receivables", "/returns", "/returns/new", "/installations", "/installations/new" })
        {
            await page.GoToAsync(path);
            await Expect(page.Locator("#page-title")).ToBeVisibleAsync();
            await Expect(page.Locator("#page-error")).ToHaveCountAsync(0);
            var name = path == "/" ? "home" : path.Trim('/').Replace('/', '-');
            Assert.True((await page.ScreenshotAsync("page-" + name)).Length > 10_000, $"{path} looks blank");
            await Accessibility.CheckNowAsync(page);
        }

        browser.AssertAccessible();

        Assert.DoesNotContain(browser.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
