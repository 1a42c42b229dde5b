using ConformanceKit.Harness.Catalogue;

namespace ConformanceKit.Harness.Runner;

/// <summary>A case's steps and expectations in words, for reports ("send: package of 3 … → 999 TTTNhan 0; 204 LTBao 7 with exactly {4001}").</summary>
public static class ExpectationText
{
    public static string Describe(ConformanceCase c) => string.Join("\n", c.Steps.Select((s, i) => $"{i + 1}. {Step(s)}"));

    private static string Step(CaseStep s)
    {
        var action = s.Send is { } send ? "send " + Send(send)
            : s.Resend is { } r ? $"resend '{r.Of}' ({r.Mode})"
            : s.Check is { } alias ? $"check '{alias}' again"
            : s.Reconcile ? "run the monthly Step 2 (POST /admin/v1/reconciliation) for the run's month"
            : s.AdvanceClockSeconds is { } secs ? $"advance the simulated clock {secs} s"
            : "clear the fault rules";
        if (s.Name is { } name) action = $"{name}: {action}";
        return s.Expect is { } e ? $"{action} → {Expect(e)}" : action;
    }

    private static string Send(SendSpec s)
    {
        var what = s.Package is { } p ? $"a {p.Invoices}-invoice 206 package" + (p.Taxpayer is null ? "" : $" of {p.Taxpayer}")
                + (p.Signer == "taxpayer" ? "" : $", signer {p.Signer}")
                + string.Concat(p.Related.Select(r => $"; invoice {r.Invoice} {(r.Kind == "replace" ? "replaces" : "adjusts")} invoice {r.Target} of {(r.Of is null ? "this package" : $"'{r.Of}'")}"))
                + string.Concat(p.Mutations.Select(Mutation))
            : s.Notice is { } nt ? "a 303 (Form 04/SS-HĐĐT)" + (nt.Taxpayer is null ? "" : $" of {nt.Taxpayer}") + (nt.Signer == "taxpayer" ? "" : $", signer {nt.Signer}")
                + ": " + string.Join(", ", nt.Entries.Select(x => $"{x.Action} invoice {x.Invoice} of '{x.Of}'"))
                + string.Concat(nt.Mutations.Select(Mutation))
            : s.Registration is { } r ? $"a 100 registration of {r.Taxpayer}"
            : s.Raw is { Bytes: { } n } ? $"{n:N0} bytes" : $"raw text '{Cut(s.Raw?.Text)}'";
        return what + (s.Tvan is null ? "" : $" via {s.Tvan}") + (s.ApiKey is null ? "" : " with a wrong API key") + (s.Path is null ? "" : $" to {s.Path}");
    }

    private static string Mutation(Mutation m) =>
        $"; {m.Op} {m.Path ?? m.From}" + ((m.Value ?? m.To) is { } v ? $" → '{Cut(v)}'" : "") + (m.Note is null ? "" : $" ({m.Note})");

    private static string Expect(Expectation e)
    {
        var parts = new List<string>();
        if (e.Http is { } h) parts.Add($"HTTP {h}");
        if (e.Ack is { } a) parts.Add($"999 TTTNhan {a}" + (e.AckCodes is { } c ? $" with exactly {Set(c)}" : ""));
        if (e.SameAckAs is { } same) parts.Add($"the same 999 as '{same}'");
        if (e.NoNoticeWithinSeconds is { } q) parts.Add($"no 204 within {q:0.#} s");
        if (e.Notice is { } n)
            parts.Add((n.Count == 1 ? "" : $"{n.Count}× ") + $"204 LTBao {n.Ltbao}" + (n.Codes.Count > 0 ? $" with exactly {Set(n.Codes)}" : "")
                + (n.Located ? ", each error located (line:column)" : "") + (n.Late ? ", later than 15 minutes" : $", within {n.WithinSeconds ?? 900} s") + ", signed by the authority");
        if (e.Stored is { } s) parts.Add(s ? "invoices stored" : "nothing stored");
        if (e.Registration is { } r)
            parts.Add((r.Receipt is { } t ? $"102 THop {t}" : "") + (r.Accepted is { } ok ? (ok ? ", 103 accepting" : ", 103 refusing") : ""));
        if (e.Callback is { } cb) parts.Add($"callbacks {string.Join(" + ", cb)}");
        if (e.Reply is { } reply)
            parts.Add("301 signed by the authority: " + string.Join(", ", reply.Select((v, i) =>
                $"invoice {i + 1} " + (v.Accepted ? "accepted" : "not accepted") + (v.Codes.Count > 0 ? $" with exactly {Set(v.Codes)}" : ""))));
        if (e.Findings is { } f)
            parts.Add(f.Count == 0 ? "no Step 2 finding on this case's invoices"
                : "Step 2 findings exactly " + string.Join(", ", f.Select(x => $"invoice {x.Invoice} of '{x.Of}' {Set(x.Codes)}")) + ", each in a signed 302");
        return string.Join("; ", parts);
    }

    private static string Set(IEnumerable<string> codes) => "{" + string.Join(", ", codes) + "}";
    private static string Cut(string? s) => s is null ? "" : s.Length > 40 ? s[..40] + "…" : s;
}
