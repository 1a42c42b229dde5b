namespace ConformanceKit.TaxAuthoritySim.Checks;

/// <summary>
/// One failed check of Decision 1391 step 1: the error code, an English detail, and where — the
/// invoice (index and code), line:column and element path. Becomes one LDo of the 204.
/// </summary>
public sealed record CheckFailure(string Code, string Detail, int? InvoiceIndex = null, string? InvoiceCode = null,
    int Line = 0, int Column = 0, string? Path = null);
