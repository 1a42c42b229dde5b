using System.Globalization;
using ConformanceKit.Conformance.Cli;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Conformance.Commands.VerifyReport;

/// <summary>`ck verify-report`: verifies one report file and says what it found; testable without a console.</summary>
public sealed class VerifyReportCommand(FileInfo file, IReadOnlyList<string> trust, CliIO io)
{
    public int Execute()
    {
        var result = ReportVerifier.VerifyFile(file.FullName, trust);
        Write(result);
        return result.Integrity switch
        {
            ReportIntegrity.Valid => ExitCodes.Ok,
            ReportIntegrity.NotAReport => ExitCodes.Usage,
            _ => ExitCodes.Failed,
        };
    }

    private void Write(ReportVerification r)
    {
        var o = io.Out;
        Line("File", file.FullName);
        Line("Format", r.Format switch
        {
            ReportFormat.Json => "JSON",
            ReportFormat.Junit => "JUnit XML",
            ReportFormat.Html => "HTML",
            _ => "unknown",
        });
        if (r.Integrity == ReportIntegrity.NotAReport)
        {
            Line("Result", "NOT A CK REPORT: " + r.Reason);
            return;
        }
        Line("Result", r.Integrity switch
        {
            ReportIntegrity.Valid => "VALID",
            ReportIntegrity.Untrusted => "UNTRUSTED",
            ReportIntegrity.Unsigned => "TAMPERED (unsigned)",
            _ => "TAMPERED",
        } + ": " + r.Reason);
        if (r.Signer is { } signer)
        {
            Line("Signer", signer.Subject);
            Line("SHA-256", signer.ThumbprintSha256);
            Line("Certificate", $"valid {Day(signer.NotBefore)} to {Day(signer.NotAfter)}");
        }
        if (r.SignedAt is { } signedAt)
            Line("Signed at", Time(signedAt) + (r.SignedAtCovered
                ? " (covered by the signature)"
                : " (stated only: not covered by the signature, a report written before ck signed its signing time)"));
        else if (r.Integrity is ReportIntegrity.Valid or ReportIntegrity.Untrusted)
            Line("Signed at", "not recorded (a report written before ck signed its signing time)");
        if (trust.Count > 0 && r.Integrity is ReportIntegrity.Valid or ReportIntegrity.Untrusted)
            Line("Trusted", r.Integrity == ReportIntegrity.Valid ? "yes (pinned with --trust)" : "NO: " + string.Join(", ", trust));
        else if (r.Integrity == ReportIntegrity.Valid)
            Line("Trusted", r.Facts?.IsCertification == true
                ? "NOT CHECKED: anyone can sign a certificate with their own key; pin the certifier with --trust THUMBPRINT"
                : "not checked (pin the signer with --trust " + r.Signer!.ThumbprintSha256 + ")");

        if (r.Facts is not { } f) return;
        if (r.Integrity != ReportIntegrity.Valid)
            o.WriteLine(r.Integrity == ReportIntegrity.Untrusted
                ? "What the report states (intact, but signed by an untrusted key):"
                : "What the report states (NOT verified — do not rely on it):");
        if (f.IsCertification && f.Certification is { } cert)
        {
            Line("Standing", "CERTIFICATION issued by " + cert.IssuedBy);
            Line("Vendor", cert.VendorName);
            Line("System", $"{cert.SystemName} {cert.SystemVersion}");
            Line("Sender", cert.Sender);
            Line("Plan", $"{cert.PlanId} version {cert.PlanVersion}");
        }
        else
        {
            Line("Standing", f.Standing + " (whoever ran it signed it with their own key)");
        }
        Line("Session", f.SessionId);
        Line("Kind", f.Kind);
        Line("Tool", $"{f.ToolName} {f.ToolVersion}" + (f.CatalogueVersion is { } c ? $", catalogue {c}" : ""));
        Line("Target", $"{f.TargetUrl} ({f.TargetDescription})");
        Line("Started", f.StartedAt is { } s ? Time(s) : "?");
        Line("Finished", f.FinishedAt is { } e ? Time(e) : "?");
        var window = f.EffectiveWindow;
        Line("Window", (window.RealFrom is null && window.RealTo is null ? "—" : $"{Maybe(window.RealFrom)} … {Maybe(window.RealTo)}") + " (real time)");
        if (window.SimulatedFrom is not null || window.SimulatedTo is not null)
            Line("", $"{Maybe(window.SimulatedFrom)} … {Maybe(window.SimulatedTo)} (simulated time)");
        if (f.Counts is { } counts) Line("Traffic", counts.ToString());
        Line("Totals", $"{f.Total} cases: {f.Passed} passed, {f.Failed} failed, {f.Errors} errors"
                       + (f.Incomplete > 0 ? $", {f.Incomplete} not performed" : ""));
        Line("Verdict", f.Verdict + (f.IsCertification ? "" : " (self-run, not a certification)"));

        void Line(string name, string value) => o.WriteLine($"{(name.Length == 0 ? "" : name + ":"),-13}{value}");
    }

    private static string Maybe(DateTimeOffset? t) => t is { } v ? Time(v) : "?";

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset t) => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
