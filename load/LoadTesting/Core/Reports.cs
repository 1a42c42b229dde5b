namespace ConformanceKit.LoadTesting;

/// <summary>Latency in milliseconds.</summary>
public sealed record LatencyReport(double Mean, double P50, double P75, double P95, double P99, double Max, double Min);

public sealed record ErrorReport(string Kind, long Count, string? Example);

/// <summary>One step's (or a whole scenario's) figures over the measured window.</summary>
/// <param name="Rps">Invocations (ok and failed) per second of the measured window.</param>
public sealed record StepReport(string Name, long Ok, long Fail, double FailPercent, double Rps, double OkRps, long Bytes, LatencyReport Latency,
    IReadOnlyDictionary<string, long> StatusCodes, IReadOnlyList<ErrorReport> Errors)
{
    public long Count => Ok + Fail;
}

/// <summary>One bucket of the timeline: seconds since the measured window began; latency in ms.</summary>
public sealed record TimelinePoint(double At, long Ok, long Fail, double Rps, double P50, double P95, double P99, double Max);

public sealed record ScenarioReport(string Name, IReadOnlyList<string> Simulations, double WarmUpSeconds, double MeasuredSeconds,
    StepReport All, IReadOnlyList<StepReport> Steps, IReadOnlyList<TimelinePoint> Timeline, long LateDispatches);

public sealed record ThresholdReport(string Expression, string Scope, double? Actual, bool Passed, string Detail);

public sealed record MachineReport(int Cores, string Os, string Runtime, double LoadAverage1m);

/// <summary>A whole run: what `ck load` and <see cref="LoadTest.RunAsync"/> return and the reports are written from.</summary>
public sealed record RunReport(string Name, string Target, DateTimeOffset StartedAt, double WallSeconds, IReadOnlyList<ScenarioReport> Scenarios,
    IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<ThresholdReport> Thresholds, IReadOnlyList<string> Notes, MachineReport Machine)
{
    public bool Passed => Thresholds.All(t => t.Passed);

    /// <summary>The target process's memory over the run, when it was sampled (<see cref="LoadTest.WithMemory"/>).</summary>
    public MemoryReport? Memory { get; init; }

    public static MachineReport DescribeMachine()
    {
        double load = 0;
        try
        {
            var text = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg") : "";
            if (text.Split(' ') is [var first, ..]) double.TryParse(first, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out load);
        }
        catch (IOException) { }
        return new MachineReport(Environment.ProcessorCount, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, load);
    }
}
