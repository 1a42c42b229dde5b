using System.Xml;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Einvoice.Serialization;

/// <summary>
/// Writes the model as a TDiep: XML declaration, no indentation, UTF-8 without BOM, elements in
/// dictionary order (formats.md), null properties omitted, "" as empty elements, raw signature
/// XML verbatim. Throws <see cref="ArgumentException"/> for values XML cannot carry (control
/// characters, lone surrogates) or a header type that contradicts the message class.
/// </summary>
public static partial class MessageWriter
{
    // Upper-case "UTF-8" as the authority writes it; XmlWriter would emit "utf-8".
    private static readonly byte[] Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"u8.ToArray();

    private static readonly XmlWriterSettings Settings = CreateSettings();

    private static XmlWriterSettings CreateSettings()
    {
        var s = SafeXml.WriterSettings(omitXmlDeclaration: true);
        // "\r" in a value becomes "&#xD;", so a normalising reader gets the same string back.
        s.NewLineHandling = NewLineHandling.Entitize;
        return s;
    }

    public static byte[] Write(Message message)
    {
        var ms = new MemoryStream();
        Write(message, ms);
        return ms.ToArray();
    }

    public static void Write(Message message, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(stream);
        var type = message.TypeCode;
        if (type is not null && message.Header.MessageType is { } declared && declared != type)
            throw new ArgumentException($"header MLTDiep {declared} contradicts a {message.GetType().Name} ({type})", nameof(message));

        stream.Write(Declaration);
        using var w = XmlWriter.Create(stream, Settings);
        var c = new WriteContext(w);
        c.Start("TDiep");
        c.Namespaces(message.Namespaces);
        WriteHeader(c, message.Header, type);
        switch (message)
        {
            case InvoicePackage p: WritePackage(c, p); break;
            case TechnicalAck m: WriteTechnicalAck(c, m); break;
            case DataCheckNotice m: WriteNotice(c, m, WriteDataCheck); break;
            case RegistrationReceipt m: WriteNotice(c, m, WriteReceipt); break;
            case RegistrationDecision m: WriteNotice(c, m, WriteDecision); break;
            case ErroneousInvoiceNotice m: WriteNotice(c, m, WriteErroneousNotice); break;
            case ErroneousInvoiceReply m: WriteNotice(c, m, WriteErroneousReply); break;
            case ReviewNotice m: WriteNotice(c, m, WriteReview); break;
            case Registration m: WriteRegistration(c, m); break;
            case UnknownMessage m: c.Raw("DLieu", m.DataXml); break;
            default: throw new ArgumentException($"cannot write a {message.GetType().Name}", nameof(message));
        }
        c.End();
    }

    /// <summary>Writes one HDon at the writer's position (the simulator stores invoices one by one).</summary>
    public static void WriteInvoice(XmlWriter writer, CashRegisterInvoice invoice)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(invoice);
        WriteInvoice(new WriteContext(writer), invoice);
    }

    private static void WriteHeader(WriteContext c, MessageHeader h, string? type)
    {
        c.Start("TTChung");
        c.Text("PBan", h.Version);
        c.Text("MNGui", h.SenderCode);
        c.Text("MNNhan", h.ReceiverCode);
        c.Text("MLTDiep", h.MessageType ?? type);
        c.Text("MTDiep", h.MessageId);
        c.Text("MTDTChieu", h.ReplyToId);
        c.Text("MST", h.TaxCode);
        c.Int("SLuong", h.Count);
        c.End();
    }
}
