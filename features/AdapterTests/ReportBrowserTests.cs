using System.Diagnostics;
using System.Text;
using ConformanceKit.Features.Adapter;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConformanceKit.Features.AdapterTests;

/// <summary>
/// The Cucumber HTML report in a real browser (Debian's Chromium through Playwright), opened from file://. The report
/// is written by a separate test run of this assembly over the adapter's sample features (CK_FEATURES_SAMPLE=1: passed,
/// failed, undefined, ambiguous, pending and skipped scenarios), so this run's own report and its Reqnroll test run
/// stay untouched: a second Reqnroll test runner manager with formatters in one process disturbs the first one's.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Browser")]
public sealed class ReportBrowserTests
{
    [OutsideSampleRunFact]
    public async Task The_report_shows_every_scenario_by_name_with_its_status()
    {
        var report = await SampleReport.WriteAsync();
        try { await OpenAndCheckAsync(report); }
        finally { TestFolder.Delete(report.Folder); }
    }

    private static async Task OpenAndCheckAsync(SampleReport.Written report)
    {
        Assert.Contains("Failed:     4, Passed:     5, Skipped:     1, Total:    10", report.Output);

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);
        await page.GotoAsync(new Uri(report.Html).AbsoluteUri);

        // The summary: scenarios per status, as the report counts them.
        await Expect(page.Locator("[data-testid='cucumber.summary.status']")).ToContainTextAsync("(5 / 10) passed");
        foreach (var (status, count) in new[] { ("PASSED", 5), ("FAILED", 1), ("SKIPPED", 1), ("UNDEFINED", 1), ("AMBIGUOUS", 1), ("PENDING", 1) })
            await Expect(page.Locator($"label span[data-status='{status}'] strong")).ToHaveTextAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Each scenario by its name, with the status of each of its steps.
        await Expect(page.GetByText("Feature:Adapter samples")).ToBeVisibleAsync();
        await ExpectStepsAsync(page, "Every step is bound", "PASSED", "PASSED", "PASSED", "PASSED");
        await ExpectStepsAsync(page, "A failing step", "PASSED", "PASSED", "FAILED", "SKIPPED");
        await ExpectStepsAsync(page, "An undefined step", "PASSED", "PASSED", "UNDEFINED", "SKIPPED");
        await ExpectStepsAsync(page, "An ambiguous step", "PASSED", "AMBIGUOUS");
        await ExpectStepsAsync(page, "A pending step", "PASSED", "PENDING");
        await ExpectStepsAsync(page, "An ignored scenario", "SKIPPED", "SKIPPED");
        await ExpectStepsAsync(page, "Bộ đếm mẫu", "PASSED", "PASSED", "PASSED", "PASSED");
        await Expect(page.GetByText("Scenario Outline:Adding to the counter").Or(page.GetByText("Scenario Outline: Adding to the counter"))).ToHaveCountAsync(1);

        // The failed step's message is in the report.
        await Expect(Scenario(page, "A failing step")).ToContainTextAsync("Assert.Equal() Failure");
        await Browser.ScreenshotAsync(page, "features-report");
        Assert.Empty(problems);
    }

    /// <summary>The section of the scenario whose heading is <paramref name="name"/>.</summary>
    private static ILocator Scenario(IPage page, string name) =>
        page.Locator("section").Filter(new LocatorFilterOptions
        {
            Has = page.Locator("h2", new PageLocatorOptions
            {
                HasTextRegex = new System.Text.RegularExpressions.Regex($"^[^:]+:\\s*{System.Text.RegularExpressions.Regex.Escape(name)}$"),
            }),
            HasNot = page.Locator("section section"),
        });

    private static async Task ExpectStepsAsync(IPage page, string scenario, params string[] statuses)
    {
        var steps = Scenario(page, scenario).Locator("article > ol > li[data-status]");
        await Expect(steps).ToHaveCountAsync(statuses.Length);
        for (var i = 0; i < statuses.Length; i++) await Expect(steps.Nth(i)).ToHaveAttributeAsync("data-status", statuses[i]);
    }
}

/// <summary>A fact that is skipped inside the sample run it starts (no recursion, whatever the filter).</summary>
public sealed class OutsideSampleRunFactAttribute : FactAttribute
{
    public OutsideSampleRunFactAttribute()
    {
        if (FeatureFolder.SampleRun) Skip = $"inside the sample run ({FeatureFolder.SampleVariable} is set)";
    }
}

/// <summary>
/// Writes the Cucumber report of the sample features in a separate process: <c>dotnet test</c> on this very assembly,
/// already built, with CK_FEATURES_SAMPLE=1 (the entry point discovers AdapterTests/Samples instead of Features/) and
/// CK_FEATURES_REPORT_DIR a temp folder.
/// </summary>
public static class SampleReport
{
    public sealed record Written(string Folder, string Html, string Output);

    public static async Task<Written> WriteAsync()
    {
        var folder = TestFolder.Create("ck-features-report-");
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[] { "test", typeof(SampleReport).Assembly.Location, "--filter", "Category=adapter", "--results-directory", Path.Combine(folder, "results") })
            start.ArgumentList.Add(argument);
        start.Environment[FeatureFolder.SampleVariable] = "1";
        start.Environment["CK_FEATURES_REPORT_DIR"] = Path.Combine(folder, "reqnroll");
        foreach (var name in new[] { "CK_TARGET", "CK_ADMIN_KEY", "CK_TVAN_KEY", "CK_PROVIDER_URL", "CK_PROVIDER_KEY" }) start.Environment.Remove(name);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {DotnetHost}");
        var output = new StringBuilder();
        var reading = Task.WhenAll(
            Task.Run(async () => output.Append(await process.StandardOutput.ReadToEndAsync())),
            Task.Run(async () => await process.StandardError.ReadToEndAsync()));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the sample run did not end within 3 minutes:\n{output}");
        }
        await reading;
        var html = Path.Combine(folder, "reqnroll", "report.html");
        if (!File.Exists(html)) TestFolder.Delete(folder);
        Assert.True(File.Exists(html), $"the sample run (exit code {process.ExitCode}) wrote no {html}:\n{output}");
        return new Written(folder, html, output.ToString());
    }

    /// <summary>The dotnet host running this test (the SDK sets DOTNET_HOST_PATH), else dotnet on the PATH.</summary>
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";
}
