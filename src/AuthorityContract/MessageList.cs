using System.Xml;

namespace ConformanceKit.AuthorityContract;

/// <summary>
/// A &lt;DSTDiep&gt; as the simulator sent it (responses to a message, or a page of the inbox): its exact bytes, the cursor
/// for the next inbox page, and each TDiep cut out.
/// </summary>
/// <param name="Xml">The DSTDiep's bytes; empty for "none yet" (a 404 from the responses routes).</param>
/// <param name="Next">The inbox's next cursor (header X-Next-Cursor); null for the responses routes.</param>
/// <param name="At">
/// When the authority answered, on its clock (HTTP Date; the simulator's is the simulated clock), to the second; null
/// when the answer had no Date.
/// </param>
public sealed record MessageList(byte[] Xml, long? Next = null, DateTimeOffset? At = null)
{
    /// <summary>No response (yet).</summary>
    public static MessageList None { get; } = new([]);

    /// <summary>Each TDiep of the list, oldest first, as UTF-8 without an XML declaration, whitespace kept (signatures depend on it).</summary>
    public IReadOnlyList<byte[]> Messages => _messages ??= Split(Xml);

    private IReadOnlyList<byte[]>? _messages;

    public bool IsEmpty => Messages.Count == 0;

    /// <summary>The DSTDiep's <c>next="…"</c> (the inbox's cursor, when the header is missing); null when absent or not a number.</summary>
    public static long? NextAttribute(byte[] list)
    {
        if (list.Length == 0) return null;
        try
        {
            using var stream = new MemoryStream(list, writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return reader.MoveToContent() == XmlNodeType.Element
                   && long.TryParse(reader.GetAttribute("next"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? n : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>Cuts a DSTDiep into its TDiep, without DTDs or external entities.</summary>
    public static IReadOnlyList<byte[]> Split(byte[] list)
    {
        if (list.Length == 0) return [];
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var stream = new MemoryStream(list, writable: false))
        using (var reader = XmlReader.Create(stream, new XmlReaderSettings
               {
                   DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreWhitespace = false,
               }))
            doc.Load(reader);
        // Entitize: a CR in a signed value must stay a CR when the piece is read again (a raw one would become LF).
        var settings = new XmlWriterSettings
        {
            Encoding = new System.Text.UTF8Encoding(false), Indent = false, OmitXmlDeclaration = true, NewLineHandling = NewLineHandling.Entitize,
        };
        return [.. doc.DocumentElement!.ChildNodes.OfType<XmlElement>().Select(e =>
        {
            var one = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
            one.AppendChild(one.ImportNode(e, deep: true));
            using var ms = new MemoryStream();
            using (var w = XmlWriter.Create(ms, settings)) one.Save(w);
            return ms.ToArray();
        })];
    }
}

/// <summary>
/// POST /api/v1/messages answered with a 999 (XML): 200 when taken (TTTNhan 0), 400 when refused at reception
/// (TTTNhan 1), 413 over 2 MB. Other answers (401, 408, 429, 500, 503) are <see cref="AuthorityApiException"/>s.
/// </summary>
public sealed record SentMessage(System.Net.HttpStatusCode Status, byte[] Body)
{
    /// <summary>HTTP 200: the 999 says the message was taken (the 999's TTTNhan says the same).</summary>
    public bool Taken => Status == System.Net.HttpStatusCode.OK;
}
