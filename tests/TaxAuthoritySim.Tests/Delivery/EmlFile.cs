using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceKit.TaxAuthoritySim.Tests.Delivery;

/// <summary>An .eml file of the outbox read back: unfolded headers with RFC 2047 words decoded, and the text body
/// decoded from its transfer encoding (base64 or quoted-printable) — enough to check what the simulator wrote.</summary>
public sealed partial record EmlFile(string Raw, IReadOnlyList<(string Name, string Value)> Headers, string Body)
{
    public string Header(string name) => Headers.Single(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public string Subject => Header("Subject");

    public string To => Header("To");

    public static EmlFile[] InOutbox(string dataDirectory)
    {
        var outbox = Path.Combine(dataDirectory, "outbox");
        if (!Directory.Exists(outbox)) return [];
        var mails = new List<EmlFile>();
        foreach (var file in Directory.GetFiles(outbox, "*.eml"))
        {
            // A file still being written is skipped: the caller polls until the one it waits for is complete.
            try { mails.Add(Parse(File.ReadAllText(file))); }
            catch (Exception ex) when (ex is IOException or FormatException or ArgumentOutOfRangeException or InvalidOperationException) { }
        }
        return [.. mails];
    }

    public static EmlFile Parse(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0) throw new FormatException("no end of headers");
        var head = raw[..split];
        var rest = raw[(split + 4)..];
        var headers = Unfold(head).Select(line => (line[..line.IndexOf(':')], DecodeWords(line[(line.IndexOf(':') + 1)..].Trim()))).ToList();
        var encoding = headers.FirstOrDefault(h => h.Item1.Equals("Content-Transfer-Encoding", StringComparison.OrdinalIgnoreCase)).Item2;
        return new EmlFile(raw, headers, DecodeBody(rest, encoding?.Trim().ToLowerInvariant()));
    }

    private static IEnumerable<string> Unfold(string head)
    {
        var lines = new List<string>();
        foreach (var line in head.Split("\r\n"))
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && lines.Count > 0) lines[^1] += line;
            else lines.Add(line);
        return lines;
    }

    private static string DecodeWords(string value)
    {
        // Adjacent encoded words are one run of bytes (a character may straddle two words).
        var bytes = new List<byte>();
        var text = new StringBuilder();
        var last = 0;
        foreach (Match m in EncodedWord().Matches(value))
        {
            var between = value[last..m.Index];
            if (between.Trim().Length > 0 || bytes.Count == 0)
            {
                Flush();
                text.Append(between);
            }
            var payload = m.Groups[2].Value;
            bytes.AddRange(m.Groups[1].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(payload)
                : QuotedPrintable(payload.Replace('_', ' ')));
            last = m.Index + m.Length;
        }
        Flush();
        text.Append(value[last..]);
        return text.ToString();

        void Flush()
        {
            text.Append(Encoding.UTF8.GetString([.. bytes]));
            bytes.Clear();
        }
    }

    private static string DecodeBody(string body, string? encoding) => encoding switch
    {
        "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split("\r\n").TakeWhile(l => l.Length > 0)))),
        "quoted-printable" => Encoding.UTF8.GetString(QuotedPrintable(body.Replace("=\r\n", ""))),
        _ => body,
    };

    private static byte[] QuotedPrintable(string s)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
            if (s[i] == '=' && i + 2 < s.Length + 0 && Uri.IsHexDigit(s[i + 1]) && Uri.IsHexDigit(s[i + 2]))
            {
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
        return [.. bytes];
    }

    [GeneratedRegex(@"=\?utf-8\?([BQ])\?([^?]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();
}
