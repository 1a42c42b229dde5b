using System.Text;
using System.Xml;

namespace ConformanceKit.Einvoice.Xml;

/// <summary>
/// The one place that decides how untrusted XML is read: no DTD, no resolver (so no external
/// entities), bounded size and depth. Everything that parses a message goes through here.
/// </summary>
public static class SafeXml
{
    /// <summary>The authority's limit for one message (domain.md).</summary>
    public const int MaxMessageBytes = 2 * 1024 * 1024;

    /// <summary>Deepest element nesting we accept (<see cref="XmlLimits.MaxDepth"/>); real messages stay under 15.</summary>
    public const int MaxDepth = 64;

    /// <summary>UTF-8 without BOM, the encoding every message is written in.</summary>
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reader settings for untrusted input. Callers may add schemas / validation to a clone.</summary>
    public static XmlReaderSettings ReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = MaxMessageBytes,
        IgnoreComments = false,
        IgnoreProcessingInstructions = false,
        IgnoreWhitespace = false,
        CloseInput = false,
    };

    /// <summary>
    /// Writer settings that make output byte-stable: UTF-8 without BOM, no indentation, LF. A CR in a value (and a line
    /// break or tab in an attribute) is written as a character reference: a raw one would be read back as LF (or a
    /// space), so a signature over the DOM would no longer match the bytes.
    /// </summary>
    public static XmlWriterSettings WriterSettings(bool omitXmlDeclaration = false) => new()
    {
        Encoding = Utf8,
        Indent = false,
        OmitXmlDeclaration = omitXmlDeclaration,
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    /// <summary>
    /// Loads a whole document for signature work, whitespace preserved (signatures depend on it).
    /// Throws <see cref="XmlException"/> on malformed input, a DTD or past any of <see cref="XmlLimits.Message"/>
    /// (an <see cref="XmlLimitException"/>), <see cref="InvalidDataException"/> when over <see cref="MaxMessageBytes"/>.
    /// </summary>
    public static XmlDocument LoadDocument(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxMessageBytes)
            throw new InvalidDataException($"message is {bytes.Length} bytes, over the {MaxMessageBytes}-byte limit");
        return LoadDocument(bytes.ToArray());
    }

    /// <summary>
    /// <see cref="LoadDocument(ReadOnlySpan{byte})"/> reading the array in place: a message over 85 KB copied per load
    /// lands on the large-object heap and brings gen-2 collections (issue 16: ~48 per 1,000 packages of 131 KB).
    /// </summary>
    public static XmlDocument LoadDocument(byte[] bytes)
    {
        bytes ??= []; // as the span overload read a null array: an empty message
        if (bytes.Length > MaxMessageBytes)
            throw new InvalidDataException($"message is {bytes.Length} bytes, over the {MaxMessageBytes}-byte limit");
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var stream = new MemoryStream(bytes, writable: false);
        using var inner = XmlReader.Create(stream, ReaderSettings());
        using var reader = new BoundedXmlReader(inner);
        doc.Load(reader);
        return doc;
    }

    /// <summary>Serialises a document exactly (no reformatting), UTF-8 without BOM.</summary>
    public static byte[] ToBytes(XmlDocument doc)
    {
        using var ms = new MemoryStream();
        var omit = doc.FirstChild is not XmlDeclaration;
        using (var w = XmlWriter.Create(ms, WriterSettings(omit)))
            doc.Save(w);
        return ms.ToArray();
    }
}
