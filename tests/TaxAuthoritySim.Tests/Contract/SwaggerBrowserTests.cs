using ConformanceKit.TaxAuthoritySim.Tests.Pages;
using ConformanceKit.TaxAuthoritySim.Tests.Support;
using Microsoft.Playwright;

namespace ConformanceKit.TaxAuthoritySim.Tests.Contract;

/// <summary>Swagger UI in a real browser: it loads the document and offers to authorize with both keys.</summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Browser")]
public sealed class SwaggerBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Swagger_UI_offers_both_keys_under_Authorize()
    {
        var page = await fixture.Browser.NewPageAsync(fixture.Simulator.BaseAddress);
        Assert.Equal(200, (await page.GotoAsync("/swagger"))!.Status);
        var authorize = page.Locator(".auth-wrapper .authorize").First;
        await Assertions.Expect(authorize).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".opblock-summary-path[data-path=\"/api/v1/messages\"]")).ToBeVisibleAsync();
        await authorize.ClickAsync();
        var dialog = page.Locator(".modal-ux");
        await Assertions.Expect(dialog).ToContainTextAsync("X-Api-Key");
        await Assertions.Expect(dialog).ToContainTextAsync("X-Admin-Key");
        await Browser.ScreenshotAsync(page, "swagger-authorize");
    }
}
