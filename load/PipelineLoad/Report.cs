using System.Globalization;
using System.Text;

namespace ConformanceKit.Load.PipelineLoad;

/// <summary>The table printed at the end of a run (Markdown, so it pastes into docs/performance.md).</summary>
public static class Report
{
    public static string Render(string header, IReadOnlyList<VariantResult> results, IReadOnlyList<Ratios> ratios, LatencySummary? fsync)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(header);
        sb.AppendLine();
        sb.Append("| |");
        foreach (var r in results) sb.Append(inv, $" {r.Variant} |");
        foreach (var q in ratios) sb.Append(inv, $" {q.Name} |");
        sb.AppendLine();
        sb.Append("|---|");
        foreach (var _ in results) sb.Append("---:|");
        foreach (var _ in ratios) sb.Append("---:|");
        sb.AppendLine();

        void Row(string name, Func<VariantResult, string> cell, Func<Ratios, string>? ratio = null)
        {
            sb.Append(inv, $"| {name} |");
            foreach (var r in results) sb.Append(inv, $" {cell(r)} |");
            foreach (var q in ratios) sb.Append(inv, $" {ratio?.Invoke(q) ?? ""} |");
            sb.AppendLine();
        }

        Row("sales issued (201) / errors", r => string.Create(inv, $"{r.Issued:N0} / {r.Errors:N0}"));
        Row("**issue rate**, sales/s (first POST → last answer)", r => string.Create(inv, $"**{r.IssuePerSecond:N0}** ({r.IssueSeconds:N2} s)"),
            q => string.Create(inv, $"**{q.IssueRate:N2}**"));
        Row("POST latency p50 / p99 / max, ms", r => string.Create(inv, $"{r.Post.P50Ms:N1} / {r.Post.P99Ms:N1} / {r.Post.MaxMs:N0}"),
            q => string.Create(inv, $"{q.PostP50:N2} / {q.PostP99:N2}"));
        Row("**end-to-end rate**, invoices/s (first POST → last accepted)",
            r => r.EndToEndPerSecond is { } e ? string.Create(inv, $"**{e:N0}** ({r.EndToEndSeconds:N2} s)") : "not all accepted",
            q => q.EndToEndRate is { } er ? string.Create(inv, $"**{er:N2}**") : "—");
        Row("tail after the last POST, s", r => r.DrainSeconds is { } d ? string.Create(inv, $"{d:N2}") : "—");
        Row("accepted when the last POST was answered", r => string.Create(inv, $"{r.AcceptedAtIssueEnd:N0}"));
        Row("packages sent (invoices / package)", r => string.Create(inv, $"{r.PackagesSent:N0} ({r.InvoicesPerPackage:N1})"));
        Row("CPU of the process, ms / invoice (clients + provider + simulator)", r => string.Create(inv, $"{r.CpuMsPerInvoice:N2}"));
        Row("CPU busy, % of the 2 cores (others' CPU, s)",
            r => string.Create(inv, $"{100 * r.CpuSeconds / Math.Max(1e-9, r.WallSeconds * Environment.ProcessorCount):N0} % ({r.OtherCpuSeconds:N1})"));
        if (fsync is not null)
        {
            sb.AppendLine();
            sb.AppendLine(string.Create(inv,
                $"fsync probe (4 KB write + fsync in the crash-safe store's folder, {fsync.Count} times): p50 {fsync.P50Ms:N2} ms, p99 {fsync.P99Ms:N2} ms, mean {fsync.MeanMs:N2} ms"));
        }
        foreach (var r in results.Where(r => r.OtherCpuSeconds > 0.15 * r.WallSeconds))
            sb.AppendLine(string.Create(inv, $"!   {r.Variant}: other processes used {100 * r.OtherCpuSeconds / r.WallSeconds:N0} % of a core meanwhile; its figures are disturbed"));
        foreach (var r in results.Where(r => !r.Completed))
        {
            sb.AppendLine(string.Create(inv, $"  FAIL  {r.Variant}: {r.Errors} error(s){(r.FirstError is null ? "" : $", first: {r.FirstError}")}; " +
                                              $"{(r.EndToEndSeconds is null ? "not every invoice accepted; " : "")}invoices {PipelineRun.Describe(r.InvoiceStates)}; " +
                                              $"packages {PipelineRun.Describe(r.PackageStates)}; last problem: {r.LastProblem ?? "none"}"));
        }
        return sb.ToString();
    }
}
