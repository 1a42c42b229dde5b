namespace ConformanceKit.Load.PipelineLoad;

/// <summary>Percentiles of the POST latencies of one variant, in milliseconds (exact: every sample is kept).</summary>
public sealed record LatencySummary(long Count, double P50Ms, double P90Ms, double P99Ms, double MaxMs, double MeanMs)
{
    public static LatencySummary From(IReadOnlyList<long> micros)
    {
        var sorted = micros.Where(m => m >= 0).Order().ToArray();
        if (sorted.Length == 0) return new(0, 0, 0, 0, 0, 0);
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)] / 1000.0;
        return new(sorted.Length, At(50), At(90), At(99), sorted[^1] / 1000.0, sorted.Average() / 1000.0);
    }
}
