using System.Globalization;
using System.Text;

namespace ConformanceKit.Harness.Reports;

/// <summary>Small text helpers shared by the report writers: time formats, findings and exchanges in words.</summary>
internal static class ReportText
{
    public static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public static string Seconds(long milliseconds) => (milliseconds / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>"480 ms", "31.2 s", "4:05", "1:02:03".</summary>
    public static string Duration(long milliseconds) => milliseconds switch
    {
        < 1000 => milliseconds.ToString(CultureInfo.InvariantCulture) + " ms",
        < 60_000 => (milliseconds / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s",
        < 3_600_000 => TimeSpan.FromMilliseconds(milliseconds).ToString(@"m\:ss", CultureInfo.InvariantCulture),
        _ => TimeSpan.FromMilliseconds(milliseconds).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture),
    };

    /// <summary>"ERROR 4001 message (message id …, invoice …, at …)".</summary>
    public static string Finding(Finding f)
    {
        var sb = new StringBuilder();
        sb.Append(f.Severity.ToString().ToUpperInvariant());
        if (f.Code is { Length: > 0 }) sb.Append(' ').Append(f.Code);
        sb.Append(": ").Append(f.Message);
        var where = new List<string>();
        if (f.MessageId is { Length: > 0 }) where.Add("message " + f.MessageId);
        if (f.Invoice is { Length: > 0 }) where.Add("invoice " + f.Invoice);
        if (f.Location is { Length: > 0 }) where.Add("at " + f.Location);
        if (where.Count > 0) sb.Append(" (").Append(string.Join(", ", where)).Append(')');
        return sb.ToString();
    }

    /// <summary>One line for an exchange: "[step] POST url → 200 (12 ms)".</summary>
    public static string ExchangeLine(Exchange e) =>
        $"[{e.Step}] {e.Method} {e.Url} → {(e.Status is { } s ? s.ToString(CultureInfo.InvariantCulture) : "no response")} " +
        $"({e.DurationMs.ToString(CultureInfo.InvariantCulture)} ms, {Time(e.At)})";

    /// <summary>
    /// Characters XML 1.0 cannot carry become U+FFFD, and CR LF / CR become LF (an XML reader would change them,
    /// and a signature over the read document must match what was written).
    /// </summary>
    public static string XmlSafe(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                sb.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (c is '\t' or '\n' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('\uFFFD');
            }
        }
        return sb.ToString();
    }

    /// <summary>An attribute value on one line (a reader would turn line breaks and tabs into spaces).</summary>
    public static string XmlAttribute(string? text) =>
        XmlSafe(text).Replace('\n', ' ').Replace('\t', ' ');

    /// <summary>At most <paramref name="max"/> characters, with an ellipsis when cut.</summary>
    public static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
