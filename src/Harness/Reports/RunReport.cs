using System.Reflection;
using System.Text.Json.Serialization;

namespace ConformanceKit.Harness.Reports;

/// <summary>
/// The outcome of one session (a catalogue run or an observation), the single model that the JSON, JUnit XML
/// and HTML reports are written from. Every report is signed (see ReportSignature) so edits are detectable.
/// </summary>
public sealed record RunReport
{
    /// <summary>Format marker, so a reader knows it holds a ck report.</summary>
    public string Format { get; init; } = "ck-report/1";

    /// <summary>
    /// "run" (the catalogue) or "observe" (judging what a vendor's own system sent): self-run reports; or
    /// "certification" (a certificate issued by a certifier; see <see cref="Certification"/>). See <see cref="ReportKinds"/>.
    /// </summary>
    public required string Kind { get; init; }

    /// <summary>Unique per session: ties the three reports of one session together.</summary>
    public required string SessionId { get; init; }

    public required ToolInfo Tool { get; init; }

    /// <summary>Version of the case catalogue (null for observe).</summary>
    public string? CatalogueVersion { get; init; }

    public required TargetInfo Target { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>The options the session ran with (filter, parallel, observed MST and window …), for the record.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    public required ReportSummary Summary { get; init; }

    public required IReadOnlyList<CaseReport> Cases { get; init; }

    /// <summary>
    /// PASSED, FAILED or INCOMPLETE (<see cref="ReportVerdicts"/>) when the session says so itself (an observation with no
    /// traffic, a certificate); null in reports written before it existed: then PASSED when every case passed.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Verdict { get; init; }

    /// <summary>The window judged, in real and (when known) simulated time; null in older reports.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReportWindow? Window { get; init; }

    /// <summary>The traffic judged (packages, invoices, notices); null when the session does not count it (a catalogue run).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrafficCounts? Counts { get; init; }

    /// <summary>Set only on a certificate (kind "certification"): who was certified against which plan, by whom.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CertificationInfo? Certification { get; init; }

    /// <summary>
    /// What the report is worth, in words: "certification" for a certificate, else "self-run, not a certification".
    /// Written for readers; derived from <see cref="Kind"/> and <see cref="Certification"/> (a value read from a file is ignored).
    /// </summary>
    public string Standing => ReportKinds.StandingOf(Kind, Certification);

    /// <summary>True when every case passed (what ck's exit code reports).</summary>
    [JsonIgnore] public bool AllPassed => Summary.Failed == 0 && Summary.Errors == 0 && Summary.Incomplete == 0;

    /// <summary><see cref="Verdict"/> when given, else PASSED when every case passed, FAILED otherwise.</summary>
    [JsonIgnore] public string EffectiveVerdict => Verdict ?? (AllPassed ? ReportVerdicts.Passed : ReportVerdicts.Failed);

    /// <summary>True for a certificate: kind "certification" with its certification metadata.</summary>
    [JsonIgnore] public bool IsCertification => ReportKinds.IsCertification(Kind, Certification);
}

public sealed record ToolInfo(string Name, string Version)
{
    /// <summary>This ck: the kit's informational version (every assembly of the kit carries the same) without the source hash.</summary>
    public static ToolInfo Current { get; } = new("ck",
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");
}

/// <summary>What was tested: the base URL and how it was reached ("in-process simulator (SQLite)", "remote").</summary>
public sealed record TargetInfo(string Url, string Description);

/// <param name="Incomplete">Cases not carried out to the end (a certification step not performed); 0 in older reports.</param>
public sealed record ReportSummary(int Total, int Passed, int Failed, int Errors, long DurationMs, int Incomplete = 0)
{
    public static ReportSummary Of(IReadOnlyList<CaseReport> cases, TimeSpan duration) => new(cases.Count,
        cases.Count(c => c.Outcome == CaseOutcome.Passed), cases.Count(c => c.Outcome == CaseOutcome.Failed),
        cases.Count(c => c.Outcome == CaseOutcome.Error), (long)duration.TotalMilliseconds,
        cases.Count(c => c.Outcome == CaseOutcome.Incomplete));
}

[JsonConverter(typeof(JsonStringEnumConverter<CaseOutcome>))]
public enum CaseOutcome
{
    /// <summary>Every expectation held.</summary>
    Passed,
    /// <summary>The target answered, but not as expected (a conformance failure).</summary>
    Failed,
    /// <summary>The case could not be carried out (target unreachable, control plane refused, timeout …).</summary>
    Error,
    /// <summary>Not performed, or nothing to judge (a certification step the vendor never did, a window with no traffic).</summary>
    Incomplete,
}

/// <summary>One case of the catalogue (or one check of an observation) and what happened.</summary>
public sealed record CaseReport
{
    /// <summary>e.g. KTDL-2002-01, RCV-1001-02, OBS-CODES.</summary>
    public required string Id { get; init; }
    public required string TitleEn { get; init; }
    public required string TitleVi { get; init; }

    /// <summary>Where the rule comes from: "Decision 1391/QĐ-TCT step 1, check 1", "seed 000: cannot connect" …</summary>
    public required string Rule { get; init; }

    /// <summary>"positive" (valid input must pass), "negative" (a defect must be caught), or "observation".</summary>
    public required string Polarity { get; init; }

    /// <summary>The catalogue group (reception, data-check, flow, seed-000, observation …); JUnit's classname.</summary>
    public required string Group { get; init; }

    public required CaseOutcome Outcome { get; init; }
    public required long DurationMs { get; init; }

    /// <summary>What the case expected, in words ("999 TTTNhan 0; 204 LTBao 7 with exactly {4001}; nothing stored").</summary>
    public string? Expected { get; init; }

    /// <summary>Exact findings: for a failed case what differed; for an observation each problem found.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>The HTTP exchanges of the case, with excerpts of the bodies.</summary>
    public IReadOnlyList<Exchange> Exchanges { get; init; } = [];
}

[JsonConverter(typeof(JsonStringEnumConverter<FindingSeverity>))]
public enum FindingSeverity { Error, Warning, Info }

/// <summary>
/// One exact finding: what is wrong and where (code such as 4001 or W003, the message id, the invoice code,
/// line:column and path when known).
/// </summary>
public sealed record Finding
{
    public required FindingSeverity Severity { get; init; }
    public string? Code { get; init; }
    public required string Message { get; init; }
    public string? MessageId { get; init; }
    public string? Invoice { get; init; }
    public string? Location { get; init; }
}

/// <summary>One HTTP request and its response (bodies cut to an excerpt).</summary>
public sealed record Exchange
{
    public required string Step { get; init; }
    public required string Method { get; init; }
    public required string Url { get; init; }
    public int? Status { get; init; }
    public string? RequestExcerpt { get; init; }
    public string? ResponseExcerpt { get; init; }
    public required DateTimeOffset At { get; init; }
    public long DurationMs { get; init; }
}
