using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Harness.Chaos;

/// <summary>The chaos run's end check of the corrections (docs/corrections.md) asked while the provider was being killed.</summary>
internal sealed partial class ChaosVerifier
{
    private async Task<ChaosCheck> CheckCorrectionsAsync(AuthorityAdminClient admin, AuthorityTvanClient tvan, CancellationToken ct)
    {
        var links = store.Links ?? [];
        var notices = store.Notices ?? [];
        var state = store.Invoices.ToDictionary(i => i.Code, i => i.State, StringComparer.Ordinal);
        var bySale = store.Issued.Where(i => i.SaleId is not null).GroupBy(i => i.SaleId!).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var linkOf = links.ToDictionary(l => l.Code, StringComparer.Ordinal);
        var replacements = links.Where(l => l.Kind == "replace").GroupBy(l => l.Original).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var adjustments = links.Where(l => l.Kind == "adjust").GroupBy(l => l.Original).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var broken = new List<string>();

        // Each request taken issued exactly one invoice, the one it was told, linked to the invoice it named.
        foreach (var (id, answer) in corrections!.Answers.Where(a => a.Value.StartsWith("M", StringComparison.Ordinal)))
        {
            if (!bySale.TryGetValue(id, out var made) || made.Count != 1 || made[0].Code != answer)
                broken.Add($"{id}: told {answer}, issued {(made is null ? "none" : string.Join("+", made.Select(m => m.Code)))}");
            else if (!linkOf.TryGetValue(answer, out var link) || link.Original != corrections.Originals[id])
                broken.Add($"{id}: {answer} not linked to {corrections.Originals[id]}");
        }

        // The chain rules: replaced once; a cancelled invoice neither replaced nor adjusted; no adjustment of a replaced
        // invoice, a replacement or an adjustment; no replacement of an adjusted invoice or of an adjustment.
        foreach (var (original, list) in replacements.Where(r => r.Value.Count > 1)) broken.Add($"{original} replaced {list.Count} times");
        foreach (var l in links)
        {
            if (state.GetValueOrDefault(l.Original) is "cancelled" or "cancelling") broken.Add($"{l.Code} {l.Kind}s {l.Original}, which is cancelled");
            if (l.Kind == "adjust" && (replacements.ContainsKey(l.Original) || linkOf.ContainsKey(l.Original)))
                broken.Add($"{l.Code} adjusts {l.Original}, a replaced invoice, a replacement or an adjustment");
            if (l.Kind == "replace" && (adjustments.ContainsKey(l.Original) || linkOf.GetValueOrDefault(l.Original)?.Kind == "adjust"))
                broken.Add($"{l.Code} replaces {l.Original}, an adjusted invoice or an adjustment");
        }

        // Every 303 has its 301 at the authority and the provider recorded each entry's verdict; every replacement's
        // original has its accepted 04/SS (TCTBao 3); every cancelled invoice its accepted cancel (TCTBao 1).
        foreach (var p in store.Packages.Where(p => p.Kind == "303"))
            if (!await HasReplyAsync(admin, p.MessageId, ct)) broken.Add($"303 {p.MessageId} ({p.State}) has no 301");
        foreach (var n in notices.Where(n => n.Accepted is null)) broken.Add($"303 {n.MessageId}: no verdict recorded for {n.Code}");
        foreach (var original in replacements.Keys.Where(o => !notices.Any(n => n.Code == o && n.Action == 3 && n.Accepted == true)))
            broken.Add($"{original} replaced without an accepted 04/SS");
        foreach (var code in state.Where(s => s.Value == "cancelled").Select(s => s.Key).Where(c => !notices.Any(n => n.Code == c && n.Action == 1 && n.Accepted == true)))
            broken.Add($"{code} cancelled without an accepted 04/SS");

        // The authority's look-up tells the same story.
        var originals = replacements.Keys.Concat(adjustments.Keys).Concat(state.Where(s => s.Value == "cancelled").Select(s => s.Key)).Distinct();
        foreach (var code in originals)
        {
            var view = await tvan.LookUpAsync(DemoData.TaxCode, code, ct: ct);
            var expected = state.GetValueOrDefault(code) == "cancelled" ? "cancelled" : replacements.ContainsKey(code) ? "replaced" : "adjusted";
            var byProvider = (replacements.GetValueOrDefault(code) ?? []).Concat(adjustments.GetValueOrDefault(code) ?? []).Select(l => l.Code).Order();
            var byAuthority = (view?.ReplacedBy ?? []).Concat(view?.AdjustedBy ?? []).Order();
            if (view?.State != expected || !byProvider.SequenceEqual(byAuthority))
                broken.Add($"{code}: provider {expected} by [{string.Join(",", byProvider)}], authority {view?.State ?? "not found"} by [{string.Join(",", byAuthority)}]");
        }

        var taken = corrections.Answers.Count(a => !a.Value.StartsWith("refused", StringComparison.Ordinal));
        return Check("corrections are done once, each 303 has its 301, the chains hold and the authority agrees",
            broken.Count == 0 && corrections.Answers.Count == corrections.Count,
            $"{corrections.Answers.Count}/{corrections.Count} corrections answered ({taken} taken, {corrections.Refused} refused by the rules); " +
            $"{links.Count} links, {notices.Count} 303 entries; broken: {List(broken)}");
    }

    /// <summary>Whether the authority answered the 303 with a 301.</summary>
    private static async Task<bool> HasReplyAsync(AuthorityAdminClient admin, string messageId, CancellationToken ct)
    {
        try
        {
            return (await admin.GetResponsesAsync(messageId, ct)).Messages.Any(bytes =>
                SafeXml.LoadDocument(bytes).GetElementsByTagName("MLTDiep") is { Count: > 0 } types && types[0]!.InnerText.Trim() == "301");
        }
        catch (AuthorityApiException)
        {
            return false;
        }
    }
}
