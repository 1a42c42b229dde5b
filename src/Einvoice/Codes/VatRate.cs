using System.Globalization;

namespace ConformanceKit.Einvoice.Codes;

/// <summary>
/// VAT rate of a line or a per-rate total (TSuat): "0%", "5%", "8%", "10%", "KCT" (not subject
/// to VAT), "KKKNT" (not declared / not paid) or "KHAC:AB.CD" (another rate, in percent).
/// </summary>
public readonly record struct VatRate
{
    private const string OtherPrefix = "KHAC:";
    private readonly string? _value;

    private VatRate(string value) => _value = value;

    public static readonly VatRate Zero = new("0%");
    public static readonly VatRate Five = new("5%");
    public static readonly VatRate Eight = new("8%");
    public static readonly VatRate Ten = new("10%");
    public static readonly VatRate NotSubject = new("KCT");
    public static readonly VatRate NotDeclared = new("KKKNT");

    public string Value => _value ?? string.Empty;

    /// <summary>The rate in percent (10 for "10%", 3.50 for "KHAC:3.50"); null for KCT and KKKNT.</summary>
    public decimal? Percent => Value switch
    {
        "0%" => 0m,
        "5%" => 5m,
        "8%" => 8m,
        "10%" => 10m,
        _ when Value.StartsWith(OtherPrefix, StringComparison.Ordinal) =>
            decimal.Parse(Value.AsSpan(OtherPrefix.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>True when a rate applies (0% included, e.g. exports); false for KCT and KKKNT.</summary>
    public bool IsTaxable => Percent is not null;

    public static bool TryParse(string? s, out VatRate rate, out string? error)
    {
        rate = default;
        if (s is "0%" or "5%" or "8%" or "10%" or "KCT" or "KKKNT" || IsOther(s))
        {
            rate = new VatRate(s!);
            error = null;
            return true;
        }
        error = string.IsNullOrEmpty(s)
            ? "TSuat is empty"
            : $"TSuat '{s}' must be 0%, 5%, 8%, 10%, KCT, KKKNT or KHAC:AB.CD";
        return false;
    }

    public static VatRate Parse(string s) =>
        TryParse(s, out var rate, out var error) ? rate : throw new FormatException(error);

    public override string ToString() => Value;

    // formats.md documents KHAC:AB.CD; one leading digit is also accepted ("KHAC:3.50").
    private static bool IsOther(string? s)
    {
        if (s is null || !s.StartsWith(OtherPrefix, StringComparison.Ordinal)) return false;
        var n = s.AsSpan(OtherPrefix.Length);
        var dot = n.IndexOf('.');
        return dot is 1 or 2 && n.Length == dot + 3
            && AllDigits(n[..dot]) && AllDigits(n[(dot + 1)..]);
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
