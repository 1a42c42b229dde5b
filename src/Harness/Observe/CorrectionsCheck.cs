using ConformanceKit.Einvoice.Model;
using ConformanceKit.Harness.Reports;
using static ConformanceKit.Harness.Observe.ObservationCase;

namespace ConformanceKit.Harness.Observe;

/// <summary>
/// OBS-CORRECTIONS: the vendor's cancellations, replacements and adjustments in the window (docs/corrections.md).
/// <list type="bullet">
/// <item>every 303 (Form 04/SS-HĐĐT) taken is answered by a 301 (<see cref="Unanswered"/>), and every invoice of it
/// accepted: each MLoi of a 301 verdict TTTNCCQT 2 is an error (9101–9106, or the notice's own 2xxx–5xxx);</item>
/// <item>the chains are valid (<see cref="Chain"/>): no replacement or adjustment of an invoice cancelled (accepted
/// 303 cancel) or replaced before, no replacement of an invoice adjusted before, no replacement or adjustment of an
/// adjustment, no adjustment of a replacement — what the window shows, in order of receipt (Step 1 sees only what
/// was stored; this sees a package's own invoices and races too);</item>
/// <item>every invoice an accepted replacement replaces has its accepted 04/SS with a reason (<see cref="NoNotice"/>):
/// a 303 entry cancelling (TCTBao 1) or replacing (TCTBao 3) it — else Step 2 raises 8006.</item>
/// </list>
/// Invoices are matched by (KHMSHDon, KHHDon, SHDon), as TTHDLQuan names them.
/// </summary>
public sealed class CorrectionsCheck : IObservationCheck
{
    public const string Id = "OBS-CORRECTIONS";
    public const string Unanswered = "OBS-UNANSWERED-303";
    public const string Chain = "OBS-CHAIN";
    public const string NoNotice = "OBS-NO-04SS";

    private sealed class State((string?, string?, string?) key)
    {
        public (string?, string?, string?) Key { get; } = key;
        public string Name { get; } = $"{key.Item1}/{key.Item2}/{key.Item3}";
        public string? Code { get; set; }
        public int? Kind { get; set; }
        public string? CancelledBy { get; set; }
        public List<string> ReplacedBy { get; } = [];
        public List<string> AdjustedBy { get; } = [];
    }

    public CaseReport Judge(Observation observation)
    {
        var findings = new List<Finding>();
        var notices = observation.ErroneousNotices;
        foreach (var n in notices) Verdicts(n, findings);

        var states = new Dictionary<(string?, string?, string?), State>();
        State StateOf(string? form, string? series, string? number) =>
            states.TryGetValue((form, series, number), out var s) ? s : states[(form, series, number)] = new State((form, series, number));

        // Accepted packages and accepted 303 entries, in the order they took effect.
        var events = observation.Packages.Where(p => p is { Rejected: false, Package: not null, Notices.Count: > 0 })
            .Select(p => (At: p.ReceivedAt, Package: (ObservedPackage?)p, Notice: (ObservedErroneousNotice?)null))
            .Concat(notices.Where(n => n.Reply is not null && n.Notice is not null).Select(n => (At: n.DecidedAt, Package: (ObservedPackage?)null, Notice: (ObservedErroneousNotice?)n)))
            .OrderBy(e => e.At);
        var replaced = new List<(State Target, string By, string MessageId)>();
        foreach (var e in events)
        {
            if (e.Notice is { } n)
            {
                foreach (var (entry, _) in Accepted(n).Where(x => x.Entry.Action == 1))
                    StateOf(entry.FormNumber, entry.Series, entry.Number).CancelledBy ??= n.MessageId;
                continue;
            }
            var p = e.Package!;
            for (var i = 0; i < p.Invoices.Count; i++)
            {
                var invoice = p.Invoices[i];
                var g = invoice.General;
                var self = StateOf(g.FormNumber, g.Series, g.Number);
                self.Code ??= invoice.Code;
                if (g.RelatedInvoice is not { Kind: 1 or 2, Number: not null } r) continue;
                self.Kind = r.Kind;
                var target = StateOf(r.FormNumber, r.Series, r.Number);
                var named = target.Name + (target.Code is null ? "" : $" ({target.Code})");
                var problem = r.Kind == 1
                    ? target.CancelledBy is { } c ? $"replaces {named}, cancelled by the 303 {c}"
                    : target.ReplacedBy.Count > 0 ? $"replaces {named}, already replaced by {target.ReplacedBy[0]}"
                    : target.AdjustedBy.Count > 0 ? $"replaces {named}, already adjusted by {target.AdjustedBy[0]}"
                    : target.Kind == 2 ? $"replaces {named}, which is itself an adjustment invoice"
                    : null
                    : target.CancelledBy is { } c2 ? $"adjusts {named}, cancelled by the 303 {c2}"
                    : target.ReplacedBy.Count > 0 ? $"adjusts {named} after it was replaced by {target.ReplacedBy[0]}"
                    : target.Kind is 1 or 2 ? $"adjusts {named}, which is itself {(target.Kind == 1 ? "a replacement" : "an adjustment")} invoice"
                    : null;
                if (problem is not null)
                    findings.Add(Error(Chain, problem + (r.Kind == 1 ? " (a replacement may only replace an untouched invoice; Step 2: 8004)"
                                                                    : " (Step 2: 8005)"),
                        p.MessageId, invoice.Code, $"/TDiep/DLieu/HDon[{i + 1}]/DLHDon/TTChung/TTHDLQuan"));
                (r.Kind == 1 ? target.ReplacedBy : target.AdjustedBy).Add(invoice.Code ?? self.Name);
                if (r.Kind == 1) replaced.Add((target, invoice.Code ?? self.Name, p.MessageId));
            }
        }

        // Every replaced invoice needs its accepted 04/SS (cancel or replace, with a reason), before or after the replacement.
        var explained = notices.SelectMany(n => Accepted(n)).Where(x => x.Entry.Action is 1 or 3 && !string.IsNullOrWhiteSpace(x.Entry.Reason))
            .Select(x => (x.Entry.FormNumber, x.Entry.Series, x.Entry.Number)).ToHashSet();
        foreach (var (target, by, messageId) in replaced.DistinctBy(x => x.Target))
        {
            if (!explained.Contains(target.Key))
                findings.Add(Error(NoNotice,
                    $"{target.Name}{(target.Code is null ? "" : $" ({target.Code})")} is replaced by {by}, but no accepted Form 04/SS-HĐĐT (303 " +
                    "cancelling or replacing it, with a reason) about it is in the window (Step 2: 8006)", messageId, target.Code));
        }

        var about = findings.Select(f => f.MessageId);
        var entries = notices.Sum(n => n.Notice?.Invoices.Count ?? 0);
        return Of(Id, "Corrections made right", "Hủy, điều chỉnh, thay thế hóa đơn đúng quy định",
            "Decree 123/2020/NĐ-CP Art. 19 (Form 04/SS-HĐĐT) and the replacement/adjustment chain rules of Decision 1391/QĐ-TCT (9001/9002, 8004–8006)",
            $"{notices.Count} Form 04/SS-HĐĐT (303, {entries} invoice(s)) each answered by a 301 accepting every invoice; " +
            $"{replaced.Count} replacement(s) and the adjustments in valid chains; every replaced invoice with its accepted 04/SS",
            findings, observation.ExchangesAbout(about));
    }

    /// <summary>A 303 without a 301, and each reason a 301 gives for not accepting an invoice.</summary>
    private static void Verdicts(ObservedErroneousNotice n, List<Finding> findings)
    {
        var received = VietnamClock.Format(n.Received.AtValue);
        if (n.Reply is null)
        {
            findings.Add(Error(Unanswered, $"Form 04/SS-HĐĐT received at {received} (999 TTTNhan 0) has no 301 (Form 01/TB-HĐSS)" +
                (n.ReplyLine?.Outcome is { } o ? $" visible (the simulator's journal: \"{o}\")" : ""), n.MessageId));
            return;
        }
        foreach (var v in n.Reply.Invoices.Where(v => v.Accepted != 1))
        {
            var what = ActionName(v.Action);
            var location = $"/TDiep/DLieu/TBao/DLTBao/DSHDon/HDon[{v.Index}]";
            if (v.Reasons is not { Count: > 0 } reasons)
                findings.Add(Error("TTTNCCQT 2", $"the 301 does not accept the {what} of {v.Code} and gives no reason", n.MessageId, v.Code, location));
            else
                foreach (var reason in reasons)
                    findings.Add(Error(reason.Code ?? "?", $"the 301 does not accept the {what} of {v.Code}: {reason.Description}", n.MessageId, v.Code, location));
        }
    }

    /// <summary>The 303's entries the 301 accepted (matched by STT).</summary>
    private static IEnumerable<(ErroneousInvoice Entry, ErroneousInvoiceResult Verdict)> Accepted(ObservedErroneousNotice n) =>
        n.Notice is null || n.Reply is null ? []
            : n.Notice.Invoices.Join(n.Reply.Invoices.Where(v => v.Accepted == 1), e => e.Index, v => v.Index, (e, v) => (e, v));

    private static string ActionName(int? action) => action switch
    {
        1 => "cancel (TCTBao 1)", 2 => "adjustment (TCTBao 2)", 3 => "replacement (TCTBao 3)", 4 => "explanation (TCTBao 4)",
        _ => $"TCTBao {action}",
    };
}
