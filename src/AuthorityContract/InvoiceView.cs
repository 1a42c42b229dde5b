namespace ConformanceKit.AuthorityContract;

/// <summary>
/// GET /api/v1/invoices/{mst}/{code}?total=: what a buyer sees when looking an invoice up — the stored invoice's summary,
/// when it was stored (Vietnam time), the MTDiep of the package that carried it, and its HDon as sent. Every property is
/// written, null included.
/// </summary>
/// <param name="State">The invoice's state (docs/corrections.md): <c>issued</c>, <c>cancelled</c> (an accepted 303),
/// <c>replaced</c> or <c>adjusted</c> (a stored invoice replaces or adjusts it); cancelled wins over replaced over adjusted.</param>
/// <param name="CancelledBy">The MTDiep of the accepted 303 (Form 04/SS-HĐĐT) that cancelled it.</param>
/// <param name="CancelReason">That 303's reason (LDo).</param>
/// <param name="ReplacedBy">The codes (MCCQT) of the stored invoices that replace it; empty when none.</param>
/// <param name="AdjustedBy">The codes of the stored invoices that adjust it; empty when none.</param>
/// <param name="Relation">This invoice's own TTHDLQuan: <c>replaces</c> (TCHDon 1) or <c>adjusts</c> (TCHDon 2); null otherwise.</param>
/// <param name="RelatedInvoice">The invoice it replaces or adjusts as its TTHDLQuan names it: form/series/number.</param>
/// <param name="RelatedCode">That invoice's code when the authority stores it.</param>
public sealed record InvoiceView(
    string Mst, string Code, int? Form, string? Series, string? Number, DateOnly? IssuedOn,
    string? SellerName, string? BuyerName, string? BuyerMst, decimal? TotalBeforeTax, decimal? TotalTax, decimal? Total,
    string? Currency, string StoredAt, string MessageId, string? Xml,
    string? State = null, string? CancelledBy = null, string? CancelReason = null, IReadOnlyList<string>? ReplacedBy = null,
    IReadOnlyList<string>? AdjustedBy = null, string? Relation = null, string? RelatedInvoice = null, string? RelatedCode = null);
