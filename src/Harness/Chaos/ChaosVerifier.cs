using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Harness.Chaos;

/// <summary>
/// The chaos run's end checks, on the provider's store (read directly, the provider stopped) and the
/// simulator (over HTTP: the buyer's look-up and the admin view of each package's responses).
/// </summary>
internal sealed partial class ChaosVerifier(ChaosStore store, Uri simulator, int sales, IReadOnlyDictionary<string, string> answers,
    ChaosCorrections? corrections = null)
{
    public int InvoiceCount { get; private set; }

    public int PackageCount { get; private set; }

    public int SendRetries { get; private set; }

    public async Task<IReadOnlyList<ChaosCheck>> CheckAsync(CancellationToken ct)
    {
        var checks = new List<ChaosCheck>();
        var issued = store.Issued;
        var packages = store.Packages.Where(p => p.Kind != "303").ToList(); // the 303s and their 301s: CheckCorrectionsAsync
        InvoiceCount = issued.Count;
        PackageCount = packages.Count;
        SendRetries = packages.Sum(p => p.Attempts);

        // 1. Every sale has exactly one invoice, and it is the one its POS was told.
        var bySale = issued.GroupBy(i => i.SaleId ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var missing = Enumerable.Range(1, sales).Select(ChaosClients.SaleId).Where(s => !bySale.ContainsKey(s)).ToList();
        var twice = bySale.Where(g => g.Value.Count > 1).Select(g => g.Key).ToList();
        var strangers = bySale.Keys.Where(k => !k.StartsWith("chaos-", StringComparison.Ordinal)).ToList();
        var misinformed = answers.Where(a => !bySale.TryGetValue(a.Key, out var l) || l[0].Code != a.Value).Select(a => a.Key).ToList();
        checks.Add(Check("every sale has exactly one invoice, the one its POS was told",
            missing.Count == 0 && twice.Count == 0 && strangers.Count == 0 && misinformed.Count == 0 && answers.Count == sales,
            $"{sales} sales, {issued.Count} invoices; no invoice: {List(missing)}; two or more: {List(twice)}; " +
            $"without a sale: {List(strangers)}; POS told another code: {List(misinformed)}; answered {answers.Count}"));

        // 2. Codes are gap-free and unique in the block.
        var serials = issued.Select(i => i.Serial).Order().ToList();
        var gaps = serials.Select((s, k) => (s, k)).Where(x => x.s != x.k + 1).Select(x => x.s.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var codes = issued.Select(i => i.Code).ToList();
        checks.Add(Check("codes are gap-free (1…N) and unique", gaps.Count == 0 && codes.Distinct().Count() == codes.Count,
            $"serials 1…{serials.LastOrDefault()}, {codes.Count} codes, {codes.Distinct().Count()} distinct; out of place: {List(gaps)}"));

        // 3. Each package has its 204, and the provider recorded what the 204 said.
        using var http = new HttpClient { BaseAddress = simulator, Timeout = TimeSpan.FromSeconds(30) };
        var admin = new AuthorityAdminClient(http, DemoData.AdminKey);
        var without = new List<string>();
        var disagree = new List<string>();
        var storedBy = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in packages)
        {
            var ltbao = await NoticeKindAsync(admin, p.MessageId, ct);
            if (ltbao is null)
            {
                without.Add($"{p.MessageId} ({p.State})");
                continue;
            }
            if (p.Ltbao != ltbao) disagree.Add($"{p.MessageId}: provider {p.Ltbao?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, authority {ltbao}");
            if (ltbao == 2)
                foreach (var code in p.Codes)
                    storedBy[code] = storedBy.GetValueOrDefault(code) + 1;
        }
        checks.Add(Check("every package has its 204 and the provider recorded it", without.Count == 0 && disagree.Count == 0,
            $"{packages.Count} packages; without a 204: {List(without)}; recorded otherwise: {List(disagree)}"));

        // 4. Each invoice is stored at the authority exactly once: in exactly one accepted (LTBao 2) package, and found by the look-up.
        var notOnce = codes.Where(c => storedBy.GetValueOrDefault(c) != 1).Select(c => $"{c}×{storedBy.GetValueOrDefault(c)}").ToList();
        var notFound = new List<string>();
        var tvan = new AuthorityTvanClient(http, DemoData.TvanApiKey);
        foreach (var code in codes)
        {
            try
            {
                if (await tvan.LookUpAsync(DemoData.TaxCode, code, ct: ct) is null) notFound.Add(code);
            }
            catch (AuthorityApiException)
            {
                notFound.Add(code);
            }
        }
        var notAccepted = store.Invoices.Where(i => !i.Accepted).Select(i => $"{i.Code} {i.State}").ToList();
        checks.Add(Check("every invoice is stored at the authority exactly once and accepted at the provider",
            notOnce.Count == 0 && notFound.Count == 0 && notAccepted.Count == 0,
            $"in an accepted package other than once: {List(notOnce)}; not found by look-up: {List(notFound)}; not accepted: {List(notAccepted)}"));

        // 5. Corrections: none done twice, each 303 answered by its 301, the chains as the rules allow, the authority agrees.
        if (corrections is not null) checks.Add(await CheckCorrectionsAsync(admin, tvan, ct));
        return checks;
    }

    /// <summary>The LTBao of the package's 204 at the authority, null when it has none.</summary>
    private static async Task<int?> NoticeKindAsync(AuthorityAdminClient admin, string messageId, CancellationToken ct)
    {
        MessageList responses;
        try
        {
            responses = await admin.GetResponsesAsync(messageId, ct);
        }
        catch (AuthorityApiException)
        {
            return null;
        }
        foreach (var bytes in responses.Messages)
        {
            var doc = SafeXml.LoadDocument(bytes);
            if (doc.GetElementsByTagName("MLTDiep") is not { Count: > 0 } types || types[0]!.InnerText.Trim() != "204") continue;
            if (doc.GetElementsByTagName("LTBao") is { Count: > 0 } kinds
                && int.TryParse(kinds[0]!.InnerText.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var kind))
                return kind;
        }
        return null;
    }

    private static ChaosCheck Check(string name, bool passed, string detail) => new(name, passed, detail);

    private static string List(IReadOnlyCollection<string> items) =>
        items.Count == 0 ? "none" : string.Join(", ", items.Take(10)) + (items.Count > 10 ? $" … ({items.Count})" : "");
}
