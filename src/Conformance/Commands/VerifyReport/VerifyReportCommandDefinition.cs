using System.CommandLine;
using ConformanceKit.Conformance.Cli;

namespace ConformanceKit.Conformance.Commands.VerifyReport;

/// <summary>The options of `ck verify-report`; the work is in <see cref="VerifyReportCommand"/>.</summary>
public static class VerifyReportCommandDefinition
{
    public static Command Create(CliIO io)
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = "a report written by ck: report.json, report.junit.xml or report.html (the format is detected)",
        };
        var trust = new Option<string[]>("--trust")
        {
            Description = "SHA-256 thumbprint of a signer you trust (repeatable); a valid signature by any other key then fails",
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new Command("verify-report",
            "Check that a ck report (JSON, JUnit XML or HTML) is unchanged since ck signed it, and show who signed it and " +
            "what it describes (session, target, window, traffic, totals, verdict, signing time). For a certificate (ck certify " +
            "certificate) also the vendor, the system and its version and the test plan; any other report is shown as " +
            "self-run, not a certification.\n\n" +
            "Exit codes: 0 valid (and signed by a --trust key when given), 1 tampered, unsigned or untrusted, " +
            "2 unreadable or not a ck report.")
        {
            file, trust,
        };
        command.SetAction((ParseResult r, CancellationToken _) => Task.FromResult(
            new VerifyReportCommand(r.GetValue(file)!, r.GetValue(trust) ?? [], io).Execute()));
        return command;
    }
}
