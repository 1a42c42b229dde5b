using System.Collections.Concurrent;
using static Microsoft.Playwright.Assertions;

namespace ConformanceKit.LoadTesting.Tests;

/// <summary>The load report in a real browser (Debian's Chromium through Playwright), opened from file://, offline.</summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Browser")]
public sealed class ReportBrowserTests
{
    [Fact]
    public async Task The_html_report_shows_the_verdict_thresholds_statistics_and_four_charts_with_the_memory_one_without_fetching_anything()
    {
        var report = await ReportTests.SmallRunAsync();
        var folder = TestFolder.Create();
        try
        {
            ReportWriter.WriteAll(report, folder);
            await using var browser = await Browser.LaunchAsync();
            var page = await browser.NewPageAsync();
            var requests = new ConcurrentQueue<string>();
            var problems = new ConcurrentQueue<string>();
            page.Request += (_, request) => requests.Enqueue(request.Url);
            page.PageError += (_, error) => problems.Enqueue(error);
            page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Enqueue(message.Text); };

            var url = new Uri(Path.Combine(folder, "report.html")).AbsoluteUri;
            await page.GotoAsync(url);

            await Expect(page).ToHaveTitleAsync("Load test report-test");
            await Expect(page.Locator("#verdict")).ToHaveTextAsync("FAILED");
            await Expect(page.Locator("#thresholds tbody tr")).ToHaveCountAsync(3);
            await Expect(page.Locator("#thresholds tr.fail")).ToHaveCountAsync(1);
            await Expect(page.Locator("#thresholds tr.fail")).ToContainTextAsync("fail%<1");
            await Expect(page.Locator("#stats tbody tr")).ToHaveCountAsync(3); // the scenario and its two steps
            await Expect(page.Locator("#stats tr.step").First).ToContainTextAsync("sale.post");
            var charts = page.Locator("figure.chart svg");
            await Expect(charts).ToHaveCountAsync(4);
            for (var i = 0; i < 4; i++) await Expect(charts.Nth(i)).ToBeVisibleAsync();
            // The memory chart sits in the first scenario's row of charts, its figures in a table below.
            await Expect(page.Locator("section.scenario .charts figure#memory svg")).ToBeVisibleAsync();
            await Expect(page.Locator("figure#memory figcaption")).ToContainTextAsync("fake <process>");
            var ws = await page.Locator("figure#memory polyline[data-series='working set']").GetAttributeAsync("points");
            Assert.False(string.IsNullOrWhiteSpace(ws), "the working set is drawn");
            await Expect(page.Locator("figure#memory polyline[data-series='RssAnon']")).ToHaveCountAsync(1);
            await Expect(page.Locator("#memory-figures tbody tr")).ToHaveCountAsync(2); // working set, RssAnon (no GC heap: a fake process)
            await Expect(page.Locator("#memory-figures tbody tr").First).ToContainTextAsync("working set");
            await Expect(page.Locator("#memory-figures tbody tr").Nth(1)).ToContainTextAsync("40 MB");
            await Expect(page.Locator("#memory-figures td.num").First).ToContainTextAsync(" MB"); // the start, after the warm-up
            await Expect(page.Locator("svg polyline[data-series='p99']")).ToHaveCountAsync(1);
            var box = await charts.First.BoundingBoxAsync();
            Assert.True(box is { Width: > 300, Height: > 100 }, "the chart is drawn at its size");
            var points = await page.Locator("svg polyline[data-series='p99']").GetAttributeAsync("points");
            Assert.True(points!.Trim().Split(' ').Length >= 2, points);
            await Expect(page.Locator("table.errors")).ToContainTextAsync("post: HTTP 503");
            await Browser.ScreenshotAsync(page, "load-report");

            Assert.All(requests, r => Assert.StartsWith("file://", r));
            Assert.Empty(problems);
        }
        finally
        {
            TestFolder.Delete(folder);
        }
    }
}
