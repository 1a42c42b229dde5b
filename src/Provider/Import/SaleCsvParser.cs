using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider.Import;

/// <summary>The CSV sale-file format (docs/provider-import.md): one row per line of a sale.</summary>
internal static class SaleCsvParser
{
    public static readonly string[] Columns =
    [
        "sale_id", "register_id", "name", "unit", "quantity", "unit_price", "vat_rate", "discount", "item_code",
        "kind", "buyer_name", "buyer_tax_code", "buyer_address", "buyer_id", "buyer_phone", "payment_method",
        "correction", "related_code", "reason",
    ];

    public static readonly string[] RequiredColumns = ["sale_id", "name", "unit", "quantity", "unit_price", "vat_rate"];

    // Taken from a sale's first row; a later row may repeat them or leave them empty.
    private static readonly string[] SaleColumns =
        ["register_id", "buyer_name", "buyer_tax_code", "buyer_address", "buyer_id", "buyer_phone", "payment_method",
         "correction", "related_code", "reason"];

    // The line columns a header may leave out when the file has the correction column (a file of cancels needs none).
    private static readonly string[] LineColumns = ["name", "unit", "quantity", "unit_price", "vat_rate"];

    public static SaleFileParseResult Parse(string file, string text)
    {
        var errors = new List<MappingError>();
        var problems = new List<CsvProblem>();
        var records = CsvReader.Read(text, problems);
        if (records.Count == 0)
        {
            errors.Add(new MappingError(file, 1, "", "the file is empty: a header row is required (" + string.Join(",", Columns) + ")"));
            return SaleFileParseResult.Of([], errors);
        }

        var header = records[0];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var f = 0; f < header.Fields.Count; f++)
        {
            var name = header.Fields[f].Trim().ToLowerInvariant();
            if (!Columns.Contains(name))
                errors.Add(new MappingError(file, header.Line, header.Fields[f],
                    name.Length == 0 ? "empty column name" : "unknown column; the columns are " + string.Join(",", Columns)));
            else if (!index.TryAdd(name, f))
                errors.Add(new MappingError(file, header.Line, name, "the column appears twice in the header"));
        }
        var corrections = index.ContainsKey("correction");
        foreach (var required in RequiredColumns.Where(c => !index.ContainsKey(c) && !(corrections && LineColumns.Contains(c))))
            errors.Add(new MappingError(file, header.Line, required, "a required column is missing from the header"));
        string ColumnName(int field) =>
            field < header.Fields.Count ? header.Fields[field].Trim() : $"column {field + 1}";
        foreach (var p in problems)
            errors.Add(new MappingError(file, p.Line, ColumnName(p.Field), p.Message));
        if (errors.Count > 0) return SaleFileParseResult.Of([], errors);

        // Rows grouped by sale_id, in order of first appearance.
        var groups = new Dictionary<string, List<CsvRecord>>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Fields.Count)
            {
                var column = ColumnName(Math.Min(record.Fields.Count, header.Fields.Count));
                errors.Add(new MappingError(file, record.Line, column,
                    $"the row has {record.Fields.Count} values, the header {header.Fields.Count}"));
                continue;
            }
            var saleId = Get(record, index, "sale_id");
            if (saleId.Length == 0)
            {
                errors.Add(new MappingError(file, record.Line, "sale_id", "a value is required"));
                continue;
            }
            if (!groups.TryGetValue(saleId, out var rows)) groups[saleId] = rows = [];
            rows.Add(record);
        }

        var sales = new List<ImportedSale>();
        foreach (var (saleId, rows) in groups)
        {
            var first = rows[0];
            foreach (var later in rows.Skip(1))
            {
                foreach (var column in SaleColumns)
                {
                    var value = Get(later, index, column);
                    var firstValue = Get(first, index, column);
                    if (value.Length > 0 && value != firstValue)
                        errors.Add(new MappingError(file, later.Line, column,
                            $"'{value}' differs from the sale's first row (row {first.Line}: '{firstValue}'); " +
                            "give sale-level values on the first row and repeat them or leave them empty"));
                }
            }
            if ((SaleLimits.FindId(saleId, "sale_id", SaleLimits.SaleIdLength)
                    ?? SaleLimits.FindId(Optional(first, index, "register_id"), "register_id", SaleLimits.RegisterIdLength)) is { } badId)
            {
                errors.Add(new MappingError(file, first.Line, badId.Field, badId.Message));
                continue;
            }
            var correction = ImportedCorrection.Read(Get(first, index, "correction"), Get(first, index, "related_code"),
                Get(first, index, "reason"), first.Line, c => c, (r, c, m) => errors.Add(new MappingError(file, r, c, m)));
            if (correction is { Kind: CorrectionKind.Cancel })
            {
                if (rows.Count > 1) errors.Add(new MappingError(file, rows[1].Line, "sale_id", "a cancel is one row: the invoice cancelled has the lines"));
                else if (Get(first, index, "name").Length > 0) errors.Add(new MappingError(file, first.Line, "name", "a cancel carries no line: leave name empty"));
                else sales.Add(new ImportedSale(saleId, new Sale { Lines = [] }, Optional(first, index, "register_id"), first.Line, correction));
                continue;
            }
            if (correction is null && Get(first, index, "correction").Length > 0) continue; // its errors are reported
            var mapper = new SaleRowMapper(file, errors);
            foreach (var row in rows) mapper.Add(row.Line, column => Get(row, index, column));
            var buyer = new Buyer(
                Name: Optional(first, index, "buyer_name"),
                Address: Optional(first, index, "buyer_address"),
                TaxCode: Optional(first, index, "buyer_tax_code"),
                PersonalId: Optional(first, index, "buyer_id"),
                Phone: Optional(first, index, "buyer_phone"));
            var sale = mapper.Build(buyer == new Buyer() ? null : buyer, Optional(first, index, "payment_method"));
            if (sale is not null) sales.Add(new ImportedSale(saleId, sale, Optional(first, index, "register_id"), first.Line, correction));
        }
        if (groups.Count == 0 && errors.Count == 0)
            errors.Add(new MappingError(file, 1, "", "the file holds no sale (only the header row)"));
        return SaleFileParseResult.Of(sales, errors);
    }

    private static string Get(CsvRecord record, Dictionary<string, int> index, string column) =>
        index.TryGetValue(column, out var f) && f < record.Fields.Count ? record.Fields[f].Trim() : "";

    private static string? Optional(CsvRecord record, Dictionary<string, int> index, string column) =>
        Get(record, index, column) is { Length: > 0 } v ? v : null;
}
