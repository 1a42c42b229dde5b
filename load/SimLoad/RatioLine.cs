namespace ConformanceKit.Load.SimLoad;

/// <summary>A simulator target against the ceiling: throughput share and 999 p50 multiple.</summary>
public sealed record RatioLine(string Target, double ThroughputRatio, double AckP50Ratio, double AckP50Ms, double CeilingAckP50Ms)
{
    public static IReadOnlyList<RatioLine> Compute(IReadOnlyList<TargetResult> results)
    {
        var ceiling = results.FirstOrDefault(r => r.Kind == TargetKind.Ceiling);
        if (ceiling is null) return [];
        return results.Where(r => r.Kind != TargetKind.Ceiling).Select(r => new RatioLine(r.Name,
            r.SustainedPackagesPerSecond / Math.Max(1e-9, ceiling.SustainedPackagesPerSecond),
            r.Ack.P50Ms / Math.Max(1e-9, ceiling.Ack.P50Ms), r.Ack.P50Ms, ceiling.Ack.P50Ms)).ToList();
    }
}
