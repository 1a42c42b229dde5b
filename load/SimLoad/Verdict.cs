namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// The issue's targets as thresholds: ≥ 5,000 invoices/s sustained (judged on SQLite, and on a
/// --target or self-test run standing in for it), p99 receipt → 204 under 1 s and clean data
/// (every 204 LTBao 2, none missing) on every simulator, and no failed 999s anywhere.
/// </summary>
public static class Verdict
{
    public static IReadOnlyList<Threshold> Thresholds(RunOptions o) =>
    [
        Threshold.Create($"sustained ≥ {o.TargetInvoicesPerSecond:N0} invoices/s",
            r => r.Kind is TargetKind.Sqlite or TargetKind.Url or TargetKind.SelfTest,
            r => r.SustainedInvoicesPerSecond >= o.TargetInvoicesPerSecond - Quantum(r),
            r => $"{r.SustainedInvoicesPerSecond:N0} invoices/s"),
        Threshold.Create($"p99 receipt → 204 < {o.TargetP99ReceiptMs:N0} ms",
            r => r.Has204,
            r => r.ReceiptTo204 is { Count: > 0 } l && l.P99Ms < o.TargetP99ReceiptMs && r.Missing204 == 0,
            r => r.ReceiptTo204 is { Count: > 0 } l
                ? $"p99 {Report.Ms(l.P99Ms)}{(r.Missing204 > 0 ? $", {r.Missing204:N0} never came" : "")}"
                : "no 204 seen"),
        Threshold.Create("every 204 LTBao 2, none missing",
            r => r.Has204,
            r => r.Failed204 == 0 && r.Missing204 == 0 && r.Valid204 > 0,
            r => $"LTBao 2: {r.Valid204:N0}, LTBao 7: {r.Failed204:N0}, missing: {r.Missing204:N0}"),
        Threshold.Create("no failed 999s (4xx/5xx/refused/timeouts)",
            _ => true,
            r => r.Failed == 0 && r.Accepted > 0,
            r => $"{r.Failed:N0} failed of {r.Sent:N0}"),
    ];

    /// <summary>
    /// One package's worth at each edge of the window: at exactly the target rate the count of 204s
    /// inside a window is rate × duration ± 1, so a perfect server must not fail on rounding.
    /// </summary>
    public static double Quantum(TargetResult r) => 2.0 * r.InvoicesPerPackage / Math.Max(1, r.DurationSeconds);

    public static List<ThresholdResult> Evaluate(RunOptions o, IEnumerable<TargetResult> results) =>
        results.SelectMany(r => Thresholds(o).Where(t => t.AppliesTo(r)).Select(t => t.Evaluate(r))).ToList();
}
