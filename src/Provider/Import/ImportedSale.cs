using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider.Import;

/// <summary>One sale read from a sale file or the intermediate table, ready for the intake.</summary>
/// <param name="SaleId">The sale's id inside its file (CSV sale_id, JSON saleId) or table (ck_sales.id).</param>
/// <param name="Sale">The sale, already accepted by <see cref="SaleCalculator.Check"/> (form 1).</param>
/// <param name="RegisterId">The register named by the file, or null for the provider's default.</param>
/// <param name="Row">CSV: the file line of the sale's first row (the header is line 1). JSON: the sale's 1-based index.</param>
/// <param name="Correction">Set when the row corrects an invoice (cancel, replace, adjust) instead of selling;
/// <paramref name="Sale"/> is then the replacement's or adjustment's (no lines for a cancel).</param>
public sealed record ImportedSale(string SaleId, Sale Sale, string? RegisterId, int Row, ImportedCorrection? Correction = null);
