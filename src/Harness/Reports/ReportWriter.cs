namespace ConformanceKit.Harness.Reports;

/// <summary>Writes a session's reports (JSON, JUnit XML, HTML), each signed, into one directory.</summary>
public static class ReportWriter
{
    public const string JsonFile = "report.json";
    public const string JunitFile = "report.junit.xml";
    public const string HtmlFile = "report.html";

    /// <summary>
    /// Writes report.json, report.junit.xml and report.html into <paramref name="directory"/> (created when missing),
    /// each signed with <paramref name="signer"/>, and returns their paths. See docs/reports.md.
    /// </summary>
    public static Task<IReadOnlyList<string>> WriteAllAsync(RunReport report, string directory, ReportSigner signer,
        CancellationToken ct = default) => WriteAllAsync(report, directory, signer, TimeProvider.System, ct);

    /// <summary>As above, with the clock that stamps "signedAt".</summary>
    public static async Task<IReadOnlyList<string>> WriteAllAsync(RunReport report, string directory, ReportSigner signer,
        TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(signer);
        Directory.CreateDirectory(directory);
        var signedAt = clock.GetUtcNow();
        var files = new (string Name, byte[] Bytes)[]
        {
            (JsonFile, JsonReport.Write(report, signer, signedAt)),
            (JunitFile, JunitReport.Write(report, signer)),
            (HtmlFile, HtmlReport.Write(report, signer, signedAt)),
        };
        var paths = new List<string>(files.Length);
        foreach (var (name, bytes) in files)
        {
            var path = Path.Combine(directory, name);
            await File.WriteAllBytesAsync(path, bytes, ct);
            paths.Add(path);
        }
        return paths;
    }
}
