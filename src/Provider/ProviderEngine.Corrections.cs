using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Provider.Pos;
using Microsoft.Extensions.Logging;
using Correction = ConformanceKit.Einvoice.Samples.SampleErroneousNoticeBuilder.Correction;

namespace ConformanceKit.Provider;

/// <summary>
/// Corrections of accepted invoices (docs/corrections.md): cancel (a 303, TCTBao 1), replace (a replacement invoice with
/// TTHDLQuan and a 303, TCTBao 3, for the replaced one), adjust (an adjustment invoice). The provider refuses what the
/// authority's chain rules would refuse before anything is sent. One correction at a time, so two requests never both
/// pass the checks. A new invoice is linked (prov_chain) by a trigger in the transaction that allocates its code.
/// </summary>
public sealed partial class ProviderEngine
{
    private readonly SemaphoreSlim _corrections = new(1, 1);

    /// <summary>Cancels an accepted invoice: records a signed 303 (TCTBao 1) and sends it; the 301 settles the invoice.</summary>
    /// <exception cref="CorrectionRefusedException">unknown invoice (404), no reason (400), or the chain rules forbid it (409).</exception>
    public async Task<PackageRecord> CancelAsync(string code, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new CorrectionRefusedException(400, "a cancel needs a reason", "give the reason (LDo) in $.reason");
        await _corrections.WaitAsync(ct);
        try
        {
            var invoice = Known(code);
            var chain = _store.Chain(code);
            if (Refusal(invoice, chain, Correction.Cancel) is { } why) throw new CorrectionRefusedException(409, "the invoice cannot be cancelled", why);
            var notice = await RecordNoticeAsync([(code, Correction.Cancel, reason.Trim())], ct);
            _log.LogInformation("invoice {Code}: cancel in 303 {MessageId}", code, notice.MessageId);
            return notice;
        }
        finally
        {
            _corrections.Release();
        }
    }

    /// <summary>
    /// Replaces an accepted invoice: issues a replacement invoice (a new code from the block, TTHDLQuan TCHDon 1 naming the
    /// original) for <paramref name="sale"/> and records a signed 303 (TCTBao 3) for the original, so the authority's
    /// monthly Step 2 finds its Form 04/SS-HĐĐT (8006 otherwise).
    /// </summary>
    /// <param name="saleId">The replacement's sale id (a sale file's or the intermediate table's id): the same id again returns
    /// the replacement issued the first time (Existing). Null: <c>replace:&lt;code&gt;</c>.</param>
    /// <param name="registerId">The register that issues the replacement; null for the default one.</param>
    public async Task<(IssuedInvoice Replacement, PackageRecord Notice)> ReplaceAsync(string code, Sale sale, string? reason, CancellationToken ct,
        string? saleId = null, string? registerId = null)
    {
        ArgumentNullException.ThrowIfNull(sale);
        if (string.IsNullOrWhiteSpace(reason)) throw new CorrectionRefusedException(400, "a replacement needs a reason", "give the reason (LDo) in $.reason");
        await _corrections.WaitAsync(ct);
        try
        {
            var invoice = Known(code);
            var chain = _store.Chain(code);
            if (!string.IsNullOrWhiteSpace(saleId) && _store.InvoiceBySale(saleId) is { } earlier)
            {
                if (SaleJson.Deserialize(_store.Invoice(earlier.Code).SaleJson).Related is not { Kind: 1 } r || r.Code != code)
                    throw new CorrectionRefusedException(409, "the sale id is taken", $"sale {saleId} is invoice {earlier.Code}, not a replacement of {code}");
                _store.AddChain(earlier.Code, ChainKind.Replace, code, _time.GetUtcNow()); // linked already, unless a crash came between
                var before = _store.NoticeItemsOf(code).FirstOrDefault(i => i.Action == (int)Correction.Replace && i.NoticeState != PackageState.Rejected);
                return (CashRegister.Rebuild(_options.Register, _store.Invoice(earlier.Code) with { Existing = true }),
                    before is null ? await RecordNoticeAsync([(code, Correction.Replace, reason.Trim())], ct) : _store.FindPackage(before.MessageId)!);
            }
            if (Refusal(invoice, chain, Correction.Replace) is { } why) throw new CorrectionRefusedException(409, "the invoice cannot be replaced", why);
            var original = _store.Invoice(code);
            var related = new RelatedSale(1, code, original.Form, original.Series, original.Number,
                DateOnly.FromDateTime(original.IssuedAt.ToOffset(Vietnam).DateTime), $"Thay thế cho hóa đơn {code}", Reason: reason.Trim());
            // The sale id is the original's: a retry after a crash between the steps finds the replacement already issued.
            var issued = Register(registerId).Issue(sale with { Related = related }, string.IsNullOrWhiteSpace(saleId) ? "replace:" + code : saleId);
            _store.AddChain(issued.Code.Value, ChainKind.Replace, code, _time.GetUtcNow());
            var notice = _store.NoticeItemsOf(code).FirstOrDefault(i => i.Action == (int)Correction.Replace && i.NoticeState != PackageState.Rejected)
                is { } sent ? _store.FindPackage(sent.MessageId)! : await RecordNoticeAsync([(code, Correction.Replace, reason.Trim())], ct);
            _log.LogInformation("invoice {Code}: replaced by {Replacement}; 303 {MessageId}", code, issued.Code.Value, notice.MessageId);
            if (_options.Sync == SyncMode.Realtime) Wake();
            return (issued, notice);
        }
        finally
        {
            _corrections.Release();
        }
    }

    /// <summary>
    /// Adjusts an accepted invoice: issues an adjustment invoice (a new code, TTHDLQuan TCHDon 2 naming the original) for
    /// <paramref name="sale"/> — its amounts are the increase, or, with <paramref name="decrease"/>, the decrease (written
    /// negative). No 303 goes with it (optional for an adjustment, docs/corrections.md). An invoice may be adjusted several
    /// times, as the authority allows; the same <paramref name="saleId"/> again returns the first adjustment (Existing).
    /// </summary>
    public async Task<IssuedInvoice> AdjustAsync(string code, Sale sale, bool decrease, string? saleId, CancellationToken ct, string? registerId = null)
    {
        ArgumentNullException.ThrowIfNull(sale);
        await _corrections.WaitAsync(ct);
        try
        {
            var invoice = Known(code);
            if (!string.IsNullOrWhiteSpace(saleId) && _store.InvoiceBySale(saleId) is { } earlier)
                return _store.Chain(earlier.Code).Adjusts == code
                    ? CashRegister.Rebuild(_options.Register, _store.Invoice(earlier.Code) with { Existing = true })
                    : throw new CorrectionRefusedException(409, "the sale id is taken", $"sale {saleId} is invoice {earlier.Code}, not an adjustment of {code}");
            if (Refusal(invoice, _store.Chain(code), Correction.Adjust) is { } why) throw new CorrectionRefusedException(409, "the invoice cannot be adjusted", why);
            var original = _store.Invoice(code);
            var related = new RelatedSale(2, code, original.Form, original.Series, original.Number,
                DateOnly.FromDateTime(original.IssuedAt.ToOffset(Vietnam).DateTime),
                $"Điều chỉnh {(decrease ? "giảm" : "tăng")} cho hóa đơn {code}", decrease);
            var id = string.IsNullOrWhiteSpace(saleId) ? $"adjust:{code}:{Guid.NewGuid():N}" : saleId;
            var issued = Register(registerId).Issue(sale with { Related = related }, id);
            _store.AddChain(issued.Code.Value, ChainKind.Adjust, code, _time.GetUtcNow());
            _log.LogInformation("invoice {Code}: adjusted ({Direction}) by {Adjustment}", code, decrease ? "decrease" : "increase", issued.Code.Value);
            if (_options.Sync == SyncMode.Realtime) Wake();
            return issued;
        }
        finally
        {
            _corrections.Release();
        }
    }

    /// <summary>
    /// After a restart: links every replacement or adjustment issued but not linked (its sale holds the link), and sends
    /// the 303 (TCTBao 3) of every replacement that has none — a crash between the steps of a replace loses nothing.
    /// </summary>
    private async Task CompleteCorrectionsAsync(CancellationToken ct)
    {
        await _corrections.WaitAsync(ct);
        try
        {
            _store.AdoptChains(_time.GetUtcNow());
            foreach (var (replacement, original) in _store.ReplacementsWithoutNotice())
            {
                var related = SaleJson.Deserialize(_store.Invoice(replacement).SaleJson).Related;
                var notice = await RecordNoticeAsync([(original, Correction.Replace, related?.Reason ?? $"Thay thế bởi hóa đơn {replacement}")], ct);
                _log.LogWarning("replacement {Replacement} of {Original} had no 303: sent now ({MessageId})", replacement, original, notice.MessageId);
            }
        }
        finally
        {
            _corrections.Release();
        }
    }

    private InvoiceStatus Known(string code) =>
        _store.InvoiceByCode(code) ?? throw new CorrectionRefusedException(404, "unknown invoice", $"no invoice {code} was issued here");

    /// <summary>Why the chain rules (docs/corrections.md, the simulator's 9001, 9002, 9103, 9104) forbid the correction; null when they allow it.</summary>
    internal static string? Refusal(InvoiceStatus invoice, InvoiceChain chain, Correction what)
    {
        var code = invoice.Code;
        if (invoice.State == InvoiceState.Cancelled) return $"invoice {code} is cancelled";
        if (invoice.State == InvoiceState.Cancelling) return $"invoice {code} is being cancelled (a 303 waits for its 301)";
        if (chain.ReplacedBy is { } r) return $"invoice {code} is already replaced by {r}";
        if (invoice.State != InvoiceState.Accepted)
            return $"invoice {code} is {invoice.State}: only an invoice the authority accepted (204) can be corrected";
        return what switch
        {
            Correction.Cancel when chain.AdjustedBy.Count > 0 => $"invoice {code} is adjusted by {string.Join(", ", chain.AdjustedBy)}",
            Correction.Replace when chain.AdjustedBy.Count > 0 => $"invoice {code} is adjusted by {string.Join(", ", chain.AdjustedBy)}",
            Correction.Replace when chain.Adjusts is { } a => $"invoice {code} is itself an adjustment (of {a})",
            Correction.Adjust when chain.Adjusts is { } a => $"invoice {code} is itself an adjustment (of {a})",
            Correction.Adjust when chain.Replaces is { } a => $"invoice {code} is itself a replacement (of {a})",
            _ => null,
        };
    }

    /// <summary>Composes the 303 about the entries, signs it (or leaves it to sign) and records it before it is sent.</summary>
    private async Task<PackageRecord> RecordNoticeAsync(IReadOnlyList<(string Code, Correction What, string Reason)> entries, CancellationToken ct)
    {
        var mst = _options.Register.SellerTaxCode;
        var built = entries.Select(e => new SampleErroneousNoticeBuilder.Entry(
            CashRegister.Rebuild(_options.Register, _store.Invoice(e.Code)).Invoice, e.What, e.Reason)).ToList();
        var model = SampleErroneousNoticeBuilder.Build(built, mst, _options.Register.SellerName, _options.TvanCode,
            DateOnly.FromDateTime(_time.GetUtcNow().ToOffset(Vietnam).DateTime));
        var unsigned = MessageWriter.Write(model);
        var (signed, problem) = await TrySignAsync(unsigned, ct);
        var notice = _store.CreateNotice(model.Header!.MessageId!, mst, unsigned, signed,
            [.. entries.Select(e => new NoticeEntry(e.Code, (int)e.What, e.Reason))], _time.GetUtcNow());
        if (problem is not null) _store.Postpone(notice.Id, problem, _time.GetUtcNow() + Backoff(0));
        Wake();
        return notice;
    }

    /// <summary>A 301 (Form 01/TB-HĐSS) answering one of our 303s: each entry's verdict, with the reasons when refused.</summary>
    private void HandleReply(ErroneousInvoiceReply reply, PackageRecord notice)
    {
        var verdicts = reply.Invoices.Select((r, i) => new NoticeVerdict(r.Index ?? i + 1, r.Accepted == 1,
            r.Reasons is { Count: > 0 } rs ? string.Join(",", rs.Select(x => x.Code)) : null,
            r.Reasons is { Count: > 0 } ds ? string.Join("; ", ds.Select(x => $"{x.Code} {x.Description}")) : null)).ToList();
        if (!_store.RecordReply(notice.Id, verdicts, _time.GetUtcNow())) return;
        foreach (var v in verdicts.Where(v => !v.Accepted))
            _log.LogWarning("303 {MessageId} entry {Position}: not accepted (301): {Detail}", notice.MessageId, v.Position, v.Detail);
    }
}

/// <summary>A correction the provider refuses before sending anything: the HTTP status, a title and why.</summary>
public sealed class CorrectionRefusedException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;
}
