using System.Text;

namespace ConformanceKit.Einvoice.Serialization;

/// <summary>
/// Maps an XmlReader line/position (UTF-16 units, line breaks \r\n, \r or \n) back to a byte offset
/// in the UTF-8 source, so raw fragments (signatures) can be sliced out byte for byte instead of
/// being re-serialised by ReadInnerXml, which rewrites "&lt;a/&gt;" as "&lt;a /&gt;" and
/// un-escapes "&amp;#13;". A forward-only cursor keeps the cost linear over a document.
/// </summary>
internal sealed class SourceMap
{
    private readonly ReadOnlyMemory<byte> _source;
    private readonly int _start;
    private int _line = 1, _column = 1, _offset;

    private SourceMap(ReadOnlyMemory<byte> source, int start)
    {
        _source = source;
        _start = _offset = start;
    }

    /// <summary>A map over UTF-8 bytes, or null when the bytes are not UTF-8 (UTF-16/32 BOM).</summary>
    public static SourceMap? ForUtf8(ReadOnlyMemory<byte> source)
    {
        var s = source.Span;
        if (s.Length >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
            return new SourceMap(source, 3);
        if (s.Length >= 2 && (s[0] == 0xFE || s[0] == 0xFF || s[0] == 0x00 || s[1] == 0x00))
            return null;
        return new SourceMap(source, 0);
    }

    /// <summary>Byte offset of (line, column), or -1 when it lies outside the source.</summary>
    public int Offset(int line, int column)
    {
        if (line < _line || (line == _line && column < _column))
        {
            _line = 1;
            _column = 1;
            _offset = _start;
        }
        var s = _source.Span;
        while (_line < line)
        {
            if (_offset >= s.Length) return -1;
            var b = s[_offset++];
            if (b == (byte)'\n' || b == (byte)'\r')
            {
                if (b == (byte)'\r' && _offset < s.Length && s[_offset] == (byte)'\n') _offset++;
                _line++;
                _column = 1;
            }
        }
        while (_column < column)
        {
            if (_offset >= s.Length) return -1;
            var b = s[_offset];
            if (b == (byte)'\n' || b == (byte)'\r') return -1;
            // UTF-16 units per UTF-8 sequence: 4-byte sequences are surrogate pairs.
            (int bytes, int units) = b < 0x80 ? (1, 1) : b < 0xE0 ? (2, 1) : b < 0xF0 ? (3, 1) : (4, 2);
            _offset += bytes;
            _column += units;
        }
        return _column == column ? _offset : -1;
    }

    public byte this[int offset] => (uint)offset < (uint)_source.Length ? _source.Span[offset] : (byte)0;

    /// <summary>Offset just past the '&gt;' closing the start tag whose '&lt;' is at <paramref name="tagStart"/>.</summary>
    public int AfterStartTag(int tagStart)
    {
        var s = _source.Span;
        byte quote = 0;
        for (var i = tagStart + 1; i < s.Length; i++)
        {
            var b = s[i];
            if (quote != 0) { if (b == quote) quote = 0; }
            else if (b == (byte)'"' || b == (byte)'\'') quote = b;
            else if (b == (byte)'>') return i + 1;
        }
        return -1;
    }

    public string Slice(int from, int to) => Encoding.UTF8.GetString(_source.Span[from..to]);
}
