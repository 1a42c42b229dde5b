using System.Globalization;
using System.Text;

namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// The text report: one table with a column per target, the simulator/ceiling ratios, loud
/// sections for anything that went wrong (failed 204s, missing 204s, refused packages, server
/// errors), and the verdict per threshold.
/// </summary>
public static class Report
{
    private const int LabelWidth = 34;
    private const int ColumnWidth = 20;
    private const double NoisyCpuPercent = 15;

    public static string Render(RunOptions o, IReadOnlyList<TargetResult> results, IReadOnlyList<RatioLine> ratios,
        IReadOnlyList<ThresholdResult> verdict, string header)
    {
        var sb = new StringBuilder();
        sb.AppendLine(header).AppendLine();
        Row(sb, "", results.Select(r => r.Name));
        Row(sb, "", results.Select(_ => new string('-', ColumnWidth - 2)));
        Row(sb, "offered packages/s", results.Select(r => N(r.OfferedPackagesPerSecond, 1)));
        Row(sb, "accepted 999s/s (in window)", results.Select(r => N(r.AckPackagesPerSecond, 1)));
        Row(sb, "sustained packages/s (204s)", results.Select(r => r.Has204 ? N(r.SustainedPackagesPerSecond, 1) : N(r.SustainedPackagesPerSecond, 1) + " (999)"));
        Row(sb, "sustained invoices/s", results.Select(r => N(r.SustainedInvoicesPerSecond, 0)));
        Row(sb, "999 latency p50", results.Select(r => Ms(r.Ack.P50Ms)));
        Row(sb, "999 latency p90", results.Select(r => Ms(r.Ack.P90Ms)));
        Row(sb, "999 latency p99", results.Select(r => Ms(r.Ack.P99Ms)));
        Row(sb, "999 latency max", results.Select(r => Ms(r.Ack.MaxMs)));
        Row(sb, "receipt → 204 p50", results.Select(r => Opt(r.ReceiptTo204, l => Ms(l.P50Ms))));
        Row(sb, "receipt → 204 p90", results.Select(r => Opt(r.ReceiptTo204, l => Ms(l.P90Ms))));
        Row(sb, "receipt → 204 p99", results.Select(r => Opt(r.ReceiptTo204, l => Ms(l.P99Ms))));
        Row(sb, "receipt → 204 max", results.Select(r => Opt(r.ReceiptTo204, l => Ms(l.MaxMs))));
        Row(sb, "send → 204 p50 / p99", results.Select(r => Opt(r.SendTo204, l => $"{Ms(l.P50Ms)} / {Ms(l.P99Ms)}")));
        Row(sb, "204 backlog: window start / end", results.Select(r => r.Has204 ? $"{r.BacklogAtStart:N0} / {r.BacklogAtEnd:N0}" : "—"));
        Row(sb, "sent / accepted (999)", results.Select(r => $"{r.Sent:N0} / {r.Accepted:N0}"));
        Row(sb, "errors: 4xx / 5xx / other", results.Select(Errors));
        Row(sb, "204 LTBao 2 / 7 / missing", results.Select(r => r.Has204 ? $"{r.Valid204:N0} / {r.Failed204:N0} / {r.Missing204:N0}" : "—"));
        Row(sb, "204 duplicated / foreign", results.Select(r => r.Has204 ? $"{r.Duplicate204:N0} / {r.Unmatched204:N0}" : "—"));
        Row(sb, "inbox poll p50 / p99", results.Select(r => Opt(r.InboxPoll, l => $"{Ms(l.P50Ms)} / {Ms(l.P99Ms)}")));
        Row(sb, "runner lag p99 / max", results.Select(r => $"{Ms(r.SchedulerLag.P99Ms)} / {Ms(r.SchedulerLag.MaxMs)}"));
        Row(sb, "CPU % core: runner / sim / db", results.Select(r =>
            $"{r.RunnerCpuPercent:N0} / {Pct(r.ServerCpuPercent)} / {Pct(r.DatabaseCpuPercent)}"));
        Row(sb, "CPU % core: other processes", results.Select(r => Pct(r.OthersCpuPercent)));
        Row(sb, "waited for last 204s", results.Select(r => r.Has204 ? $"{r.DrainSeconds:N1} s" : "—"));

        if (ratios.Count > 0)
        {
            sb.AppendLine().AppendLine("Ratio to the ceiling (same offered load):");
            foreach (var r in ratios)
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"  {r.Target,-10} throughput {r.ThroughputRatio:P1} of the ceiling; 999 p50 {r.AckP50Ratio:N1}× the ceiling's ({Ms(r.AckP50Ms)} vs {Ms(r.CeilingAckP50Ms)})");
            sb.AppendLine("  (below saturation both sides reach the offered rate, so the throughput ratio is ~100 %: raise --rate to find where they part)");
        }

        foreach (var r in results) Problems(sb, r);
        foreach (var r in results.Where(r => r.Timeline is { Count: > 0 }))
            sb.AppendLine().Append(TimelineSecond.Render(r.Name, r.Timeline!));

        sb.AppendLine().AppendLine("Verdict:");
        foreach (var v in verdict)
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {(v.Passed ? "PASS" : "FAIL")}  {v.Target,-10} {v.Threshold} — {v.Actual}");
        var offered = o.Rate * o.Invoices;
        if (offered < o.TargetInvoicesPerSecond)
            sb.AppendLine(CultureInfo.InvariantCulture, $"  note: the offered load ({offered:N0} invoices/s) is below the target ({o.TargetInvoicesPerSecond:N0}); raise --rate");
        if (verdict.Count == 0) sb.AppendLine("  (no thresholds apply to these targets)");
        return sb.ToString();
    }

    /// <summary>Milliseconds, short: "850 µs", "12.3 ms", "1.42 s".</summary>
    public static string Ms(double ms) => ms switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{ms * 1000:N0} µs"),
        < 100 => string.Create(CultureInfo.InvariantCulture, $"{ms:N1} ms"),
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{ms:N0} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:N2} s"),
    };

    private static void Problems(StringBuilder sb, TargetResult r)
    {
        var lines = new List<string>();
        if (r.Failed204 > 0)
        {
            lines.Add($"!!! {r.Failed204:N0} packages got a 204 with LTBao 7 (data check FAILED): the generated data is wrong or the check is.");
            if (r.FirstFailed204 is { } n)
            {
                lines.Add($"    first failed 204 {n.MessageId} answering {n.ReferenceId}:");
                lines.AddRange(n.Errors.Take(10).Select(e => "      " + e));
                if (n.Errors.Count > 10) lines.Add($"      … {n.Errors.Count - 10} more");
            }
        }
        if (r.Missing204 > 0)
            lines.Add($"!!! {r.Missing204:N0} accepted packages never got a 204 within {r.DrainSeconds:N0} s after the load stopped.");
        if (r.Failed > 0)
        {
            lines.Add($"!!! {r.Failed:N0} of {r.Sent:N0} posts failed: {string.Join(", ", r.FailKinds.Select(k => $"{k.Key} × {k.Value:N0}"))}");
            if (r.FirstRefusal is { } refusal) lines.Add("    first refusal: " + Truncate(refusal, 600));
        }
        if (r.Has204 && r.BacklogAtEnd > r.BacklogAtStart + Math.Max(2, r.OfferedPackagesPerSecond))
            lines.Add($"!   the 204 backlog grew from {r.BacklogAtStart:N0} to {r.BacklogAtEnd:N0} packages over the window: the server fell behind the offered rate (not a steady state).");
        else if (r.Has204 && r.SustainedPackagesPerSecond > r.OfferedPackagesPerSecond * 1.02)
            lines.Add($"    note: sustained is above the offered rate because a backlog of {r.BacklogAtStart:N0} from the warm-up drained inside the window; a longer --warmup shows the steady state.");
        if (r.FailedPolls > 0) lines.Add($"!   {r.FailedPolls:N0} inbox polls failed; last: {r.LastPollError}");
        if (r.Duplicate204 > 0) lines.Add($"!   {r.Duplicate204:N0} packages got more than one 204.");
        if (r.OthersCpuPercent >= NoisyCpuPercent)
            lines.Add(r.Kind == TargetKind.Postgres && r.DatabaseCpuPercent is null
                ? $"    note: other processes used {r.OthersCpuPercent:N0} % of a core during the load; with --pg that includes the database server."
                : $"!   other processes used {r.OthersCpuPercent:N0} % of a core during the load: the machine was shared, figures are disturbed.");
        if (r.SchedulerLag.P99Ms >= 20)
            lines.Add($"!   the runner itself was late (lag p99 {Ms(r.SchedulerLag.P99Ms)}): the cores were saturated; latencies include it.");
        if (r.ServerDied) lines.Add("!!! the simulator process exited during the run.");
        if (r.ServerLogErrors > 0) lines.Add($"!   {r.ServerLogErrors:N0} error lines in the simulator's log {r.ServerLog}");
        lines.AddRange(r.Notes.Select(n => "    note: " + n));
        if (lines.Count == 0) return;
        sb.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"[{r.Name}]");
        foreach (var l in lines) sb.AppendLine(l);
    }

    private static string Errors(TargetResult r)
    {
        long c4 = 0, c5 = 0, other = 0;
        foreach (var (kind, count) in r.FailKinds)
        {
            if (kind.StartsWith("HTTP 4", StringComparison.Ordinal)) c4 += count;
            else if (kind.StartsWith("HTTP 5", StringComparison.Ordinal)) c5 += count;
            else other += count;
        }
        return $"{c4:N0} / {c5:N0} / {other:N0}";
    }

    private static string Pct(double? p) => p is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "—";

    private static string Opt(LatencySummary? l, Func<LatencySummary, string> f) => l is { Count: > 0 } ? f(l) : "—";

    private static string N(double v, int decimals) => v.ToString("N" + decimals, CultureInfo.InvariantCulture);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    private static void Row(StringBuilder sb, string label, IEnumerable<string> cells)
    {
        sb.Append(label.PadRight(LabelWidth));
        foreach (var c in cells) sb.Append(c.PadLeft(ColumnWidth));
        sb.AppendLine();
    }
}
