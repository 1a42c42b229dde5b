namespace ConformanceKit.Provider.Import;

/// <summary>One sale file handled by a scan.</summary>
/// <param name="File">The file name as it was in the inbox.</param>
/// <param name="MovedTo">Its full path in done/ or rejected/; null when it stays in the inbox (Retry).</param>
/// <param name="Receipts">The invoices issued (or found issued before) for its sales, in file order.</param>
/// <param name="Errors">Its mapping errors (Rejected only).</param>
/// <param name="Failure">Why the provider failed (Retry only).</param>
/// <param name="Corrections">The corrections carried out (or found done before) for its correction rows, in file order.</param>
public sealed record FileImportResult(
    string File,
    FileImportOutcome Outcome,
    string? MovedTo,
    IReadOnlyList<SaleReceipt> Receipts,
    IReadOnlyList<MappingError> Errors,
    string? Failure = null,
    IReadOnlyList<CorrectionReceipt>? Corrections = null);
