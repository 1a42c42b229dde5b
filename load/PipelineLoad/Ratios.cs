namespace ConformanceKit.Load.PipelineLoad;

/// <summary>Crash-safe against another variant of the same run: what durability costs.</summary>
public sealed record Ratios(string Against, double IssueRate, double? EndToEndRate, double PostP50, double PostP99)
{
    public string Name => $"crash-safe / {Against}";

    public static IReadOnlyList<Ratios> Compute(IReadOnlyList<VariantResult> results)
    {
        var safe = results.FirstOrDefault(r => r.Variant == Variant.CrashSafe.Label());
        if (safe is null) return [];
        return [.. results.Where(r => r != safe).Select(other => new Ratios(other.Variant,
            safe.IssuePerSecond / Math.Max(1e-9, other.IssuePerSecond),
            safe.EndToEndPerSecond is { } s && other.EndToEndPerSecond is { } m ? s / Math.Max(1e-9, m) : null,
            safe.Post.P50Ms / Math.Max(1e-9, other.Post.P50Ms),
            safe.Post.P99Ms / Math.Max(1e-9, other.Post.P99Ms)))];
    }
}
