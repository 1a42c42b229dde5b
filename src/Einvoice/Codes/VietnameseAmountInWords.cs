using System.Text;

namespace ConformanceKit.Einvoice.Codes;

/// <summary>
/// Reads amounts in Vietnamese words (TgTTTBChu) and back. ToWords writes one canonical form;
/// TryParse accepts the spelling variants vendors actually emit.
/// </summary>
public static class VietnameseAmountInWords
{
    public const long MaxAmount = 1_000_000_000_000_000_000;
    private const long Billion = 1_000_000_000;

    private static readonly string[] Digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

    /// <summary>
    /// "Một triệu hai trăm tám mươi bốn nghìn đồng" for 1 284 000. Above a tỷ the count of tỷ is
    /// read as a number of its own, so 10^12 is "một nghìn tỷ" and 10^18 "một tỷ tỷ".
    /// </summary>
    public static string ToWords(long amount, bool withCurrency = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, MaxAmount);
        var sb = new StringBuilder();
        if (amount == 0) sb.Append(Digits[0]);
        else Read(amount, afterHigher: false, sb);
        if (withCurrency) sb.Append(" đồng");
        sb[0] = char.ToUpperInvariant(sb[0]);
        return sb.ToString();
    }

    /// <summary>Reads words back into a number; false when the text is not an amount in words.</summary>
    public static bool TryParse(string? words, out long amount) => AmountWordsParser.TryParse(words, out amount);

    /// <summary>True when <paramref name="words"/> reads as exactly <paramref name="amount"/>.</summary>
    public static bool Matches(string? words, long amount) => TryParse(words, out var read) && read == amount;

    // amount > 0. afterHigher: a higher-order part was already read, so a group below 100 needs
    // "không trăm" (1 005 = một nghìn không trăm linh năm).
    private static void Read(long amount, bool afterHigher, StringBuilder sb)
    {
        if (amount >= Billion)
        {
            Read(amount / Billion, afterHigher, sb);
            Append(sb, "tỷ");
            amount %= Billion;
            if (amount == 0) return;
            afterHigher = true;
        }
        ReadGroup((int)(amount / 1_000_000), "triệu", ref afterHigher, sb);
        ReadGroup((int)(amount / 1000 % 1000), "nghìn", ref afterHigher, sb);
        ReadGroup((int)(amount % 1000), null, ref afterHigher, sb);
    }

    private static void ReadGroup(int group, string? scale, ref bool afterHigher, StringBuilder sb)
    {
        if (group == 0) return;
        int h = group / 100, t = group / 10 % 10, u = group % 10;
        var full = afterHigher || h > 0;
        if (full) Append(sb, Digits[h]).Append(" trăm");
        if (t == 0)
        {
            if (u > 0) Append(sb, full ? "linh " + Digits[u] : Digits[u]);
        }
        else
        {
            Append(sb, t == 1 ? "mười" : Digits[t] + " mươi");
            if (u > 0) Append(sb, UnitAfterTens(t, u));
        }
        if (scale is not null) Append(sb, scale);
        afterHigher = true;
    }

    // 21 hai mươi mốt (but 11 mười một), 15/25 lăm. A final 4 stays "bốn", as in the real
    // sample and formats.md ("tám mươi bốn"); "tư" is accepted when reading.
    private static string UnitAfterTens(int t, int u) => u switch
    {
        1 when t > 1 => "mốt",
        5 => "lăm",
        _ => Digits[u],
    };

    private static StringBuilder Append(StringBuilder sb, string word) =>
        (sb.Length > 0 ? sb.Append(' ') : sb).Append(word);
}
