using System.Globalization;
using System.Xml;
using ConformanceKit.Einvoice.Model;

namespace ConformanceKit.Einvoice.Serialization;

/// <summary>
/// Element helpers for the writer: null means "omit the element", "" means an empty element.
/// Numbers and dates are formatted into a reused buffer instead of a string per value.
/// </summary>
internal sealed class WriteContext(XmlWriter w)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly char[] _buffer = new char[64];

    public XmlWriter Writer => w;

    public void Start(string name) => w.WriteStartElement(name);

    public void End() => w.WriteEndElement();

    public void Attribute(string name, string? value)
    {
        if (value is not null) w.WriteAttributeString(name, value);
    }

    public void Namespaces(List<NamespaceDeclaration>? declarations)
    {
        if (declarations is null) return;
        foreach (var d in declarations)
            w.WriteAttributeString("xmlns", d.Prefix, "http://www.w3.org/2000/xmlns/", d.Uri);
    }

    public void Text(string name, string? value)
    {
        if (value is not null) w.WriteElementString(name, value);
    }

    public void Decimal(string name, decimal? value)
    {
        if (value is { } v && v.TryFormat(_buffer, out var n, default, Inv)) Chars(name, n);
    }

    public void Int(string name, int? value)
    {
        if (value is { } v && v.TryFormat(_buffer, out var n, default, Inv)) Chars(name, n);
    }

    public void Date(string name, DateOnly? value)
    {
        if (value is { } v && v.TryFormat(_buffer, out var n, WireFormat.Date, Inv)) Chars(name, n);
    }

    public void DateTime(string name, DateTime? value)
    {
        if (value is { } v && v.TryFormat(_buffer, out var n, WireFormat.DateTime, Inv)) Chars(name, n);
    }

    /// <summary>An element holding raw XML written verbatim; "" gives an empty element.</summary>
    public void Raw(string name, string? xml)
    {
        if (xml is null) return;
        w.WriteStartElement(name);
        if (xml.Length > 0) w.WriteRaw(xml);
        w.WriteEndElement();
    }

    public void ExtraFields(List<ExtraField>? fields)
    {
        if (fields is null) return;
        w.WriteStartElement("TTKhac");
        foreach (var f in fields)
        {
            w.WriteStartElement("TTin");
            Text("TTruong", f.Field);
            Text("KDLieu", f.DataType);
            Text("DLieu", f.Value);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>A wrapper such as DSLDo holding LDo{MLoi, MTa} items.</summary>
    public void Reasons(string wrapper, List<Reason>? reasons)
    {
        if (reasons is null) return;
        w.WriteStartElement(wrapper);
        foreach (var r in reasons)
        {
            w.WriteStartElement("LDo");
            Text("MLoi", r.Code);
            Text("MTa", r.Description);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private void Chars(string name, int length)
    {
        w.WriteStartElement(name);
        w.WriteChars(_buffer, 0, length);
        w.WriteEndElement();
    }
}
