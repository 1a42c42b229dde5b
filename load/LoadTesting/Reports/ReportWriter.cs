using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceKit.LoadTesting;

/// <summary>Writes a run's reports into a folder: report.html (self-contained, charts as inline SVG), report.md, report.json, stats.csv, timeline.csv,
/// and memory.csv (every memory sample) when the run sampled the target's memory.</summary>
public static class ReportWriter
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static IReadOnlyList<string> WriteAll(RunReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>
        {
            Write(folder, "report.html", HtmlReport.Render(report)),
            Write(folder, "report.md", Markdown(report)),
            Write(folder, "report.json", JsonSerializer.Serialize(report, Json)),
            Write(folder, "stats.csv", StatsCsv(report)),
            Write(folder, "timeline.csv", TimelineCsv(report)),
        };
        if (report.Memory is not null) files.Add(Write(folder, "memory.csv", MemoryCsv(report.Memory)));
        return files;
    }

    private static string Write(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    internal static string N(double v, string format = "0.##") => v.ToString(format, CultureInfo.InvariantCulture);

    public static string Markdown(RunReport r)
    {
        var b = new StringBuilder();
        b.AppendLine($"## Load test {r.Name}: {(r.Passed ? "PASSED" : "FAILED")}");
        b.AppendLine();
        b.AppendLine($"Target: {r.Target}. Started {r.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {N(r.WallSeconds, "0.0")} s wall time. " +
                     $"Machine: {r.Machine.Cores} cores, load average {N(r.Machine.LoadAverage1m)}, {r.Machine.Runtime}.");
        b.AppendLine();
        b.AppendLine("| scenario / step | ok | fail | fail % | rate /s | p50 ms | p75 ms | p95 ms | p99 ms | max ms | bytes |");
        b.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in r.Scenarios)
        {
            Row(b, $"**{s.Name}**", s.All);
            if (s.Steps.Count > 1)
                foreach (var st in s.Steps) Row(b, $"{s.Name}.{st.Name}", st);
        }
        b.AppendLine();
        foreach (var s in r.Scenarios)
        {
            b.AppendLine($"- **{s.Name}**: {string.Join(", then ", s.Simulations)}{(s.WarmUpSeconds > 0 ? $" (after {N(s.WarmUpSeconds)} s warm-up)" : "")}; " +
                         $"status codes {Codes(s.All)}{(s.All.Errors.Count > 0 ? "; errors " + string.Join(", ", s.All.Errors.Select(e => $"{e.Kind} ×{e.Count}")) : "")}");
        }
        if (r.Metrics.Count > 0)
        {
            b.AppendLine();
            b.AppendLine("| domain metric | value |");
            b.AppendLine("|---|---:|");
            foreach (var (k, v) in r.Metrics) b.AppendLine($"| {k} | {N(v, "0.###")} |");
        }
        if (r.Thresholds.Count > 0)
        {
            b.AppendLine();
            b.AppendLine("| threshold | scope | result | detail |");
            b.AppendLine("|---|---|---|---|");
            foreach (var t in r.Thresholds) b.AppendLine($"| `{t.Expression}` | {t.Scope} | {(t.Passed ? "✅ pass" : "❌ FAIL")} | {Escape(t.Detail)} |");
        }
        if (r.Memory is { } memory)
        {
            var f = memory.Metrics();
            string V(string k) => f.TryGetValue(k, out var v) ? N(v, "0.###") : "—";
            b.AppendLine();
            b.AppendLine($"Memory of {memory.Process} over the measured window ({memory.Measured().Count} samples, every {N(memory.IntervalSeconds)} s, warm-up excluded): " +
                         $"working set {V("ws-start-mb")} → max {V("ws-max-mb")} → {V("ws-end-mb")} MB, slope {V("ws-slope-mb-per-min")} MB/min" +
                         (f.ContainsKey("gc-heap-end-mb") ? $"; GC heap {V("gc-heap-start-mb")} → {V("gc-heap-end-mb")} MB, slope {V("gc-heap-slope-mb-per-min")} MB/min." : "."));
        }
        foreach (var n in r.Notes) b.AppendLine().Append("> ").AppendLine(n);
        return b.ToString();
    }

    private static void Row(StringBuilder b, string name, StepReport s) =>
        b.AppendLine($"| {name} | {s.Ok:N0} | {s.Fail:N0} | {N(s.FailPercent)} | {N(s.Rps, "0.0")} | {N(s.Latency.P50)} | {N(s.Latency.P75)} | " +
                     $"{N(s.Latency.P95)} | {N(s.Latency.P99)} | {N(s.Latency.Max)} | {s.Bytes:N0} |");

    internal static string Codes(StepReport s) => s.StatusCodes.Count == 0 ? "none" : string.Join(", ", s.StatusCodes.Select(p => $"{p.Key} ×{p.Value}"));

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);

    public static string StatsCsv(RunReport r)
    {
        var b = new StringBuilder("scenario,step,ok,fail,fail_percent,rps,mean_ms,p50_ms,p75_ms,p95_ms,p99_ms,max_ms,bytes,status_codes,errors\n");
        foreach (var s in r.Scenarios)
            foreach (var (step, st) in new[] { ("", s.All) }.Concat(s.Steps.Select(x => (x.Name, x))))
            {
                b.AppendLine(string.Join(',', Csv(s.Name), Csv(step), st.Ok, st.Fail, N(st.FailPercent, "0.###"), N(st.Rps, "0.###"), N(st.Latency.Mean, "0.###"),
                    N(st.Latency.P50, "0.###"), N(st.Latency.P75, "0.###"), N(st.Latency.P95, "0.###"), N(st.Latency.P99, "0.###"), N(st.Latency.Max, "0.###"),
                    st.Bytes, Csv(string.Join(' ', st.StatusCodes.Select(p => $"{p.Key}:{p.Value}"))),
                    Csv(string.Join("; ", st.Errors.Select(e => $"{e.Kind}:{e.Count}")))));
            }
        return b.ToString();
    }

    public static string TimelineCsv(RunReport r)
    {
        // ws_mb: the target's working set at the bucket's last memory sample (empty when memory was not sampled).
        var b = new StringBuilder("scenario,at_s,ok,fail,rps,p50_ms,p95_ms,p99_ms,max_ms,ws_mb\n");
        foreach (var s in r.Scenarios)
        {
            var width = s.Timeline.Count > 1 ? s.Timeline[1].At - s.Timeline[0].At : 1;
            foreach (var p in s.Timeline)
            {
                var ws = r.Memory?.Samples.LastOrDefault(m => m.At >= p.At && m.At < p.At + width);
                b.AppendLine(string.Join(',', Csv(s.Name), N(p.At, "0.###"), p.Ok, p.Fail, N(p.Rps, "0.###"), N(p.P50, "0.###"), N(p.P95, "0.###"),
                    N(p.P99, "0.###"), N(p.Max, "0.###"), ws is null ? "" : N(ws.WorkingSetMb, "0.##")));
            }
        }
        return b.ToString();
    }

    /// <summary>Every memory sample: seconds since the measured window began (negative: warm-up), working set, RssAnon, GC heap (MB).</summary>
    public static string MemoryCsv(MemoryReport m)
    {
        var b = new StringBuilder("at_s,working_set_mb,rss_anon_mb,gc_heap_mb,measured\n");
        foreach (var p in m.Samples)
            b.AppendLine(string.Join(',', N(p.At, "0.###"), N(p.WorkingSetMb, "0.##"), p.AnonymousMb is { } a ? N(a, "0.##") : "",
                p.GcHeapMb is { } g ? N(g, "0.##") : "", p.At >= 0 && p.At <= m.MeasuredSeconds + 1e-9 ? "1" : "0"));
        return b.ToString();
    }

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
