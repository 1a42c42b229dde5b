using ConformanceKit.LoadTesting.Targets;

namespace ConformanceKit.LoadTesting.Workloads;

/// <summary>Runs a ready-made workload against a target: starts or connects to it, prepares, runs, checks, judges.</summary>
public static class WorkloadRunner
{
    public static async Task<RunReport> RunAsync(Workload workload, TargetSpec spec, TargetOptions targetOptions, WorkloadOptions options,
        IReadOnlyList<Threshold> thresholds, bool defaultThresholds, TextWriter? progress, CancellationToken ct)
    {
        if (!workload.CanTarget(spec.Kind))
            throw new ArgumentException($"{workload.Name} loads a {workload.Speaks.ToString().ToLowerInvariant()}: use --target pipeline or {workload.Speaks.ToString().ToLowerInvariant()}=URL");
        var clock = workload.FastClock && spec.Kind == TargetKind.Pipeline ? new FastClock(DateTimeOffset.UtcNow, options.ClockRate) : null;
        progress?.WriteLine($"starting {spec}…");
        await using var target = await LoadTarget.StartAsync(spec, targetOptions, workload.PipelineSync, clock, ct).ConfigureAwait(false);
        progress?.WriteLine($"preparing {workload.Name}…");
        await using var prepared = await workload.PrepareAsync(target, options, ct).ConfigureAwait(false);
        var all = (defaultThresholds ? prepared.DefaultThresholds.Select(Threshold.Parse) : []).Concat(thresholds)
            .DistinctBy(t => t.Expression.Replace(" ", "", StringComparison.Ordinal)).ToArray();
        var test = LoadTest.Create(workload.Name, prepared.Scenarios).WithTarget(target.ToString()).WithThresholds(all);
        if (prepared.Checks is not null) test.WithChecks(prepared.Checks);
        foreach (var n in prepared.Notes) test.WithNote(n);
        if (target.Note is not null) test.WithNote(target.Note);
        if (spec.Kind == TargetKind.Pipeline) test.WithNote($"pipeline provider store: {targetOptions.ProviderStore.Name()}");
        if (progress is not null) test.WithProgress(progress);
        test.WithMemory(target.Memory ?? SelfMemory(spec));
        var before = CpuSample.Take(target);
        var report = await test.RunAsync(ct).ConfigureAwait(false);
        var after = CpuSample.Take(target);
        var metrics = new Dictionary<string, double>(report.Metrics).Concat(CpuSample.Metrics(before, after)).DistinctBy(p => p.Key).ToDictionary();
        // Judged again with the CPU figures in, so thresholds such as cpu-others-%<20 can be set.
        return report with { Metrics = metrics, Thresholds = all.Select(t => t.Evaluate(report.Scenarios, metrics)).ToList() };
    }

    /// <summary>This process's memory, named for what runs in it: the in-process pipeline or simulator, or the generator alone.</summary>
    private static MemoryProbe SelfMemory(TargetSpec spec) => new(spec switch
    {
        { Kind: TargetKind.Pipeline } => "this process (generator + in-process pipeline)",
        { StartSimulator: not null } => "this process (generator + in-process simulator)",
        _ => "this process (the load generator only: the target runs elsewhere)",
    }, ProcessMemory.ReadSelf);
}

/// <summary>The machine's state around a run: CPU of this process (generator, and the in-process targets), of the processes the target
/// started, of everything else on the machine (other engineers' jobs: the figures are disturbed when that is high), and the load average.</summary>
public readonly record struct CpuSample(long Timestamp, TimeSpan Self, TimeSpan Children, TimeSpan Machine, double LoadAverage)
{
    public static CpuSample Take(LoadTarget? target = null)
    {
        using var me = System.Diagnostics.Process.GetCurrentProcess();
        return new CpuSample(System.Diagnostics.Stopwatch.GetTimestamp(), me.TotalProcessorTime, target?.ChildCpu?.Invoke() ?? TimeSpan.Zero,
            MachineCpu.Busy(), RunReport.DescribeMachine().LoadAverage1m);
    }

    /// <summary>Percent of one core over the interval: cpu-self-%, cpu-started-%, cpu-others-%, load-average-start/end, cores.</summary>
    public static IEnumerable<KeyValuePair<string, double>> Metrics(CpuSample a, CpuSample b)
    {
        var wall = System.Diagnostics.Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp).TotalSeconds;
        if (wall <= 0) yield break;
        double Pct(TimeSpan t) => Math.Round(100 * t.TotalSeconds / wall, 0);
        var self = b.Self - a.Self;
        var children = b.Children - a.Children;
        yield return new("cpu-self-%", Pct(self));
        if (children > TimeSpan.Zero) yield return new("cpu-started-%", Pct(children));
        if (b.Machine > TimeSpan.Zero) yield return new("cpu-others-%", Math.Max(0, Pct(b.Machine - a.Machine - self - children)));
        yield return new("load-average-start", a.LoadAverage);
        yield return new("load-average-end", b.LoadAverage);
        yield return new("cores", Environment.ProcessorCount);
    }
}
