using Microsoft.Playwright;

namespace ConformanceKit.TestSupport;

/// <summary>
/// A headless Chromium for the browser tests. Playwright cannot download its browsers on this
/// machine, so it drives Debian's chromium (tools/install-chromium.sh installs it; .ci/run calls
/// that). Set CK_CHROMIUM to use another binary, CK_SCREENSHOT_DIR to keep screenshots of the pages.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string DefaultChromium = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CK_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromium;

    public static async Task<Browser> LaunchAsync()
    {
        var path = ExecutablePath;
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {path}, and it is missing: install it with apt-get install chromium " +
                "(or run tools/install-chromium.sh); .ci/run does. Playwright cannot download its own browsers here.");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = path,
                Headless = true,
                Args = Args,
                Timeout = 60_000,
            });
            return new Browser(playwright, chromium);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh page (own context), with a base URL for relative navigation when given (not for file:// pages).</summary>
    public async Task<IPage> NewPageAsync(Uri? baseAddress = null)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress?.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "vi-VN",
        });
        // Generous: CI runs every test class in parallel on two cores, next to this browser.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A full-page screenshot into CK_SCREENSHOT_DIR, when that is set.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("CK_SCREENSHOT_DIR") is not { Length: > 0 } dir) return;
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
