using System.Diagnostics;

namespace ConformanceKit.Load.PipelineLoad;

/// <summary>Monotonic timestamps (Stopwatch ticks).</summary>
public static class MonoClock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static double SecondsBetween(long from, long to) => (to - from) / (double)Stopwatch.Frequency;

    public static long MicrosBetween(long from, long to) => (long)((to - from) * 1_000_000.0 / Stopwatch.Frequency);
}
