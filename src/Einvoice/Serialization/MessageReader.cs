using System.Xml;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Einvoice.Serialization;

/// <summary>
/// Streaming reader from TDiep bytes to the typed model. Tolerant: unknown elements are skipped
/// and missing ones stay null; the schema validator reports what is wrong in detail. For bad
/// input it throws only <see cref="XmlException"/> (not well-formed, DTD, too large) or
/// <see cref="MessageFormatException"/> (cannot be mapped).
/// </summary>
public static partial class MessageReader
{
    // Never mutated after creation, so one instance serves every thread.
    private static readonly XmlReaderSettings Settings = SafeXml.ReaderSettings();

    public static Message Read(ReadOnlySpan<byte> utf8)
    {
        CheckSize(utf8.Length);
        return ReadBuffer(utf8.ToArray(), utf8.Length);
    }

    /// <summary>Reads the whole stream (at most <see cref="SafeXml.MaxMessageBytes"/>) and parses it.</summary>
    public static Message Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            CheckSize(buffer.Length + n);
            buffer.Write(chunk, 0, n);
        }
        return ReadBuffer(buffer.GetBuffer(), (int)buffer.Length);
    }

    /// <summary>Reads and checks the message is a <typeparamref name="T"/>.</summary>
    public static T Read<T>(ReadOnlySpan<byte> utf8) where T : Message => Expect<T>(Read(utf8));

    /// <summary>Reads and checks the message is a <typeparamref name="T"/>.</summary>
    public static T Read<T>(Stream stream) where T : Message => Expect<T>(Read(stream));

    /// <summary>
    /// Reads one HDon. The reader must be positioned on the HDon start element and is left just
    /// past its end. Pass <paramref name="source"/> (the UTF-8 bytes the reader parses, from
    /// their start) to capture DSCKS byte for byte; without it DSCKS is re-serialised.
    /// </summary>
    public static CashRegisterInvoice ReadInvoice(XmlReader reader, ReadOnlyMemory<byte> source = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var c = new ReadContext(reader, source.IsEmpty ? null : SourceMap.ForUtf8(source));
        if (reader.NodeType != XmlNodeType.Element) reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "HDon")
            throw c.Error($"expected <HDon>, found {Describe(reader)}");
        try
        {
            return ReadInvoice(c, 0);
        }
        catch (Exception e) when (IsMappingFailure(e))
        {
            throw c.Wrap(e);
        }
    }

    private static void CheckSize(long length)
    {
        if (length > SafeXml.MaxMessageBytes)
            throw new MessageFormatException(
                $"message is over the {SafeXml.MaxMessageBytes}-byte limit", 0, 0, null);
    }

    private static T Expect<T>(Message m) where T : Message => m as T
        ?? throw new MessageFormatException(
            $"message type {m.Header.MessageType ?? "(none)"} is a {m.GetType().Name}, not a {typeof(T).Name}", 0, 0, "/TDiep/TTChung/MLTDiep");

    private static Message ReadBuffer(byte[] buffer, int length)
    {
        using var stream = new MemoryStream(buffer, 0, length, writable: false);
        using var reader = XmlReader.Create(stream, Settings);
        var c = new ReadContext(reader, SourceMap.ForUtf8(buffer.AsMemory(0, length)));
        try
        {
            return ReadDocument(c);
        }
        catch (Exception e) when (IsMappingFailure(e))
        {
            throw c.Wrap(e);
        }
    }

    // Parsing uses TryParse throughout; these are the belt and braces for anything XmlReader or a
    // conversion lets through, so callers see one exception type for input that does not map.
    private static bool IsMappingFailure(Exception e) =>
        e is FormatException or OverflowException or ArgumentException or InvalidOperationException;

    private static Message ReadDocument(ReadContext c)
    {
        var r = c.Reader;
        if (!r.Read()) throw c.Error("empty document");
        if (r.NodeType == XmlNodeType.XmlDeclaration)
        {
            // Byte slicing assumes UTF-8; anything else falls back to re-serialised raw capture.
            var encoding = r.GetAttribute("encoding");
            if (encoding is not null && !encoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
                c.DisableSlicing();
        }
        r.MoveToContent();
        if (r.NodeType != XmlNodeType.Element || r.LocalName != "TDiep")
            throw c.Error($"root element must be <TDiep>, found {Describe(r)}");

        var namespaces = c.Namespaces();
        MessageHeader? header = null;
        Message? message = null;
        string? sellerSignature = null;
        if (c.Enter())
        {
            while (c.Next())
            {
                switch (r.LocalName)
                {
                    case "TTChung":
                        header = ReadHeader(c);
                        break;
                    case "DLieu" when message is null:
                        if (header is null) throw c.Error("<DLieu> comes before <TTChung>: the message type is unknown");
                        message = ReadData(c, header.MessageType);
                        break;
                    case "CKSNNT":
                        sellerSignature = c.Raw();
                        break;
                    default:
                        c.Skip();
                        break;
                }
            }
        }
        if (header is null) throw c.Error("<TDiep> has no <TTChung>");

        // Anything after the root must still be well-formed.
        while (r.Read()) { }

        message ??= Empty(header.MessageType);
        message.Header = header;
        message.Namespaces = namespaces;
        if (message is InvoicePackage package) package.SellerSignatureXml = sellerSignature;
        return message;
    }

    private static Message ReadData(ReadContext c, string? type) => type switch
    {
        "206" => ReadInvoicePackage(c),
        "999" => ReadTechnicalAck(c),
        "204" => ReadNotice(c, new DataCheckNotice(), DataCheckField),
        "102" => ReadNotice(c, new RegistrationReceipt(), ReceiptField),
        "103" => ReadNotice(c, new RegistrationDecision(), DecisionField),
        "303" => ReadNotice(c, new ErroneousInvoiceNotice(), ErroneousNoticeField),
        "301" => ReadNotice(c, new ErroneousInvoiceReply(), ErroneousReplyField),
        "302" => ReadNotice(c, new ReviewNotice(), ReviewField),
        "100" => ReadRegistration(c),
        _ => new UnknownMessage { DataXml = c.Raw() },
    };

    private static Message Empty(string? type) => type switch
    {
        "206" => new InvoicePackage(),
        "999" => new TechnicalAck(),
        "204" => new DataCheckNotice(),
        "102" => new RegistrationReceipt(),
        "103" => new RegistrationDecision(),
        "303" => new ErroneousInvoiceNotice(),
        "301" => new ErroneousInvoiceReply(),
        "302" => new ReviewNotice(),
        "100" => new Registration(),
        _ => new UnknownMessage(),
    };

    private static MessageHeader ReadHeader(ReadContext c)
    {
        var h = new MessageHeader();
        if (!c.Enter()) return h;
        while (c.Next())
        {
            switch (c.Name)
            {
                case "PBan": h.Version = c.Text(); break;
                case "MNGui": h.SenderCode = c.Text(); break;
                case "MNNhan": h.ReceiverCode = c.Text(); break;
                case "MLTDiep": h.MessageType = c.Text(); break;
                case "MTDiep": h.MessageId = c.Text(); break;
                case "MTDTChieu": h.ReplyToId = c.Text(); break;
                case "MST": h.TaxCode = c.Text(); break;
                case "SLuong": h.Count = c.Int(); break;
                default: c.Skip(); break;
            }
        }
        return h;
    }

    /// <summary>TTKhac/TTin list; an empty TTKhac gives an empty list (not null).</summary>
    private static List<ExtraField> ReadExtraFields(ReadContext c)
    {
        var list = new List<ExtraField>();
        if (!c.Enter()) return list;
        while (c.Next())
        {
            if (c.Name != "TTin") { c.Skip(); continue; }
            var f = new ExtraField();
            if (c.Enter(list.Count + 1))
            {
                while (c.Next())
                {
                    switch (c.Name)
                    {
                        case "TTruong": f.Field = c.Text(); break;
                        case "KDLieu": f.DataType = c.Text(); break;
                        case "DLieu": f.Value = c.Text(); break;
                        default: c.Skip(); break;
                    }
                }
            }
            list.Add(f);
        }
        return list;
    }

    /// <summary>A list wrapper such as DSLDo holding LDo{MLoi, MTa} items.</summary>
    private static List<Reason> ReadReasons(ReadContext c)
    {
        var list = new List<Reason>();
        if (!c.Enter()) return list;
        while (c.Next())
        {
            if (c.Name != "LDo") { c.Skip(); continue; }
            var reason = new Reason();
            if (c.Enter(list.Count + 1))
            {
                while (c.Next())
                {
                    switch (c.Name)
                    {
                        case "MLoi": reason.Code = c.Text(); break;
                        case "MTa": reason.Description = c.Text(); break;
                        default: c.Skip(); break;
                    }
                }
            }
            list.Add(reason);
        }
        return list;
    }

    private static string Describe(XmlReader r) => r.NodeType switch
    {
        XmlNodeType.Element => $"<{r.Name}>",
        XmlNodeType.None => "nothing",
        _ => r.NodeType.ToString(),
    };
}
