using System.Globalization;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Corrections;

/// <summary>Reads an invoice's state from the store: its accepted 303 cancel, and the invoices replacing or adjusting it.</summary>
public static class InvoiceChains
{
    public static async Task<InvoiceState> StateAsync(ISimulatorStore store, StoredInvoice invoice, CancellationToken ct)
    {
        var notices = await store.InvoiceNoticesAsync([invoice.Code], ct);
        IReadOnlyList<StoredInvoice> related = invoice.Number is null
            ? []
            : await store.InvoicesRelatedToAsync(invoice.TaxCode, invoice.Form, invoice.Series, invoice.Number, ct);
        return new InvoiceState(invoice,
            notices.FirstOrDefault(n => n.Action == InvoiceNoticeEntry.Cancel),
            [.. related.Where(r => r.RelationKind == 1 && r.Code != invoice.Code)],
            [.. related.Where(r => r.RelationKind == 2 && r.Code != invoice.Code)]);
    }

    /// <summary>
    /// The seller's stored invoice a TTHDLQuan names (KHMSHDCLQuan, KHHDCLQuan, SHDCLQuan) and its state; null when the
    /// store holds none (issued before the cash-register registration, on paper, or not sent yet). With several
    /// (an 8003 number repeat), the first stored.
    /// </summary>
    public static async Task<InvoiceState?> FindAsync(ISimulatorStore store, string taxCode, string? form, string? series, string number,
        CancellationToken ct)
    {
        var formNumber = int.TryParse(form, NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f : (int?)null;
        var found = await store.InvoicesNumberedAsync(taxCode, formNumber, series, number, ct);
        return found.Count == 0 ? null : await StateAsync(store, found[0], ct);
    }
}
