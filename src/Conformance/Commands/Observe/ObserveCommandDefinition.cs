using System.CommandLine;
using ConformanceKit.Conformance.Cli;
using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.Conformance.Commands.Observe;

/// <summary>The options of `ck observe`; the work is in <see cref="ObserveCommand"/>.</summary>
public static class ObserveCommandDefinition
{
    public const string AdminKeyVariable = "CK_ADMIN_KEY";

    public static Command Create(CliIO io)
    {
        var sim = new Option<string>("--sim") { Description = "base URL of the simulator the vendor's system sent to, e.g. http://127.0.0.1:5080", Required = true };
        var adminKey = new Option<string>("--admin-key")
        {
            Description = $"the simulator's admin key (X-Admin-Key; default: ${AdminKeyVariable}, else {DemoData.AdminKey})",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(AdminKeyVariable) is { Length: > 0 } k ? k : DemoData.AdminKey,
        };
        var mst = new Option<string>("--mst") { Description = "the taxpayer (MST) whose traffic to judge", Required = true };
        var from = new Option<string?>("--from")
        {
            Description = "start of the window, simulated time: ISO date or date-time, GMT+7 unless it carries an offset " +
                          "(default: the start of today, GMT+7, on the simulator's clock)",
        };
        var to = new Option<string?>("--to")
        {
            Description = "end of the window (inclusive; a date means its end): ISO date or date-time, GMT+7 unless it carries an offset " +
                          "(default: now on the simulator's clock)",
        };
        var output = new Option<string>("--out", "-o") { Description = "folder for the reports", DefaultValueFactory = _ => "ck-report" };
        var signingKey = new Option<string?>("--signing-key") { Description = "PFX file to sign the reports with (default: your default report key)" };

        var command = new Command("observe",
            "Judge what a vendor's own system sent to the simulator in a window, from the simulator's journal: every package " +
            "answered (OBS-ANSWERED) and accepted (OBS-ACCEPTED), invoice codes unique and gap-free per block (OBS-CODES), " +
            "resubmissions idempotent (OBS-RESUBMIT), advisory findings W001–W007 (OBS-ADVISORY). Writes the same reports as " +
            "'ck run'. See docs/observe.md.\n\n" +
            "A 204 a fault rule of the simulator dropped or delayed, and messages a rule answered 503, are expected (info), " +
            "with what the vendor's system should have done.\n\n" +
            "Exit codes: 0 PASSED (no error finding; warnings allowed), 1 FAILED (at least one error finding), " +
            "2 usage error, 3 harness failure (simulator unreachable, admin key refused, reports cannot be written), " +
            "4 INCOMPLETE (no package taken in the window: nothing to judge).")
        {
            sim, adminKey, mst, from, to, output, signingKey,
        };
        command.SetAction((ParseResult r, CancellationToken ct) => new ObserveCommand(
            r.GetValue(sim)!, r.GetValue(adminKey)!, r.GetValue(mst)!, r.GetValue(from), r.GetValue(to),
            r.GetValue(output)!, r.GetValue(signingKey), io).ExecuteAsync(ct));
        return command;
    }
}
