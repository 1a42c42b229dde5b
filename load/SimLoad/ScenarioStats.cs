using System.Collections.Concurrent;

namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// What a scenario run measured, warm-up excluded: latency from the scheduled time to the response
/// (coordinated-omission safe), the scheduler's own lag, outcomes, and how many OK responses
/// completed inside the measured window.
/// </summary>
public sealed class ScenarioStats(string scenarioName)
{
    private readonly ConcurrentDictionary<string, long> failKinds = new(StringComparer.Ordinal);
    private long ok;
    private long fail;
    private long scheduled;
    private long okInWindow;

    public string ScenarioName { get; } = scenarioName;

    /// <summary>Scheduled send → response, OK responses only.</summary>
    public LogLinearHistogram Latency { get; } = new();

    /// <summary>Scheduled send → failure (error response, timeout, transport error).</summary>
    public LogLinearHistogram FailLatency { get; } = new();

    /// <summary>Scheduled send → the step actually started: the runner's own lateness.</summary>
    public LogLinearHistogram SchedulerLag { get; } = new();

    /// <summary>Start of the measured window (MonoClock timestamp; warm-up ends here).</summary>
    public long WindowStart { get; internal set; }

    /// <summary>End of the measured window (scheduled end of the last simulation).</summary>
    public long WindowEnd { get; internal set; }

    public TimeSpan MeasuredDuration => MonoClock.Between(WindowStart, WindowEnd);

    public long Scheduled => Interlocked.Read(ref scheduled);

    public long Ok => Interlocked.Read(ref ok);

    public long Fail => Interlocked.Read(ref fail);

    public long OkInWindow => Interlocked.Read(ref okInWindow);

    public IReadOnlyDictionary<string, long> FailKinds => failKinds;

    public double OfferedPerSecond => Scheduled / Math.Max(1e-9, MeasuredDuration.TotalSeconds);

    /// <summary>OK responses completed inside the measured window, per second.</summary>
    public double AchievedPerSecond => OkInWindow / Math.Max(1e-9, MeasuredDuration.TotalSeconds);

    internal void RecordStart(ScenarioContext context, long startedAt)
    {
        if (context.IsWarmUp) return;
        Interlocked.Increment(ref scheduled);
        SchedulerLag.RecordMicros(MonoClock.MicrosBetween(context.ScheduledAt, startedAt));
    }

    internal void RecordEnd(ScenarioContext context, StepResponse response, long completedAt)
    {
        if (response.IsOk && completedAt >= WindowStart && completedAt <= WindowEnd && WindowStart != 0)
            Interlocked.Increment(ref okInWindow);
        if (context.IsWarmUp) return;
        var micros = MonoClock.MicrosBetween(context.ScheduledAt, completedAt);
        if (response.IsOk)
        {
            Interlocked.Increment(ref ok);
            Latency.RecordMicros(micros);
        }
        else
        {
            Interlocked.Increment(ref fail);
            FailLatency.RecordMicros(micros);
            failKinds.AddOrUpdate(response.FailKind ?? "error", 1, (_, n) => n + 1);
        }
    }
}
