using System.Xml;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// Every element carrying an identifier, built in one walk of the document so references resolve
/// without XPath. References resolve through <c>Id</c> only (what Vietnamese documents use); <c>ID</c>,
/// <c>id</c> and <c>xml:id</c> still count as carriers, because another verifier might resolve
/// through them: a value carried by two elements is treated as a wrapping attempt.
/// </summary>
internal sealed class IdIndex
{
    private readonly Dictionary<string, List<XmlElement>> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<XmlElement>> _carriers = new(StringComparer.Ordinal);

    public IdIndex(XmlDocument doc)
    {
        XmlNode? node = doc.DocumentElement;
        while (node is not null)
        {
            if (node is XmlElement e && e.HasAttributes) Add(e);
            node = Next(node, doc);
        }
    }

    /// <summary>The elements whose <c>Id</c> is <paramref name="id"/>.</summary>
    public IReadOnlyList<XmlElement> WithId(string id) =>
        _byId.TryGetValue(id, out var list) ? list : [];

    /// <summary>Distinct elements carrying <paramref name="id"/> in any identifier attribute.</summary>
    public IReadOnlyList<XmlElement> Carriers(string id) =>
        _carriers.TryGetValue(id, out var list) ? list : [];

    private void Add(XmlElement e)
    {
        foreach (XmlAttribute a in e.Attributes)
        {
            var isId = a.NamespaceURI.Length == 0 && a.LocalName == "Id";
            var isOther = a.NamespaceURI.Length == 0
                ? a.LocalName is "ID" or "id"
                : a.LocalName == "id" && a.NamespaceURI == DsigNames.XmlNs;
            if (!isId && !isOther) continue;
            if (isId) Append(_byId, a.Value, e);
            Append(_carriers, a.Value, e);
        }
    }

    private static void Append(Dictionary<string, List<XmlElement>> map, string key, XmlElement e)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        if (list.Count == 0 || !ReferenceEquals(list[^1], e)) list.Add(e);
    }

    // Document order without recursion.
    private static XmlNode? Next(XmlNode node, XmlDocument doc)
    {
        if (node.FirstChild is { } child) return child;
        for (XmlNode? n = node; n is not null && !ReferenceEquals(n, doc); n = n.ParentNode)
            if (n.NextSibling is { } sib) return sib;
        return null;
    }
}
