using System.Globalization;
using System.Runtime.InteropServices;
using ConformanceKit.Load.SimLoad;

// The simulator load benchmark (issue 3, "Measure and report"). See --help and load/SimLoad/README.md.
RunOptions options;
try
{
    options = RunOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"ck-simload: {ex.Message}");
    return 2;
}
if (options.Help)
{
    Console.WriteLine(HelpText.Text);
    return 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
{
    ctx.Cancel = true;
    cancel.Cancel();
});
// Bursts of async completions on two cores: do not wait for the thread pool's slow hill-climbing.
ThreadPool.SetMinThreads(Math.Max(16, Environment.ProcessorCount * 4), Math.Max(16, Environment.ProcessorCount * 4));

var issueDate = options.IssueDate ?? DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
var serialOffset = PackageGenerator.ClockSerialOffset(DateTimeOffset.UtcNow);
var targets = options.Targets();
var perRun = LoadSimulation.Inject(options.Rate, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(options.WarmupSeconds)).Invocations +
             LoadSimulation.Inject(options.Rate, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(options.DurationSeconds)).Invocations;
Console.Error.WriteLine($"ck-simload: targets {string.Join(", ", targets.Select(t => t.Label()))}; " +
                        $"{perRun:N0} packages of {options.Invoices} invoices, issue date {issueDate:yyyy-MM-dd}, first serial {serialOffset:D11}");

if (options.NoReset && options.Rate * options.Invoices >= 100_000)
    Console.Error.WriteLine("!   --no-reset at ≥ 100,000 invoices/s: the clock-based serials of this run may overlap a run started a few seconds earlier (7005).");

var packages = PackageGenerator.Generate((int)perRun, options.Invoices, issueDate, serialOffset, options.GenerateThreads);
var problems = PackageGenerator.Check(packages[0]);
if (problems.Count > 0)
{
    Console.Error.WriteLine("!!! the first generated package does not pass the local validator; the simulator will likely answer LTBao 7:");
    foreach (var p in problems.Take(10)) Console.Error.WriteLine("    " + p);
}

Task<string>? simulatorDll = null;
Task<string> SimulatorDll(CancellationToken ct) =>
    simulatorDll ??= SimulatorBuild.EnsureAsync(options.SimDll, !options.NoBuild && options.SimDll is null, options.SimArtifacts, ct);

var session = new TargetSession(options, packages, SimulatorDll);
var results = new List<TargetResult>();
var broken = new List<string>();
foreach (var target in targets)
{
    if (cancel.IsCancellationRequested) break;
    try
    {
        results.Add(await session.RunAsync(target, cancel.Token));
    }
    catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
    {
        Console.Error.WriteLine($"[{target.Label()}] could not be run: {ex.Message}");
        broken.Add($"{target.Label()}: {ex.Message.Split('\n')[0]}");
    }
    GC.Collect();
    GC.WaitForPendingFinalizers();
}

var averageBytes = packages.Average(p => (double)p.Bytes.Length);
var header = string.Create(CultureInfo.InvariantCulture,
    $"ck-simload {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz} — {Environment.ProcessorCount} cores, .NET {Environment.Version}\n" +
    $"load: {options.Rate:N1} packages/s × {options.Invoices} invoices = {options.Rate * options.Invoices:N0} invoices/s offered, " +
    $"{options.DurationSeconds:N0} s measured after {options.WarmupSeconds:N0} s warm-up, {options.MaxConnections} connections; " +
    $"packages {averageBytes / 1024:N1} KB signed, NLap {issueDate:yyyy-MM-dd}");
var ratios = RatioLine.Compute(results);
var verdict = Verdict.Evaluate(options, results);
Console.WriteLine();
if (cancel.IsCancellationRequested) Console.WriteLine("!!! INTERRUPTED: the figures below cover only the part of the run that happened.");
Console.Write(Report.Render(options, results, ratios, verdict, header));
foreach (var b in broken) Console.WriteLine($"  FAIL  {b} (target could not be run)");
if (options.Json is not null)
{
    JsonReport.Write(options.Json, options, results, ratios, verdict);
    Console.Error.WriteLine($"figures written to {options.Json}");
}

if (cancel.IsCancellationRequested) return 130;
if (broken.Count > 0) return 3;
return options.FailOnThreshold && verdict.Any(v => !v.Passed) ? 1 : 0;
