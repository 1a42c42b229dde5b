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
    private readonly XmlReader inner;
    private readonly XmlLimits limits;
    private readonly int[] namespacesInScope;
    private int elements;

    private readonly Action? observer;

    /// <param name="observer">Called after every node is read and checked, before the consumer sees it: lets a
    /// streaming pass learn from the same read that builds a DOM.</param>
    public BoundedXmlReader(XmlReader inner, XmlLimits? limits = null, Action? observer = null)
    {
        this.inner = inner;
        this.limits = limits ?? XmlLimits.Message;
        this.observer = observer;
        namespacesInScope = new int[this.limits.MaxDepth + 2];
    }

    public override bool Read()
    {
        var more = inner.Read();
        if (more && inner.NodeType == XmlNodeType.Element) CheckElement();
        if (more) observer?.Invoke();
        return more;
    }

    private void CheckElement()
    {
        var depth = inner.Depth;
        if (depth > limits.MaxDepth)
            throw Limit($"element nesting is deeper than {limits.MaxDepth}");
        if (++elements > limits.MaxElements)
            throw Limit($"the message has more than {limits.MaxElements:N0} elements");
        var count = inner.AttributeCount;
        if (count > limits.MaxAttributesPerElement)
            throw Limit($"element <{inner.Name}> has {count:N0} attributes; at most {limits.MaxAttributesPerElement} are allowed");

        var declared = 0;
        if (count > 0)
        {
            for (var i = 0; i < count; i++)
            {
                inner.MoveToAttribute(i);
                if (inner.NamespaceURI == XmlnsNamespace) declared++;
            }
            inner.MoveToElement();
        }
        var inScope = (depth == 0 ? 0 : namespacesInScope[depth - 1]) + declared;
        namespacesInScope[depth] = inScope;
        if (inScope > limits.MaxNamespacesInScope)
            throw Limit($"{inScope:N0} namespace declarations are in scope at <{inner.Name}>; at most {limits.MaxNamespacesInScope} are allowed");
    }

    private XmlLimitException Limit(string message) =>
        inner is IXmlLineInfo li ? new XmlLimitException(message, li.LineNumber, li.LinePosition) : new XmlLimitException(message, 0, 0);

    public override int AttributeCount => inner.AttributeCount;
    public override string BaseURI => inner.BaseURI;
    public override int Depth => inner.Depth;
    public override bool EOF => inner.EOF;
    public override bool IsEmptyElement => inner.IsEmptyElement;
    public override string LocalName => inner.LocalName;
    public override string NamespaceURI => inner.NamespaceURI;
    public override XmlNameTable NameTable => inner.NameTable;
    public override XmlNodeType NodeType => inner.NodeType;
    public override string Prefix => inner.Prefix;
    public override ReadState ReadState => inner.ReadState;
    public override string Value => inner.Value;
    public override string GetAttribute(int i) => inner.GetAttribute(i);
    public override string? GetAttribute(string name) => inner.GetAttribute(name);
    public override string? GetAttribute(string name, string? namespaceURI) => inner.GetAttribute(name, namespaceURI);
    public override string? LookupNamespace(string prefix) => inner.LookupNamespace(prefix);
    public override bool MoveToAttribute(string name) => inner.MoveToAttribute(name);
    public override bool MoveToAttribute(string name, string? ns) => inner.MoveToAttribute(name, ns);
    public override void MoveToAttribute(int i) => inner.MoveToAttribute(i);
    public override bool MoveToElement() => inner.MoveToElement();
    public override bool MoveToFirstAttribute() => inner.MoveToFirstAttribute();
    public override bool MoveToNextAttribute() => inner.MoveToNextAttribute();
    public override bool ReadAttributeValue() => inner.ReadAttributeValue();
    public override void ResolveEntity() => inner.ResolveEntity();
    public override XmlSpace XmlSpace => inner.XmlSpace;
    public override string XmlLang => inner.XmlLang;
    public override bool HasValue => inner.HasValue;

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
