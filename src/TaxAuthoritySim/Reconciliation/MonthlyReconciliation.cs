using System.Globalization;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Notices;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Reconciliation;

/// <summary>
/// The monthly Step 2 (domain.md: "days 1–10 of every month, over last month's data") over what the simulator
/// stores: every invoice whose NLap falls in the month is checked against the registry and the other stored
/// invoices (8001–8005), and each taxpayer with findings gets a signed Form 01/TB-RSĐT (302) through the T-VAN
/// that sent the flagged invoices. Step 1 is not re-run: only valid invoices are stored.
/// <para>
/// 8006 (cancelled invoice without a Form 04/SS-HĐĐT and reason): an invoice a stored replacement invoice replaces is
/// void from then on — cancelled by the replacement — and needs the seller's 04/SS (an accepted 303 entry cancelling
/// or replacing it, with its reason). Raised, in the month of the replacement, on a replaced invoice without one.
/// An invoice cancelled by an accepted 303 cancel has its 04/SS by construction.
/// </para>
/// </summary>
public sealed class MonthlyReconciliation(
    ISimulatorStore store,
    RegistryService registry,
    ResponseFactory responses,
    SimulatedClock clock,
    ILogger<MonthlyReconciliation> log)
{
    /// <summary>One finding: an invoice of the month and why it must be explained.</summary>
    /// <param name="Message">Vietnamese text of the code, " / ", an English detail (the 302's MTa).</param>
    public sealed record Finding(
        string Code, string TaxCode, string InvoiceCode, int? Form, string? Series, string? Number, DateOnly? IssuedOn,
        string Message, string MessageId, int Index);

    /// <summary>A 302 sent: to which taxpayer and T-VAN, answering which package, covering which invoices.</summary>
    public sealed record NoticeSent(string MessageId, string TaxCode, string TvanCode, string ReplyTo, IReadOnlyList<string> Invoices);

    public sealed record Result(string Month, int InvoicesChecked, int TaxpayersWithFindings, IReadOnlyList<Finding> Findings,
        IReadOnlyList<NoticeSent> Notices);

    /// <summary>Runs Step 2 for the month <paramref name="month"/> (its first day) and sends the 302s.</summary>
    public async Task<Result> RunAsync(DateOnly month, CancellationToken ct = default)
    {
        var from = new DateOnly(month.Year, month.Month, 1);
        var to = from.AddMonths(1).AddDays(-1);
        var label = from.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var reg = registry.Current;
        var invoices = await store.InvoicesIssuedAsync(from, to, ct);

        // Replacements and adjustments refer to invoices of any earlier month: read everything up to the month's end
        // (only when the month has one).
        var context = invoices.Any(i => i.RelationKind is 1 or 2)
            ? await store.InvoicesIssuedAsync(DateOnly.MinValue, to, ct)
            : invoices;
        var accepted = await NoticesAsync(invoices, context, ct);
        var findings = Check(invoices, context, reg, accepted);

        var at = clock.GetUtcNow();
        var notices = new List<NoticeSent>();
        var outs = new List<OutboundResponse>();
        var journal = new List<JournalEntry>();
        var messages = new Dictionary<string, InboundMessage?>(StringComparer.Ordinal);
        var number = 0;
        foreach (var byTaxpayer in findings.GroupBy(f => f.TaxCode, StringComparer.Ordinal))
        {
            // One 302 per T-VAN that carried flagged invoices of this taxpayer (usually one): each T-VAN hears only
            // about the invoices it sent.
            var routed = new List<(InboundMessage Message, Finding Finding)>();
            foreach (var f in byTaxpayer)
            {
                if (!messages.TryGetValue(f.MessageId, out var m))
                    messages[f.MessageId] = m = await store.GetMessageAsync(f.MessageId, ct);
                if (m is null)
                    log.LogWarning("Step 2: the package {MessageId} of invoice {Code} is no longer stored; no 302 for it", f.MessageId, f.InvoiceCode);
                else
                    routed.Add((m, f));
            }

            foreach (var byTvan in routed.GroupBy(r => r.Message.TvanCode, StringComparer.Ordinal))
            {
                var first = byTvan.First().Message;
                var taxpayer = reg.Taxpayer(byTaxpayer.Key);
                var reviewed = byTvan.GroupBy(r => r.Finding.InvoiceCode, StringComparer.Ordinal).Select((g, k) =>
                {
                    var f = g.First().Finding;
                    return new ReviewedInvoice
                    {
                        Index = k + 1,
                        FormNumber = f.Form?.ToString(CultureInfo.InvariantCulture),
                        Series = f.Series,
                        Number = f.Number,
                        Code = f.InvoiceCode,
                        IssueDate = f.IssuedOn,
                        Reasons = [.. g.Select(r => new Reason { Code = r.Finding.Code, Description = r.Finding.Message })],
                    };
                }).ToList();
                number++;
                var (id, body) = responses.Review(new ResponseFactory.ReviewInput(
                    first.MessageId, first.Sender, byTaxpayer.Key, taxpayer?.Name ?? byTaxpayer.Key, reg.Authority.Place,
                    $"{label}-{number:D4}/TB-RSĐT", at, reviewed));
                var codes = string.Join(", ", byTvan.Select(r => r.Finding.Code).Distinct().Order(StringComparer.Ordinal));
                var summary = $"Step 2 {label}: {reviewed.Count} invoices to explain ({codes})";
                outs.Add(new OutboundResponse
                {
                    ResponseId = id, ReplyTo = first.MessageId, Type = "302", TvanCode = first.TvanCode, TaxCode = byTaxpayer.Key,
                    CreatedAt = at, VisibleAt = at, Body = body, Summary = summary,
                    Callback = reg.Tvans.GetValueOrDefault(first.TvanCode)?.CallbackUrl is null ? CallbackState.None : CallbackState.Pending,
                });
                journal.Add(new JournalEntry
                {
                    At = at, WallAt = DateTimeOffset.UtcNow, Direction = "out", Type = "302", MessageId = id, ReplyTo = first.MessageId,
                    TaxCode = byTaxpayer.Key, TvanCode = first.TvanCode, Outcome = "302 " + summary,
                });
                notices.Add(new NoticeSent(id, byTaxpayer.Key, first.TvanCode, first.MessageId, [.. reviewed.Select(r => r.Code!)]));
            }
        }

        await store.AddResponsesAsync(outs, journal, at, ct);
        log.LogInformation("Step 2 {Month}: {Invoices} invoices checked, {Findings} findings, {Notices} 302s sent",
            label, invoices.Count, findings.Count, notices.Count);
        return new Result(label, invoices.Count, findings.Select(f => f.TaxCode).Distinct(StringComparer.Ordinal).Count(), findings, notices);
    }

    /// <summary>The accepted 303 entries about the invoices the month's replacements and adjustments name.</summary>
    private async Task<IReadOnlyList<InvoiceNoticeEntry>> NoticesAsync(IReadOnlyList<StoredInvoice> invoices,
        IReadOnlyList<StoredInvoice> context, CancellationToken ct)
    {
        var named = invoices.Where(i => i.RelationKind is 1 or 2 && i.RelatedNumber is not null)
            .Select(i => Key(i.TaxCode, ParseForm(i.RelatedForm), i.RelatedSeries, i.RelatedNumber)).ToHashSet();
        if (named.Count == 0) return [];
        var codes = context.Where(i => named.Contains(Key(i.TaxCode, i.Form, i.Series, i.Number))).Select(i => i.Code).ToList();
        return codes.Count == 0 ? [] : await store.InvoiceNoticesAsync(codes, ct);
    }

    /// <summary>
    /// The findings over <paramref name="invoices"/> (the month's), in their order then by code.
    /// <paramref name="context"/> holds every stored invoice up to the month's end (the month's included): the
    /// invoices replacements and adjustments refer to, and the other replacements and adjustments of them.
    /// </summary>
    /// <paramref name="notices"/> holds the accepted 303 entries about the invoices those name (cancelled; 04/SS sent).
    public static List<Finding> Check(IReadOnlyList<StoredInvoice> invoices, IReadOnlyList<StoredInvoice> context, ReferenceData reg,
        IReadOnlyList<InvoiceNoticeEntry>? notices = null)
    {
        var findings = new List<Finding>();
        notices ??= [];
        var cancels = notices.Where(n => n.Action == InvoiceNoticeEntry.Cancel)
            .GroupBy(n => n.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var explained = notices.Where(n => n.Action is InvoiceNoticeEntry.Cancel or InvoiceNoticeEntry.Replace && !string.IsNullOrWhiteSpace(n.Reason))
            .Select(n => n.Code).ToHashSet(StringComparer.Ordinal);
        var voidWithoutNotice = new HashSet<string>(StringComparer.Ordinal);

        // 8003: the same number twice within (MST, KHMSHDon, KHHDon); every invoice of the group is flagged.
        var repeated = invoices
            .Where(i => i.Number is not null)
            .GroupBy(i => (i.TaxCode, i.Form, i.Series, i.Number))
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.Select(i => (i.Code, Others: g.Where(o => o.Code != i.Code).Select(o => o.Code).ToList())))
            .ToDictionary(x => x.Code, x => x.Others, StringComparer.Ordinal);

        // Stored invoices by (MST, form, series, number), and who replaces or adjusts each of them.
        var byKey = context.Where(i => i.Number is not null)
            .ToLookup(i => Key(i.TaxCode, i.Form, i.Series, i.Number));
        var relatedTo = context.Where(i => i.RelationKind is 1 or 2 && i.RelatedNumber is not null)
            .ToLookup(i => Key(i.TaxCode, ParseForm(i.RelatedForm), i.RelatedSeries, i.RelatedNumber));

        foreach (var i in invoices)
        {
            var taxpayer = reg.Taxpayer(i.TaxCode);
            var registration = taxpayer?.CashRegister;
            var at = new List<(string Code, string Detail)>();
            if (taxpayer is not null && i.IssuedOn is { } issued)
            {
                if (registration is null)
                    at.Add(("8001", $"invoice dated {Day(issued)}, but the taxpayer has no accepted cash-register registration"));
                else if (issued < registration.AcceptedOn)
                    at.Add(("8001", $"invoice dated {Day(issued)}, before the cash-register registration was accepted on {Day(registration.AcceptedOn)}"));
            }

            if (registration is not null && i.Form is { } form && !registration.Forms.Contains(form))
                at.Add(("8002", $"form {form} is not registered (registered: {string.Join(", ", registration.Forms)})"));

            if (repeated.TryGetValue(i.Code, out var others))
                at.Add(("8003", $"number {i.Number} of series {i.Series} (form {i.Form}) is also used by {string.Join(", ", others)}"));

            if (i.RelationKind is 1 or 2 && i.RelatedNumber is not null)
            {
                var key = Key(i.TaxCode, ParseForm(i.RelatedForm), i.RelatedSeries, i.RelatedNumber);
                var target = byKey[key].FirstOrDefault(t => t.Code != i.Code);
                var name = $"{i.RelatedForm}/{i.RelatedSeries}/{i.RelatedNumber}";
                var earlier = relatedTo[key].Where(x => x.Code != i.Code && Before(x, i)).ToList();
                var cancelled = target is not null && cancels.TryGetValue(target.Code, out var cancel) && cancel.AcceptedAt <= i.StoredAt
                    ? cancels[target.Code] : null;
                if (i.RelationKind == 1)
                {
                    if (cancelled is not null)
                        at.Add(("8004", $"replaces {name} ({target!.Code}), which was cancelled by {cancelled.MessageId}"));
                    if (target is not null && !explained.Contains(target.Code) && voidWithoutNotice.Add(target.Code))
                        findings.Add(new Finding("8006", target.TaxCode, target.Code, target.Form, target.Series, target.Number, target.IssuedOn,
                            ErrorCatalog.Describe("8006", $"{name} ({target.Code}) is void, replaced by {i.Code}, but no Form 04/SS-HĐĐT cancelling or replacing it was accepted"),
                            target.MessageId, target.Index));
                    if (target?.RelationKind == 2)
                        at.Add(("8004", $"replaces {name} ({target.Code}), which is itself an adjustment invoice"));
                    if (earlier.FirstOrDefault() is { } x)
                        at.Add(("8004", $"replaces {name}, already {(x.RelationKind == 1 ? "replaced" : "adjusted")} by {x.Code}"));
                }
                else
                {
                    if (cancelled is not null)
                        at.Add(("8005", $"adjusts {name} ({target!.Code}), which was cancelled by {cancelled.MessageId}"));
                    if (target?.RelationKind is 1 or 2)
                        at.Add(("8005", $"adjusts {name} ({target.Code}), which is itself a {(target.RelationKind == 1 ? "replacement" : "adjustment")} invoice"));
                    if (earlier.FirstOrDefault(x => x.RelationKind == 1) is { } x)
                        at.Add(("8005", $"adjusts {name}, already replaced by {x.Code}"));
                }
            }

            foreach (var (code, detail) in at)
                findings.Add(new Finding(code, i.TaxCode, i.Code, i.Form, i.Series, i.Number, i.IssuedOn,
                    ErrorCatalog.Describe(code, detail), i.MessageId, i.Index));
        }

        return findings;
    }

    private static (string, int?, string?, string?) Key(string taxCode, int? form, string? series, string? number) =>
        (taxCode, form, series, number);

    private static int? ParseForm(string? form) =>
        int.TryParse(form, NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f : null;

    /// <summary>Whether <paramref name="a"/> came before <paramref name="b"/>: by NLap, then when it was received, then its place.</summary>
    private static bool Before(StoredInvoice a, StoredInvoice b)
    {
        var c = Nullable.Compare(a.IssuedOn, b.IssuedOn);
        if (c == 0) c = a.StoredAt.CompareTo(b.StoredAt);
        if (c == 0) c = string.CompareOrdinal(a.MessageId, b.MessageId);
        if (c == 0) c = a.Index.CompareTo(b.Index);
        return c < 0;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
