using System.Text;
using System.Xml;
using System.Xml.Schema;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Einvoice.Validation;

/// <summary>
/// One streaming pass: validates against a compiled schema set, reports every violation with its
/// path, and gathers the facts the package rules need — no DOM, so it stays near reader speed.
/// </summary>
internal sealed class SchemaPass
{
    private const string DsNamespace = "http://www.w3.org/2000/09/xmldsig#";

    // Only these leaves are kept: anything else costs nothing beyond the validation itself.
    private static readonly HashSet<string> Interesting =
    [
        "PBan", "MNGui", "MNNhan", "MLTDiep", "MTDiep", "MTDTChieu", "MST", "SLuong",
        "KHMSHDon", "KHHDon", "NLap", "SHDon", "TChat", "DVTinh", "DGia", "TLCKhau", "STCKhau", "ThTien",
        "TSuat", "TThue", "TgTCThue", "TgTThue", "TTCKTMai", "TgTTTBSo", "TgTTTBChu", "MCCQT", "TTHHDTrung",
        // What the store keeps of an invoice, so that it needs no second read of the package.
        "Ten", "HVTNMHang", "DVTTe", "TCHDon", "LHDCLQuan", "KHMSHDCLQuan", "KHHDCLQuan", "SHDCLQuan", "NLHDCLQuan",
    ];

    private readonly ElementPath path = new();
    private readonly List<Finding> findings;
    private readonly MessageFacts facts = new();
    private readonly StringBuilder text = new();
    private readonly List<Pending> pending = [];
    private readonly Func<string, string, bool, string> classify;
    private int suppressed;
    private readonly HashSet<string> tolerated = new(StringComparer.Ordinal);
    private XmlReader reader = null!;
    private XmlSchemaSet schemas = null!;

    /// <param name="EmptyOptional">The error is about an element that is empty and may be left out: tolerated.</param>
    private sealed record Pending(XmlSchemaException Error, XmlNodeType NodeType, int Depth, string? Text, bool EmptyOptional);

    /// <param name="findings">Where findings go.</param>
    /// <param name="classify">Maps (path, element name) to the finding code for a schema violation there.</param>
    private SchemaPass(List<Finding> findings, Func<string, string, bool, string> classify)
    {
        this.findings = findings;
        this.classify = classify;
    }

    public static MessageFacts Run(byte[] bytes, XmlSchemaSet schemas, List<Finding> findings, Func<string, string, bool, string> classify)
    {
        var pass = new SchemaPass(findings, classify);
        using var read = pass.Open(bytes, schemas);
        while (read.Read()) { }
        pass.Finish();
        return pass.facts;
    }

    /// <summary>
    /// Like <see cref="Run"/>, and builds the document (whitespace kept, for signatures) from the same read:
    /// one parse of the bytes gives the schema findings, the facts and the DOM.
    /// </summary>
    public static MessageFacts Load(byte[] bytes, XmlSchemaSet schemas, List<Finding> findings, Func<string, string, bool, string> classify,
        out XmlDocument document)
    {
        var pass = new SchemaPass(findings, classify);
        document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var read = pass.Open(bytes, schemas))
            document.Load(read);
        pass.Finish();
        return pass.facts;
    }

    private InvoiceFacts? invoice;
    private LineFacts? line;
    private RateTotalFacts? rate;
    private IXmlLineInfo lineInfo = null!;

    private XmlReader Open(byte[] bytes, XmlSchemaSet schemaSet)
    {
        schemas = schemaSet;
        var settings = SafeXml.ReaderSettings();
        settings.ValidationType = ValidationType.Schema;
        settings.Schemas = schemaSet;
        settings.ValidationFlags = XmlSchemaValidationFlags.None;
        settings.ValidationEventHandler += OnValidation;
        settings.IgnoreWhitespace = false;

        var inner = XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
        lineInfo = (IXmlLineInfo)inner;
        reader = new BoundedXmlReader(inner, observer: OnNode);
        return reader;
    }

    /// <summary>Learns from the node just read (called by the reader, whoever drives it).</summary>
    private void OnNode()
    {
        switch (reader.NodeType)
        {
            case XmlNodeType.Element:
            {
                var depth = reader.Depth;
                var name = reader.LocalName;
                path.Enter(name, depth, lineInfo.LineNumber, lineInfo.LinePosition);
                text.Clear();
                if (depth == 0) facts.RootName = name;
                if (reader.NamespaceURI == DsNamespace && name == "Signature") facts.HasSignature = true;
                if (depth == 2 && name == "HDon" && path.NameAt(1) == "DLieu")
                {
                    invoice = new InvoiceFacts
                    {
                        Index = path.IndexAt(2), Path = path.ToString(2),
                        Line = lineInfo.LineNumber, Column = lineInfo.LinePosition,
                    };
                    facts.Invoices.Add(invoice);
                    line = null;
                    rate = null;
                }
                else if (invoice is not null && name == "HHDVu" && depth == 6)
                {
                    line = new LineFacts { Path = path.ToString(depth), Line = lineInfo.LineNumber, Column = lineInfo.LinePosition };
                    invoice.Lines.Add(line);
                }
                else if (invoice is not null && name == "LTSuat" && depth == 7)
                {
                    rate = new RateTotalFacts { Path = path.ToString(depth) };
                    invoice.RateTotals.Add(rate);
                }
                Flush();
                if (reader.IsEmptyElement)
                {
                    Capture(depth, invoice, line, rate);
                    path.Leave(depth);
                }
                break;
            }
            case XmlNodeType.Text:
            case XmlNodeType.CDATA:
            case XmlNodeType.SignificantWhitespace:
            case XmlNodeType.Whitespace:
                text.Append(reader.Value);
                Flush();
                break;
            case XmlNodeType.EndElement:
                Flush();
                Capture(reader.Depth, invoice, line, rate);
                path.Leave(reader.Depth);
                text.Clear();
                break;
            default:
                Flush();
                break;
        }
    }

    private void Finish()
    {
        Flush();
        if (suppressed > 0)
            findings.Add(new Finding(findings.LastOrDefault()?.Code ?? ErrorCodes.SchemaViolation, Severity.Error,
                $"{suppressed:N0} more schema violation(s) not listed"));
        facts.Complete = true;
    }

    private void Capture(int depth, InvoiceFacts? invoice, LineFacts? line, RateTotalFacts? rate)
    {
        var name = path.NameAt(depth);
        if (!Interesting.Contains(name)) return;
        var (ln, col) = path.PositionAt(depth);
        var value = text.ToString().Trim();
        // An empty element is an absent one for every rule (a mandatory one was already refused by the schema).
        if (value.Length == 0 && !path.HasChildren(depth)) return;
        if (depth == 2 && path.NameAt(1) == "TTChung" && path.NameAt(0) == "TDiep")
        {
            facts.Header[name] = new Leaf(value, ln, col, path.ToString(depth));
            return;
        }
        if (invoice is null || depth < 3 || path.InvoiceIndexAt(depth) != invoice.Index) return;
        var leaf = new Leaf(value, ln, col, path.ToString(depth));
        // depth 3: HDon child; 4: DLHDon child; 5: TTChung/NDHDon child; 6: NBan/NMua/TToan/DSHHDVu child…
        var parent = path.NameAt(depth - 1);
        switch (depth)
        {
            case 3 when name == "MCCQT":
                invoice.Code = leaf;
                break;
            case 5 when parent == "TTChung":
                invoice.General[name] = leaf;
                break;
            case 6 when name == "MST" && parent == "NBan":
                invoice.SellerTaxCode = leaf;
                break;
            case 6 when name == "MST" && parent == "NMua":
                invoice.BuyerTaxCode = leaf;
                break;
            case 6 when parent == "NBan":
                invoice.Seller[name] = leaf;
                break;
            case 6 when parent == "NMua":
                invoice.Buyer[name] = leaf;
                break;
            case 6 when parent == "TTHDLQuan":
                invoice.Related[name] = leaf;
                break;
            case 6 when parent == "TToan":
                invoice.Totals[name] = leaf;
                break;
            case 7 when parent == "HHDVu" && line is not null:
                line.Fields[name] = leaf;
                break;
            case 8 when parent == "LTSuat" && rate is not null:
                rate.Fields[name] = leaf;
                break;
        }
    }

    private void OnValidation(object? sender, ValidationEventArgs e)
    {
        // Warnings are lax-validation noise about content the schema deliberately skips.
        if (e.Exception is null || e.Severity == XmlSeverityType.Warning) return;
        // Past the cap only count: the validator still builds each exception, but nothing keeps it.
        if (findings.Count + pending.Count >= ValidationOptions.MaxFindings)
        {
            suppressed++;
            return;
        }
        // The handler runs inside Read(), before the loop has recorded the new node: resolve later.
        var r = sender as XmlReader ?? reader;
        var nodeType = r.NodeType;
        var value = nodeType == XmlNodeType.EndElement ? text.ToString().Trim() : null;
        pending.Add(new Pending(e.Exception, nodeType, r.Depth, value, IsEmptyOptional(r, nodeType, value)));
    }

    /// <summary>
    /// Production senders write every field of a template, so absent data arrives as an empty element.
    /// An empty element the schema lets the sender leave out means "absent" (a warning, W006); an empty
    /// mandatory element stays an error.
    /// </summary>
    private bool IsEmptyOptional(XmlReader r, XmlNodeType nodeType, string? value)
    {
        var empty = nodeType switch
        {
            XmlNodeType.EndElement => value!.Length == 0 && !path.HasChildren(r.Depth),
            XmlNodeType.Element => r.IsEmptyElement,
            _ => false,
        };
        return empty && r.SchemaInfo?.SchemaElement is { MinOccurs: 0 };
    }

    private void Flush()
    {
        if (pending.Count == 0) return;
        foreach (var p in pending)
        {
            var depth = p.NodeType is XmlNodeType.Element or XmlNodeType.EndElement ? p.Depth : p.Depth - 1;
            if (depth < 0) depth = 0;
            var where = path.ToString(depth);
            var name = path.NameAt(depth);
            var invoiceIndex = path.InvoiceIndexAt(depth);
            if (p.EmptyOptional)
            {
                // One warning per element, however many facets the empty value failed.
                if (tolerated.Add(where))
                {
                    var (line, column) = path.PositionAt(depth);
                    findings.Add(new Finding(ErrorCodes.EmptyOptionalElement, Severity.Warning,
                        $"<{name}> is empty and is treated as absent; leave an optional element out when it has no value",
                        line, column, where, Expected: $"no <{name}> element, or a value", InvoiceIndex: invoiceIndex));
                }
                continue;
            }
            var message = PrintableText.Of(SchemaMessages.Clean(p.Error.Message));
            findings.Add(new Finding(
                classify(where, name, SchemaMessages.IsStructural(p.Error)), Severity.Error, message,
                p.Error.LineNumber, p.Error.LinePosition, where,
                Value: string.IsNullOrEmpty(p.Text) ? null : PrintableText.Of(p.Text),
                Expected: SchemaMessages.Expected(p.Error, schemas),
                InvoiceIndex: invoiceIndex));
        }
        pending.Clear();
    }
}
