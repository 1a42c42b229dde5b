using System.Xml;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Einvoice.Validation;

/// <summary>
/// A cheap first look: is it UTF-8, is it a TDiep, and which message type does it claim — enough
/// to pick the schema. Stops at the end of TTChung. Malformed input becomes a 1001 finding.
/// </summary>
internal static class HeaderScan
{
    public sealed record Result(string? RootName, string? MessageType, Finding? Failure);

    public static Result Run(byte[] bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            return Fail("the message is UTF-16; it must be UTF-8", 1, 1);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var inner = XmlReader.Create(stream, SafeXml.ReaderSettings());
            using var reader = new DepthLimitedReader(inner, SafeXml.MaxDepth);
            var info = (IXmlLineInfo)inner;
            string? root = null;
            var inHeader = false;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.XmlDeclaration)
                {
                    var encoding = reader.GetAttribute("encoding");
                    if (encoding is not null && !encoding.Equals("UTF-8", StringComparison.OrdinalIgnoreCase)
                        && !encoding.Equals("UTF8", StringComparison.OrdinalIgnoreCase))
                        return Fail($"the message declares encoding '{encoding}'; it must be UTF-8", info.LineNumber, info.LinePosition);
                    continue;
                }
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == 1 && reader.LocalName == "TTChung")
                    return new Result(root, null, null);
                if (reader.NodeType != XmlNodeType.Element) continue;
                if (reader.Depth == 0)
                {
                    root = reader.LocalName;
                    if (root != "TDiep") return new Result(root, null, null);
                }
                else if (reader.Depth == 1)
                {
                    inHeader = reader.LocalName == "TTChung";
                    if (!inHeader) return new Result(root, null, null);
                }
                else if (inHeader && reader.Depth == 2 && reader.LocalName == "MLTDiep")
                {
                    return new Result(root, reader.ReadElementContentAsString().Trim(), null);
                }
            }
            return new Result(root, null, null);
        }
        catch (XmlException ex)
        {
            var dtd = ex.Message.Contains("DTD", StringComparison.Ordinal);
            return Fail(dtd ? "a DTD (<!DOCTYPE>) is not allowed in a message" : "not well-formed XML: " + ex.Message,
                ex.LineNumber, ex.LinePosition);
        }
        catch (InvalidDataException ex)
        {
            return Fail(ex.Message, 0, 0);
        }
    }

    private static Result Fail(string message, int line, int column) =>
        new(null, null, new Finding(ErrorCodes.NotWellFormed, Severity.Error, message, line, column));
}
