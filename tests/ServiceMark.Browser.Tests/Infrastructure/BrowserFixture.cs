using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Browser.Tests.Infrastructure;

/// <summary>The app on a real Kestrel port plus Debian's Chromium driven by Playwright (never a downloaded browser).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private const string RequireVariable = "SERVICEMARK_REQUIRE_BROWSER";

    private TestApp? app;
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";
    public string? SkipReason { get; private set; }
    public TestApp App => app!;

    /// <summary>Messages of any alert/confirm a page opened: user text that ran as script would show here.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> Dialogs { get; } = [];

    /// <summary>Browser console errors, e.g. a Content-Security-Policy violation.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> ConsoleErrors { get; } = [];

    /// <summary>What axe-core found on the pages the tests visited (see <see cref="Accessibility"/>); a test class's fixture fails if any remain.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> AccessibilityViolations { get; } = [];

    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("SERVICEMARK_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
            {
                throw new InvalidOperationException($"{RequireVariable}=1 but {ChromiumPath} does not exist: install Debian's chromium.");
            }

            SkipReason = $"Browser tests need Debian's Chromium at {ChromiumPath} (apt-get install chromium fonts-noto-cjk); CI installs it and sets {RequireVariable}=1.";
            return;
        }

        app = new BrowserApp();
        app.UseKestrel(0);
        app.StartServer();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        app.ClientOptions.BaseAddress = new Uri(BaseUrl); // API calls from tests go to the same real server
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
        Assertions.SetDefaultExpectTimeout(15_000); // CI runs the test projects side by side on two cores
    }

    /// <summary>Open tabs re-check their session every 2 s instead of 30, so a test can see an ended session leave a tab.</summary>
    private sealed class BrowserApp : TestApp
    {
        protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("ServiceMark:SessionRevalidationSeconds", "2");
    }

    public void SkipIfUnavailable() => Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");

    /// <summary>A fresh browser context (its own cookies) in Chinese-speaking defaults, at a desktop size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = width, Height = height }, Locale = "en-US" });
        context.SetDefaultTimeout(20_000);
        await Accessibility.WatchAsync(context, AccessibilityViolations.Enqueue);
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => Dialogs.Add(dialog.Message);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add(message.Text);
            }
        };
        return page;
    }

    /// <summary>Checks the page as it is now, then fails the calling test with every accessibility violation found so far (and forgets them).</summary>
    public async Task AssertAccessibleAsync(IPage page)
    {
        await Accessibility.CheckNowAsync(page);
        AssertAccessible();
    }

    public void AssertAccessible()
    {
        var found = new List<string>();
        while (AccessibilityViolations.TryDequeue(out var violation))
        {
            found.Add(violation);
        }

        Assert.True(found.Count == 0, "axe-core found on the visited pages:\n" + string.Join("\n", found.Distinct()));
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            // Each open page's current address is checked before the verdict.
            foreach (var context in Browser.Contexts.ToList())
            {
                await Accessibility.FlushAsync(context);
            }

            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        // Tests that did not ask (AssertAccessible) still fail their class on a page they visited.
        AssertAccessible();
    }
}
