using System.Globalization;
using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.Provider.Pos;

/// <summary>
/// Reads the command-line forms: a line "name;unit;quantity;price;rate[;discount]", a trade discount
/// "name;amount;rate" and a promotion "name;unit;quantity". Numbers use '.' for decimals.
/// </summary>
public static class SaleLineParser
{
    public static SaleLine ParseLine(string text)
    {
        var p = Split(text, 5, 6, "name;unit;quantity;price;rate[;discount]");
        return new SaleLine(p[0], p[1], Number(p[2], "quantity"), Number(p[3], "price"), Rate(p[4]),
            p.Length == 6 ? Number(p[5], "discount") : 0m);
    }

    public static TradeDiscount ParseDiscount(string text)
    {
        var p = Split(text, 3, 3, "name;amount;rate");
        return new TradeDiscount(p[0], Number(p[1], "amount"), Rate(p[2]));
    }

    public static PromotionLine ParsePromotion(string text)
    {
        var p = Split(text, 3, 3, "name;unit;quantity");
        return new PromotionLine(p[0], p[1], Number(p[2], "quantity"));
    }

    private static string[] Split(string text, int min, int max, string shape)
    {
        var parts = text.Split(';', StringSplitOptions.TrimEntries);
        if (parts.Length < min || parts.Length > max) throw new FormatException($"'{text}' is not {shape}");
        return parts;
    }

    private static decimal Number(string s, string what) =>
        decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            ? d : throw new FormatException($"{what} '{s}' is not a number");

    private static VatRate Rate(string s) =>
        VatRate.TryParse(s, out var rate, out var error) ? rate : throw new FormatException(error);
}
