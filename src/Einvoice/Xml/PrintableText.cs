using System.Globalization;
using System.Text;

namespace ConformanceKit.Einvoice.Xml;

/// <summary>
/// Text about hostile input (a parser's error message quotes the offending character) must itself be
/// writable into a notice and a terminal: characters XML 1.0 cannot carry, and other control
/// characters, become a visible "U+0001".
/// </summary>
public static class PrintableText
{
    /// <summary>The text unchanged when every character is printable, else with each offender spelled out.</summary>
    public static string Of(string text)
    {
        var first = FirstUnprintable(text);
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            if (IsPrintable(c)) sb.Append(c);
            else sb.Append("U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Null stays null.</summary>
    public static string? OfNullable(string? text) => text is null ? null : Of(text);

    private static int FirstUnprintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (!IsPrintable(c)) return i;
        }
        return -1;
    }

    // Tab, LF and CR are allowed by XML but not kept in a one-line description either.
    private static bool IsPrintable(char c) =>
        c >= 0x20 && !char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF') && !(c >= 0x7F && c <= 0x9F);
}
