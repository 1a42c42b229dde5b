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
        if (progress is not null) test.WithProgress(progress);
        return await test.RunAsync(ct).ConfigureAwait(false);
    }
}
