using ConformanceKit.Einvoice.Samples;
using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.TaxAuthoritySim.Certification;
using ConformanceKit.TaxAuthoritySim.Tests.Pages;
using ConformanceKit.TaxAuthoritySim.Tests.Support;
using Microsoft.Playwright;

namespace ConformanceKit.TaxAuthoritySim.Tests.Certification;

/// <summary>
/// The certifier's and the vendor's pages in a real browser (headless Debian Chromium): the certifier creates a session
/// and reads its key once; the vendor logs in with it, reads the open step's instruction and ends it; the certifier
/// watches the verdict, ends the session and is told how to sign the certificate (no issuer in this server).
/// </summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Browser")]
public sealed class CertificationBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private LiveSimulator Sim => fixture.Simulator;

    private static async Task<IResponse> NavigateAsync(IPage page, Func<Task> action)
    {
#pragma warning disable CS0612, CS0618 // obsolete in Playwright 1.64, still the one call that ties a click to its navigation
        var response = await page.RunAndWaitForNavigationAsync(action,
            new PageRunAndWaitForNavigationOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
#pragma warning restore CS0612, CS0618
        return response ?? throw new InvalidOperationException("the click led to no navigation");
    }

    private async Task<IPage> LogInAsync(string key, string returnTo)
    {
        var page = await fixture.Browser.NewPageAsync(Sim.BaseAddress);
        await page.GotoAsync(returnTo);
        Assert.Contains("/login", page.Url);
        await page.GetByLabel("Khóa / Key").FillAsync(key);
        var landed = await NavigateAsync(page, () => page.Locator("#login").ClickAsync());
        Assert.Equal(200, landed.Status);
        Assert.EndsWith(returnTo, page.Url);
        return page;
    }

    [Fact]
    public async Task The_certifier_creates_a_session_the_vendor_follows_its_step_and_the_certifier_sees_the_verdict()
    {
        var certifier = await LogInAsync(DemoData.AdminKey, "/certification");
        Assert.Equal("Chứng nhận / Certification sessions", await certifier.Locator("h1").InnerTextAsync());
        await certifier.Locator("#vendorName").FillAsync("Công ty Phần mềm <b>A</b>");
        await certifier.Locator("#systemName").FillAsync("POS Cloud");
        await certifier.Locator("#systemVersion").FillAsync("4.2.0");
        await certifier.Locator("#planId").SelectOptionAsync("tvan-provider");
        var created = await NavigateAsync(certifier, () => certifier.Locator("#create").ClickAsync());
        Assert.Equal(201, created.Status);
        var key = await certifier.Locator("#new-key").InnerTextAsync();
        var sessionId = await certifier.Locator("#new-session").InnerTextAsync();
        var session = new CreatedSession(sessionId, key, await certifier.Locator("#new-sender").InnerTextAsync(),
            await certifier.Locator("#new-mst").InnerTextAsync(), [await certifier.Locator("#new-block").InnerTextAsync()], "tvan-provider", "");
        Assert.StartsWith("ckc_", key);
        await Browser.ScreenshotAsync(certifier, "certification-created");

        // The vendor: its page shows the plan and the open step's instruction with its own MST and block.
        var vendor = await LogInAsync(key, "/certification/session");
        Assert.Equal(session.Sender, await vendor.Locator("#sender").InnerTextAsync());
        Assert.Equal("first-packages", await vendor.Locator("#current-step").GetAttributeAsync("data-step-id"));
        var instruction = await vendor.Locator("#instruction-en").InnerTextAsync();
        Assert.Contains(session.TaxCode, instruction);
        Assert.Contains(session.Blocks[0], instruction);
        Assert.Contains(session.TaxCode, await vendor.Locator("#instruction-vi").InnerTextAsync());

        // Its system sends two packages; the vendor ends the step: PASSED, with the messages linked.
        var client = Sim.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var system = new ScriptedVendor(client, session);
        var first = await system.SendAndReadAsync();
        await system.SendAndReadAsync();
        await NavigateAsync(vendor, () => vendor.Locator("#step-done").ClickAsync());
        var row = vendor.Locator("tr[data-step-id=\"first-packages\"]");
        await Assertions.Expect(row.Locator(".verdict")).ToHaveTextAsync(CertificationVerdicts.Passed);
        await Assertions.Expect(row.Locator("a.message")).ToHaveCountAsync(2);
        Assert.Equal("resend-after-503", await vendor.Locator("#current-step").GetAttributeAsync("data-step-id"));
        await Browser.ScreenshotAsync(vendor, "certification-vendor");
        // The linked message opens on the pages the vendor's key may see (its own messages).
        var opened = await NavigateAsync(vendor, () => row.GetByRole(AriaRole.Link, new() { Name = first }).ClickAsync());
        Assert.Equal(200, opened.Status);
        Assert.Contains(first, await vendor.Locator("h1").InnerTextAsync());
        // The certifier's page is closed to the vendor's login.
        var forbidden = await vendor.GotoAsync("/certification");
        Assert.Equal(403, forbidden!.Status);

        // The certifier watches, ends the session and is told how to sign (this server holds no signing key).
        await certifier.GotoAsync($"/certification/sessions/{sessionId}");
        Assert.Contains("Công ty Phần mềm <b>A</b>", await certifier.Locator("#vendor").InnerTextAsync());
        await Assertions.Expect(certifier.Locator("tr[data-step-id=\"first-packages\"] .verdict")).ToHaveTextAsync(CertificationVerdicts.Passed);
        // The session's own clock: the button moves it (and only it) 20 minutes ahead.
        await certifier.Locator("#advance-minutes").FillAsync("20");
        var moved = await NavigateAsync(certifier, () => certifier.Locator("#advance-clock").ClickAsync());
        Assert.Equal(200, moved.Status);
        await Assertions.Expect(certifier.Locator("#clock-offset")).ToHaveTextAsync("ahead by 20 min");
        await NavigateAsync(certifier, () => certifier.Locator("#end-session").ClickAsync());
        Assert.Equal(CertificationVerdicts.Incomplete, await certifier.Locator("#session-verdict").InnerTextAsync());
        await Browser.ScreenshotAsync(certifier, "certification-session");
        var download = await NavigateAsync(certifier, () => certifier.Locator("#download-certificate").ClickAsync());
        Assert.Equal(501, download.Status);
        Assert.Contains("ck", await certifier.Locator("#certificate-note").InnerTextAsync());

        // The vendor sees the session ended.
        await vendor.GotoAsync("/certification/session");
        Assert.Equal(CertificationVerdicts.Incomplete, await vendor.Locator("#session-verdict").InnerTextAsync());
    }
}
