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
        if (NotUtf8(bytes) is { } actual)
            return Fail($"the message is {actual}; it must be UTF-8", 1, 1);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var inner = XmlReader.Create(stream, SafeXml.ReaderSettings());
            using var reader = new BoundedXmlReader(inner);
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
                    // A namespace the schema does not define would make the validator skip the whole message.
                    if (reader.NamespaceURI.Length > 0)
                        return new Result(root, null, new Finding(ErrorCodes.EnvelopeInvalid, Severity.Error,
                            $"TDiep is in namespace '{PrintableText.Of(reader.NamespaceURI)}'; the message's elements are in no namespace",
                            info.LineNumber, info.LinePosition, "/TDiep", Value: PrintableText.Of(reader.NamespaceURI),
                            Expected: "TDiep with no namespace (no xmlns=\"…\" and no prefix)"));
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
        catch (XmlLimitException ex)
        {
            return Fail(ex.Reason, ex.LineNumber, ex.LinePosition);
        }
        catch (XmlException ex)
        {
            var dtd = ex.Message.Contains("DTD", StringComparison.Ordinal);
            return Fail(dtd ? "a DTD (<!DOCTYPE>) is not allowed in a message" : "not well-formed XML: " + PrintableText.Of(ex.Message),
                ex.LineNumber, ex.LinePosition);
        }
        catch (InvalidDataException ex)
        {
            return Fail(PrintableText.Of(ex.Message), 0, 0);
        }
    }

    /// <summary>
    /// The encoding the first bytes show when it is not UTF-8 (XML 1.0 appendix F). A UTF-8 message
    /// starts with '&lt;', a BOM or whitespace and never holds a NUL, so a NUL among the first four bytes
    /// means UTF-16 or UTF-32 even without a byte-order mark.
    /// </summary>
    internal static string? NotUtf8(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]) || b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
            return "UTF-32 (with a byte-order mark)";
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return "UTF-16 (with a byte-order mark)";
        var head = b[..Math.Min(4, b.Length)];
        if (head.Length == 4 && head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] != 0) return "UTF-32 big-endian";
        if (head.Length == 4 && head[0] != 0 && head[1] == 0 && head[2] == 0 && head[3] == 0) return "UTF-32 little-endian";
        if (head.Length >= 2 && head[0] == 0 && head[1] != 0) return "UTF-16 big-endian";
        if (head.Length >= 2 && head[0] != 0 && head[1] == 0) return "UTF-16 little-endian";
        return head.Contains((byte)0) ? "not UTF-8 (it holds NUL bytes)" : null;
    }

    private static Result Fail(string message, int line, int column) =>
        new(null, null, new Finding(ErrorCodes.NotWellFormed, Severity.Error, message, line, column));
}
