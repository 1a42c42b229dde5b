using System.Text.RegularExpressions;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Harness.Reports;
using static ConformanceKit.Harness.Observe.ObservationCase;

namespace ConformanceKit.Harness.Observe;

/// <summary>
/// OBS-ACCEPTED: every answered package was accepted (204 LTBao 2). Each error (LDo) of a rejection (LTBao 7) is one
/// error finding: its MLoi, the invoice its GChu names, and where (the element path, else "HDon n").
/// </summary>
public sealed partial class AcceptedCheck : IObservationCheck
{
    public const string Id = "OBS-ACCEPTED";

    public CaseReport Judge(Observation observation)
    {
        var findings = new List<Finding>();
        foreach (var p in observation.Packages.Where(p => p.Rejected))
        {
            var errors = p.Notice!.Errors ?? [];
            if (errors.Count == 0)
                findings.Add(Error("LTBao 7", "the package was rejected (204 LTBao 7) without reasons", p.MessageId));
            foreach (var e in errors)
                findings.Add(Error(e.Code ?? "?", e.Text ?? "(no MTLoi)", p.MessageId, InvoiceOf(e), LocationOf(e)));
        }
        return Of(Id, "Every package accepted", "Mọi gói dữ liệu đều hợp lệ",
            "Decision 1391/QĐ-TCT step 1, checks 1–7: a 204 with LTBao 2 stores the invoices, LTBao 7 stores none",
            $"every answered package of the {observation.Packages.Count} accepted: 204 LTBao 2",
            findings, observation.ExchangesAbout(findings.Select(f => f.MessageId)));
    }

    /// <summary>The MCCQT in GChu ("HDon 3 (M1-25-A1B2C-00000000003); dòng 41:9; /TDiep/…").</summary>
    public static string? InvoiceOf(CheckError e) => e.Note is { } note && InvoiceCode().Match(note) is { Success: true } m ? m.Groups[1].Value : null;

    public static string? LocationOf(CheckError e)
    {
        if (e.Note is not { } note) return null;
        var path = note.Split("; ").FirstOrDefault(x => x.StartsWith('/'));
        if (path is not null) return path;
        var hdon = HDon().Match(note);
        return hdon.Success ? hdon.Value : null;
    }

    [GeneratedRegex(@"HDon \d+ \(([^)]+)\)")]
    private static partial Regex InvoiceCode();

    [GeneratedRegex(@"HDon \d+")]
    private static partial Regex HDon();
}
