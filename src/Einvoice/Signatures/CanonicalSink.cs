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

    public void Write(string s)
    {
        var span = s.AsSpan();
        while (span.Length > 0)
        {
            if (_used == _chars.Length) Flush(final: false);
            var n = Math.Min(span.Length, _chars.Length - _used);
            span[..n].CopyTo(_chars.AsSpan(_used));
            _used += n;
            span = span[n..];
        }
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
