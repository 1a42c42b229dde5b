using System.Xml;

namespace ConformanceKit.Einvoice.Xml;

/// <summary>
/// Wraps a reader and refuses a document past any of the <see cref="XmlLimits"/> as soon as the
/// offending element is read, before a costlier consumer (schema validation, a DOM, C14N) sees it.
/// Throws <see cref="XmlLimitException"/>.
/// </summary>
public sealed class BoundedXmlReader : XmlReader
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private readonly XmlReader _inner;
    private readonly XmlLimits _limits;
    private readonly int[] _namespacesInScope;
    private int _elements;

    public BoundedXmlReader(XmlReader inner, XmlLimits? limits = null)
    {
        _inner = inner;
        _limits = limits ?? XmlLimits.Message;
        _namespacesInScope = new int[_limits.MaxDepth + 2];
    }

    public override bool Read()
    {
        var more = _inner.Read();
        if (more && _inner.NodeType == XmlNodeType.Element) CheckElement();
        return more;
    }

    private void CheckElement()
    {
        var depth = _inner.Depth;
        if (depth > _limits.MaxDepth)
            throw Limit($"element nesting is deeper than {_limits.MaxDepth}");
        if (++_elements > _limits.MaxElements)
            throw Limit($"the message has more than {_limits.MaxElements:N0} elements");
        var count = _inner.AttributeCount;
        if (count > _limits.MaxAttributesPerElement)
            throw Limit($"element <{_inner.Name}> has {count:N0} attributes; at most {_limits.MaxAttributesPerElement} are allowed");

        var declared = 0;
        if (count > 0)
        {
            for (var i = 0; i < count; i++)
            {
                _inner.MoveToAttribute(i);
                if (_inner.NamespaceURI == XmlnsNamespace) declared++;
            }
            _inner.MoveToElement();
        }
        var inScope = (depth == 0 ? 0 : _namespacesInScope[depth - 1]) + declared;
        _namespacesInScope[depth] = inScope;
        if (inScope > _limits.MaxNamespacesInScope)
            throw Limit($"{inScope:N0} namespace declarations are in scope at <{_inner.Name}>; at most {_limits.MaxNamespacesInScope} are allowed");
    }

    private XmlLimitException Limit(string message) =>
        _inner is IXmlLineInfo li ? new XmlLimitException(message, li.LineNumber, li.LinePosition) : new XmlLimitException(message, 0, 0);

    public override int AttributeCount => _inner.AttributeCount;
    public override string BaseURI => _inner.BaseURI;
    public override int Depth => _inner.Depth;
    public override bool EOF => _inner.EOF;
    public override bool IsEmptyElement => _inner.IsEmptyElement;
    public override string LocalName => _inner.LocalName;
    public override string NamespaceURI => _inner.NamespaceURI;
    public override XmlNameTable NameTable => _inner.NameTable;
    public override XmlNodeType NodeType => _inner.NodeType;
    public override string Prefix => _inner.Prefix;
    public override ReadState ReadState => _inner.ReadState;
    public override string Value => _inner.Value;
    public override string GetAttribute(int i) => _inner.GetAttribute(i);
    public override string? GetAttribute(string name) => _inner.GetAttribute(name);
    public override string? GetAttribute(string name, string? namespaceURI) => _inner.GetAttribute(name, namespaceURI);
    public override string? LookupNamespace(string prefix) => _inner.LookupNamespace(prefix);
    public override bool MoveToAttribute(string name) => _inner.MoveToAttribute(name);
    public override bool MoveToAttribute(string name, string? ns) => _inner.MoveToAttribute(name, ns);
    public override void MoveToAttribute(int i) => _inner.MoveToAttribute(i);
    public override bool MoveToElement() => _inner.MoveToElement();
    public override bool MoveToFirstAttribute() => _inner.MoveToFirstAttribute();
    public override bool MoveToNextAttribute() => _inner.MoveToNextAttribute();
    public override bool ReadAttributeValue() => _inner.ReadAttributeValue();
    public override void ResolveEntity() => _inner.ResolveEntity();
    public override XmlSpace XmlSpace => _inner.XmlSpace;
    public override string XmlLang => _inner.XmlLang;
    public override bool HasValue => _inner.HasValue;

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
