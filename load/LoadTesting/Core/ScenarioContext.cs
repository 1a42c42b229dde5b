namespace ConformanceKit.LoadTesting;

/// <summary>One invocation of a scenario: its number, when it was due, whether it is warm-up, and a bag for steps to pass data on.</summary>
public sealed class ScenarioContext
{
    internal ScenarioContext(string scenario, long invocation, long scheduledAt, bool isWarmUp, int copy, TimeProvider time, CancellationToken token)
    {
        ScenarioName = scenario;
        InvocationNumber = invocation;
        ScheduledTimestamp = scheduledAt;
        IsWarmUp = isWarmUp;
        CopyNumber = copy;
        TimeProvider = time;
        CancellationToken = token;
    }

    public string ScenarioName { get; }

    /// <summary>0, 1, 2 … across the scenario (warm-up included): use it to pick pre-built data.</summary>
    public long InvocationNumber { get; }

    /// <summary>When this invocation was due (<see cref="TimeProvider.GetTimestamp"/> units): latency is counted from here.</summary>
    public long ScheduledTimestamp { get; }

    public bool IsWarmUp { get; }

    /// <summary>The copy (virtual user) running it in a closed-model phase; -1 in an injection (open-model) phase.</summary>
    public int CopyNumber { get; }

    public TimeProvider TimeProvider { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Data one step leaves for the next within this invocation.</summary>
    public Dictionary<string, object?> Data { get; } = new(StringComparer.Ordinal);
}
