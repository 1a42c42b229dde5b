using System.Text;
using System.Xml;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>Element paths for reports: local names, with a 1-based index only where a sibling shares the name.</summary>
internal static class DomPath
{
    public static string Of(XmlElement element)
    {
        var parts = new List<string>();
        for (XmlNode? n = element; n is XmlElement e; n = n.ParentNode)
            parts.Add(Step(e));
        var sb = new StringBuilder();
        for (var i = parts.Count - 1; i >= 0; i--) sb.Append('/').Append(parts[i]);
        return sb.ToString();
    }

    /// <summary>Child elements of <paramref name="parent"/> with the given local name and namespace.</summary>
    public static List<XmlElement> Children(XmlNode parent, string localName, string ns)
    {
        var found = new List<XmlElement>();
        for (var c = parent.FirstChild; c is not null; c = c.NextSibling)
            if (c is XmlElement e && e.LocalName == localName && e.NamespaceURI == ns)
                found.Add(e);
        return found;
    }

    /// <summary>The only such child, or null when there is none or more than one.</summary>
    public static XmlElement? Single(XmlNode parent, string localName, string ns)
    {
        XmlElement? found = null;
        for (var c = parent.FirstChild; c is not null; c = c.NextSibling)
        {
            if (c is not XmlElement e || e.LocalName != localName || e.NamespaceURI != ns) continue;
            if (found is not null) return null;
            found = e;
        }
        return found;
    }

    public static bool IsInside(XmlNode node, XmlNode ancestorOrSelf)
    {
        for (XmlNode? n = node; n is not null; n = n.ParentNode)
            if (ReferenceEquals(n, ancestorOrSelf)) return true;
        return false;
    }

    internal static string Step(XmlElement e)
    {
        if (e.ParentNode is not XmlElement parent) return e.LocalName;
        int index = 0, count = 0;
        for (var c = parent.FirstChild; c is not null; c = c.NextSibling)
        {
            if (c is not XmlElement s || s.LocalName != e.LocalName) continue;
            count++;
            if (ReferenceEquals(s, e)) index = count;
        }
        return count > 1 ? $"{e.LocalName}[{index}]" : e.LocalName;
    }
}
