namespace ConformanceKit.Provider.Import;

/// <summary>What one poll of the intermediate table did.</summary>
/// <param name="Issued">The ck_sales ids issued (status 'issued'), with their receipts.</param>
/// <param name="Errors">The ck_sales ids set to 'error', with the text written to ck_sales.error.</param>
/// <param name="Failure">Why the poll stopped early (provider failure); the remaining sales stay 'new'.</param>
/// <param name="Corrected">The ck_sales ids of corrections carried out (status 'issued'), with their receipts.</param>
public sealed record TablePollResult(
    IReadOnlyList<(string Id, SaleReceipt Receipt)> Issued,
    IReadOnlyList<(string Id, string Error)> Errors,
    string? Failure = null,
    IReadOnlyList<(string Id, CorrectionReceipt Receipt)>? Corrected = null);
