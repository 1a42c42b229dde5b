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
        var files = Compose(report, signer, clock.GetUtcNow());
        Directory.CreateDirectory(directory);
        var paths = new List<string>(files.Count);
        foreach (var (name, _, bytes) in files)
        {
            var path = Path.Combine(directory, name);
            await File.WriteAllBytesAsync(path, bytes, ct);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>The three files' names and bytes, each signed at <paramref name="signedAt"/> (nothing is written).</summary>
    public static IReadOnlyList<ReportFile> Compose(RunReport report, ReportSigner signer, DateTimeOffset signedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(signer);
        // Whole milliseconds, the same in the three files.
        signedAt = new DateTimeOffset(signedAt.Ticks - signedAt.Ticks % TimeSpan.TicksPerMillisecond, signedAt.Offset);
        return
        [
            new(JsonFile, "application/json", JsonReport.Write(report, signer, signedAt)),
            new(JunitFile, "application/xml", JunitReport.Write(report, signer, signedAt)),
            new(HtmlFile, "text/html; charset=utf-8", HtmlReport.Write(report, signer, signedAt)),
        ];
    }
}

/// <summary>One signed report file: its name, media type and bytes.</summary>
public sealed record ReportFile(string Name, string ContentType, byte[] Bytes);
