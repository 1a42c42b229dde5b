using System.Net.Mail;

namespace ConformanceKit.TaxAuthoritySim.Delivery;

/// <summary>
/// The buyer's e-mail (NMua/DCTDTu) is whatever the seller typed: only a bare address goes into a header, and
/// text from the invoice put in a header is cut to one line (no CR/LF reaches the message headers).
/// </summary>
public static class BuyerAddress
{
    /// <summary>The address when <paramref name="raw"/> is exactly one plain address (local@domain.tld), else null.</summary>
    public static string? Parse(string? raw)
    {
        if (raw is null) return null;
        var s = raw.Trim();
        if (s.Length is 0 or > 254) return null;
        foreach (var c in s)
            if (char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or ',' or ';' or '"' or '(' or ')' or '\\') return null;
        if (!MailAddress.TryCreate(s, out var address) || address.Address != s || address.DisplayName.Length > 0) return null;
        var host = address.Host;
        return host.Contains('.') && !host.StartsWith('.') && !host.EndsWith('.') && !host.Contains("..") ? address.Address : null;
    }

    /// <summary>Invoice text for a header: control characters (CR, LF, tab …) become spaces, runs of spaces one.</summary>
    public static string OneLine(string text)
    {
        var chars = text.Select(c => char.IsControl(c) ? ' ' : c).ToArray();
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A bad address for the log: one line, at most 80 characters.</summary>
    public static string Printable(string raw)
    {
        var line = OneLine(raw);
        return line.Length <= 80 ? line : line[..80] + "…";
    }
}
