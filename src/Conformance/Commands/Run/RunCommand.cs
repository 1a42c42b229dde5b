using System.Diagnostics;
using ConformanceKit.Conformance.Cli;
using ConformanceKit.Harness.Catalogue;
using ConformanceKit.Harness.Reports;
using ConformanceKit.Harness.Runner;
using ConformanceKit.TaxAuthoritySim.Hosting;
using Spectre.Console;

namespace ConformanceKit.Conformance.Commands.Run;

/// <summary>`ck run`: the catalogue against the in-process simulator or a --target, with live progress and signed reports.</summary>
public sealed class RunCommand(CliIO io, RunCommand.Settings settings)
{
    public sealed record Settings(string? Target, string AdminKey, string? Filter, int Parallel, string Output, string? SigningKey,
        string? DataFolder, string? CallbackListen, string? CallbackUrl, bool List, int? Seed);

    public async Task<int> ExecuteAsync(CancellationToken ct)
    {
        var console = Consoles.For(io.Out, io.IsTerminal);
        CaseCatalogue catalogue;
        try { catalogue = CaseCatalogue.Load(); }
        catch (CatalogueException e) { await io.Error.WriteLineAsync(e.Message); return ExitCodes.Usage; }
        var cases = catalogue.Select(settings.Filter);
        if (cases.Count == 0)
        {
            await io.Error.WriteLineAsync($"error: no case matches --filter '{settings.Filter}'. 'ck run --list' shows the cases.");
            return ExitCodes.Usage;
        }
        if (settings.List) { CaseListing.Write(console, catalogue, cases); return ExitCodes.Ok; }
        if (settings.Parallel is < 1 or > 64) { await io.Error.WriteLineAsync("error: --parallel must be between 1 and 64"); return ExitCodes.Usage; }
        Uri? target = null;
        if (settings.Target is { } t && (!Uri.TryCreate(t.EndsWith('/') ? t : t + "/", UriKind.Absolute, out target) || target.Scheme is not ("http" or "https")))
        {
            await io.Error.WriteLineAsync($"error: --target '{t}' is not an http(s) URL");
            return ExitCodes.Usage;
        }

        var watch = Stopwatch.StartNew();
        InProcessSimulator? simulator = null;
        try
        {
            if (target is null)
            {
                console.MarkupLine("[grey]Starting the simulator in-process…[/]");
                simulator = await InProcessSimulator.StartAsync(settings.DataFolder, ct);
                target = simulator.Address;
            }
            var options = new RunOptions
            {
                Target = target, AdminKey = settings.AdminKey, Filter = settings.Filter, Parallel = settings.Parallel,
                TargetDescription = simulator is null ? "remote target" : "in-process simulator (SQLite)",
                CallbackListen = settings.CallbackListen, CallbackPublicUrl = settings.CallbackUrl, RandomSeed = settings.Seed,
            };
            console.MarkupLine($"Running [bold]{cases.Count}[/] of {catalogue.Cases.Count} cases (catalogue {catalogue.Version}) against [bold]{Markup.Escape(target.ToString())}[/] ({options.TargetDescription}), {settings.Parallel} at a time");
            var report = await RunWithProgressAsync(console, catalogue, options, cases.Count, ct);
            using var signer = ReportSigner.Resolve(settings.SigningKey);
            var paths = await ReportWriter.WriteAllAsync(report, settings.Output, signer, ct);
            RunSummary.Write(console, report, paths, watch.Elapsed);
            console.MarkupLine($"  signed by {Markup.Escape(signer.Subject)}, SHA-256 {signer.ThumbprintSha256} (ck verify-report FILE checks a report)");
            // A failed case is a conformance failure; a case that could not be carried out is the harness's.
            return report.Summary.Failed > 0 ? ExitCodes.Failed : report.Summary.Errors > 0 ? ExitCodes.HarnessError : ExitCodes.Ok;
        }
        catch (TargetException e)
        {
            await io.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.HarnessError;
        }
        catch (HttpRequestException e)
        {
            await io.Error.WriteLineAsync($"error: cannot reach {target}: {e.Message}");
            return ExitCodes.HarnessError;
        }
        finally
        {
            if (simulator is not null) await simulator.DisposeAsync();
        }
    }

    private async Task<RunReport> RunWithProgressAsync(IAnsiConsole console, CaseCatalogue catalogue, RunOptions options, int count, CancellationToken ct)
    {
        var runner = new CatalogueRunner(catalogue);
        if (!io.IsTerminal) return await runner.RunAsync(options, new LineProgress(console), ct);
        RunReport? report = null;
        await console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("cases", maxValue: count);
                report = await runner.RunAsync(options, new BarProgress(console, task), ct);
            });
        return report!;
    }

    /// <summary>On a terminal: a bar, and a line for every case that does not pass.</summary>
    private sealed class BarProgress(IAnsiConsole console, ProgressTask task) : IRunProgress
    {
        private int _passed, _failed;

        public void Started(int cases) => task.MaxValue = cases;
        public void CaseStarted(ConformanceCase c) { }

        public void CaseFinished(ConformanceCase c, CaseReport report)
        {
            if (report.Outcome == CaseOutcome.Passed) Interlocked.Increment(ref _passed);
            else
            {
                Interlocked.Increment(ref _failed);
                console.MarkupLine($"[red]{report.Outcome.ToString().ToUpperInvariant()}[/] {Markup.Escape(c.Id)} {Markup.Escape(c.Title.En)}");
            }
            task.Description = $"[green]{_passed} passed[/]" + (_failed > 0 ? $", [red]{_failed} not[/]" : "");
            task.Increment(1);
        }
    }

    /// <summary>Redirected (CI logs): one line per case.</summary>
    private sealed class LineProgress(IAnsiConsole console) : IRunProgress
    {
        private int _done, _total;
        private readonly Lock _gate = new();

        public void Started(int cases) => _total = cases;
        public void CaseStarted(ConformanceCase c) { }

        public void CaseFinished(ConformanceCase c, CaseReport report)
        {
            lock (_gate)
                console.WriteLine($"[{++_done,3}/{_total}] {(report.Outcome == CaseOutcome.Passed ? "pass" : report.Outcome.ToString().ToLowerInvariant()),-6} {c.Id,-18} {report.DurationMs,6} ms  {c.Title.En}");
        }
    }
}
