namespace ConformanceKit.Harness.Reports;

/// <summary>The three report formats ck writes.</summary>
public enum ReportFormat
{
    /// <summary>Not recognised as any of them.</summary>
    Unknown,
    Json,
    Junit,
    Html,
}

/// <summary>What verification concluded about a report file.</summary>
public enum ReportIntegrity
{
    /// <summary>The signature matches the content (and, when thumbprints were pinned, the signer is one of them).</summary>
    Valid,

    /// <summary>The signature matches the content, but the signer is not one of the pinned thumbprints.</summary>
    Untrusted,

    /// <summary>The content was changed after signing, or the signature/certificate is damaged.</summary>
    Tampered,

    /// <summary>A ck report that carries no signature (e.g. it was removed).</summary>
    Unsigned,

    /// <summary>The file cannot be read, or is not a ck report at all.</summary>
    NotAReport,
}

/// <summary>What a report says about its session, as read from the file (verified only when the signature is).</summary>
public sealed record ReportFacts(
    string Kind,
    string SessionId,
    string ToolName,
    string ToolVersion,
    string? CatalogueVersion,
    string TargetUrl,
    string TargetDescription,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Total,
    int Passed,
    int Failed,
    int Errors)
{
    /// <summary>Cases not performed (certification steps); 0 in older reports.</summary>
    public int Incomplete { get; init; }

    /// <summary>The verdict the report states; null in older reports (then derived from the counts).</summary>
    public string? StatedVerdict { get; init; }

    public ReportWindow? Window { get; init; }

    public TrafficCounts? Counts { get; init; }

    /// <summary>Set for a certificate only.</summary>
    public CertificationInfo? Certification { get; init; }

    public bool AllPassed => Failed == 0 && Errors == 0 && Incomplete == 0;

    public string Verdict => StatedVerdict ?? (AllPassed ? ReportVerdicts.Passed : ReportVerdicts.Failed);

    /// <summary>True for a certificate (kind "certification" with its metadata).</summary>
    public bool IsCertification => ReportKinds.IsCertification(Kind, Certification);

    /// <summary>"certification", or "self-run, not a certification".</summary>
    public string Standing => ReportKinds.StandingOf(Kind, Certification);

    /// <summary>The window as stated, else the session's real start and end.</summary>
    public ReportWindow EffectiveWindow => Window ?? new ReportWindow { RealFrom = StartedAt, RealTo = FinishedAt };

    public static ReportFacts Of(RunReport report) => new(
        report.Kind, report.SessionId, report.Tool.Name, report.Tool.Version, report.CatalogueVersion,
        report.Target.Url, report.Target.Description, report.StartedAt, report.FinishedAt,
        report.Summary.Total, report.Summary.Passed, report.Summary.Failed, report.Summary.Errors)
    {
        Incomplete = report.Summary.Incomplete,
        StatedVerdict = report.Verdict,
        Window = report.Window,
        Counts = report.Counts,
        Certification = report.Certification,
    };
}

/// <summary>The result of verifying one report file.</summary>
/// <param name="Format">The format detected from the content.</param>
/// <param name="Integrity">The conclusion.</param>
/// <param name="Reason">Why, in words ("signature does not match the content", "no signature", "certificate …").</param>
/// <param name="Signer">The signer's certificate subject and thumbprint, when a certificate could be read.</param>
/// <param name="SignedAt">When it was signed, as the signature states (JSON and HTML).</param>
/// <param name="Facts">What the report describes (null when the file is not a ck report).</param>
/// <param name="Report">The whole model, for JSON and HTML (JUnit carries only <see cref="Facts"/>).</param>
/// <param name="SignedAtCovered">True when the signature covers <paramref name="SignedAt"/> (reports since issue 17).</param>
public sealed record ReportVerification(
    ReportFormat Format,
    ReportIntegrity Integrity,
    string Reason,
    SignerInfo? Signer = null,
    DateTimeOffset? SignedAt = null,
    ReportFacts? Facts = null,
    RunReport? Report = null,
    bool SignedAtCovered = false)
{
    /// <summary>True only for <see cref="ReportIntegrity.Valid"/>.</summary>
    public bool IsValid => Integrity == ReportIntegrity.Valid;

    internal static ReportVerification NotAReport(ReportFormat format, string reason) =>
        new(format, ReportIntegrity.NotAReport, reason);

    /// <summary>Turns a signature check into a verification of a report of <paramref name="format"/>.</summary>
    internal static ReportVerification From(ReportFormat format, SignatureCheck check, ReportFacts? facts, RunReport? report) =>
        new(format, check.IsValid ? ReportIntegrity.Valid : ReportIntegrity.Tampered, check.Reason, check.Signer,
            check.SignedAt, facts, report, check.IsValid && check.SignedAtCovered);
}
