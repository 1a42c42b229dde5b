using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.Provider.Pos;

/// <summary>An issued invoice as recorded: its number and code, committed together with the sale.</summary>
/// <param name="Serial">C10–C20; consecutive per (block, year) across all registers.</param>
/// <param name="Code">MCCQT, e.g. "M1-25-A1B2C-00000000042".</param>
/// <param name="Number">SHDon (the serial; at most 8 digits).</param>
public sealed record AllocatedInvoice(
    long Serial,
    CashRegisterCode Code,
    string Number,
    string RegisterId,
    string TaxCode,
    string Block,
    int Form,
    string Series,
    DateTimeOffset IssuedAt,
    string SaleJson,
    string? SaleId = null)
{
    /// <summary>True when the sale id had been issued before: this is that first invoice, no new number was used.</summary>
    public bool Existing { get; init; }
}
