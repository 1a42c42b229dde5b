namespace ConformanceKit.Einvoice.Codes;

/// <summary>
/// A Vietnamese tax code (MST): 10 digits, or 10 digits + '-' + 3-digit branch suffix.
/// Digit 10 is a mod-11 check digit over the first nine.
/// </summary>
public readonly record struct TaxCode
{
    private static readonly int[] Weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
    private readonly string? _value;

    private TaxCode(string value) => _value = value;

    /// <summary>The code as written: "0106324653" or "0106324653-001".</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The 10-digit enterprise part.</summary>
    public string Base => Value.Length >= 10 ? Value[..10] : Value;

    /// <summary>The 3-digit branch (dependent unit) suffix, or null for a head office.</summary>
    public string? Branch => Value.Length == 14 ? Value[11..] : null;

    /// <summary>
    /// Check digit for nine digits: 10 − (Σ wᵢ·dᵢ mod 11). Null when that is 10 (a sum ≡ 0 mod 11):
    /// no valid MST starts with those nine digits.
    /// </summary>
    public static int? CheckDigit(ReadOnlySpan<char> firstNine)
    {
        if (firstNine.Length != 9 || !IsDigits(firstNine))
            throw new ArgumentException("expected exactly 9 ASCII digits", nameof(firstNine));
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += Weights[i] * (firstNine[i] - '0');
        var c = 10 - sum % 11;
        return c == 10 ? null : c;
    }

    public static bool TryParse(string? s, out TaxCode code, out string? error)
    {
        code = default;
        error = Validate(s);
        if (error is not null) return false;
        code = new TaxCode(s!);
        return true;
    }

    public static TaxCode Parse(string s) =>
        TryParse(s, out var code, out var error) ? code : throw new FormatException(error);

    /// <summary>Builds a valid MST from its first nine digits by appending the check digit.</summary>
    public static TaxCode Create(string firstNineDigits, string? branch = null)
    {
        ArgumentNullException.ThrowIfNull(firstNineDigits);
        if (branch is not null && (branch.Length != 3 || !IsDigits(branch)))
            throw new ArgumentException("branch must be 3 digits", nameof(branch));
        var c = CheckDigit(firstNineDigits)
            ?? throw new ArgumentException($"no valid MST starts with {firstNineDigits} (check digit would be 10)", nameof(firstNineDigits));
        var baseCode = firstNineDigits + (char)('0' + c);
        return new TaxCode(branch is null ? baseCode : baseCode + "-" + branch);
    }

    public override string ToString() => Value;

    private static string? Validate(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "MST is empty";
        var shapeOk = s.Length switch
        {
            10 => IsDigits(s),
            14 => s[10] == '-' && IsDigits(s.AsSpan(0, 10)) && IsDigits(s.AsSpan(11)),
            _ => false,
        };
        if (!shapeOk) return "MST must be 10 digits, or 10 digits + '-' + 3-digit branch";
        var expected = CheckDigit(s.AsSpan(0, 9));
        if (expected is null) return $"MST {s[..10]} cannot exist: its check-digit formula yields 10";
        var actual = s[9] - '0';
        return actual == expected ? null : $"MST check digit is {actual}, expected {expected}";
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var ch in s)
            if (!char.IsAsciiDigit(ch)) return false;
        return true;
    }
}
