using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// Collects canonical text as UTF-8 and feeds it to a hash or a stream in chunks, so a digest
/// never needs the whole canonical form in memory.
/// </summary>
internal sealed class CanonicalSink
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly char[] _chars = new char[4096];
    private readonly byte[] _bytes = new byte[Utf8.GetMaxByteCount(4096)];
    private readonly Encoder _encoder = Utf8.GetEncoder();
    private readonly IncrementalHash? _hash;
    private readonly Stream? _stream;
    private int _used;

    public CanonicalSink(IncrementalHash hash) => _hash = hash;

    public CanonicalSink(Stream stream) => _stream = stream;

    public void Write(char c)
    {
        if (_used == _chars.Length) Flush(final: false);
        _chars[_used++] = c;
    }

    public void Write(string s) => Write(s.AsSpan());

    public void Write(ReadOnlySpan<char> span)
    {
        while (span.Length > 0)
        {
            if (_used == _chars.Length) Flush(final: false);
            var n = Math.Min(span.Length, _chars.Length - _used);
            span[..n].CopyTo(_chars.AsSpan(_used));
            _used += n;
            span = span[n..];
        }
    }

    private static readonly SearchValues<char> TextSpecials = SearchValues.Create("&<>\r");
    private static readonly SearchValues<char> AttributeSpecials = SearchValues.Create("&<\"\t\n\r");

    /// <summary>Text content escaped as C14N 1.0 requires (&amp;, &lt;, &gt;, &#xD;); runs without specials are copied whole.</summary>
    public void WriteText(ReadOnlySpan<char> s)
    {
        while (s.Length > 0)
        {
            var i = s.IndexOfAny(TextSpecials);
            if (i < 0) { Write(s); return; }
            Write(s[..i]);
            Write(s[i] switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => "&#xD;" });
            s = s[(i + 1)..];
        }
    }

    /// <summary><c>="value"</c> with the value escaped as C14N 1.0 requires for attributes.</summary>
    public void WriteAttributeValue(ReadOnlySpan<char> s)
    {
        Write("=\"");
        while (s.Length > 0)
        {
            var i = s.IndexOfAny(AttributeSpecials);
            if (i < 0) { Write(s); break; }
            Write(s[..i]);
            Write(s[i] switch { '&' => "&amp;", '<' => "&lt;", '"' => "&quot;", '\t' => "&#x9;", '\n' => "&#xA;", _ => "&#xD;" });
            s = s[(i + 1)..];
        }
        Write('"');
    }

    /// <summary>Pushes everything written so far (call once at the end).</summary>
    public void Complete() => Flush(final: true);

    private void Flush(bool final)
    {
        // The encoder keeps a trailing high surrogate until its pair arrives in the next chunk.
        var n = _encoder.GetBytes(_chars, 0, _used, _bytes, 0, final);
        _used = 0;
        if (_hash is not null) _hash.AppendData(_bytes, 0, n);
        else _stream!.Write(_bytes, 0, n);
    }
}
