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
    private readonly char[] chars = new char[4096];
    private readonly byte[] bytes = new byte[Utf8.GetMaxByteCount(4096)];
    private readonly Encoder encoder = Utf8.GetEncoder();
    private readonly IncrementalHash? hash;
    private readonly Stream? stream;
    private int used;

    public CanonicalSink(IncrementalHash hash) => this.hash = hash;

    public CanonicalSink(Stream stream) => this.stream = stream;

    public void Write(char c)
    {
        if (used == chars.Length) Flush(final: false);
        chars[used++] = c;
    }

    public void Write(string s)
    {
        var span = s.AsSpan();
        while (span.Length > 0)
        {
            if (used == chars.Length) Flush(final: false);
            var n = Math.Min(span.Length, chars.Length - used);
            span[..n].CopyTo(chars.AsSpan(used));
            used += n;
            span = span[n..];
        }
    }

    /// <summary>Pushes everything written so far (call once at the end).</summary>
    public void Complete() => Flush(final: true);

    private void Flush(bool final)
    {
        // The encoder keeps a trailing high surrogate until its pair arrives in the next chunk.
        var n = encoder.GetBytes(chars, 0, used, bytes, 0, final);
        used = 0;
        if (hash is not null) hash.AppendData(bytes, 0, n);
        else stream!.Write(bytes, 0, n);
    }
}
