using System.Xml;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// Writes inclusive C14N 1.0 (W3C REC 2001-03-15) of a whole element subtree, iteratively.
/// Namespace nodes are modelled from xmlns attributes plus the prefixes elements and attributes
/// actually use, so a DOM built in memory canonicalises like the same document re-parsed.
/// </summary>
internal sealed class C14NWriter(CanonicalSink sink, bool withComments)
{
    private static readonly Comparison<XmlAttribute> AttributeOrder = (a, b) =>
    {
        var c = string.CompareOrdinal(a.NamespaceURI, b.NamespaceURI);
        return c != 0 ? c : string.CompareOrdinal(a.LocalName, b.LocalName);
    };

    // Namespaces in scope of the current output element: prefix -> URI ("" prefix = default).
    private readonly Dictionary<string, string> _scope = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, string? Old)> _undo = [];
    private readonly Stack<int> _marks = new();
    private readonly List<(string Prefix, string Uri)> _decls = [];
    private readonly List<(string Prefix, string Uri)> _scratch = [];
    private readonly List<(string Prefix, string Uri)> _rendered = [];
    private readonly List<XmlAttribute> _attributes = [];

    public void Write(XmlElement apex, XmlNode? exclude)
    {
        XmlNode node = apex;
        while (true)
        {
            if (!ReferenceEquals(node, exclude) && WriteNode(node, apex) && node.FirstChild is { } first)
            {
                node = first;
                continue;
            }
            if (node is XmlElement leaf && !ReferenceEquals(node, exclude)) EndElement(leaf);

            // Next in document order, closing elements on the way up.
            while (true)
            {
                if (ReferenceEquals(node, apex)) return;
                if (node.NextSibling is { } sibling) { node = sibling; break; }
                node = node.ParentNode!;
                if (node is XmlElement parent) EndElement(parent);
            }
        }
    }

    /// <summary>Writes a node's start (or all of it); true when its children should be visited.</summary>
    private bool WriteNode(XmlNode node, XmlElement apex)
    {
        switch (node)
        {
            case XmlElement e:
                StartElement(e, ReferenceEquals(e, apex));
                return true;
            case XmlText or XmlCDataSection or XmlWhitespace or XmlSignificantWhitespace:
                WriteText(node.Value ?? string.Empty);
                return false;
            case XmlComment when withComments:
                sink.Write("<!--");
                sink.Write(node.Value ?? string.Empty);
                sink.Write("-->");
                return false;
            case XmlProcessingInstruction pi:
                sink.Write("<?");
                sink.Write(pi.Target);
                if (!string.IsNullOrEmpty(pi.Data)) { sink.Write(' '); sink.Write(pi.Data); }
                sink.Write("?>");
                return false;
            case XmlEntityReference:
                return true; // DTDs are refused on load; expand defensively all the same
            default:
                return false;
        }
    }

    private void StartElement(XmlElement e, bool isApex)
    {
        _decls.Clear();
        Declarations(e, _decls, overwrite: true);
        if (isApex)
        {
            // The apex has no output parent: all namespaces in scope are rendered on it.
            for (var n = e.ParentNode; n is XmlElement ancestor; n = n.ParentNode)
            {
                _scratch.Clear();
                Declarations(ancestor, _scratch, overwrite: true);
                foreach (var d in _scratch) NamespaceBindings.Set(_decls, d.Prefix, d.Uri, overwrite: false);
            }
        }

        _marks.Push(_undo.Count);
        sink.Write('<');
        sink.Write(e.Name);
        NamespaceBindings.WriteChanged(_decls, _scope, _undo, _rendered, sink);

        _attributes.Clear();
        if (e.HasAttributes)
            foreach (XmlAttribute a in e.Attributes)
                if (a.NamespaceURI != DsigNames.XmlnsNs) _attributes.Add(a);
        if (isApex) InheritXmlAttributes(e);
        _attributes.Sort(AttributeOrder);
        foreach (var a in _attributes)
        {
            sink.Write(' ');
            sink.Write(a.Name);
            WriteAttributeValue(a.Value);
        }
        sink.Write('>');
    }

    private void EndElement(XmlElement e)
    {
        sink.Write("</");
        sink.Write(e.Name);
        sink.Write('>');
        var mark = _marks.Pop();
        for (var i = _undo.Count - 1; i >= mark; i--)
        {
            var (prefix, old) = _undo[i];
            if (old is null) _scope.Remove(prefix);
            else _scope[prefix] = old;
        }
        _undo.RemoveRange(mark, _undo.Count - mark);
    }

    // C14N 1.0 makes the apex inherit the xml:* attributes (lang, space, base, id) of its ancestors.
    private void InheritXmlAttributes(XmlElement apex)
    {
        for (var n = apex.ParentNode; n is XmlElement ancestor; n = n.ParentNode)
        {
            if (!ancestor.HasAttributes) continue;
            foreach (XmlAttribute a in ancestor.Attributes)
            {
                if (a.NamespaceURI != DsigNames.XmlNs) continue;
                if (_attributes.Exists(x => x.NamespaceURI == DsigNames.XmlNs && x.LocalName == a.LocalName)) continue;
                _attributes.Add(a);
            }
        }
    }

    /// <summary>Namespace bindings an element makes: its xmlns attributes and the prefixes it uses.</summary>
    private static void Declarations(XmlElement e, List<(string Prefix, string Uri)> into, bool overwrite)
    {
        if (e.HasAttributes)
            foreach (XmlAttribute a in e.Attributes)
                if (a.NamespaceURI == DsigNames.XmlnsNs)
                    NamespaceBindings.Set(into, a.Prefix.Length == 0 ? string.Empty : a.LocalName, a.Value, overwrite);
        NamespaceBindings.Set(into, e.Prefix, e.NamespaceURI, overwrite);
        if (e.HasAttributes)
            foreach (XmlAttribute a in e.Attributes)
                if (a.Prefix.Length > 0 && a.NamespaceURI != DsigNames.XmlnsNs)
                    NamespaceBindings.Set(into, a.Prefix, a.NamespaceURI, overwrite: false);
    }


    private void WriteText(string s) => sink.WriteText(s);

    private void WriteAttributeValue(string s) => sink.WriteAttributeValue(s);
}
