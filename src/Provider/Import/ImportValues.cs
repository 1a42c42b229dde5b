using System.Globalization;
using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.Provider.Import;

/// <summary>How imported text becomes numbers and VAT rates, with the messages the error files show.</summary>
internal static class ImportValues
{
    public const string AcceptedRates = "0%, 5%, 8%, 10%, KCT, KKKNT or KHAC:AB.CD";

    /// <summary>A decimal written with '.' (no thousands separator); null and an error message otherwise.</summary>
    public static decimal? Number(string text, out string? error)
    {
        error = null;
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign
                | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var d))
        {
            if (d >= 0) return d;
            error = $"'{text}' is negative";
            return null;
        }
        error = $"'{text}' is not a number (use '.' for decimals, no thousands separator)";
        return null;
    }

    public static VatRate? Rate(string text, out string? error)
    {
        error = null;
        if (VatRate.TryParse(text.Trim(), out var rate, out _)) return rate;
        error = $"'{text}' is not a VAT rate; accepted: {AcceptedRates}";
        return null;
    }
}
