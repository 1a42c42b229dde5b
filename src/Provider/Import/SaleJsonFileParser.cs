using System.Globalization;
using System.Text.Json;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider.Import;

/// <summary>
/// The JSON sale-file format: an array of sales, or <c>{ "sales": [ … ] }</c>; each sale is the
/// provider API body — <see cref="SaleJson"/>'s shape of a <see cref="Sale"/> plus saleId and registerId.
/// Every error is reported with the sale's 1-based index as row and the JSON path as column.
/// </summary>
internal sealed class SaleJsonFileParser
{
    private static readonly string[] SaleProperties =
        ["saleId", "registerId", "lines", "buyer", "discount", "promotions", "paymentMethod", "correction", "relatedCode", "reason"];
    private static readonly string[] LineProperties = ["name", "unit", "quantity", "unitPrice", "rate", "discount", "itemCode"];
    private static readonly string[] BuyerProperties = ["name", "address", "taxCode", "personalId", "phone"];
    private static readonly string[] DiscountProperties = ["name", "amount", "rate"];
    private static readonly string[] PromotionProperties = ["name", "unit", "quantity"];

    private readonly string _file;
    private readonly List<MappingError> _errors = [];
    private int _row;

    private SaleJsonFileParser(string file) => _file = file;

    public static SaleFileParseResult Parse(string file, ReadOnlyMemory<byte> utf8)
    {
        var parser = new SaleJsonFileParser(file);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            parser._errors.Add(new MappingError(file, line, $"{line}:{column}", "not valid JSON: " + FirstSentence(e.Message)));
            return SaleFileParseResult.Of([], parser._errors);
        }
        using (document)
        {
            try
            {
                return parser.Read(document.RootElement);
            }
            catch (InvalidOperationException e) // a string escaping a lone surrogate (\ud800) cannot be read as text
            {
                parser._errors.Add(new MappingError(file, parser._row, "", "the file holds text that is not valid Unicode: " + e.Message));
                return SaleFileParseResult.Of([], parser._errors);
            }
        }
    }

    private SaleFileParseResult Read(JsonElement root)
    {
        JsonElement array;
        string prefix;
        if (root.ValueKind == JsonValueKind.Array)
        {
            (array, prefix) = (root, "$");
        }
        else if (root.ValueKind == JsonValueKind.Object)
        {
            prefix = "$.sales";
            array = default;
            foreach (var p in root.EnumerateObject())
            {
                if (p.NameEquals("sales")) array = p.Value;
                else Error(0, "$." + p.Name, "unknown property; the file is an array of sales or { \"sales\": [ … ] }");
            }
            if (array.ValueKind != JsonValueKind.Array)
            {
                Error(0, prefix, array.ValueKind == JsonValueKind.Undefined ? "\"sales\" is missing" : "\"sales\" must be an array");
                return SaleFileParseResult.Of([], _errors);
            }
        }
        else
        {
            Error(0, "$", "the file must be an array of sales or { \"sales\": [ … ] }");
            return SaleFileParseResult.Of([], _errors);
        }

        var sales = new List<ImportedSale>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            _row = i + 1;
            var path = $"{prefix}[{i}]";
            i++;
            if (ReadSale(element, path, seen) is { } sale) sales.Add(sale);
        }
        _row = 0;
        if (i == 0 && _errors.Count == 0) Error(0, prefix, "the file holds no sale");
        return SaleFileParseResult.Of(sales, _errors);
    }

    private ImportedSale? ReadSale(JsonElement e, string path, Dictionary<string, int> seen)
    {
        if (!IsObject(e, path)) return null;
        var before = _errors.Count;
        Unknown(e, path, SaleProperties);
        var saleId = String(e, path, "saleId", required: true);
        if (saleId is not null && !seen.TryAdd(saleId, _row))
            Error(_row, path + ".saleId", $"saleId '{saleId}' is already used by sale {seen[saleId]}");
        var registerId = String(e, path, "registerId", required: false);
        var paymentMethod = String(e, path, "paymentMethod", required: false);
        var correctionText = String(e, path, "correction", required: false) ?? "";
        var correction = ImportedCorrection.Read(correctionText, String(e, path, "relatedCode", required: false) ?? "",
            String(e, path, "reason", required: false) ?? "", _row,
            c => path + "." + (c switch { "related_code" => "relatedCode", var x => x }), Error);
        if (correction is { Kind: CorrectionKind.Cancel })
        {
            if (Property(e, "lines", out var none) && none.ValueKind != JsonValueKind.Null)
                Error(_row, path + ".lines", "a cancel carries no line (the invoice cancelled has them)");
            if ((SaleLimits.FindId(saleId, "saleId", SaleLimits.SaleIdLength)
                    ?? SaleLimits.FindId(registerId, "registerId", SaleLimits.RegisterIdLength)) is { } badId)
                Error(_row, $"{path}.{badId.Field}", badId.Message);
            return _errors.Count > before || saleId is null ? null
                : new ImportedSale(saleId, new Sale { Lines = [] }, registerId, _row, correction);
        }

        var lines = new List<SaleLine>();
        if (!Property(e, "lines", out var linesElement) || linesElement.ValueKind == JsonValueKind.Null)
            Error(_row, path + ".lines", "a sale needs at least one line");
        else if (linesElement.ValueKind != JsonValueKind.Array)
            Error(_row, path + ".lines", "must be an array");
        else
        {
            var k = 0;
            foreach (var l in linesElement.EnumerateArray())
                if (ReadLine(l, $"{path}.lines[{k++}]") is { } line) lines.Add(line);
            if (k == 0) Error(_row, path + ".lines", "a sale needs at least one line");
        }

        Buyer? buyer = null;
        if (Property(e, "buyer", out var b) && b.ValueKind != JsonValueKind.Null && IsObject(b, path + ".buyer"))
        {
            var bp = path + ".buyer";
            Unknown(b, bp, BuyerProperties);
            buyer = new Buyer(String(b, bp, "name", false), String(b, bp, "address", false), String(b, bp, "taxCode", false),
                String(b, bp, "personalId", false), String(b, bp, "phone", false));
        }

        TradeDiscount? discount = null;
        if (Property(e, "discount", out var d) && d.ValueKind != JsonValueKind.Null && IsObject(d, path + ".discount"))
        {
            var dp = path + ".discount";
            Unknown(d, dp, DiscountProperties);
            var name = String(d, dp, "name", required: true);
            var amount = Number(d, dp, "amount", required: true);
            var rate = Rate(d, dp, "rate");
            if (name is not null && amount is not null && rate is not null) discount = new TradeDiscount(name, amount.Value, rate.Value);
        }

        var promotions = new List<PromotionLine>();
        if (Property(e, "promotions", out var ps) && ps.ValueKind != JsonValueKind.Null)
        {
            if (ps.ValueKind != JsonValueKind.Array) Error(_row, path + ".promotions", "must be an array");
            else
            {
                var k = 0;
                foreach (var p in ps.EnumerateArray())
                {
                    var pp = $"{path}.promotions[{k++}]";
                    if (!IsObject(p, pp)) continue;
                    Unknown(p, pp, PromotionProperties);
                    var name = String(p, pp, "name", required: true);
                    var unit = String(p, pp, "unit", required: true);
                    var quantity = Number(p, pp, "quantity", required: true, positive: true);
                    if (name is not null && unit is not null && quantity is not null) promotions.Add(new PromotionLine(name, unit, quantity.Value));
                }
            }
        }

        if (_errors.Count > before || saleId is null) return null;
        var sale = new Sale
        {
            Lines = lines,
            Buyer = buyer is null || buyer == new Buyer() ? null : buyer,
            Discount = discount,
            Promotions = promotions,
            PaymentMethod = string.IsNullOrEmpty(paymentMethod) ? "TM/CK" : paymentMethod,
        };
        if ((SaleLimits.FindId(saleId, "saleId", SaleLimits.SaleIdLength)
                ?? SaleLimits.FindId(registerId, "registerId", SaleLimits.RegisterIdLength)
                ?? SaleCalculator.Find(sale)) is { } problem)
        {
            Error(_row, $"{path}.{problem.Path}".TrimEnd('.'), problem.Message);
            return null;
        }
        return new ImportedSale(saleId, sale, registerId, _row, correction);
    }

    private SaleLine? ReadLine(JsonElement e, string path)
    {
        if (!IsObject(e, path)) return null;
        Unknown(e, path, LineProperties);
        var name = String(e, path, "name", required: true);
        var unit = String(e, path, "unit", required: true);
        var quantity = Number(e, path, "quantity", required: true, positive: true);
        var price = Number(e, path, "unitPrice", required: true);
        var rate = Rate(e, path, "rate");
        var discount = Number(e, path, "discount", required: false) ?? 0m;
        var itemCode = String(e, path, "itemCode", required: false);
        if (name is null || unit is null || quantity is null || price is null || rate is null) return null;
        return new SaleLine(name, unit, quantity.Value, price.Value, rate.Value, discount, string.IsNullOrEmpty(itemCode) ? null : itemCode);
    }

    private bool IsObject(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Object) return true;
        Error(_row, path, "must be an object");
        return false;
    }

    private void Unknown(JsonElement e, string path, string[] known)
    {
        foreach (var p in e.EnumerateObject())
            if (!known.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
                Error(_row, $"{path}.{p.Name}", "unknown property; known: " + string.Join(", ", known));
    }

    private static bool Property(JsonElement e, string name, out JsonElement value)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = p.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private string? String(JsonElement e, string path, string name, bool required)
    {
        if (!Property(e, name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) Error(_row, $"{path}.{name}", "a value is required");
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            Error(_row, $"{path}.{name}", "must be a string");
            return null;
        }
        var s = v.GetString()!.Trim();
        if (s.Length == 0 && required)
        {
            Error(_row, $"{path}.{name}", "a value is required");
            return null;
        }
        return s;
    }

    private decimal? Number(JsonElement e, string path, string name, bool required, bool positive = false)
    {
        var at = $"{path}.{name}";
        if (!Property(e, name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) Error(_row, at, "a value is required");
            return null;
        }
        decimal? d = null;
        if (v.ValueKind == JsonValueKind.Number)
        {
            if (v.TryGetDecimal(out var n)) d = n;
            else Error(_row, at, $"{v.GetRawText()} is out of range");
            if (d < 0)
            {
                Error(_row, at, $"'{v.GetRawText()}' is negative");
                d = null;
            }
        }
        else if (v.ValueKind == JsonValueKind.String)
        {
            d = ImportValues.Number(v.GetString()!, out var error);
            if (error is not null) Error(_row, at, error);
        }
        else Error(_row, at, "must be a number");
        if (positive && d == 0m)
        {
            Error(_row, at, "must be more than 0");
            d = null;
        }
        return d;
    }

    private VatRate? Rate(JsonElement e, string path, string name)
    {
        var at = $"{path}.{name}";
        if (!Property(e, name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            Error(_row, at, $"a value is required; accepted: {ImportValues.AcceptedRates}");
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            Error(_row, at, $"must be a string; accepted: {ImportValues.AcceptedRates}");
            return null;
        }
        var rate = ImportValues.Rate(v.GetString()!, out var error);
        if (error is not null) Error(_row, at, error);
        return rate;
    }

    private void Error(int at, string column, string message) => _errors.Add(new MappingError(_file, at, column, message));

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
