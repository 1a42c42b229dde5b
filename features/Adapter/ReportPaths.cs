using System.Text.Json;

namespace ConformanceKit.Features.Adapter;

/// <summary>
/// Where Reqnroll's formatters write: TestResults/reqnroll/report.html (Cucumber HTML) and report.ndjson (Cucumber
/// messages) under the test output directory (features/bin/&lt;Configuration&gt;/net10.0), or under <c>CK_FEATURES_REPORT_DIR</c>.
/// </summary>
public static class ReportPaths
{
    public static string Folder =>
        Environment.GetEnvironmentVariable("CK_FEATURES_REPORT_DIR") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "reqnroll");

    public static string Html => Path.Combine(Folder, "report.html");
    public static string Messages => Path.Combine(Folder, "report.ndjson");

    /// <summary>The value of REQNROLL_FORMATTERS (it overrides reqnroll.json's <c>formatters</c>).</summary>
    public static string FormattersJson => JsonSerializer.Serialize(new
    {
        formatters = new
        {
            html = new { outputFilePath = Html },
            message = new { outputFilePath = Messages },
        },
    });
}
