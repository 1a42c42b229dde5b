using System.Globalization;
using System.Runtime.InteropServices;
using ConformanceKit.Load.PipelineLoad;

// The reference POS pipeline end to end, crash-safe store against in-memory (issue 5). See --help and README.md.
RunOptions options;
try
{
    options = RunOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"ck-pipeload: {ex.Message}");
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
// Clients, Kestrel twice and two engines on two cores: do not wait for the thread pool's slow hill-climbing.
ThreadPool.SetMinThreads(Math.Max(16, Environment.ProcessorCount * 4), Math.Max(16, Environment.ProcessorCount * 4));

var owned = options.Folder is null;
var root = options.Folder ?? Directory.CreateTempSubdirectory("ck-pipeload-").FullName;
Directory.CreateDirectory(root);
Console.Error.WriteLine($"ck-pipeload: {options.Invoices:N0} sales per variant ({string.Join(", ", options.Variants.Select(v => v.Label()))}), " +
                        $"batch {options.BatchSize}, {options.Concurrency} clients; stores under {root}");

var run = new PipelineRun(options, root);
var results = new List<VariantResult>();
LatencySummary? fsync = null;
var exit = 0;
try
{
    if (options.WarmupSales > 0)
    {
        var warm = await run.RunAsync("warmup", Variant.CrashSafe, options.WarmupSales, cancel.Token);
        Console.Error.WriteLine($"[warmup] {warm.Issued} sales, {(warm.Completed ? "all accepted" : "NOT all accepted")} in {warm.WallSeconds:N2} s");
        if (!warm.Completed) Console.Error.WriteLine("!   the warm-up pipeline did not complete; the figures below may be meaningless");
    }
    foreach (var variant in options.Variants)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        results.Add(await run.RunAsync(variant.Label(), variant, options.Invoices, cancel.Token));
    }
    if (options.FsyncProbes > 0) fsync = FsyncProbe.Run(root, options.FsyncProbes);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    exit = 130;
}
finally
{
    if (owned && !options.KeepData)
        try { Directory.Delete(root, recursive: true); }
        catch (IOException) { /* a file still held: the temp folder is cleaned by the OS */ }
}

var ratios = Ratios.Compute(results);
var header = string.Create(CultureInfo.InvariantCulture,
    $"ck-pipeload {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz} — {Environment.ProcessorCount} cores, .NET {Environment.Version}\n" +
    $"{options.Invoices:N0} sales per variant from {options.Concurrency} clients; provider: periodic sync, batch {options.BatchSize}, " +
    $"interval {options.BatchIntervalMs:N0} ms, inbox poll {options.PollIntervalMs:N0} ms; a fresh in-process simulator per variant; " +
    $"warm-up {options.WarmupSales} sales");
var json = options.Json is null ? null : JsonReport.Render(options, results, ratios, fsync);
if (options.Json == "-")
{
    Console.WriteLine(json);
}
else
{
    Console.WriteLine();
    if (exit == 130) Console.WriteLine("!!! INTERRUPTED: the figures below cover only the part of the run that happened.");
    Console.Write(Report.Render(header, results, ratios, fsync));
    if (options.Json is not null)
    {
        JsonReport.Write(options.Json, json!);
        Console.Error.WriteLine($"figures written to {options.Json}");
    }
}
if (exit != 0) return exit;
return results.All(r => r.Completed) ? 0 : 1;
