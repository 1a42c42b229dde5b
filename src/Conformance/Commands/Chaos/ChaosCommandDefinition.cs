using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ConformanceKit.Conformance.Cli;
using ConformanceKit.Harness.Chaos;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Pos;
using ConformanceKit.TaxAuthoritySim.Hosting;

namespace ConformanceKit.Conformance.Commands.Chaos;

/// <summary>`ck chaos`: the reference pipeline under faults with its provider SIGKILLed again and again.</summary>
public static class ChaosCommandDefinition
{
    public static Command Create(CliIO io)
    {
        var sales = new Option<int>("--sales") { Description = "sales rung up through the provider's API", DefaultValueFactory = _ => 2000 };
        var kills = new Option<int>("--kills") { Description = "times the provider is killed with SIGKILL and restarted", DefaultValueFactory = _ => 50 };
        var clients = new Option<int>("--clients") { Description = "POS clients selling at once", DefaultValueFactory = _ => 4 };
        var rate = new Option<double>("--rate") { Description = "sales per second (0: as fast as possible)", DefaultValueFactory = _ => 50 };
        var batch = new Option<int>("--batch-size") { Description = "invoices per package", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "seeds kill moments, fault dice and sales", DefaultValueFactory = _ => 20261205 };
        var fixes = new Option<int>("--corrections")
        {
            Description = "corrections asked meanwhile (cancel, replace, adjust of answered sales; at most a fifth of the sales)", DefaultValueFactory = _ => 60,
        };
        var noFaults = new Option<bool>("--no-faults") { Description = "kill the provider but leave the simulator's faults off" };
        var work = new Option<string?>("--work") { Description = "folder for the stores and the provider's log (default: a new temporary folder, kept)" };
        var format = new OutputFormat();
        var command = new Command("chaos",
            "Chaos test of the reference pipeline: a simulator with faults on (503, dropped connections, slow 999s, duplicated " +
            "and delayed 204s), `ck provider` in a child process killed with SIGKILL at random moments and restarted, POS " +
            "clients selling all along. Then checks: every sale has exactly one invoice; codes are gap-free and unique; every " +
            "package has its 204; every invoice is stored at the authority exactly once; corrections are done once, each 303 has " +
            "its 301, the chains hold and the authority's look-up agrees. See docs/provider.md.\n\n" +
            "Exit codes: 0 all checks hold, 1 a check failed, 2 usage error, 3 the run could not be carried out.")
        {
            sales, kills, clients, rate, batch, seed, fixes, noFaults, work,
        };
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            if (r.GetValue(sales) < 1 || r.GetValue(kills) < 0 || r.GetValue(clients) < 1 || r.GetValue(batch) < 1 || r.GetValue(rate) < 0
                || r.GetValue(fixes) < 0)
            {
                await io.Error.WriteLineAsync("error: --sales, --clients and --batch-size must be positive, --kills, --rate and --corrections not negative");
                return ExitCodes.Usage;
            }
            var folder = r.GetValue(work) ?? Directory.CreateTempSubdirectory("ck-chaos-").FullName;
            var options = new ChaosOptions
            {
                Sales = r.GetValue(sales), Kills = r.GetValue(kills), Clients = r.GetValue(clients), Rate = r.GetValue(rate), BatchSize = r.GetValue(batch),
                Seed = r.GetValue(seed), Corrections = r.GetValue(fixes), Faults = !r.GetValue(noFaults), WorkFolder = folder, StartCk = StartThisCk,
                StartSimulator = StartSimulatorAsync, ReadStore = ReadStore,
            };
            var json = format.IsJson(r);
            var progress = json ? (Action<string>)(m => io.Error.WriteLine(m)) : m => io.Out.WriteLine(m);
            progress($"ck chaos: {options.Sales} sales, {options.Kills} kills, faults {(options.Faults ? "on" : "off")}; work folder {folder}");
            ChaosReport report;
            try
            {
                report = await new ChaosRun(options, progress).RunAsync(ct);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
            {
                await io.Error.WriteLineAsync("error: " + e.Message);
                return ExitCodes.HarnessError;
            }
            if (json) await io.Out.WriteLineAsync(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            else Write(io.Out, report);
            return report.Passed ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    /// <summary>Starts the same ck: `dotnet ck.dll` from this ck's folder (also right when ck runs inside a test host).</summary>
    public static ProcessStartInfo StartThisCk(IReadOnlyList<string> arguments)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var info = new ProcessStartInfo(dotnet);
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ck.dll"));
        foreach (var a in arguments) info.ArgumentList.Add(a);
        return info;
    }

    /// <summary>The simulator in this process, its store in the given folder.</summary>
    public static async Task<ChaosSimulator> StartSimulatorAsync(string dataFolder, CancellationToken ct)
    {
        var simulator = await InProcessSimulator.StartAsync(dataFolder, ct);
        return new ChaosSimulator(simulator.Address, simulator);
    }

    /// <summary>Reads the stopped provider's store (its SQLite file) for the chaos run's end checks.</summary>
    public static ChaosStore ReadStore(string db)
    {
        using var allocator = new CodeAllocator(db);
        var store = new ProviderStore(allocator);
        return new ChaosStore(
            [.. allocator.List().Select(i => new ChaosStore.IssuedCode(i.SaleId, i.Serial, i.Code.Value))],
            [.. store.Packages(withContent: false).Select(p => new ChaosStore.Package(p.MessageId, p.State, p.Ltbao, p.Attempts, store.PackageCodes(p.Id), p.Kind))],
            [.. store.Invoices().Select(i => new ChaosStore.Invoice(i.Code, i.State, i.State is InvoiceState.Accepted or InvoiceState.Cancelled))],
            [.. store.Chains().Select(c => new ChaosStore.Link(c.Code, c.Kind, c.Original))],
            [.. store.AllNoticeItems().Select(n => new ChaosStore.NoticeEntry(n.MessageId, n.Code, n.Action, n.Accepted))]);
    }

    private static void Write(TextWriter o, ChaosReport r)
    {
        o.WriteLine();
        o.WriteLine($"{r.Sales} sales → {r.Invoices} invoices in {r.Packages} packages; provider killed {r.Kills} times, " +
                    $"restarted {r.Restarts}; {r.SendRetries} sends retried, {r.ClientRetries} sales re-asked; {r.Elapsed.TotalSeconds:0.0} s");
        if (r.Corrections > 0) o.WriteLine($"{r.Corrections} corrections asked (cancel, replace, adjust), {r.CorrectionsRefused} refused by the chain rules");
        if (r.FaultsFired.Count > 0)
            o.WriteLine("faults fired: " + string.Join(", ", r.FaultsFired.Select(f => $"{f.Key} {f.Value}")));
        foreach (var c in r.Checks)
        {
            o.WriteLine($"  {(c.Passed ? "✓" : "✗")} {c.Name}");
            if (!c.Passed) o.WriteLine($"      {c.Detail}");
        }
        o.WriteLine(r.Passed ? "PASSED" : $"FAILED — stores and the provider's log are in {r.WorkFolder}");
    }
}
