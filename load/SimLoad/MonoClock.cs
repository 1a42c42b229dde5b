using System.Diagnostics;

namespace ConformanceKit.Load.SimLoad;

/// <summary>Monotonic timestamps (Stopwatch ticks) shared by the scheduler, the senders and the poller.</summary>
public static class MonoClock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static long Add(long timestamp, TimeSpan span) => timestamp + (long)(span.TotalSeconds * Stopwatch.Frequency);

    public static TimeSpan Between(long from, long to) => Stopwatch.GetElapsedTime(from, to);

    public static long MicrosBetween(long from, long to) => (long)((to - from) * 1_000_000.0 / Stopwatch.Frequency);
}
