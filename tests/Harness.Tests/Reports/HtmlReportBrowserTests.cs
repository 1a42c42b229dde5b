using System.Collections.Concurrent;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConformanceKit.Harness.Tests.Reports;

/// <summary>report.html in a real browser (Debian's Chromium through Playwright), opened from file://.</summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Browser")]
public sealed class HtmlReportBrowserTests(ReportFixture fx) : IClassFixture<ReportFixture>
{
    [Fact]
    public async Task The_page_shows_the_verdict_counts_and_the_failed_case_open_and_filters_without_fetching_anything()
    {
        var written = await fx.WriteAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        var requests = new ConcurrentQueue<string>();
        var problems = new ConcurrentQueue<string>();
        page.Request += (_, request) => requests.Enqueue(request.Url);
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Enqueue(message.Text); };
        page.PageError += (_, error) => problems.Enqueue(error);

        var url = new Uri(written.Html).AbsoluteUri;
        Assert.StartsWith("file://", url);
        await page.GotoAsync(url);

        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^FAILED"));
        await Expect(page.Locator("#verdict")).ToHaveTextAsync("FAILED");
        await Expect(page.Locator("#count-total")).ToHaveTextAsync("4");
        await Expect(page.Locator("#count-passed")).ToHaveTextAsync("2");
        await Expect(page.Locator("#count-failed")).ToHaveTextAsync("1");
        await Expect(page.Locator("#count-errors")).ToHaveTextAsync("1");
        await Expect(page.Locator("#session")).ToHaveTextAsync(ReportFixture.SessionId);

        var failed = page.Locator("details.case[data-id='KTDL-2002-01']");
        var passed = page.Locator("details.case[data-id='RCV-1001-01']");
        await Expect(failed).ToHaveAttributeAsync("open", "");
        await Expect(failed.GetByText(ReportFixture.FailedFindingMessage)).ToBeVisibleAsync();
        await Expect(failed.Locator("pre").First).ToContainTextAsync("<TNBan>Cửa hàng Ánh &amp; Sơn</TNBan>");
        await Expect(passed).Not.ToHaveAttributeAsync("open", "");
        await Expect(passed.Locator("summary")).ToBeVisibleAsync();
        await Expect(page.Locator("#shown")).ToHaveTextAsync("4 of 4 cases shown");

        await page.Locator("#filter-failed").CheckAsync();
        await Expect(passed).ToBeHiddenAsync();
        await Expect(page.Locator("details.case[data-id='RCV-1001-02']")).ToBeHiddenAsync();
        await Expect(failed).ToBeVisibleAsync();
        await Expect(page.Locator("details.case[data-id='FLOW-3001-01']")).ToBeVisibleAsync();
        await Expect(page.Locator("#shown")).ToHaveTextAsync("2 of 4 cases shown");

        await page.Locator("#filter-all").CheckAsync();
        await page.Locator("#search").FillAsync("thân rỗng");
        await Expect(page.Locator("details.case[data-id='RCV-1001-02']")).ToBeVisibleAsync();
        await Expect(failed).ToBeHiddenAsync();
        await page.Locator("#search").FillAsync("no such text anywhere");
        await Expect(page.Locator("#no-match")).ToBeVisibleAsync();

        // Opening a passed case by clicking its row.
        await page.Locator("#search").FillAsync("");
        await passed.Locator("summary").ClickAsync();
        await Expect(passed).ToHaveAttributeAsync("open", "");
        await Expect(passed.GetByText("999 TTTNhan 0; 204 LTBao 2")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "report-html");

        Assert.Equal([url], requests.ToArray());
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_certificate_shows_the_vendor_system_window_and_verdict_in_its_header()
    {
        var folder = fx.NewFolder();
        var paths = await Harness.Certification.CertificateWriter.WriteAllAsync(
            CertificationSamples.WithStepNotPerformed(), fx.KeyA, folder, issuedBy: "Certifier Ltd");
        var html = Assert.Single(paths, p => p.EndsWith("certificate.html", StringComparison.Ordinal));
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        var problems = new ConcurrentQueue<string>();
        page.PageError += (_, error) => problems.Enqueue(error);

        await page.GotoAsync(new Uri(html).AbsoluteUri);

        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^INCOMPLETE — certificate for "));
        await Expect(page.Locator("#standing")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^CERTIFICATION issued by Certifier Ltd"));
        await Expect(page.Locator("h1")).ToContainTextAsync("ConformanceKit certificate");
        await Expect(page.Locator("#verdict")).ToHaveTextAsync("INCOMPLETE");
        await Expect(page.Locator("#verdict")).ToBeVisibleAsync();
        await Expect(page.Locator("#cert-vendor")).ToHaveTextAsync(CertificationSamples.Vendor);
        await Expect(page.Locator("#cert-system")).ToHaveTextAsync($"{CertificationSamples.System} {CertificationSamples.Version}");
        await Expect(page.Locator("#cert-plan")).ToHaveTextAsync("tvan-provider version 2025.12-3");
        await Expect(page.Locator("#window-real")).ToHaveTextAsync("2025-12-01T09:00:00.000+07:00 … 2025-12-01T09:47:00.000+07:00");
        await Expect(page.Locator("#window-simulated")).ToHaveTextAsync("2025-06-15T08:00:00.000+07:00 … 2025-06-15T20:30:00.000+07:00");
        await Expect(page.Locator("#traffic")).ToHaveTextAsync("12 package(s), 36 invoice(s), 14 notice(s)");
        await Expect(page.Locator("#count-incomplete")).ToHaveTextAsync("1");
        var notPerformed = page.Locator("details.case[data-id='look-up-dropped-204']");
        await Expect(notPerformed).ToHaveAttributeAsync("open", "");
        await Expect(notPerformed.Locator(".outcome")).ToHaveTextAsync("Incomplete");
        await Browser.ScreenshotAsync(page, "certificate-html");
        Assert.Empty(problems);
    }
}
