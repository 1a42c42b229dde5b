namespace ConformanceKit.Load.SimLoad;

/// <summary>Percentiles of one latency histogram, in milliseconds.</summary>
public sealed record LatencySummary(long Count, double P50Ms, double P90Ms, double P99Ms, double MaxMs, double MeanMs)
{
    public static LatencySummary From(LogLinearHistogram h) => new(h.Count,
        h.Percentile(50).TotalMilliseconds, h.Percentile(90).TotalMilliseconds, h.Percentile(99).TotalMilliseconds,
        h.Max.TotalMilliseconds, h.Mean.TotalMilliseconds);
}
