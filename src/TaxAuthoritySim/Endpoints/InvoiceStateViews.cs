using ConformanceKit.AuthorityContract;
using ConformanceKit.TaxAuthoritySim.Corrections;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Endpoints;

/// <summary>The look-up JSON's chain fields (docs/corrections.md): what the buyer's page says, as data.</summary>
internal static class InvoiceStateViews
{
    public static async Task<InvoiceView> WithStateAsync(ISimulatorStore store, InvoiceView view, StoredInvoice invoice, CancellationToken ct)
    {
        var state = await InvoiceChains.StateAsync(store, invoice, ct);
        string? relatedCode = null;
        if (invoice.RelationKind is 1 or 2 && invoice.RelatedNumber is { } number
            && await InvoiceChains.FindAsync(store, invoice.TaxCode, invoice.RelatedForm, invoice.RelatedSeries, number, ct) is { } related)
            relatedCode = related.Invoice.Code;
        return view with
        {
            State = state.IsCancelled ? "cancelled" : state.IsReplaced ? "replaced" : state.IsAdjusted ? "adjusted" : "issued",
            CancelledBy = state.Cancellation?.MessageId,
            CancelReason = state.Cancellation?.Reason,
            ReplacedBy = [.. state.ReplacedBy.Select(i => i.Code)],
            AdjustedBy = [.. state.AdjustedBy.Select(i => i.Code)],
            Relation = invoice.RelationKind switch { 1 => "replaces", 2 => "adjusts", _ => null },
            RelatedInvoice = invoice.RelationKind is 1 or 2 ? $"{invoice.RelatedForm}/{invoice.RelatedSeries}/{invoice.RelatedNumber}" : null,
            RelatedCode = relatedCode,
        };
    }
}
