using System.Text;
using System.Xml;

namespace ConformanceKit.Einvoice.Serialization;

/// <summary>
/// The reader's cursor: walks child elements, reads leaf values, captures raw fragments and keeps
/// the element path for error messages. Every element method leaves the reader just past the
/// element it started on, so callers never track depth themselves.
/// </summary>
internal sealed class ReadContext
{
    private readonly XmlReader _r;
    private readonly IXmlLineInfo? _lines;
    private SourceMap? _source;
    private (string Name, int Index)[] _path = new (string, int)[16];
    private int _depth;
    private StringBuilder? _text;

    public ReadContext(XmlReader reader, SourceMap? source)
    {
        _r = reader;
        _lines = reader as IXmlLineInfo;
        if (_lines is not null && !_lines.HasLineInfo()) _lines = null;
        _source = _lines is null ? null : source;
    }

    public XmlReader Reader => _r;

    /// <summary>Local name of the current element.</summary>
    public string Name => _r.LocalName;

    /// <summary>Raw capture falls back to ReadInnerXml (the bytes are not UTF-8).</summary>
    public void DisableSlicing() => _source = null;

    /// <summary>
    /// Steps into the current element. False when it is empty (then it has been consumed already).
    /// <paramref name="index"/> is the 1-based position among repeated siblings, 0 when not repeated.
    /// </summary>
    public bool Enter(int index = 0)
    {
        Push(_r.LocalName, index);
        if (_r.IsEmptyElement)
        {
            _r.Read();
            _depth--;
            return false;
        }
        _r.Read();
        return true;
    }

    /// <summary>Moves to the next child element; false (and past the end tag) when there is none.</summary>
    public bool Next()
    {
        while (true)
        {
            switch (_r.NodeType)
            {
                case XmlNodeType.Element:
                    return true;
                case XmlNodeType.EndElement:
                    _r.Read();
                    _depth--;
                    return false;
                default:
                    if (!_r.Read()) throw Error("unexpected end of document");
                    break;
            }
        }
    }

    public void Skip() => _r.Skip();

    public string? Attribute(string name) => _r.HasAttributes ? _r.GetAttribute(name) : null;

    /// <summary>Text content of a leaf element; "" when empty. Comments inside are ignored.</summary>
    public string Text()
    {
        if (_r.IsEmptyElement)
        {
            _r.Read();
            return string.Empty;
        }
        var name = _r.LocalName;
        _r.Read();
        string? first = null;
        _text?.Clear();
        var many = false;
        while (true)
        {
            switch (_r.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    if (first is null) first = _r.Value;
                    else
                    {
                        if (!many) (_text ??= new StringBuilder()).Append(first);
                        many = true;
                        _text!.Append(_r.Value);
                    }
                    _r.Read();
                    break;
                case XmlNodeType.EndElement:
                    _r.Read();
                    return many ? _text!.ToString() : first ?? string.Empty;
                case XmlNodeType.Element:
                    throw Error($"element <{_r.LocalName}> inside the value of <{name}>", name);
                default:
                    if (!_r.Read()) throw Error("unexpected end of document");
                    break;
            }
        }
    }

    public decimal? Decimal()
    {
        var (line, column, name) = Here();
        var s = Text();
        if (IsBlank(s)) return null;
        return WireFormat.TryParseDecimal(s, out var v) ? v : throw ErrorAt($"<{name}> is not a decimal number: '{Clip(s)}'", line, column, name);
    }

    public int? Int()
    {
        var (line, column, name) = Here();
        var s = Text();
        if (IsBlank(s)) return null;
        return WireFormat.TryParseInt(s, out var v) ? v : throw ErrorAt($"<{name}> is not an integer: '{Clip(s)}'", line, column, name);
    }

    public DateOnly? Date()
    {
        var (line, column, name) = Here();
        var s = Text();
        if (IsBlank(s)) return null;
        return WireFormat.TryParseDate(s, out var v) ? v : throw ErrorAt($"<{name}> is not a date (YYYY-MM-DD): '{Clip(s)}'", line, column, name);
    }

    public DateTime? DateTime()
    {
        var (line, column, name) = Here();
        var s = Text();
        if (IsBlank(s)) return null;
        return WireFormat.TryParseDateTime(s, out var v) ? v : throw ErrorAt($"<{name}> is not a date-time (YYYY-MM-DDThh:mm:ss): '{Clip(s)}'", line, column, name);
    }

    /// <summary>
    /// Inner XML of the current element as it was on the wire. Sliced from the source bytes when
    /// they are known (byte-exact); otherwise ReadInnerXml (equivalent under C14N, not byte-exact).
    /// </summary>
    public string Raw()
    {
        if (_r.IsEmptyElement)
        {
            _r.Read();
            return string.Empty;
        }
        if (_source is null) return _r.ReadInnerXml();

        var (line, column, name) = Here();
        var tagStart = _source.Offset(line, column) - 1;
        if (tagStart < 0 || _source[tagStart] != (byte)'<') return _r.ReadInnerXml();
        var contentStart = _source.AfterStartTag(tagStart);
        if (contentStart < 0) return _r.ReadInnerXml();

        var depth = _r.Depth;
        do
        {
            if (!_r.Read()) throw Error("unexpected end of document");
        }
        while (_r.NodeType != XmlNodeType.EndElement || _r.Depth != depth);

        var contentEnd = _source.Offset(_lines!.LineNumber, _lines.LinePosition) - 2;
        if (contentEnd < contentStart || _source[contentEnd] != (byte)'<' || _source[contentEnd + 1] != (byte)'/')
            throw ErrorAt($"cannot locate the content of <{name}> in the source", line, column, name);
        _r.Read();
        return _source.Slice(contentStart, contentEnd);
    }

    /// <summary>Prefixed xmlns declarations on the current element, or null when there are none.</summary>
    public List<Model.NamespaceDeclaration>? Namespaces()
    {
        if (!_r.HasAttributes) return null;
        List<Model.NamespaceDeclaration>? list = null;
        if (_r.MoveToFirstAttribute())
        {
            do
            {
                if (_r.Prefix == "xmlns")
                    (list ??= []).Add(new Model.NamespaceDeclaration(_r.LocalName, _r.Value));
            }
            while (_r.MoveToNextAttribute());
            _r.MoveToElement();
        }
        return list;
    }

    public MessageFormatException Error(string message, string? leaf = null)
    {
        var (line, column) = Position();
        return ErrorAt(message, line, column, leaf);
    }

    public MessageFormatException Wrap(Exception e)
    {
        var (line, column) = Position();
        return ErrorAt(e.Message, line, column, null, e);
    }

    private MessageFormatException ErrorAt(string message, int line, int column, string? leaf, Exception? inner = null) =>
        new(message, line, column, PathString(leaf), inner);

    private (int Line, int Column) Position() =>
        _lines is null ? (0, 0) : (_lines.LineNumber, _lines.LinePosition);

    private (int Line, int Column, string Name) Here()
    {
        var (line, column) = Position();
        return (line, column, _r.LocalName);
    }

    private void Push(string name, int index)
    {
        if (_depth == _path.Length) Array.Resize(ref _path, _depth * 2);
        _path[_depth++] = (name, index);
    }

    private string PathString(string? leaf)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < _depth; i++)
        {
            sb.Append('/').Append(_path[i].Name);
            if (_path[i].Index > 0) sb.Append('[').Append(_path[i].Index).Append(']');
        }
        if (leaf is not null) sb.Append('/').Append(leaf);
        return sb.ToString();
    }

    private static bool IsBlank(string s) => string.IsNullOrWhiteSpace(s);

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
