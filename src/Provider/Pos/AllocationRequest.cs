namespace ConformanceKit.Provider.Pos;

/// <summary>What a register asks the allocator for: the next serial of its block, recorded with the sale.</summary>
/// <param name="RegisterId">The register issuing the invoice.</param>
/// <param name="TaxCode">The seller's MST; a block belongs to one taxpayer.</param>
/// <param name="Block">C5–C9, issued by the tax authority.</param>
/// <param name="Form">KHMSHDon and C2: 1 VAT invoice, 2 sales invoice.</param>
/// <param name="Series">KHHDon, e.g. "C25MAA".</param>
/// <param name="IssuedAt">The moment of issue, GMT+7; its year is C3C4.</param>
/// <param name="SaleJson">The sale, as stored (<see cref="SaleJson"/>).</param>
/// <param name="SaleId">
/// The caller's id of the sale, when it has one: a second request with the same id gets the first
/// invoice back and uses no number (a POS retrying after a timeout or a crash).
/// </param>
public sealed record AllocationRequest(
    string RegisterId, string TaxCode, string Block, int Form, string Series, DateTimeOffset IssuedAt, string SaleJson,
    string? SaleId = null);
