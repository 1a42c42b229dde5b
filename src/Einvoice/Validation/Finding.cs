namespace ConformanceKit.Einvoice.Validation;

/// <summary>
/// One located problem in a message: a stable code from the error catalogue (contract.md),
/// where it is (line, column, element path, invoice), what was found and what was expected.
/// </summary>
/// <param name="Code">Catalogue code, e.g. "3001", "7004", "W004".</param>
/// <param name="Severity">Error rejects the message; Warning is advisory.</param>
/// <param name="Message">Plain-English description of the problem.</param>
/// <param name="Line">1-based line, 0 when unknown.</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
/// <param name="Path">Element path with 1-based sibling indexes where ambiguous, e.g. /TDiep/DLieu/HDon[3]/MCCQT.</param>
/// <param name="Value">The offending value, when there is one.</param>
/// <param name="Expected">What was expected, in plain words.</param>
/// <param name="InvoiceIndex">1-based index of the HDon the finding is about, when it is about one.</param>
/// <param name="InvoiceCode">The invoice's cash-register code (MCCQT), when known.</param>
public sealed record Finding(
    string Code,
    Severity Severity,
    string Message,
    int Line = 0,
    int Column = 0,
    string? Path = null,
    string? Value = null,
    string? Expected = null,
    int? InvoiceIndex = null,
    string? InvoiceCode = null)
{
    /// <summary>"line:column" or empty when the position is unknown.</summary>
    public string Location => Line > 0 ? $"{Line}:{Column}" : string.Empty;

    public bool IsError => Severity == Severity.Error;
}
