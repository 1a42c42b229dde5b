using System.CommandLine;
using System.Globalization;
using ConformanceKit.Conformance.Cli;
using ConformanceKit.LoadTesting;
using ConformanceKit.LoadTesting.Targets;
using ConformanceKit.LoadTesting.Workloads;

namespace ConformanceKit.Conformance.Commands.Load;

/// <summary>`ck load`: a ready-made workload (load/LoadTesting) against the reference pipeline, a provider API or an authority.</summary>
public static class LoadCommandDefinition
{
    public static Command Create(CliIO io)
    {
        var list = new Option<bool>("--list") { Description = "list the workloads and exit" };
        var workload = new Option<string?>("--workload") { Description = "the workload to run (see --list)" };
        var target = new Option<string>("--target")
        {
            Description = "pipeline (reference POS → provider → simulator, in-process), provider=URL (a provider API, docs/provider.md), " +
                          "authority=URL (the simulator or any endpoint of the authority contract), " +
                          "or simulator[=sqlite|postgres|postgres:CONNECTION] (the simulator started here: in this process, or as a child process with --sim-dll; " +
                          "postgres alone = a throwaway PostgreSQL cluster)",
            DefaultValueFactory = _ => "pipeline",
        };
        var duration = new Option<string>("--duration") { Description = "measured length: 30s, 2m, 1h (warm-up not included)", DefaultValueFactory = _ => "60s" };
        var warmUp = new Option<string>("--warm-up") { Description = "warm-up before measuring, not counted", DefaultValueFactory = _ => "3s" };
        var shape = new Option<string?>("--shape")
        {
            Description = "phases replacing the workload's arrival shape, rates over the whole fleet: " +
                          "\"inject:10:30s,ramp:50:1m,inject:50:5m,ramp:5:1m\" (inject, ramp, constant, ramp-constant, pause:DURATION); --duration is then ignored",
        };
        var rate = new Option<double>("--rate") { Description = "base rate per second over the whole fleet (sales/s or packages/s; default: the workload's)" };
        var thresholds = new Option<string[]>("--threshold")
        {
            Description = "a rule that fails the run (exit 1), repeatable: \"p99<500ms\", \"fail%<1\", \"store-01.sell:p95<200ms\", \"sales-without-invoice==0\"",
            Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false,
        };
        var noDefaults = new Option<bool>("--no-default-thresholds") { Description = "drop the workload's own thresholds (fail%<1 and its domain checks)" };
        var report = new Option<string>("--report") { Description = "folder for report.html, report.md, report.json, stats.csv, timeline.csv, memory.csv", DefaultValueFactory = _ => "ck-load-report" };
        var key = new Option<string?>("--key") { Description = "X-Api-Key: the provider API's key, or the T-VAN's key at the authority (default demo-tvan-key there)" };
        var mst = new Option<string>("--mst") { Description = "the seller's tax code (authority target)", DefaultValueFactory = _ => ConformanceKit.Einvoice.Samples.DemoData.TaxCode };
        var seller = new Option<string>("--seller-name") { Description = "the seller's name (its certificate's subject; authority target)", DefaultValueFactory = _ => ConformanceKit.Einvoice.Samples.DemoData.SellerName };
        var tvan = new Option<string>("--tvan") { Description = "the T-VAN's code (authority target)", DefaultValueFactory = _ => ConformanceKit.Einvoice.Samples.DemoData.TvanCode };
        var block = new Option<string>("--block") { Description = "the code block the invoices are numbered in (authority target)", DefaultValueFactory = _ => ConformanceKit.Einvoice.Samples.DemoData.CodeBlock };
        var adminKey = new Option<string?>("--admin-key") { Description = "the simulator's admin key, for --reset (authority target)" };
        var reset = new Option<bool>("--reset") { Description = "reset the authority's store before the run (needs --admin-key; never done unless asked)" };
        var stores = new Option<int>("--stores") { Description = "stores in the fleet (sales workloads)", DefaultValueFactory = _ => 4 };
        var registers = new Option<int>("--registers") { Description = "registers per store (sales workloads)", DefaultValueFactory = _ => 3 };
        var clients = new Option<int>("--clients") { Description = "pipeline-sales: POS clients selling at once, each waiting for its answer (default 8)", DefaultValueFactory = _ => 8 };
        var settle = new Option<string>("--settle") { Description = "how long the checks wait for the last invoices' 204 after the load", DefaultValueFactory = _ => "60s" };
        var clockRate = new Option<double>("--clock-rate") { Description = "soak: simulated clock speed, × real time (pipeline)", DefaultValueFactory = _ => 60 };
        var seed = new Option<int>("--seed") { Description = "seeds the fleet, baskets and package sizes", DefaultValueFactory = _ => 20261206 };
        var connections = new Option<int>("--connections") { Description = "HTTP connections at most", DefaultValueFactory = _ => 256 };
        var store = new Option<string>("--store")
        {
            Description = "the pipeline provider's store: crash-safe (SQLite file, WAL, synchronous=FULL), memory (nothing on disk) or tmpfs (the file on /dev/shm)",
            DefaultValueFactory = _ => "crash-safe",
        };
        var simDll = new Option<string?>("--sim-dll") { Description = "--target simulator=…: run this TaxAuthoritySim.dll as a child process (e.g. another build) instead of in this process" };
        var pgBin = new Option<string>("--pg-bin") { Description = "--target simulator=postgres: PostgreSQL binaries for the throwaway cluster", DefaultValueFactory = _ => "/usr/lib/postgresql/15/bin" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress lines" };
        var command = new Command("load",
            "Load-test before go-live: a workload of real shops (POS fleet, lunch and Tết peaks, end-of-day flush, T-VAN traffic, soak) " +
            "against the reference pipeline, your provider API or an authority; open-model latency (no coordinated omission), " +
            "thresholds, and an HTML/Markdown/CSV/JSON report. See docs/load-testing.md.\n\n" +
            "Exit codes: 0 every threshold holds, 1 a threshold failed, 2 usage error, 3 the run could not be carried out.")
        {
            list, workload, target, duration, warmUp, shape, rate, thresholds, noDefaults, report, key, mst, seller, tvan, block, adminKey, reset,
            stores, registers, clients, settle, clockRate, seed, connections, store, simDll, pgBin, quiet,
        };
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            if (r.GetValue(list))
            {
                foreach (var w in WorkloadCatalogue.All)
                    await io.Out.WriteLineAsync($"{w.Name,-16} {w.Speaks.ToString().ToLowerInvariant(),-9} {w.Description}");
                await io.Out.WriteLineAsync();
                await io.Out.WriteLineAsync("provider workloads run against --target pipeline or provider=URL; authority workloads against pipeline or authority=URL.");
                return ExitCodes.Ok;
            }
            async Task<int> Usage(string message)
            {
                await io.Error.WriteLineAsync("error: " + message);
                await io.Error.WriteLineAsync("Run 'ck load --help' for usage, 'ck load --list' for the workloads.");
                return ExitCodes.Usage;
            }
            if (r.GetValue(workload) is not { } name) return await Usage("--workload NAME is required (or --list)");
            if (WorkloadCatalogue.Find(name) is not { } chosen) return await Usage($"no workload '{name}'; there are: {string.Join(", ", WorkloadCatalogue.All.Select(w => w.Name))}");
            if (!TargetSpec.TryParse(r.GetValue(target), out var spec, out var targetError)) return await Usage(targetError);
            if (!chosen.CanTarget(spec!.Kind))
                return await Usage($"{chosen.Name} loads a {chosen.Speaks.ToString().ToLowerInvariant()}: use --target pipeline or {chosen.Speaks.ToString().ToLowerInvariant()}=URL");
            if (!Duration.TryParse(r.GetValue(duration), out var length) || length <= TimeSpan.Zero) return await Usage($"--duration '{r.GetValue(duration)}' is not a positive duration (30s, 2m, 1h)");
            if (!Duration.TryParse(r.GetValue(warmUp), out var warm)) return await Usage($"--warm-up '{r.GetValue(warmUp)}' is not a duration");
            if (!Duration.TryParse(r.GetValue(settle), out var settleFor)) return await Usage($"--settle '{r.GetValue(settle)}' is not a duration");
            if (r.GetValue(rate) < 0 || r.GetValue(stores) < 1 || r.GetValue(registers) < 1 || r.GetValue(clients) < 1 || r.GetValue(connections) < 1 || r.GetValue(clockRate) <= 0)
                return await Usage("--rate must not be negative; --stores, --registers, --clients, --connections and --clock-rate must be positive");
            IReadOnlyList<LoadSimulation>? phases = null;
            if (r.GetValue(shape) is { } shapeText)
            {
                if (!LoadShape.TryParse(shapeText, out var parsed, out var shapeError)) return await Usage(shapeError);
                phases = parsed;
            }
            var rules = new List<Threshold>();
            foreach (var text in r.GetValue(thresholds) ?? [])
            {
                if (!Threshold.TryParse(text, out var rule, out var error)) return await Usage(error);
                rules.Add(rule!);
            }
            if (!ConformanceKit.Einvoice.Codes.TaxCode.TryParse(r.GetValue(mst), out _, out var mstError))
                return await Usage($"--mst '{r.GetValue(mst)}' is not a tax code: {mstError}");
            if (!ConformanceKit.Einvoice.Codes.MessageId.IsValidSenderCode(r.GetValue(tvan)) || !r.GetValue(tvan)!.StartsWith('V'))
                return await Usage($"--tvan '{r.GetValue(tvan)}' is not a T-VAN code (V + the T-VAN's MST)");
            if (!ConformanceKit.Einvoice.Codes.CodeBlock.IsValid(r.GetValue(block))) return await Usage($"--block '{r.GetValue(block)}' is not a code block");
            if (!ProviderStores.TryParse(r.GetValue(store), out var providerStore)) return await Usage($"--store '{r.GetValue(store)}': write crash-safe, memory or tmpfs");
            if (providerStore != ProviderStore.CrashSafe && spec.Kind != TargetKind.Pipeline) return await Usage("--store is the pipeline provider's store: only with --target pipeline");
            if (r.GetValue(simDll) is { } dll && (spec.StartSimulator is null || !File.Exists(dll)))
                return await Usage(spec.StartSimulator is null ? "--sim-dll goes with --target simulator[=…]" : $"--sim-dll '{dll}' does not exist");
            if (r.GetValue(reset) && r.GetValue(adminKey) is null) return await Usage("--reset needs --admin-key");

            var targetOptions = new TargetOptions
            {
                ApiKey = r.GetValue(key), TaxCode = r.GetValue(mst)!, SellerName = r.GetValue(seller)!, TvanCode = r.GetValue(tvan)!, CodeBlock = r.GetValue(block)!,
                AdminKey = r.GetValue(adminKey), Reset = r.GetValue(reset), MaxConnections = r.GetValue(connections),
                ProviderStore = providerStore, SimulatorDll = r.GetValue(simDll), PgBin = r.GetValue(pgBin)!,
            };
            var options = new WorkloadOptions
            {
                Duration = length, WarmUp = warm, Rate = r.GetValue(rate), Stores = r.GetValue(stores), RegistersPerStore = r.GetValue(registers), Clients = r.GetValue(clients),
                Seed = r.GetValue(seed), Settle = settleFor, ClockRate = r.GetValue(clockRate), Shape = phases,
            };
            RunReport result;
            try
            {
                result = await WorkloadRunner.RunAsync(chosen, spec, targetOptions, options, rules, !r.GetValue(noDefaults),
                    r.GetValue(quiet) ? null : io.Error, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await io.Error.WriteLineAsync("error: the load could not be run: " + e.Message);
                return ExitCodes.HarnessError;
            }
            var folder = Path.GetFullPath(r.GetValue(report)!);
            ReportWriter.WriteAll(result, folder);
            Summarise(io.Out, result, folder);
            return result.Passed ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static void Summarise(TextWriter o, RunReport r, string folder)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine($"{r.Name} against {r.Target}: {r.WallSeconds.ToString("0.0", inv)} s");
        o.WriteLine($"  {"scenario / step",-24} {"ok",9} {"fail",7} {"rate/s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var s in r.Scenarios)
        {
            Line(s.Name, s.All);
            if (s.Steps.Count > 1) foreach (var st in s.Steps) Line("  " + st.Name, st);
        }
        foreach (var (k, v) in r.Metrics) o.WriteLine($"  {k} = {v.ToString("0.###", inv)}");
        o.WriteLine(string.Create(inv, $"  machine: {r.Machine.Cores} cores, load average {r.Metrics.GetValueOrDefault("load-average-start", r.Machine.LoadAverage1m):0.00} → {r.Metrics.GetValueOrDefault("load-average-end"):0.00}, " +
            $"CPU % of a core: this process {r.Metrics.GetValueOrDefault("cpu-self-%"):0}, started processes {r.Metrics.GetValueOrDefault("cpu-started-%"):0}, other processes {r.Metrics.GetValueOrDefault("cpu-others-%"):0}"));
        foreach (var t in r.Thresholds) o.WriteLine($"  {(t.Passed ? "✓" : "✗")} {t.Expression,-28} {t.Detail}");
        foreach (var n in r.Notes) o.WriteLine("  note: " + n);
        o.WriteLine($"report: {Path.Combine(folder, "report.html")} (also report.md, report.json, stats.csv, timeline.csv{(r.Memory is null ? "" : ", memory.csv")})");
        o.WriteLine(r.Passed ? "PASSED" : "FAILED: a threshold does not hold");

        void Line(string name, StepReport s) => o.WriteLine(string.Create(inv,
            $"  {name,-24} {s.Ok,9:N0} {s.Fail,7:N0} {s.Rps,8:0.0} {s.Latency.P50,8:0.0} {s.Latency.P95,8:0.0} {s.Latency.P99,8:0.0} {s.Latency.Max,8:0.0}"));
    }
}
