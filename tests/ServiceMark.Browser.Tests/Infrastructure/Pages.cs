using Microsoft.Playwright;
using ServiceMark.Web.Features.Demo;

namespace ServiceMark.Browser.Tests.Infrastructure;

/// <summary>Page objects: what a user does, in the words of the UI, so that tests read like the flow.</summary>
public static class Pages
{
    /// <summary>Signs in through the form and waits until the interactive circuit is up.</summary>
    public static async Task SignInAsync(this IPage page, string userName, string password = DemoSeeder.DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-submit");
        await page.WaitForInteractiveAsync();
    }

    public static async Task WaitForInteractiveAsync(this IPage page) =>
        await page.Locator("#app-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public static async Task GoToAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Types into the MudBlazor text field that carries this label.</summary>
    public static async Task FillFieldAsync(this IPage page, string label, string value)
    {
        var input = page.GetByLabel(label, new() { Exact = true });
        await input.FillAsync(value);
        await input.BlurAsync();
    }

    /// <summary>Opens the MudBlazor select with this label and picks the option with this text.</summary>
    public static async Task ChooseAsync(this IPage page, string label, string option)
    {
        await page.Locator(".mud-select").Filter(new() { HasText = label }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();

        // The next click must not land on the closing list's overlay (a stock take once started with no location chosen).
        await Microsoft.Playwright.Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    /// <summary>A screenshot in the screenshot folder; returns its bytes.</summary>
    public static async Task<byte[]> ScreenshotAsync(this IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
}
