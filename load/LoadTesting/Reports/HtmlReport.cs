using System.Globalization;
using System.Net;
using System.Text;

namespace ConformanceKit.LoadTesting;

/// <summary>
/// The HTML report: one file, no script, no CDN, no external font — charts are inline SVG drawn here (rate, latency
/// percentiles and errors over time per scenario, and the target process's memory when sampled), so it opens offline and in CI artefacts.
/// </summary>
public static class HtmlReport
{
    public static string Render(RunReport r)
    {
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Load test ").Append(E(r.Name)).Append("</title>");
        b.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>").Append(Css).Append("</style></head><body>");
        b.Append("<header><h1>Load test <code>").Append(E(r.Name)).Append("</code> <span id=\"verdict\" class=\"")
            .Append(r.Passed ? "pass\">PASSED" : "fail\">FAILED").Append("</span></h1>");
        b.Append("<p>Target: <b>").Append(E(r.Target)).Append("</b> · started ").Append(r.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
            .Append(" UTC · ").Append(N(r.WallSeconds, "0.0")).Append(" s wall time · ").Append(r.Machine.Cores).Append(" cores, load average ")
            .Append(N(r.Machine.LoadAverage1m)).Append(" · ").Append(E(r.Machine.Runtime)).Append("</p></header>");

        if (r.Thresholds.Count > 0)
        {
            b.Append("<section><h2>Thresholds</h2><table id=\"thresholds\"><thead><tr><th>threshold</th><th>scope</th><th>result</th><th>detail</th></tr></thead><tbody>");
            foreach (var t in r.Thresholds)
                b.Append("<tr class=\"").Append(t.Passed ? "pass" : "fail").Append("\"><td><code>").Append(E(t.Expression)).Append("</code></td><td>")
                    .Append(E(t.Scope)).Append("</td><td>").Append(t.Passed ? "pass" : "FAIL").Append("</td><td>").Append(E(t.Detail)).Append("</td></tr>");
            b.Append("</tbody></table></section>");
        }

        b.Append("<section><h2>Statistics</h2><table id=\"stats\"><thead><tr><th>scenario / step</th><th>ok</th><th>fail</th><th>fail %</th><th>rate /s</th>")
            .Append("<th>p50 ms</th><th>p75 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th><th>bytes</th><th>status codes</th></tr></thead><tbody>");
        foreach (var s in r.Scenarios)
        {
            Row(b, s.Name, s.All, "scenario");
            if (s.Steps.Count > 1) foreach (var st in s.Steps) Row(b, s.Name + "." + st.Name, st, "step");
        }
        b.Append("</tbody></table><p class=\"note\">Latency of a scenario and of its first step is counted from the invocation's <em>scheduled</em> start " +
                 "(open model), so time spent waiting for a stalled target is included.</p></section>");

        if (r.Metrics.Count > 0)
        {
            b.Append("<section><h2>Domain checks</h2><table id=\"metrics\"><tbody>");
            foreach (var (k, v) in r.Metrics) b.Append("<tr><td>").Append(E(k)).Append("</td><td class=\"num\">").Append(N(v, "0.###")).Append("</td></tr>");
            b.Append("</tbody></table></section>");
        }

        foreach (var s in r.Scenarios)
        {
            b.Append("<section class=\"scenario\"><h2>").Append(E(s.Name)).Append("</h2><p>").Append(E(string.Join(", then ", s.Simulations)));
            if (s.WarmUpSeconds > 0) b.Append(" · warm-up ").Append(N(s.WarmUpSeconds)).Append(" s (not counted)");
            b.Append(" · measured ").Append(N(s.MeasuredSeconds, "0.0")).Append(" s</p>");
            b.Append("<div class=\"charts\">");
            b.Append(Chart("Rate (invocations/s)", s.Timeline, [("ok + fail /s", "#2b6cb0", p => p.Rps)], "/s"));
            b.Append(Chart("Latency (ms)", s.Timeline, [("p50", "#38a169", p => p.P50), ("p95", "#d69e2e", p => p.P95), ("p99", "#e53e3e", p => p.P99)], "ms"));
            b.Append(Chart("Errors (per bucket)", s.Timeline, [("fail", "#c53030", p => p.Fail)], ""));
            if (r.Memory is { } memory && ReferenceEquals(s, r.Scenarios[0])) b.Append(MemoryChart(memory));
            b.Append("</div>");
            if (s.All.Errors.Count > 0)
            {
                b.Append("<h3>Errors by kind</h3><table class=\"errors\"><thead><tr><th>kind</th><th>count</th><th>example</th></tr></thead><tbody>");
                foreach (var e in s.All.Errors)
                    b.Append("<tr><td>").Append(E(e.Kind)).Append("</td><td class=\"num\">").Append(e.Count).Append("</td><td>").Append(E(e.Example ?? "")).Append("</td></tr>");
                b.Append("</tbody></table>");
            }
            b.Append("</section>");
        }
        if (r.Memory is { } m) Memory(b, m);
        if (r.Notes.Count > 0)
        {
            b.Append("<section><h2>Notes</h2><ul>");
            foreach (var n in r.Notes) b.Append("<li>").Append(E(n)).Append("</li>");
            b.Append("</ul></section>");
        }
        b.Append("<footer>ConformanceKit load test · report.json, report.md, stats.csv, timeline.csv (and memory.csv) hold the same figures</footer></body></html>");
        return b.ToString();
    }

    /// <summary>The memory figures under the charts: whose process, and start / max / end / slope over the measured window.</summary>
    private static void Memory(StringBuilder b, MemoryReport m)
    {
        var f = m.Metrics();
        string V(string k, string unit) => f.TryGetValue(k, out var v) ? N(v, "0.###") + unit : "—";
        b.Append("<section><h2>Memory</h2><p>").Append(E(m.Process)).Append(", sampled every ").Append(N(m.IntervalSeconds)).Append(" s (")
            .Append(m.Samples.Count).Append(" samples); figures over the measured window, warm-up excluded.</p><table id=\"memory-figures\"><thead><tr>")
            .Append("<th></th><th>start</th><th>max</th><th>end</th><th>slope</th></tr></thead><tbody>");
        b.Append("<tr><td>working set</td><td class=\"num\">").Append(V("ws-start-mb", " MB")).Append("</td><td class=\"num\">").Append(V("ws-max-mb", " MB"))
            .Append("</td><td class=\"num\">").Append(V("ws-end-mb", " MB")).Append("</td><td class=\"num\">").Append(V("ws-slope-mb-per-min", " MB/min")).Append("</td></tr>");
        if (f.ContainsKey("rss-anon-end-mb"))
            b.Append("<tr><td>RssAnon</td><td class=\"num\">").Append(V("rss-anon-start-mb", " MB")).Append("</td><td class=\"num\">").Append(V("rss-anon-max-mb", " MB"))
                .Append("</td><td class=\"num\">").Append(V("rss-anon-end-mb", " MB")).Append("</td><td class=\"num\">").Append(V("rss-anon-slope-mb-per-min", " MB/min")).Append("</td></tr>");
        if (f.ContainsKey("gc-heap-end-mb"))
            b.Append("<tr><td>GC heap</td><td class=\"num\">").Append(V("gc-heap-start-mb", " MB")).Append("</td><td class=\"num\">").Append(V("gc-heap-max-mb", " MB"))
                .Append("</td><td class=\"num\">").Append(V("gc-heap-end-mb", " MB")).Append("</td><td class=\"num\">").Append(V("gc-heap-slope-mb-per-min", " MB/min")).Append("</td></tr>");
        b.Append("</tbody></table></section>");
    }

    private static void Row(StringBuilder b, string name, StepReport s, string kind) =>
        b.Append("<tr class=\"").Append(kind).Append("\"><td>").Append(E(name)).Append("</td><td class=\"num\">").Append(s.Ok.ToString("N0", CultureInfo.InvariantCulture))
            .Append("</td><td class=\"num\">").Append(s.Fail.ToString("N0", CultureInfo.InvariantCulture)).Append("</td><td class=\"num\">").Append(N(s.FailPercent))
            .Append("</td><td class=\"num\">").Append(N(s.Rps, "0.0")).Append("</td><td class=\"num\">").Append(N(s.Latency.P50)).Append("</td><td class=\"num\">")
            .Append(N(s.Latency.P75)).Append("</td><td class=\"num\">").Append(N(s.Latency.P95)).Append("</td><td class=\"num\">").Append(N(s.Latency.P99))
            .Append("</td><td class=\"num\">").Append(N(s.Latency.Max)).Append("</td><td class=\"num\">").Append(s.Bytes.ToString("N0", CultureInfo.InvariantCulture))
            .Append("</td><td>").Append(E(ReportWriter.Codes(s))).Append("</td></tr>");

    /// <summary>A line chart over the timeline: x = seconds into the measured window, one polyline per series, a legend.</summary>
    internal static string Chart(string title, IReadOnlyList<TimelinePoint> points, (string Name, string Color, Func<TimelinePoint, double> Value)[] series, string unit) =>
        Chart(title, points, p => p.At, points.Count > 1 ? points[1].At - points[0].At : 1, series, unit);

    /// <summary>The memory chart: working set (and RssAnon, GC heap when read) from the end of the warm-up on, through the
    /// drain and checks, with a dashed line where the load ends (the figures cover only what is left of it).</summary>
    internal static string MemoryChart(MemoryReport m)
    {
        var points = m.Samples.Where(p => p.At >= 0).ToList();
        var series = new List<(string, string, Func<MemoryPoint, double>)> { ("working set", "#6b46c1", p => p.WorkingSetMb) };
        if (points.Any(p => p.AnonymousMb is not null)) series.Add(("RssAnon", "#dd6b20", p => p.AnonymousMb ?? 0));
        if (points.Any(p => p.GcHeapMb is not null)) series.Add(("GC heap", "#319795", p => p.GcHeapMb ?? 0));
        return Chart("Memory (MB)", points, p => p.At, m.IntervalSeconds, [.. series], "MB, " + m.Process, "memory", m.MeasuredSeconds);
    }

    internal static string Chart<TPoint>(string title, IReadOnlyList<TPoint> points, Func<TPoint, double> at, double step,
        (string Name, string Color, Func<TPoint, double> Value)[] series, string unit, string? id = null, double? loadEnds = null)
    {
        const double W = 560, H = 220, L = 56, R = 12, T = 28, B = 30;
        var b = new StringBuilder();
        b.Append("<figure class=\"chart\"").Append(id is null ? "" : $" id=\"{E(id)}\"").Append("><svg role=\"img\" aria-label=\"").Append(E(title)).Append("\" viewBox=\"0 0 ").Append(N(W)).Append(' ').Append(N(H))
            .Append("\" width=\"").Append(N(W)).Append("\" height=\"").Append(N(H)).Append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        b.Append("<text x=\"").Append(N(L)).Append("\" y=\"16\" class=\"title\">").Append(E(title)).Append("</text>");
        if (points.Count == 0)
        {
            b.Append("<text x=\"").Append(N(W / 2)).Append("\" y=\"").Append(N(H / 2)).Append("\" text-anchor=\"middle\">no data</text></svg></figure>");
            return b.ToString();
        }
        var maxX = Math.Max(1, at(points[^1]) + step);
        var maxY = Nice(series.SelectMany(s => points.Select(s.Value)).DefaultIfEmpty(0).Max());
        double X(double x) => L + (W - L - R) * x / maxX;
        double Y(double y) => H - B - (H - T - B) * y / maxY;
        for (var i = 0; i <= 4; i++)
        {
            var v = maxY * i / 4;
            b.Append("<line class=\"grid\" x1=\"").Append(N(L)).Append("\" x2=\"").Append(N(W - R)).Append("\" y1=\"").Append(N(Y(v))).Append("\" y2=\"").Append(N(Y(v))).Append("\"/>");
            b.Append("<text class=\"axis\" x=\"").Append(N(L - 4)).Append("\" y=\"").Append(N(Y(v) + 4)).Append("\" text-anchor=\"end\">").Append(N(v, "0.#")).Append("</text>");
        }
        for (var i = 0; i <= 4; i++)
        {
            var v = maxX * i / 4;
            b.Append("<text class=\"axis\" x=\"").Append(N(X(v))).Append("\" y=\"").Append(N(H - 10)).Append("\" text-anchor=\"middle\">").Append(N(v, "0")).Append(" s</text>");
        }
        if (loadEnds is { } end && end > 0 && end < maxX)
            b.Append("<line class=\"mark\" x1=\"").Append(N(X(end))).Append("\" x2=\"").Append(N(X(end))).Append("\" y1=\"").Append(N(T)).Append("\" y2=\"")
                .Append(N(H - B)).Append("\"/><text class=\"axis\" x=\"").Append(N(X(end) - 3)).Append("\" y=\"").Append(N(T + 10))
                .Append("\" text-anchor=\"end\">load ends</text>");
        var legendX = W - R - 90 * series.Length;
        for (var k = 0; k < series.Length; k++)
        {
            var (name, color, value) = series[k];
            b.Append("<polyline class=\"series\" data-series=\"").Append(E(name)).Append("\" fill=\"none\" stroke=\"").Append(color).Append("\" stroke-width=\"2\" points=\"");
            foreach (var p in points) b.Append(N(X(at(p)))).Append(',').Append(N(Y(value(p)))).Append(' ');
            b.Append("\"/>");
            b.Append("<rect x=\"").Append(N(legendX + 90 * k)).Append("\" y=\"8\" width=\"10\" height=\"10\" fill=\"").Append(color).Append("\"/>")
                .Append("<text class=\"legend\" x=\"").Append(N(legendX + 90 * k + 14)).Append("\" y=\"17\">").Append(E(name)).Append("</text>");
        }
        b.Append("</svg><figcaption>").Append(E(title)).Append(unit.Length > 0 ? " — " + E(unit) : "").Append("</figcaption></figure>");
        return b.ToString();
    }

    private static double Nice(double max)
    {
        if (max <= 0) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var f in new[] { 1, 2, 2.5, 5, 10 })
            if (max <= f * magnitude) return f * magnitude;
        return 10 * magnitude;
    }

    private static string N(double v, string format = "0.##") => v.ToString(format, CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem auto;max-width:1200px;color:#1a202c;padding:0 1rem}
        h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #e2e8f0}
        table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}th,td{padding:.3rem .6rem;border-bottom:1px solid #e2e8f0;text-align:left}
        td.num{text-align:right;font-variant-numeric:tabular-nums}tr.step td:first-child{padding-left:1.5rem;color:#4a5568}
        .pass{color:#276749}.fail{color:#c53030;font-weight:bold}#verdict{font-size:1rem;padding:.2rem .6rem;border:2px solid currentColor;border-radius:4px}
        .charts{display:flex;flex-wrap:wrap;gap:1rem}.chart{margin:0}figcaption{font-size:.8rem;color:#4a5568}
        svg .grid{stroke:#edf2f7}svg .mark{stroke:#718096;stroke-dasharray:4 3}svg .axis{font-size:10px;fill:#4a5568}svg .title{font-size:12px;font-weight:bold}svg .legend{font-size:11px}
        .note{font-size:.85rem;color:#4a5568}footer{margin-top:2rem;font-size:.8rem;color:#718096}
        """;
}
