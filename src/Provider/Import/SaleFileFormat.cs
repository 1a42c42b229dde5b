namespace ConformanceKit.Provider.Import;

/// <summary>The documented sale-file formats (docs/provider-import.md).</summary>
public enum SaleFileFormat
{
    /// <summary>UTF-8 CSV with a header row, one goods/promotion/discount line per row.</summary>
    Csv,

    /// <summary>UTF-8 JSON: an array of sales, or <c>{ "sales": [ … ] }</c>.</summary>
    Json,
}
