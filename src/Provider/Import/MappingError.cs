namespace ConformanceKit.Provider.Import;

/// <summary>
/// Why a value of an imported file (or intermediate table) cannot become a sale: where — the file, the
/// row and the column — and what is wrong.
/// </summary>
/// <param name="File">The file name (no folder), or the table name.</param>
/// <param name="Row">CSV: 1-based file line, the header being line 1. JSON: 1-based index of the sale
/// ("sale N"), or the line of a syntax error. Table: ck_sale_lines.line_no.</param>
/// <param name="Column">CSV: the header name. JSON: the JSON path (<c>$[2].lines[0].rate</c>), or
/// "line:col" of a syntax error. Table: the column name.</param>
/// <param name="Message">What is wrong, in English.</param>
public sealed record MappingError(string File, int Row, string Column, string Message)
{
    public override string ToString() => $"{File} row {Row}, column {Column}: {Message}";
}
