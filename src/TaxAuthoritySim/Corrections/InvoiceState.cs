using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Corrections;

/// <summary>
/// A stored invoice and where it stands in its chain: cancelled (by an accepted 303), replaced by, adjusted by
/// (stored invoices whose TTHDLQuan names it), and whether it is itself a replacement or an adjustment.
/// </summary>
public sealed record InvoiceState(
    StoredInvoice Invoice,
    InvoiceNoticeEntry? Cancellation,
    IReadOnlyList<StoredInvoice> ReplacedBy,
    IReadOnlyList<StoredInvoice> AdjustedBy)
{
    public bool IsCancelled => Cancellation is not null;
    public bool IsReplaced => ReplacedBy.Count > 0;
    public bool IsAdjusted => AdjustedBy.Count > 0;

    /// <summary>TTHDLQuan/TCHDon 1: this invoice replaces another.</summary>
    public bool IsReplacement => Invoice.RelationKind == 1;

    /// <summary>TTHDLQuan/TCHDon 2: this invoice adjusts another.</summary>
    public bool IsAdjustment => Invoice.RelationKind == 2;

    /// <summary>"form/series/number (code)", how texts name it.</summary>
    public string Name => $"{Invoice.Form}/{Invoice.Series}/{Invoice.Number} ({Invoice.Code})";

    /// <summary>One word for the pages and the journal: cancelled, replaced, adjusted or issued.</summary>
    public string Status => IsCancelled ? "cancelled" : IsReplaced ? "replaced" : IsAdjusted ? "adjusted" : "issued";

    /// <summary>A copy with <paramref name="cancellation"/> (a cancel accepted earlier in the same 303).</summary>
    public InvoiceState CancelledBy(InvoiceNoticeEntry cancellation) => this with { Cancellation = cancellation };
}
