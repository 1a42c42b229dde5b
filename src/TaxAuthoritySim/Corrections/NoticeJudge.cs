using System.Globalization;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.TaxAuthoritySim.Intake;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Corrections;

/// <summary>
/// Decides each invoice of a 303 (Form 04/SS-HĐĐT) in order: accepted (TTTNCCQT 1, and stored as an
/// <see cref="InvoiceNoticeEntry"/>) or not accepted with its reasons (9101–9106, and the notice's own failures).
/// A cancel accepted earlier in the same notice counts for the later entries.
/// </summary>
public sealed class NoticeJudge(ISimulatorStore store, string taxCode, string messageId, DateTimeOffset at)
{
    private readonly Dictionary<string, InvoiceState> _changed = new(StringComparer.Ordinal);

    public List<InvoiceNoticeEntry> Accepted { get; } = [];

    public async Task<ErroneousInvoiceResult> JudgeAsync(ErroneousInvoice entry, int position, IReadOnlyList<Reason> failures,
        CancellationToken ct)
    {
        var reasons = new List<Reason>(failures);
        StoredInvoice? invoice = null;
        if (string.IsNullOrEmpty(entry.Code))
            reasons.Add(ReceptionCheck.Reason(CorrectionCodes.NotStored, "the entry names no invoice code (MCCQT)"));
        else if ((invoice = await store.GetInvoiceAsync(taxCode, entry.Code, ct)) is null)
            reasons.Add((await store.StoredCodesAsync([entry.Code], ct)).Count > 0
                ? ReceptionCheck.Reason(CorrectionCodes.OtherSeller, $"invoice {entry.Code} was issued by another seller, not {taxCode}")
                : ReceptionCheck.Reason(CorrectionCodes.NotStored, $"invoice {entry.Code} is not stored by the tax authority"));

        if (invoice is not null)
        {
            if (Mismatch(entry, invoice) is { } mismatch)
                reasons.Add(ReceptionCheck.Reason(CorrectionCodes.IdentityMismatch, mismatch));
            var state = _changed.GetValueOrDefault(invoice.Code) ?? await InvoiceChains.StateAsync(store, invoice, ct);
            var forbidden = entry.Action switch
            {
                InvoiceNoticeEntry.Cancel when state.IsCancelled => (CorrectionCodes.AlreadyCancelled,
                    $"invoice {invoice.Code} was already cancelled by {state.Cancellation!.MessageId}"),
                InvoiceNoticeEntry.Cancel => (CorrectionCodes.ChainForbids, ChainRules.Cancel(state)),
                InvoiceNoticeEntry.Adjust => (CorrectionCodes.ChainForbids, ChainRules.Adjust(state)),
                // The 04/SS about a replacement may follow the replacement invoice: being replaced is expected here.
                InvoiceNoticeEntry.Replace => (CorrectionCodes.ChainForbids, ChainRules.Replace(state with { ReplacedBy = [] })),
                _ => (null, null),
            };
            if (forbidden is ({ } code, { } detail))
                reasons.Add(ReceptionCheck.Reason(code, detail));

            if (reasons.Count == 0 && entry.Action is { } action)
            {
                var accepted = new InvoiceNoticeEntry
                {
                    Code = invoice.Code, TaxCode = taxCode, MessageId = messageId, Index = entry.Index ?? position, Action = action,
                    Reason = entry.Reason, AcceptedAt = at,
                };
                if (string.IsNullOrWhiteSpace(entry.Reason))
                    reasons.Add(ReceptionCheck.Reason(CorrectionCodes.ReasonMissing, $"HDon {position} gives no reason (LDo)"));
                else
                {
                    Accepted.Add(accepted);
                    if (action == InvoiceNoticeEntry.Cancel) _changed[invoice.Code] = state.CancelledBy(accepted);
                }
            }
        }
        else if (string.IsNullOrWhiteSpace(entry.Reason) && !reasons.Any(r => r.Code == CorrectionCodes.ReasonMissing))
            reasons.Add(ReceptionCheck.Reason(CorrectionCodes.ReasonMissing, $"HDon {position} gives no reason (LDo)"));

        return new ErroneousInvoiceResult
        {
            Index = position,
            Code = entry.Code ?? "",
            FormNumber = entry.FormNumber ?? invoice?.Form?.ToString(CultureInfo.InvariantCulture) ?? "",
            Series = entry.Series ?? invoice?.Series ?? "",
            Number = entry.Number ?? invoice?.Number ?? "",
            Date = entry.Date ?? invoice?.IssuedOn ?? DateOnly.FromDateTime(at.UtcDateTime),
            InvoiceKind = entry.InvoiceKind ?? 1,
            Action = entry.Action is >= 1 and <= 4 ? entry.Action : 4,
            Accepted = reasons.Count == 0 ? 1 : 2,
            Reasons = reasons.Count == 0 ? null : [.. reasons.DistinctBy(r => (r.Code, r.Description))],
        };
    }

    private static string? Mismatch(ErroneousInvoice entry, StoredInvoice invoice)
    {
        var form = invoice.Form?.ToString(CultureInfo.InvariantCulture);
        var differences = new List<string>(4);
        if (entry.FormNumber is { } f && form is not null && f != form) differences.Add($"KHMSHDon {f} (stored {form})");
        if (entry.Series is { } s && invoice.Series is not null && s != invoice.Series) differences.Add($"KHHDon {s} (stored {invoice.Series})");
        if (entry.Number is { } n && invoice.Number is not null && n != invoice.Number) differences.Add($"SHDon {n} (stored {invoice.Number})");
        if (entry.Date is { } d && invoice.IssuedOn is { } issued && d != issued)
            differences.Add($"Ngay {d:yyyy-MM-dd} (stored {issued:yyyy-MM-dd})");
        return differences.Count == 0 ? null : $"invoice {invoice.Code}: " + string.Join(", ", differences);
    }
}
