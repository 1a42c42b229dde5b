using System.CommandLine;
using ConformanceKit.Conformance.Cli;

namespace ConformanceKit.Conformance.Commands.Run;

/// <summary>The options of `ck run`; the work is in <see cref="RunCommand"/>.</summary>
public static class RunCommandDefinition
{
    public static Command Create(CliIO io)
    {
        var target = new Option<string?>("--target", "-t")
        {
            Description = "base URL of a target implementing the contract (a vendor's sandbox, a simulator started elsewhere); default: start the simulator in-process on a loopback port",
        };
        var adminKey = new Option<string?>("--admin-key")
        {
            Description = "the target's control-plane key (X-Admin-Key); default $CK_ADMIN_KEY, else demo-admin-key",
        };
        var filter = new Option<string?>("--filter")
        {
            Description = "run only cases whose id, group, covered code or polarity matches one of these comma-separated patterns (* wildcards), e.g. 'KTDL-4*,reception,1008'",
        };
        var parallel = new Option<int>("--parallel", "-p") { Description = "cases run at once (exclusive cases, which move the clock or set faults, always run alone)", DefaultValueFactory = _ => 4 };
        var output = new Option<string>("--out", "-o") { Description = "folder for report.json, report.junit.xml and report.html", DefaultValueFactory = _ => "ck-report" };
        var signingKey = new Option<string?>("--signing-key") { Description = "PFX to sign the reports with (default $CK_REPORT_KEY, else ~/.conformancekit/report-signing.pfx, created on first use)" };
        var data = new Option<string?>("--data") { Description = "folder for the in-process simulator's store (default: a temporary folder, removed afterwards)" };
        var callbackListen = new Option<string?>("--callback-listen") { Description = "where the callback receiver listens (default http://127.0.0.1:0)" };
        var callbackUrl = new Option<string?>("--callback-url") { Description = "the callback base URL given to the target, when it cannot reach the receiver's own address" };
        var list = new Option<bool>("--list") { Description = "list the (filtered) cases and exit" };
        var seed = new Option<int?>("--seed") { Description = "seed the run's randomness (invoice serials) to repeat a run exactly" };

        var command = new Command("run",
            "Run the conformance catalogue: every reception code (1001–1008), every Decision 1391 data check (2001–7006), the 15-minute " +
            "bound, resends, callbacks, registration and seed 000's failure classes, each a positive and a negative case. By default " +
            "against the simulator started in-process; with --target against any endpoint implementing the contract.\n\n" +
            "Writes signed reports (JSON, JUnit XML, HTML) to --out. Exit codes: 0 every case passed, 1 a case failed, 2 usage error, " +
            "3 harness failure (target unreachable, admin key refused, or a case could not be carried out).")
        {
            target, adminKey, filter, parallel, output, signingKey, data, callbackListen, callbackUrl, list, seed,
        };
        command.SetAction((result, ct) => new RunCommand(io, new RunCommand.Settings(
            result.GetValue(target), result.GetValue(adminKey) ?? Environment.GetEnvironmentVariable("CK_ADMIN_KEY") ?? "demo-admin-key",
            result.GetValue(filter), result.GetValue(parallel), result.GetValue(output)!, result.GetValue(signingKey), result.GetValue(data),
            result.GetValue(callbackListen), result.GetValue(callbackUrl), result.GetValue(list), result.GetValue(seed))).ExecuteAsync(ct));
        return command;
    }
}
