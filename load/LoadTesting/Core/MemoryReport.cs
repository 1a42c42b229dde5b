namespace ConformanceKit.LoadTesting;

/// <summary>One memory sample: seconds since the measured window began (negative during the warm-up), sizes in MB.</summary>
public sealed record MemoryPoint(double At, double WorkingSetMb, double? AnonymousMb, double? GcHeapMb);

/// <summary>
/// The target process's memory over a run, sampled every <paramref name="IntervalSeconds"/>. The figures (<see cref="Metrics"/>)
/// cover the measured window only — from the end of the warm-up to the end of the last phase — so start-up and warm-up
/// growth do not read as a leak; samples before and after (warm-up, drain) are kept for the chart and memory.csv.
/// </summary>
public sealed record MemoryReport(string Process, double IntervalSeconds, double MeasuredSeconds, IReadOnlyList<MemoryPoint> Samples)
{
    /// <summary>The samples inside the measured window.</summary>
    public IReadOnlyList<MemoryPoint> Measured() => Samples.Where(s => s.At >= 0 && s.At <= MeasuredSeconds + 1e-9).ToList();

    /// <summary>
    /// ws-start-mb (first sample after the warm-up), ws-max-mb, ws-end-mb (last sample of the measured window),
    /// ws-slope-mb-per-min (least squares over the window; needs two samples), ws-samples; the same for the GC heap
    /// (gc-heap-…) when the probe reads it, and rss-anon-start/max/end-mb and rss-anon-slope-mb-per-min when it reads RssAnon.
    /// </summary>
    public IReadOnlyDictionary<string, double> Metrics()
    {
        var m = new Dictionary<string, double>(StringComparer.Ordinal);
        var window = Measured();
        if (window.Count == 0) return m;
        m["ws-start-mb"] = Round(window[0].WorkingSetMb);
        m["ws-max-mb"] = Round(window.Max(s => s.WorkingSetMb));
        m["ws-end-mb"] = Round(window[^1].WorkingSetMb);
        if (Slope(window.Select(s => (s.At / 60, s.WorkingSetMb))) is { } ws) m["ws-slope-mb-per-min"] = Math.Round(ws, 3);
        m["ws-samples"] = window.Count;
        var anon = window.Where(s => s.AnonymousMb is not null).ToList();
        if (anon.Count > 0)
        {
            m["rss-anon-start-mb"] = Round(anon[0].AnonymousMb!.Value);
            m["rss-anon-max-mb"] = Round(anon.Max(s => s.AnonymousMb!.Value));
            m["rss-anon-end-mb"] = Round(anon[^1].AnonymousMb!.Value);
            if (Slope(anon.Select(s => (s.At / 60, s.AnonymousMb!.Value))) is { } a) m["rss-anon-slope-mb-per-min"] = Math.Round(a, 3);
        }
        var gc = window.Where(s => s.GcHeapMb is not null).ToList();
        if (gc.Count > 0)
        {
            m["gc-heap-start-mb"] = Round(gc[0].GcHeapMb!.Value);
            m["gc-heap-max-mb"] = Round(gc.Max(s => s.GcHeapMb!.Value));
            m["gc-heap-end-mb"] = Round(gc[^1].GcHeapMb!.Value);
            if (Slope(gc.Select(s => (s.At / 60, s.GcHeapMb!.Value))) is { } g) m["gc-heap-slope-mb-per-min"] = Math.Round(g, 3);
        }
        return m;
    }

    /// <summary>Least-squares slope of y over x; null with fewer than two distinct x.</summary>
    public static double? Slope(IEnumerable<(double X, double Y)> points)
    {
        var list = points.ToList();
        if (list.Count < 2) return null;
        var mx = list.Average(p => p.X);
        var my = list.Average(p => p.Y);
        double sxy = 0, sxx = 0;
        foreach (var (x, y) in list)
        {
            sxy += (x - mx) * (y - my);
            sxx += (x - mx) * (x - mx);
        }
        return sxx < 1e-12 ? null : sxy / sxx;
    }

    internal static double Mb(long bytes) => Math.Round(bytes / 1048576.0, 2);

    private static double Round(double mb) => Math.Round(mb, 1);
}
