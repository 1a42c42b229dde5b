using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Provider.Import;

/// <summary>
/// Builds one sale from line rows shaped like the CSV columns and the ck_sale_lines table (kind, name,
/// unit, quantity, unit_price, vat_rate, discount, item_code), collecting every mapping error.
/// </summary>
internal sealed class SaleRowMapper(string file, List<MappingError> errors)
{
    private readonly List<(int Row, SaleLine Line)> _lines = [];
    private readonly List<(int Row, PromotionLine Line)> _promotions = [];
    private (int Row, TradeDiscount Discount)? _discount;
    private readonly int _errorsBefore = errors.Count;
    private int _firstRow = -1;

    /// <summary>Reads one row; <paramref name="get"/> gives a column's trimmed value ("" when absent or empty).</summary>
    public void Add(int row, Func<string, string> get)
    {
        if (_firstRow < 0) _firstRow = row;
        var kind = get("kind").ToLowerInvariant();
        switch (kind)
        {
            case "" or "goods":
            {
                var name = Required(row, get, "name");
                var unit = Required(row, get, "unit");
                var quantity = Positive(row, get, "quantity");
                var price = Amount(row, get, "unit_price", required: true);
                var rate = Rate(row, get);
                var lineDiscount = Amount(row, get, "discount", required: false) ?? 0m;
                if (name is null || unit is null || quantity is null || price is null || rate is null) return;
                var itemCode = get("item_code");
                _lines.Add((row, new SaleLine(name, unit, quantity.Value, price.Value, rate.Value, lineDiscount,
                    itemCode.Length == 0 ? null : itemCode)));
                break;
            }
            case "promotion":
            {
                var name = Required(row, get, "name");
                var unit = Required(row, get, "unit");
                var quantity = Positive(row, get, "quantity");
                if (name is null || unit is null || quantity is null) return;
                _promotions.Add((row, new PromotionLine(name, unit, quantity.Value)));
                break;
            }
            case "discount":
            {
                var name = Required(row, get, "name");
                var amount = Amount(row, get, "unit_price", required: true);
                var rate = Rate(row, get);
                if (_discount is { } first)
                {
                    Error(row, "kind", $"a sale has at most one trade discount row (the first is row {first.Row})");
                    return;
                }
                if (name is null || amount is null || rate is null) return;
                _discount = (row, new TradeDiscount(name, amount.Value, rate.Value));
                break;
            }
            default:
                Error(row, "kind", $"'{kind}' is not a line kind; accepted: goods (or empty), promotion, discount");
                break;
        }
    }

    /// <summary>The sale, or null when a row of it had an error or <see cref="SaleCalculator"/> refuses it.</summary>
    public Sale? Build(Buyer? buyer, string? paymentMethod)
    {
        if (errors.Count > _errorsBefore) return null;
        var sale = new Sale
        {
            Lines = _lines.Select(l => l.Line).ToList(),
            Promotions = _promotions.Select(p => p.Line).ToList(),
            Discount = _discount?.Discount,
            Buyer = buyer,
            PaymentMethod = string.IsNullOrEmpty(paymentMethod) ? "TM/CK" : paymentMethod,
        };
        if (SaleCalculator.Find(sale) is not { } problem) return sale;
        var (row, column) = problem.Section switch
        {
            SaleSection.Line => (_lines[problem.Index].Row, Column(problem.Field)),
            SaleSection.Discount => (_discount!.Value.Row, problem.Field switch { "name" => "name", "rate" => "vat_rate", _ => "unit_price" }),
            SaleSection.Promotion => (_promotions[problem.Index].Row, problem.Field.Length == 0 ? "name" : problem.Field),
            SaleSection.Buyer => (_firstRow, problem.Field switch
            {
                "taxCode" => "buyer_tax_code", "personalId" => "buyer_id", "address" => "buyer_address", "phone" => "buyer_phone", _ => "buyer_name",
            }),
            _ => (_firstRow, problem.Field == "paymentMethod" ? "payment_method" : "kind"),
        };
        Error(row, column, problem.Section == SaleSection.Sale && problem.Field == "lines" && problem.Rule == "required"
            ? $"{problem.Message} (a goods row: kind empty or 'goods')"
            : problem.Message);
        return null;
    }

    private static string Column(string field) => field switch
    {
        "unitPrice" => "unit_price",
        "rate" => "vat_rate",
        "itemCode" => "item_code",
        "" => "name",
        _ => field,
    };

    private string? Required(int row, Func<string, string> get, string column)
    {
        var v = get(column);
        if (v.Length > 0) return v;
        Error(row, column, "a value is required");
        return null;
    }

    private decimal? Amount(int row, Func<string, string> get, string column, bool required)
    {
        var v = get(column);
        if (v.Length == 0)
        {
            if (required) Error(row, column, "a value is required");
            return null;
        }
        var d = ImportValues.Number(v, out var error);
        if (error is not null) Error(row, column, error);
        return d;
    }

    private decimal? Positive(int row, Func<string, string> get, string column)
    {
        var d = Amount(row, get, column, required: true);
        if (d is not 0m) return d;
        Error(row, column, "must be more than 0");
        return null;
    }

    private VatRate? Rate(int row, Func<string, string> get)
    {
        var v = get("vat_rate");
        if (v.Length == 0)
        {
            Error(row, "vat_rate", $"a value is required; accepted: {ImportValues.AcceptedRates}");
            return null;
        }
        var rate = ImportValues.Rate(v, out var error);
        if (error is not null) Error(row, "vat_rate", error);
        return rate;
    }

    private void Error(int row, string column, string message) => errors.Add(new MappingError(file, row, column, message));
}
