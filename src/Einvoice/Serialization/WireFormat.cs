using System.Globalization;

namespace ConformanceKit.Einvoice.Serialization;

/// <summary>How scalar values look on the wire (domain.md: dates YYYY-MM-DD, date-times without zone).</summary>
internal static class WireFormat
{
    public const string Date = "yyyy-MM-dd";
    public const string DateTime = "yyyy-MM-ddTHH:mm:ss";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // xs:decimal: optional sign, digits, optional point; no exponent, no thousands separators.
    private const NumberStyles DecimalStyle =
        NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite |
        NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd"];

    private static readonly string[] ZonedFormats =
        ["yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ"];

    public static bool TryParseDecimal(string s, out decimal value) =>
        decimal.TryParse(s, DecimalStyle, Inv, out value);

    public static bool TryParseInt(string s, out int value) =>
        int.TryParse(s, NumberStyles.Integer, Inv, out value);

    public static bool TryParseDate(string s, out DateOnly value) =>
        DateOnly.TryParseExact(s.Trim(), Date, Inv, DateTimeStyles.None, out value);

    /// <summary>
    /// Local clock time as written. A zone suffix (seen in the wild) is accepted and dropped: the
    /// model keeps wall-clock time, GMT+7 by convention.
    /// </summary>
    public static bool TryParseDateTime(string s, out DateTime value)
    {
        s = s.Trim();
        if (System.DateTime.TryParseExact(s, DateTimeFormats, Inv, DateTimeStyles.None, out value))
            return true;
        if (DateTimeOffset.TryParseExact(s, ZonedFormats, Inv, DateTimeStyles.AssumeUniversal, out var withZone))
        {
            value = withZone.DateTime;
            return true;
        }
        return false;
    }
}
