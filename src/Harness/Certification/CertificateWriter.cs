using System.Globalization;
using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Harness.Certification;

/// <summary>
/// Turns a judged certification session (<see cref="CertificationSessionResult"/>) into a certificate: a ck report of kind
/// "certification" — one case per step of the plan, the vendor's and system's names and version, the session's window in
/// real and simulated time, the traffic counts, the plan's id and version — written as JSON, JUnit XML and HTML, each
/// signed by the certifier's key with the signing time under the signature. Pure: no HTTP, no files unless asked.
/// </summary>
public static class CertificateWriter
{
    public const string Group = "certification";
    public const string Polarity = "certification";

    /// <summary>
    /// The three signed files of the certificate, in memory (what a download hook serves): certificate.json,
    /// certificate.junit.xml, certificate.html, with their media types.
    /// </summary>
    public static IReadOnlyList<ReportFile> Write(CertificationSessionResult result, ReportSigner signer,
        TimeProvider? clock = null, string? issuedBy = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var report = Build(result, issuedBy ?? signer.Subject, source);
        return [.. ReportWriter.Compose(report, signer, (clock ?? TimeProvider.System).GetUtcNow())
            .Select(f => f with { Name = FileName(f.Name) })];
    }

    /// <summary>Writes certificate.json, certificate.junit.xml and certificate.html into <paramref name="directory"/>; returns their paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAllAsync(CertificationSessionResult result, ReportSigner signer, string directory,
        TimeProvider? clock = null, string? issuedBy = null, string? source = null, CancellationToken ct = default)
    {
        var files = Write(result, signer, clock, issuedBy, source);
        Directory.CreateDirectory(directory);
        var paths = new List<string>(files.Count);
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.Name);
            await File.WriteAllBytesAsync(path, file.Bytes, ct);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>report.json → certificate.json (and so on): a certificate is not mistaken for a self-run report on disk.</summary>
    public static string FileName(string reportFile) => reportFile.Replace("report", "certificate", StringComparison.Ordinal);

    /// <summary>The certificate's model (unsigned). Throws <see cref="CertificationResultException"/> for a result that cannot be certified.</summary>
    public static RunReport Build(CertificationSessionResult result, string issuedBy, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        Check(result);
        var verdict = Verdict(result);
        var cases = result.Steps.Select((s, i) => Case(result, s, i)).ToList();
        var duration = result.EndedAt - result.StartedAt;
        return new RunReport
        {
            Kind = ReportKinds.Certification,
            SessionId = result.SessionId,
            Tool = new ToolInfo("ck", result.ToolVersion),
            CatalogueVersion = null,
            Target = new TargetInfo(source ?? "", $"{result.SystemName} {result.SystemVersion} by {result.VendorName}, sender {result.Sender}"),
            StartedAt = result.StartedAt,
            FinishedAt = result.EndedAt,
            Options = new Dictionary<string, string> { ["certificateWriter"] = $"{ToolInfo.Current.Name} {ToolInfo.Current.Version}" },
            Summary = ReportSummary.Of(cases, duration),
            Cases = cases,
            Verdict = verdict,
            Window = new ReportWindow
            {
                RealFrom = result.StartedAt, RealTo = result.EndedAt,
                SimulatedFrom = result.SimulatedStart, SimulatedTo = result.SimulatedEnd,
            },
            Counts = new TrafficCounts(result.Packages, result.Invoices, result.Notices),
            Certification = new CertificationInfo
            {
                IssuedBy = string.IsNullOrWhiteSpace(issuedBy) ? "unknown certifier" : issuedBy,
                VendorName = result.VendorName, SystemName = result.SystemName, SystemVersion = result.SystemVersion,
                Sender = result.Sender, PlanId = result.PlanId, PlanVersion = result.PlanVersion,
                ServerVersion = result.ToolVersion, ServerVerdict = result.Verdict,
            },
        };
    }

    /// <summary>
    /// The certificate's verdict: the server's, except that it is never PASSED unless every step was performed and passed
    /// and there was traffic. A server PASSED with a failed step becomes FAILED; with a step not performed, no step at all,
    /// or no package, INCOMPLETE.
    /// </summary>
    public static string Verdict(CertificationSessionResult result)
    {
        if (result.Verdict != CertificationVerdicts.Passed) return result.Verdict;
        if (result.Steps.Any(s => s.Verdict == CertificationVerdicts.Failed)) return CertificationVerdicts.Failed;
        if (result.Steps.Count == 0 || result.Packages == 0 || result.Steps.Any(s => s.Verdict != CertificationVerdicts.Passed))
            return CertificationVerdicts.Incomplete;
        return CertificationVerdicts.Passed;
    }

    private static CaseReport Case(CertificationSessionResult result, CertificationStepResult step, int index)
    {
        var outcome = step.Verdict switch
        {
            CertificationVerdicts.Passed => CaseOutcome.Passed,
            CertificationVerdicts.Failed => CaseOutcome.Failed,
            _ => CaseOutcome.Incomplete,
        };
        var severity = outcome switch
        {
            CaseOutcome.Passed => FindingSeverity.Info,
            CaseOutcome.Failed => FindingSeverity.Error,
            _ => FindingSeverity.Warning,
        };
        var findings = step.Reasons.Select(r => new Finding { Severity = severity, Message = r }).ToList();
        if (outcome == CaseOutcome.Incomplete && findings.Count == 0)
            findings.Add(new Finding { Severity = FindingSeverity.Warning, Message = "not performed" });
        if (step.Messages.Count > 0)
            findings.Add(new Finding
            {
                Severity = FindingSeverity.Info, Message = "messages involved: " + string.Join(", ", step.Messages),
                MessageId = step.Messages.Count == 1 ? step.Messages[0] : null,
            });
        var when = step.StartedAt is { } s
            ? $"; started {ReportText.Time(s)}" + (step.EndedAt is { } e ? $", ended {ReportText.Time(e)}" : ", not ended")
            : "; never reached";
        return new CaseReport
        {
            Id = step.StepId,
            TitleEn = step.Title,
            TitleVi = "",
            Rule = string.Create(CultureInfo.InvariantCulture, $"test plan {result.PlanId} version {result.PlanVersion}, step {index + 1}{when}"),
            Polarity = Polarity,
            Group = Group,
            Outcome = outcome,
            DurationMs = step.StartedAt is { } a && step.EndedAt is { } b && b >= a ? (long)(b - a).TotalMilliseconds : 0,
            Expected = step.Instruction,
            Findings = findings,
        };
    }

    /// <summary>Refuses a result no certificate can be made of: names missing, unknown verdicts, negative counts, a window ending before it starts.</summary>
    private static void Check(CertificationSessionResult r)
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[]
                 {
                     ("sessionId", r.SessionId), ("planId", r.PlanId), ("planVersion", r.PlanVersion), ("vendorName", r.VendorName),
                     ("systemName", r.SystemName), ("systemVersion", r.SystemVersion), ("sender", r.Sender), ("toolVersion", r.ToolVersion),
                 })
            if (string.IsNullOrWhiteSpace(value)) problems.Add($"{name}: missing");
        if (!ReportVerdicts.IsKnown(r.Verdict)) problems.Add($"verdict: '{r.Verdict}' is not PASSED, FAILED or INCOMPLETE");
        if (r.Steps is null) problems.Add("steps: missing");
        else
            for (var i = 0; i < r.Steps.Count; i++)
            {
                var s = r.Steps[i];
                if (s is null) { problems.Add($"steps[{i}]: missing"); continue; }
                if (string.IsNullOrWhiteSpace(s.StepId)) problems.Add($"steps[{i}].stepId: missing");
                if (!ReportVerdicts.IsKnown(s.Verdict)) problems.Add($"steps[{i}].verdict: '{s.Verdict}' is not PASSED, FAILED or INCOMPLETE");
                if (s.Reasons is null || s.Messages is null) problems.Add($"steps[{i}]: reasons and messages must be lists");
            }
        if (r.Packages < 0 || r.Invoices < 0 || r.Notices < 0) problems.Add("packages, invoices, notices: must not be negative");
        if (r.EndedAt < r.StartedAt) problems.Add("endedAt: before startedAt");
        if (r.SimulatedEnd < r.SimulatedStart) problems.Add("simulatedEnd: before simulatedStart");
        if (problems.Count > 0)
            throw new CertificationResultException($"the certification result of session '{r.SessionId}' cannot be certified: " + string.Join("; ", problems));
    }
}

/// <summary>A certification result that no certificate can be made of (it says what is wrong).</summary>
public sealed class CertificationResultException(string message) : Exception(message);
