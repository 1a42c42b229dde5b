using System.Xml;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.TaxAuthoritySim.Endpoints;

/// <summary>Cuts one HDon out of a stored package.</summary>
public static class InvoiceXml
{
    public static string? Extract(byte[] package, int index)
    {
        var doc = SafeXml.LoadDocument(package);
        var list = doc.DocumentElement?.SelectNodes("/TDiep/DLieu/HDon");
        return list is not null && index >= 1 && index <= list.Count ? ((XmlElement)list[index - 1]!).OuterXml : null;
    }
}
