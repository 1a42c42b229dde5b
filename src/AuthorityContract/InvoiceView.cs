namespace ConformanceKit.AuthorityContract;

/// <summary>
/// GET /api/v1/invoices/{mst}/{code}?total=: what a buyer sees when looking an invoice up — the stored invoice's summary,
/// when it was stored (Vietnam time), the MTDiep of the package that carried it, and its HDon as sent. Every property is
/// written, null included.
/// </summary>
public sealed record InvoiceView(
    string Mst, string Code, int? Form, string? Series, string? Number, DateOnly? IssuedOn,
    string? SellerName, string? BuyerName, string? BuyerMst, decimal? TotalBeforeTax, decimal? TotalTax, decimal? Total,
    string? Currency, string StoredAt, string MessageId, string? Xml);
