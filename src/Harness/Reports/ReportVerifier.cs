namespace ConformanceKit.Harness.Reports;

/// <summary>
/// Checks a ck report file of any of the three formats (detected from the content): is its signature intact,
/// who signed it, and — when thumbprints are pinned — is the signer one of them.
/// </summary>
public static class ReportVerifier
{
    /// <summary>The largest file read.</summary>
    public const int MaxBytes = JunitReport.MaxBytes;

    /// <summary>Verifies the file at <paramref name="path"/>; a file that cannot be read is <see cref="ReportIntegrity.NotAReport"/>.</summary>
    public static ReportVerification VerifyFile(string path, IReadOnlyCollection<string>? trustedThumbprints = null)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return ReportVerification.NotAReport(ReportFormat.Unknown, $"no such file: {path}");
            if (info.Length > MaxBytes)
                return ReportVerification.NotAReport(ReportFormat.Unknown, $"the file is {info.Length} bytes, over the {MaxBytes}-byte limit");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ReportVerification.NotAReport(ReportFormat.Unknown, "cannot read the file: " + ex.Message);
        }
        return Verify(bytes, trustedThumbprints);
    }

    /// <summary>
    /// Verifies a report's bytes. With <paramref name="trustedThumbprints"/> (SHA-256, any case, ':' allowed), a
    /// valid signature by a key not among them is <see cref="ReportIntegrity.Untrusted"/>.
    /// </summary>
    public static ReportVerification Verify(ReadOnlySpan<byte> content, IReadOnlyCollection<string>? trustedThumbprints = null)
    {
        var result = DetectFormat(content) switch
        {
            ReportFormat.Json => JsonReport.Verify(content),
            ReportFormat.Junit => JunitReport.Verify(content),
            ReportFormat.Html => HtmlReport.Verify(content),
            _ => ReportVerification.NotAReport(ReportFormat.Unknown, "neither JSON, XML nor HTML: not a ck report"),
        };
        if (result.Integrity == ReportIntegrity.Valid && CertificateProblem(result) is { } problem)
            result = result with { Integrity = ReportIntegrity.Tampered, Reason = problem };
        if (result.Integrity != ReportIntegrity.Valid || trustedThumbprints is not { Count: > 0 }) return result;
        var trusted = trustedThumbprints.Select(Thumbprints.Normalize).ToHashSet(StringComparer.Ordinal);
        return trusted.Contains(result.Signer!.ThumbprintSha256)
            ? result with { Reason = result.Reason + "; the signer is trusted" }
            : result with
            {
                Integrity = ReportIntegrity.Untrusted,
                Reason = "signature matches the content, but the signer's thumbprint is not one given with --trust",
            };
    }

    /// <summary>
    /// Why an intact report cannot stand as a certificate it claims to be: no certification metadata, or no signing time
    /// under the signature (every certificate is written with one; only older self-run reports lack it).
    /// </summary>
    private static string? CertificateProblem(ReportVerification result)
    {
        if (result.Facts is not { } facts) return null;
        if (facts.Kind == ReportKinds.Certification && facts.Certification is null)
            return "the report says it is a certification but carries no certification metadata (vendor, system, plan)";
        if (facts.IsCertification && !result.SignedAtCovered)
            return "a certificate must carry a signing time covered by its signature; this one does not";
        if (facts.IsCertification && !ReportVerdicts.IsKnown(facts.StatedVerdict))
            return $"a certificate must state PASSED, FAILED or INCOMPLETE; this one states '{facts.StatedVerdict}'";
        return null;
    }

    /// <summary>The format, from the first characters of the content.</summary>
    public static ReportFormat DetectFormat(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\uFEFF"u8)) content = content[3..];
        var i = 0;
        while (i < content.Length && content[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        var head = content[i..Math.Min(content.Length, i + 64)];
        if (head.IsEmpty) return ReportFormat.Unknown;
        if (head[0] == (byte)'{') return ReportFormat.Json;
        if (head[0] != (byte)'<') return ReportFormat.Unknown;
        var text = System.Text.Encoding.ASCII.GetString(head).ToLowerInvariant();
        if (text.StartsWith("<!doctype html", StringComparison.Ordinal) || text.StartsWith("<html", StringComparison.Ordinal))
            return ReportFormat.Html;
        return ReportFormat.Junit;
    }
}
