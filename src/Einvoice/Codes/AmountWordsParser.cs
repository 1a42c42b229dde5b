using System.Text;

namespace ConformanceKit.Einvoice.Codes;

/// <summary>
/// Tolerant reader behind <see cref="VietnameseAmountInWords.TryParse"/>: case, NFC/NFD, suffixes
/// ("đồng", "đồng chẵn", "VNĐ") and spelling variants (linh/lẻ, nghìn/ngàn, tư/bốn, lăm/nhăm/năm,
/// mốt/một, mươi/mười, tỷ/tỉ).
/// </summary>
internal static class AmountWordsParser
{
    private const long Billion = 1_000_000_000;
    private enum Kind { Digit, Tens, Hundred, Linh, Scale }

    private readonly record struct Token(Kind Kind, Int128 Value);

    private static readonly Dictionary<string, Token> Words = new(StringComparer.Ordinal)
    {
        ["không"] = new(Kind.Digit, 0),
        ["một"] = new(Kind.Digit, 1), ["mốt"] = new(Kind.Digit, 1),
        ["hai"] = new(Kind.Digit, 2),
        ["ba"] = new(Kind.Digit, 3),
        ["bốn"] = new(Kind.Digit, 4), ["tư"] = new(Kind.Digit, 4),
        ["năm"] = new(Kind.Digit, 5), ["lăm"] = new(Kind.Digit, 5), ["nhăm"] = new(Kind.Digit, 5),
        ["sáu"] = new(Kind.Digit, 6),
        ["bảy"] = new(Kind.Digit, 7), ["bẩy"] = new(Kind.Digit, 7),
        ["tám"] = new(Kind.Digit, 8),
        ["chín"] = new(Kind.Digit, 9),
        ["mười"] = new(Kind.Tens, 10), ["mươi"] = new(Kind.Tens, 10),
        ["trăm"] = new(Kind.Hundred, 100),
        ["linh"] = new(Kind.Linh, 0), ["lẻ"] = new(Kind.Linh, 0),
        ["nghìn"] = new(Kind.Scale, 1000), ["ngàn"] = new(Kind.Scale, 1000),
        ["triệu"] = new(Kind.Scale, 1_000_000),
        ["tỷ"] = new(Kind.Scale, 1_000_000_000), ["tỉ"] = new(Kind.Scale, 1_000_000_000),
    };

    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal) { "đồng", "chẵn", "vnđ", "vnd", "đ" };

    private static readonly char[] Separators = [' ', '\t', '\r', '\n', '\u00A0', ',', '.', ';', ':', '!', '-'];

    public static bool TryParse(string? words, out long amount)
    {
        amount = 0;
        if (string.IsNullOrWhiteSpace(words)) return false;
        var text = words.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        var raw = text.Split(Separators, StringSplitOptions.RemoveEmptyEntries).ToList();
        while (raw.Count > 0 && Suffixes.Contains(raw[^1])) raw.RemoveAt(raw.Count - 1);
        if (raw.Count == 0) return false;
        if (raw is ["không"]) return true;

        var tokens = new Token[raw.Count];
        for (var i = 0; i < raw.Count; i++)
            if (!Words.TryGetValue(raw[i], out tokens[i])) return false;
        var value = Evaluate(tokens);
        if (value is null) return false;
        amount = (long)value.Value;
        return true;
    }

    // Each scale word multiplies its group plus any smaller terms before it, so both the natural
    // "hai nghìn năm trăm tỷ" and the repeated "hai nghìn tỷ năm trăm tỷ" read 2.5×10^12. A term's
    // unit is the scale it was built with ("nghìn tỷ" = 10^12); the next term must stay below it,
    // which refuses "hai trăm triệu năm triệu" and "một tỷ hai tỷ".
    private static Int128? Evaluate(ReadOnlySpan<Token> tokens)
    {
        var terms = new List<(Int128 Value, Int128 Unit)>();
        var groupStart = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Kind != Kind.Scale) continue;
            var scale = tokens[i].Value;
            var group = tokens[groupStart..i];
            groupStart = i + 1;
            if (group.IsEmpty && scale == Billion && i > 0 && tokens[i - 1].Value == Billion && tokens[i - 1].Kind == Kind.Scale)
            {
                // "tỷ tỷ": the billions term itself is multiplied.
                var last = terms[^1];
                terms.RemoveAt(terms.Count - 1);
                if (!Push(terms, last.Value * scale, last.Unit * scale)) return null;
                continue;
            }
            Int128 multiplier = 0;
            if (!group.IsEmpty)
            {
                var g = Group(group, allowBareUnit: true);
                if (g is null) return null;
                multiplier = g.Value;
            }
            Int128 unit = 1;
            while (terms.Count > 0 && terms[^1].Value < scale)
            {
                multiplier += terms[^1].Value;
                unit = Int128.Max(unit, terms[^1].Unit);
                terms.RemoveAt(terms.Count - 1);
            }
            if (multiplier < 1 || !Push(terms, multiplier * scale, unit * scale)) return null;
        }
        Int128 total = 0;
        foreach (var t in terms) total += t.Value;
        var tail = tokens[groupStart..];
        if (!tail.IsEmpty)
        {
            var g = Group(tail, allowBareUnit: terms.Count == 0);
            if (g is null) return null;
            total += g.Value;
        }
        return total <= VietnameseAmountInWords.MaxAmount ? total : null;
    }

    private static bool Push(List<(Int128 Value, Int128 Unit)> terms, Int128 value, Int128 unit)
    {
        if (value > VietnameseAmountInWords.MaxAmount) return false;
        if (terms.Count > 0 && value >= terms[^1].Unit) return false;
        terms.Add((value, unit));
        return true;
    }

    // 1..999: [d trăm] then nothing | linh u | mười [u] | t mươi [u] | u. A bare u is refused
    // after "trăm" or as the last group after a scale: "một trăm năm" and "một triệu hai" are
    // colloquial for 150 and 1 200 000.
    private static Int128? Group(ReadOnlySpan<Token> t, bool allowBareUnit)
    {
        var pos = 0;
        var hundreds = -1;
        if (t.Length >= 2 && t[0].Kind == Kind.Digit && t[1].Kind == Kind.Hundred)
        {
            hundreds = (int)t[0].Value;
            pos = 2;
        }
        var rest = t[pos..];
        int? tail = rest switch
        {
            [] => 0,
            [{ Kind: Kind.Linh }, { Kind: Kind.Digit } u] when u.Value > 0 => (int)u.Value,
            [{ Kind: Kind.Tens }] => 10,
            [{ Kind: Kind.Tens }, { Kind: Kind.Digit } u] when u.Value > 0 => 10 + (int)u.Value,
            [{ Kind: Kind.Digit } d, { Kind: Kind.Tens }] when d.Value > 1 => 10 * (int)d.Value,
            [{ Kind: Kind.Digit } d, { Kind: Kind.Tens }, { Kind: Kind.Digit } u] when d.Value > 1 && u.Value > 0
                => 10 * (int)d.Value + (int)u.Value,
            [{ Kind: Kind.Digit } u] when u.Value > 0 && hundreds < 0 && allowBareUnit => (int)u.Value,
            _ => null,
        };
        if (tail is null) return null;
        var value = Math.Max(hundreds, 0) * 100 + tail.Value;
        return value > 0 ? value : null;
    }
}
