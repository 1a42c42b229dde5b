using System.Xml;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.TaxAuthoritySim.Intake;

/// <summary>
/// MLTDiep and MST of TTChung, read before anything is validated: the data check's validation needs the taxpayer's
/// code blocks, i.e. the MST, before its one pass over the message. Stops at the end of TTChung; null on anything odd
/// (the caller then checks the message the ordinary way).
/// </summary>
public static class HeaderPeek
{
    public sealed record Header(string? MessageType, string? TaxCode);

    public static Header? Read(byte[] body)
    {
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, SafeXml.ReaderSettings());
            string? type = null, mst = null;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == 1) return new Header(type, mst);
                if (reader.NodeType != XmlNodeType.Element) continue;
                if (reader.Depth == 0 && reader.LocalName != "TDiep") return null;
                if (reader.Depth == 1 && reader.LocalName != "TTChung") return null;
                if (reader.Depth != 2) continue;
                if (reader.LocalName == "MLTDiep") type = reader.ReadElementContentAsString();
                else if (reader.LocalName == "MST") mst = reader.ReadElementContentAsString();
            }
            return null;
        }
        catch (Exception e) when (e is XmlException or InvalidOperationException or System.Text.DecoderFallbackException)
        {
            return null;
        }
    }
}
