namespace ConformanceKit.Einvoice.Codes;

/// <summary>
/// Invoice series symbol (KHHDon), 6 characters: C|K, two-digit year, kind letter, two
/// seller-chosen characters. Example "C25MAA" (coded, 2025, cash register, series AA).
/// </summary>
public readonly record struct InvoiceSeries
{
    private const string Kinds = "MTDLNBGHX";
    private readonly string? _value;

    private InvoiceSeries(string value) => _value = value;

    public string Value => _value ?? string.Empty;

    /// <summary>Char 1 is 'C': the invoice carries a tax-authority code ('K' when it does not).</summary>
    public bool HasAuthorityCode => Value.Length == 6 && Value[0] == 'C';

    /// <summary>Chars 2–3: last two digits of the year of issue.</summary>
    public int YearTwoDigits => Value.Length == 6 ? (Value[1] - '0') * 10 + (Value[2] - '0') : 0;

    /// <summary>Char 4: M (cash register), T, D, L, N, B, G, H or X.</summary>
    public char Kind => Value.Length == 6 ? Value[3] : '\0';

    public bool IsCashRegister => Kind == 'M';

    /// <summary>Chars 5–6, chosen by the seller ("YY" when the seller has no preference).</summary>
    public string SellerPart => Value.Length == 6 ? Value[4..] : string.Empty;

    public static bool TryParse(string? s, out InvoiceSeries series, out string? error)
    {
        series = default;
        error = Validate(s);
        if (error is not null) return false;
        series = new InvoiceSeries(s!);
        return true;
    }

    public static InvoiceSeries Parse(string s) =>
        TryParse(s, out var series, out var error) ? series : throw new FormatException(error);

    /// <summary>Parses the combined notation "1C25MAA": form number (KHMSHDon, 1–9) + series.</summary>
    public static bool TryParseWithForm(string? s, out int form, out InvoiceSeries series)
    {
        form = 0;
        series = default;
        if (s is null || s.Length != 7 || s[0] < '1' || s[0] > '9') return false;
        if (!TryParse(s[1..], out series, out _)) return false;
        form = s[0] - '0';
        return true;
    }

    public override string ToString() => Value;

    private static string? Validate(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "KHHDon is empty";
        if (s.Length != 6) return $"KHHDon must be 6 characters, got {s.Length}";
        if (s[0] is not ('C' or 'K')) return "character 1 must be 'C' (coded) or 'K' (not coded)";
        if (!char.IsAsciiDigit(s[1]) || !char.IsAsciiDigit(s[2]))
            return "characters 2–3 must be the last two digits of the year";
        if (!Kinds.Contains(s[3])) return "character 4 must be one of M, T, D, L, N, B, G, H, X";
        if (!IsUpperAlnum(s[4]) || !IsUpperAlnum(s[5]))
            return "characters 5–6 must be upper-case letters or digits ('YY' when none)";
        return null;
    }

    private static bool IsUpperAlnum(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);
}
