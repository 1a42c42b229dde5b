using System.Diagnostics;

namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// One target from start to figures: bring the server up (in-process, child process, or already
/// running), reset it, move the inbox cursor to the end, start the poller, offer the load, wait for
/// outstanding 204s, shut down what was started.
/// </summary>
public sealed class TargetSession(RunOptions options, IReadOnlyList<GeneratedPackage> packages, Func<CancellationToken, Task<string>> simulatorDll)
{
    public async Task<TargetResult> RunAsync(TargetKind kind, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"[{kind.Label()}] starting");
        await using var resources = new AsyncResources();
        Uri baseAddress;
        SimulatorProcess? sim = null;
        PostgresCluster? cluster = null;
        switch (kind)
        {
            case TargetKind.Ceiling:
                baseAddress = resources.Add(await CeilingServer.StartAsync().ConfigureAwait(false)).BaseAddress;
                break;
            case TargetKind.SelfTest:
                var fake = new FakeSimulator(options.ApiKey, options.AdminKey, TimeSpan.FromMilliseconds(options.FakeDelayMs),
                    options.FakeFailEvery, options.FakeDropEvery);
                baseAddress = resources.Add(await fake.StartAsync().ConfigureAwait(false)).BaseAddress;
                break;
            case TargetKind.Url:
                baseAddress = new Uri(options.Target! + "/");
                await SimulatorAdmin.WaitHealthyAsync(baseAddress, TimeSpan.FromSeconds(10), null, cancellationToken).ConfigureAwait(false);
                break;
            default:
                string? store = null;
                if (kind == TargetKind.Postgres && options.Pg is null)
                {
                    cluster = resources.Add(await PostgresCluster.StartAsync(options.PgBin, cancellationToken).ConfigureAwait(false));
                    store = cluster.ConnectionString;
                }
                else if (kind == TargetKind.Postgres)
                {
                    store = options.Pg;
                }
                var dll = await simulatorDll(cancellationToken).ConfigureAwait(false);
                sim = resources.Add(await SimulatorProcess.StartAsync(dll, store, options.KeepData, cancellationToken).ConfigureAwait(false));
                baseAddress = sim.BaseAddress;
                Console.Error.WriteLine($"[{kind.Label()}] simulator up at {baseAddress} (log {sim.LogPath})");
                break;
        }

        var has204 = kind.Has204();
        string? resetNote = null;
        if (has204 && !options.NoReset)
        {
            try
            {
                await SimulatorAdmin.ResetAsync(baseAddress, options.AdminKey, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException)
            {
                resetNote = $"reset failed, went on with the clock-based serials: {ex.Message}";
                Console.Error.WriteLine($"[{kind.Label()}] {resetNote}");
            }
        }

        var tracker = new PackageTracker(packages);
        using var client = LoadHttpClient.Create(baseAddress, options.ApiKey, options.MaxConnections, TimeSpan.FromSeconds(options.TimeoutSeconds));
        using var pollClient = LoadHttpClient.Create(baseAddress, options.ApiKey, 2, TimeSpan.FromSeconds(options.TimeoutSeconds));
        InboxPoller? poller = null;
        if (has204)
        {
            var cursor = await InboxPoller.CurrentCursorAsync(pollClient, cancellationToken).ConfigureAwait(false);
            poller = new InboxPoller(pollClient, tracker, TimeSpan.FromMilliseconds(options.PollIntervalMs), cursor);
            poller.Start();
        }

        var scenario = MessagesScenario.Create(kind.Label(), client, tracker)
            .WithWarmUpDuration(TimeSpan.FromSeconds(options.WarmupSeconds))
            .WithLoadSimulations(LoadSimulation.Inject(options.Rate, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(options.DurationSeconds)));
        if (scenario.TotalInvocations > packages.Count)
            throw new InvalidOperationException($"{scenario.TotalInvocations} invocations but only {packages.Count} packages");
        Console.Error.WriteLine($"[{kind.Label()}] offering {options.Rate:N1} packages/s for {options.WarmupSeconds:N0} s warm-up + {options.DurationSeconds:N0} s measured");
        using var ticker = Ticker(kind, tracker, poller, has204);
        var loadWatch = Stopwatch.StartNew();
        var runnerCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var serverCpu = sim?.ProcessorTime ?? TimeSpan.Zero;
        var databaseCpu = cluster?.ProcessorTime ?? TimeSpan.Zero;
        var machineCpu = MachineCpu.Busy();
        var stats = await ScenarioRunner.RunAsync(scenario, cancellationToken).ConfigureAwait(false);
        var loadSeconds = loadWatch.Elapsed.TotalSeconds;
        var runnerCpuPercent = (Process.GetCurrentProcess().TotalProcessorTime - runnerCpu).TotalSeconds / loadSeconds * 100;
        double? serverCpuPercent = sim is null ? null : ((sim.ProcessorTime - serverCpu).TotalSeconds / loadSeconds * 100);
        double? databaseCpuPercent = cluster is null ? null : ((cluster.ProcessorTime - databaseCpu).TotalSeconds / loadSeconds * 100);
        var machineCpuPercent = (MachineCpu.Busy() - machineCpu).TotalSeconds / loadSeconds * 100;
        var othersCpuPercent = Math.Max(0, machineCpuPercent - runnerCpuPercent - (serverCpuPercent ?? 0) - (databaseCpuPercent ?? 0));

        var drain = Stopwatch.StartNew();
        if (poller is not null)
        {
            var limit = TimeSpan.FromSeconds(options.DrainSeconds);
            while (tracker.CountPending() > 0 && drain.Elapsed < limit && !cancellationToken.IsCancellationRequested)
                await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromMilliseconds(options.PollIntervalMs * 3), CancellationToken.None).ConfigureAwait(false);
            await poller.StopAsync().ConfigureAwait(false);
        }
        var result = TargetResult.From(kind.Label(), kind, baseAddress.ToString(), options.Invoices, stats, tracker, poller,
            poller is null ? 0 : drain.Elapsed.TotalSeconds) with
            {
                RunnerCpuPercent = runnerCpuPercent, ServerCpuPercent = serverCpuPercent, DatabaseCpuPercent = databaseCpuPercent,
                OthersCpuPercent = othersCpuPercent,
            };
        if (options.Timeline) result = result with { Timeline = TimelineSecond.Build(tracker, stats, options.WarmupSeconds) };
        if (resetNote is not null) result.Notes.Add(resetNote);
        if (has204 && options.NoReset) result.Notes.Add("store not reset (--no-reset): earlier responses are skipped by the inbox cursor");
        if (sim is not null)
            result = result with { ServerLog = sim.LogPath, ServerLogErrors = sim.CountLogErrors(), ServerDied = sim.HasExited };
        Console.Error.WriteLine($"[{kind.Label()}] done");
        return result;
    }

    /// <summary>A line on stderr every 5 s so a long run shows it is alive and whether 204s keep up.</summary>
    private static Timer Ticker(TargetKind kind, PackageTracker tracker, InboxPoller? poller, bool has204)
    {
        var started = Stopwatch.StartNew();
        return new Timer(_ =>
        {
            var posted = tracker.Records.Count(r => r.Posted);
            var acked = tracker.Records.Count(r => r.AckAt != 0);
            var line = $"[{kind.Label()}] {started.Elapsed.TotalSeconds,5:N0} s: posted {posted:N0}, 999 {acked:N0}";
            if (has204 && poller is not null)
                line += $", 204 {poller.Notices204:N0}, waiting {tracker.CountPending():N0}, polls {poller.Polls:N0} ({poller.FailedPolls:N0} failed)";
            Console.Error.WriteLine(line);
        }, null, 5000, 5000);
    }
}
