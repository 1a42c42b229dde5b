namespace ConformanceKit.Provider.Import;

/// <summary>
/// What a sale file holds: its sales when it is entirely correct, otherwise every mapping error found
/// (and no sale — a file with one error is imported as a whole or not at all).
/// </summary>
public sealed record SaleFileParseResult(IReadOnlyList<ImportedSale> Sales, IReadOnlyList<MappingError> Errors)
{
    public bool Ok => Errors.Count == 0;

    internal static SaleFileParseResult Of(List<ImportedSale> sales, List<MappingError> errors) =>
        errors.Count == 0
            ? new SaleFileParseResult(sales, [])
            : new SaleFileParseResult([], errors.OrderBy(e => e.Row).ToList());
}
