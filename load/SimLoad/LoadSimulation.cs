namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// How invocations arrive (open model, as NBomber's <c>Simulation.Inject</c>): <see cref="Rate"/>
/// invocations per <see cref="Interval"/>, evenly spaced, for <see cref="During"/>, whatever the
/// target's response times. Arrivals never wait for earlier responses, so a slow server shows up as
/// latency (measured from the scheduled time), not as a quietly lower offered load.
/// </summary>
public sealed record LoadSimulation(double Rate, TimeSpan Interval, TimeSpan During)
{
    public static LoadSimulation Inject(double rate, TimeSpan interval, TimeSpan during)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(during, TimeSpan.Zero);
        return new LoadSimulation(rate, interval, during);
    }

    public double PerSecond => Rate / Interval.TotalSeconds;

    /// <summary>Gap between two arrivals.</summary>
    public TimeSpan Gap => TimeSpan.FromTicks((long)(Interval.Ticks / Rate));

    /// <summary>Number of arrivals this simulation schedules.</summary>
    public long Invocations => (long)Math.Round(During.TotalSeconds * PerSecond);

    /// <summary>Offset of arrival <paramref name="k"/> from the simulation's start.</summary>
    public TimeSpan OffsetOf(long k) => TimeSpan.FromSeconds(k / PerSecond);
}
