namespace ConformanceKit.Provider;

/// <summary>A 206 package as the outbox holds it.</summary>
/// <param name="MessageId">MTDiep; every send of this package uses it, with the same signed bytes.</param>
/// <param name="Unsigned">The package before the seller's signature.</param>
/// <param name="Signed">The bytes sent; null while the package waits for its signature.</param>
/// <param name="Attempts">Sends that got no answer that settled it (network, 5xx, 401 …).</param>
/// <param name="AckedAt">When the 999 (TTTNhan 0) came, on the provider's clock.</param>
/// <param name="Ltbao">The 204's LTBao (2 or 7) once it came.</param>
/// <param name="Codes">The 204's MLoi codes or the 999's reason codes, comma-separated.</param>
/// <param name="Late">The 204 came after the deadline (15 minutes by default) after receipt, on the authority's clock when it tells (see docs/provider.md).</param>
/// <param name="Overdue">No 204 by the deadline: its invoices were looked up and the unstored re-packaged.</param>
/// <param name="ReceivedAt">The 999's NNhan: when the authority received the package, on the authority's clock.</param>
/// <param name="Kind">"206" (invoices) or "303" (a Form 04/SS-HĐĐT about invoices already sent; its answer is a 301).</param>
public sealed record PackageRecord(
    long Id, string MessageId, string TaxCode, string State, int InvoiceCount, DateTimeOffset CreatedAt,
    byte[] Unsigned, byte[]? Signed, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError,
    DateTimeOffset? AckedAt, DateTimeOffset? NoticeAt, int? Ltbao, string? Codes, bool Late, bool Overdue, int Notices,
    DateTimeOffset? ReceivedAt = null, string Kind = "206");

/// <summary>An issued invoice's way to the authority.</summary>
public sealed record InvoiceStatus(
    string Code, string? SaleId, string TaxCode, string Number, string State, string? PackageMessageId, int Packagings,
    string? Codes, string? Detail, DateTimeOffset IssuedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// An invoice as the API describes it, read in one statement: where it is, its record (sale, form, series), and whether
/// prov_chain or prov_notice_items name it — only then are the chain and the 303 entries read.
/// </summary>
public sealed record InvoiceDetail(InvoiceStatus Status, Pos.AllocatedInvoice Record, bool Corrected);

/// <summary>What became of one invoice of a refused package.</summary>
/// <param name="State">An <see cref="InvoiceState"/>: accepted (7005 — stored before), rejected, held, or issued (re-package).</param>
public sealed record InvoiceOutcome(string Code, string State, string? Codes, string? Detail);
