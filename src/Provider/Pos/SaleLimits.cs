using System.Globalization;
using System.Text.RegularExpressions;

namespace ConformanceKit.Provider.Pos;

/// <summary>
/// What the invoice format can carry (206.xsd, common.xsd), checked before a code is allocated: a
/// sale that passes is one the register can always write, sign and send. One check for every
/// intake — `ck pos sell`, the provider API, sale files, the intermediate table — through
/// <see cref="SaleCalculator.Find"/>; the packager checks stored sales with it again.
/// </summary>
public static partial class SaleLimits
{
    /// <summary>THHDVu (NonEmptyString500): goods, promotion and trade-discount names.</summary>
    public const int NameLength = 500;

    /// <summary>DVTinh, MHHDVu, HTTToan (String50).</summary>
    public const int UnitLength = 50, ItemCodeLength = 50, PaymentMethodLength = 50;

    /// <summary>NMua: Ten and DChi (String400), HVTNMHang (String100), CCCDan (String12), SDThoai (String20).</summary>
    public const int CompanyNameLength = 400, AddressLength = 400, PersonNameLength = 100, PersonalIdLength = 12, PhoneLength = 20;

    /// <summary>Not on the invoice, but in URLs, files and the store: bounded all the same.</summary>
    public const int SaleIdLength = 512, RegisterIdLength = 100;

    /// <summary>A sale id as an intake keys it (a file's adds "file:" and the file name).</summary>
    public const int IntakeIdLength = 1024;

    /// <summary>STT is n(4): goods, promotions and the trade discount together.</summary>
    public const int MaxLines = 9999;

    /// <summary>
    /// SLuong, DGia, STCKhau, ThTien, TgTTTBSo … are n(21,6): 15 digits before the point and 6 after
    /// always fit (and the amount in words, read from a long, stays within 255 characters).
    /// </summary>
    public const decimal MaxValue = 999_999_999_999_999m;

    public const int MaxDecimals = 6;

    /// <summary>The first thing in the sale the format cannot carry, or null. Safe on any deserialized sale (nulls included).</summary>
    public static SaleViolation? Find(Sale sale)
    {
        ArgumentNullException.ThrowIfNull(sale);
        if (sale.Lines is null) return new(SaleSection.Sale, -1, "lines", "required", "a sale needs at least one line");
        if (sale.Promotions is null) return new(SaleSection.Sale, -1, "promotions", "required", "must be an array when given");
        var count = sale.Lines.Count + sale.Promotions.Count + (sale.Discount is null ? 0 : 1);
        if (count > MaxLines)
            return new(SaleSection.Sale, -1, "lines", "count", $"an invoice has at most {MaxLines} lines (STT n(4)); this sale has {count}");
        for (var i = 0; i < sale.Lines.Count; i++)
        {
            var l = sale.Lines[i];
            if (l is null) return new(SaleSection.Line, i, "", "required", "a line cannot be null");
            var v = Text(l.Name, SaleSection.Line, i, "name", "THHDVu", NameLength)
                ?? Text(l.Unit, SaleSection.Line, i, "unit", "DVTinh", UnitLength)
                ?? Text(l.ItemCode, SaleSection.Line, i, "itemCode", "MHHDVu", ItemCodeLength)
                ?? Number(l.Quantity, SaleSection.Line, i, "quantity")
                ?? Number(l.UnitPrice, SaleSection.Line, i, "unitPrice")
                ?? Number(l.Discount, SaleSection.Line, i, "discount");
            if (v is not null) return v;
            // Checked before anything multiplies: 1e15 × 1e15 overflows decimal.
            if (l.Quantity != 0 && Math.Abs(l.UnitPrice) > MaxValue / Math.Abs(l.Quantity))
                return new(SaleSection.Line, i, "unitPrice", "total",
                    $"quantity × unit price ({Show(l.Quantity)} × {Show(l.UnitPrice)}) is more than an invoice line carries ({Show(MaxValue)})");
        }
        if (sale.Discount is { } d)
        {
            var v = Text(d.Name, SaleSection.Discount, -1, "name", "THHDVu", NameLength) ?? Number(d.Amount, SaleSection.Discount, -1, "amount");
            if (v is not null) return v;
        }
        for (var i = 0; i < sale.Promotions.Count; i++)
        {
            var p = sale.Promotions[i];
            if (p is null) return new(SaleSection.Promotion, i, "", "required", "a promotion cannot be null");
            var v = Text(p.Name, SaleSection.Promotion, i, "name", "THHDVu", NameLength)
                ?? Text(p.Unit, SaleSection.Promotion, i, "unit", "DVTinh", UnitLength)
                ?? Number(p.Quantity, SaleSection.Promotion, i, "quantity");
            if (v is not null) return v;
        }
        return FindBuyer(sale.Buyer) ?? Text(sale.PaymentMethod, SaleSection.Sale, -1, "paymentMethod", "HTTToan", PaymentMethodLength);
    }

    /// <summary>The sale's totals must fit n(21,6) too (TgTCThue, TgTThue, TTCKTMai, TgTTTBSo, THTTLTSuat).</summary>
    public static SaleViolation? FindTotals(SaleTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        IEnumerable<decimal> all = [totals.TotalBeforeTax, totals.TotalTax, totals.TradeDiscount, totals.TotalPayable,
            .. totals.Rates.Select(r => r.Amount), .. totals.Rates.Select(r => r.Tax ?? 0m)];
        var over = all.FirstOrDefault(a => Math.Abs(a) > MaxValue);
        return over == 0m ? null : new(SaleSection.Sale, -1, "lines", "total",
            $"the sale's totals ({Show(over)}) are more than an invoice carries ({Show(MaxValue)})");
    }

    /// <summary>A sale id or register id: XML-safe text of bounded length (null or empty is the caller's business).</summary>
    public static SaleViolation? FindId(string? value, string field, int maxLength)
    {
        if (value is null) return null;
        if (XmlCharProblem(value) is { } bad) return new(SaleSection.Sale, -1, field, "xml-chars", bad);
        return value.Length > maxLength
            ? new(SaleSection.Sale, -1, field, "max-length", $"is {value.Length} characters long; at most {maxLength}")
            : null;
    }

    /// <summary>Why <paramref name="s"/> cannot go into an XML 1.0 document, or null.</summary>
    public static string? XmlCharProblem(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '\t' or '\n' or '\r' || (c >= ' ' && c < '\uD800') || (c >= '\uE000' && c <= '\uFFFD')) continue;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
                continue;
            }
            return $"contains U+{(int)c:X4} at position {i + 1}, which an XML 1.0 invoice cannot carry " +
                   "(no control characters but tab, LF and CR; no lone surrogates, U+FFFE or U+FFFF)";
        }
        return null;
    }

    private static SaleViolation? FindBuyer(Buyer? b)
    {
        if (b is null) return null;
        var company = !string.IsNullOrEmpty(b.TaxCode); // as InvoiceBuilder decides Ten or HVTNMHang
        var v = company
            ? Text(b.Name, SaleSection.Buyer, -1, "name", "Ten", CompanyNameLength)
            : Text(b.Name, SaleSection.Buyer, -1, "name", "HVTNMHang", PersonNameLength);
        v ??= Text(b.Address, SaleSection.Buyer, -1, "address", "DChi", AddressLength)
            ?? Text(b.PersonalId, SaleSection.Buyer, -1, "personalId", "CCCDan", PersonalIdLength)
            ?? Text(b.Phone, SaleSection.Buyer, -1, "phone", "SDThoai", PhoneLength)
            ?? Text(b.TaxCode, SaleSection.Buyer, -1, "taxCode", "MST", 14);
        if (v is not null || string.IsNullOrWhiteSpace(b.TaxCode)) return v;
        // The schema's pattern; a wrong check digit is the authority's to reject, for this invoice alone.
        return MstPattern().IsMatch(b.TaxCode)
            ? null
            : new(SaleSection.Buyer, -1, "taxCode", "pattern", $"'{b.TaxCode}' is not a tax code (MST): 10 digits, or 10 digits and -NNN for a branch");
    }

    private static SaleViolation? Text(string? value, SaleSection section, int index, string field, string element, int max)
    {
        if (value is null) return null;
        if (XmlCharProblem(value) is { } bad) return new(section, index, field, "xml-chars", bad);
        return value.Length > max
            ? new(section, index, field, "max-length", $"is {value.Length} characters long; the invoice's {element} carries at most {max}")
            : null;
    }

    private static SaleViolation? Number(decimal value, SaleSection section, int index, string field)
    {
        if (Math.Abs(value) > MaxValue)
            return new(section, index, field, "range",
                $"{Show(value)} is out of range: the invoice carries at most 15 digits before the decimal point (n(21,6))");
        return decimal.Round(value, MaxDecimals) != value
            ? new(section, index, field, "decimals", $"{Show(value)} has more than {MaxDecimals} decimals (n(21,6))")
            : null;
    }

    [GeneratedRegex(@"^[0-9]{10}(-[0-9]{3})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex MstPattern();

    private static string Show(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
