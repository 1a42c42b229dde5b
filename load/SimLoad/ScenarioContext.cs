namespace ConformanceKit.Load.SimLoad;

/// <summary>What one invocation of a scenario's step knows about itself.</summary>
/// <param name="InvocationNumber">0-based over the whole run, warm-up included.</param>
/// <param name="ScheduledAt">When the open model scheduled it (<see cref="MonoClock"/> timestamp); latency counts from here.</param>
/// <param name="IsWarmUp">Scheduled during warm-up: not in the statistics.</param>
public sealed record ScenarioContext(long InvocationNumber, long ScheduledAt, bool IsWarmUp, CancellationToken CancellationToken);
