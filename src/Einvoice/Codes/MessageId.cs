namespace ConformanceKit.Einvoice.Codes;

/// <summary>
/// Message id (MTDiep): sender code (MNGui) + 32 upper-case hex digits of a UUID without dashes.
/// Any 32 upper-case hex digits are accepted: ids in real documents are not always version 4.
/// </summary>
public readonly record struct MessageId
{
    public const int HexLength = 32;
    public const int MaxLength = 46;
    /// <summary>MNGui is at most 14 characters (formats.md), which with 32 hex gives the 46 limit.</summary>
    public const int MaxSenderLength = MaxLength - HexLength;
    private readonly string? _value;

    private MessageId(string value) => _value = value;

    public string Value => _value ?? string.Empty;

    /// <summary>The sender code: "TCT", "V" + MST or "K" + MST.</summary>
    public string Sender => Value.Length > HexLength ? Value[..^HexLength] : string.Empty;

    public string Hex => Value.Length > HexLength ? Value[^HexLength..] : string.Empty;

    /// <summary>
    /// "TCT" (tax authority), "V" + MST (T-VAN) or "K" + MST (directly connected organisation).
    /// The MST must be valid; a branch MST ("V0106324653-001") is refused because it would exceed
    /// the 14-character MNGui limit.
    /// </summary>
    public static bool IsValidSenderCode(string? s)
    {
        if (s is null || s.Length > MaxSenderLength) return false;
        if (s == "TCT") return true;
        return s.Length > 1 && s[0] is ('V' or 'K') && TaxCode.TryParse(s[1..], out _, out _);
    }

    public static MessageId New(string senderCode, Guid? guid = null)
    {
        if (!IsValidSenderCode(senderCode))
            throw new ArgumentException($"'{senderCode}' is not a sender code (TCT, V+MST or K+MST)", nameof(senderCode));
        return new MessageId(senderCode + (guid ?? Guid.NewGuid()).ToString("N").ToUpperInvariant());
    }

    public static bool TryParse(string? s, out MessageId id, out string? error)
    {
        id = default;
        error = Validate(s);
        if (error is not null) return false;
        id = new MessageId(s!);
        return true;
    }

    public static MessageId Parse(string s) =>
        TryParse(s, out var id, out var error) ? id : throw new FormatException(error);

    public override string ToString() => Value;

    private static string? Validate(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "MTDiep is empty";
        if (s.Length > MaxLength) return $"MTDiep must be at most {MaxLength} characters, got {s.Length}";
        if (s.Length <= HexLength) return "MTDiep must be a sender code followed by 32 upper-case hex digits";
        foreach (var c in s.AsSpan(s.Length - HexLength))
            if (!char.IsAsciiHexDigitUpper(c))
                return "MTDiep must end with 32 upper-case hex digits (a UUID without dashes)";
        var sender = s[..^HexLength];
        return IsValidSenderCode(sender) ? null : $"MTDiep sender part '{sender}' is not TCT, V+MST or K+MST";
    }
}
