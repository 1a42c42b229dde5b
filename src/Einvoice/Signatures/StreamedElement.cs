using System.Xml;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>One attribute as a streaming reader reports it (schema-defaulted attributes are left out: a DOM has none).</summary>
internal readonly record struct StreamedAttribute(string Prefix, string LocalName, string NamespaceUri, string Name, string Value);

/// <summary>
/// An open element as a streaming reader reported it: what C14N needs of an ancestor (its namespace bindings and
/// xml:* attributes) and what a copy of it in a small DOM needs. One instance per depth, reused.
/// </summary>
internal sealed class StreamedElement
{
    public string Prefix = "";
    public string LocalName = "";
    public string NamespaceUri = "";
    public string Name = "";

    /// <summary>Null when the element has no attributes (most have none: nothing is allocated for them).</summary>
    public StreamedAttribute[]? Attributes;

    /// <summary>Sequence number in document order (1 = the root).</summary>
    public int Sequence;

    /// <summary>No attributes, no prefix, no namespace: C14N renders it as its bare name unless a default namespace is in scope.</summary>
    public bool IsPlain => Attributes is null && Prefix.Length == 0 && NamespaceUri.Length == 0;

    /// <summary>Reads the element the reader is on; leaves the reader on it.</summary>
    public void Read(XmlReader reader, string localName, int sequence)
    {
        Prefix = reader.Prefix;
        LocalName = localName;
        NamespaceUri = reader.NamespaceURI;
        Name = Prefix.Length == 0 ? localName : reader.Name;
        Sequence = sequence;
        Attributes = null;
        var count = reader.AttributeCount;
        if (count == 0) return;
        var list = new StreamedAttribute[count];
        var used = 0;
        for (var i = 0; i < count; i++)
        {
            reader.MoveToAttribute(i);
            if (reader.IsDefault) continue;
            list[used++] = new StreamedAttribute(reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Name, reader.Value);
        }
        reader.MoveToElement();
        if (used == 0) return;
        Attributes = used == count ? list : list[..used];
    }

    /// <summary>A copy in <paramref name="doc"/>, attributes included (no children).</summary>
    public XmlElement CopyInto(XmlDocument doc)
    {
        var e = doc.CreateElement(Prefix, LocalName, NamespaceUri);
        if (Attributes is not null)
            foreach (var a in Attributes)
            {
                var attribute = doc.CreateAttribute(a.Prefix, a.LocalName, a.NamespaceUri);
                attribute.Value = a.Value;
                e.Attributes.Append(attribute);
            }
        return e;
    }
}
