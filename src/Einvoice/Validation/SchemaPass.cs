using System.Text;
using System.Xml;
using System.Xml.Schema;
using ConformanceKit.Einvoice.Signatures;
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

    private readonly ElementPath _path = new();
    private SignatureCapture? _capture;
    private readonly List<Finding> _findings;
    private readonly MessageFacts _facts = new();
    private readonly StringBuilder _text = new();
    private readonly List<Pending> _pending = [];
    private readonly Func<string, string, bool, string> _classify;
    private int _suppressed;
    private readonly HashSet<string> _tolerated = new(StringComparer.Ordinal);
    private XmlReader _reader = null!;

    // The validating reader under the bounded one: the signature capture reads each node's names and attributes from it
    // directly (the bounded reader only delegates them), one virtual hop less per call.
    private XmlReader _inner = null!;
    private XmlSchemaSet _schemas = null!;

    /// <param name="EmptyOptional">The error is about an element that is empty and may be left out: tolerated.</param>
    private sealed record Pending(XmlSchemaException Error, XmlNodeType NodeType, int Depth, string? Text, bool EmptyOptional);

    /// <param name="findings">Where findings go.</param>
    /// <param name="classify">Maps (path, element name) to the finding code for a schema violation there.</param>
    private SchemaPass(List<Finding> findings, Func<string, string, bool, string> classify, bool headerOnly)
    {
        _findings = findings;
        _classify = classify;
        _headerOnly = headerOnly;
    }

    /// <summary>Only the envelope's facts (TTChung leaves, the HDon count): the reception check needs no more (issue 16:
    /// gathering every invoice's leaves there was two thirds of its schema pass).</summary>
    private readonly bool _headerOnly;

    /// <param name="signatures">When given, also gathers what verifying the message's placed signature needs (same read).</param>
    public static MessageFacts Run(byte[] bytes, XmlSchemaSet schemas, List<Finding> findings, Func<string, string, bool, string> classify,
        bool headerOnly = false, (string[] SignatureAt, string[] ContentAt)? signatures = null)
    {
        var pass = new SchemaPass(findings, classify, headerOnly);
        if (signatures is { } placement)
            pass._facts.Signatures = pass._capture = new SignatureCapture(pass._path, placement.SignatureAt, placement.ContentAt);
        using var read = pass.Open(bytes, schemas);
        while (read.Read()) pass.OnNode();
        pass.Finish();
        return pass._facts;
    }

    private InvoiceFacts? _invoice;
    private LineFacts? _line;
    private RateTotalFacts? _rate;
    private IXmlLineInfo _lineInfo = null!;

    private XmlReader Open(byte[] bytes, XmlSchemaSet schemaSet)
    {
        _schemas = schemaSet;
        var settings = SafeXml.ReaderSettings();
        settings.ValidationType = ValidationType.Schema;
        settings.Schemas = schemaSet;
        settings.ValidationFlags = XmlSchemaValidationFlags.None;
        settings.ValidationEventHandler += OnValidation;
        settings.IgnoreWhitespace = false;

        var inner = XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
        _inner = inner;
        _lineInfo = (IXmlLineInfo)inner;
        _reader = new BoundedXmlReader(inner);
        return _reader;
    }

    /// <summary>Learns from the node just read.</summary>
    private void OnNode()
    {
        switch (_reader.NodeType)
        {
            case XmlNodeType.Element:
            {
                var depth = _reader.Depth;
                var name = _reader.LocalName;
                _path.Enter(name, depth, _lineInfo.LineNumber, _lineInfo.LinePosition);
                _capture?.Element(_inner, depth, name);
                _text.Clear();
                if (depth == 0) _facts.RootName = name;
                if (_reader.NamespaceURI == DsNamespace && name == "Signature") _facts.HasSignature = true;
                if (depth == 2 && name == "HDon" && _path.NameAt(1) == "DLieu")
                {
                    _invoice = new InvoiceFacts
                    {
                        Index = _path.IndexAt(2), Path = _path.ToString(2),
                        Line = _lineInfo.LineNumber, Column = _lineInfo.LinePosition,
                    };
                    _facts.Invoices.Add(_invoice);
                    _line = null;
                    _rate = null;
                    // Counted, not captured: with no invoice in hand Capture keeps only TTChung leaves.
                    if (_headerOnly) _invoice = null;
                }
                else if (_invoice is not null && name == "HHDVu" && depth == 6)
                {
                    _line = new LineFacts { Path = _path.ToString(depth), Line = _lineInfo.LineNumber, Column = _lineInfo.LinePosition };
                    _invoice.Lines.Add(_line);
                }
                else if (_invoice is not null && name == "LTSuat" && depth == 7)
                {
                    _rate = new RateTotalFacts { Path = _path.ToString(depth) };
                    _invoice.RateTotals.Add(_rate);
                }
                Flush();
                if (_reader.IsEmptyElement)
                {
                    Capture(depth, _invoice, _line, _rate);
                    _path.Leave(depth);
                }
                break;
            }
            case XmlNodeType.Text:
            case XmlNodeType.CDATA:
            case XmlNodeType.SignificantWhitespace:
            case XmlNodeType.Whitespace:
            {
                var value = _reader.Value;
                _text.Append(value);
                _capture?.Text(_reader.NodeType, value);
                Flush();
                break;
            }
            case XmlNodeType.EndElement:
                Flush();
                _capture?.End(_reader.Depth);
                Capture(_reader.Depth, _invoice, _line, _rate);
                _path.Leave(_reader.Depth);
                _text.Clear();
                break;
            default:
                _capture?.Other(_inner);
                Flush();
                break;
        }
    }

    private void Finish()
    {
        Flush();
        if (_suppressed > 0)
            _findings.Add(new Finding(_findings.LastOrDefault()?.Code ?? ErrorCodes.SchemaViolation, Severity.Error,
                $"{_suppressed:N0} more schema violation(s) not listed"));
        _facts.Complete = true;
    }

    private void Capture(int depth, InvoiceFacts? invoice, LineFacts? line, RateTotalFacts? rate)
    {
        if (_headerOnly && depth != 2) return;
        var name = _path.NameAt(depth);
        if (!Interesting.Contains(name)) return;
        var (ln, col) = _path.PositionAt(depth);
        var value = _text.ToString().Trim();
        // An empty element is an absent one for every rule (a mandatory one was already refused by the schema).
        if (value.Length == 0 && !_path.HasChildren(depth)) return;
        if (depth == 2 && _path.NameAt(1) == "TTChung" && _path.NameAt(0) == "TDiep")
        {
            _facts.Header[name] = new Leaf(value, ln, col, _path.ToString(depth - 1), name, _path.IndexAt(depth), depth);
            return;
        }
        if (invoice is null || depth < 3 || _path.InvoiceIndexAt(depth) != invoice.Index) return;
        var leaf = new Leaf(value, ln, col, _path.ToString(depth - 1), name, _path.IndexAt(depth), depth);
        // depth 3: HDon child; 4: DLHDon child; 5: TTChung/NDHDon child; 6: NBan/NMua/TToan/DSHHDVu child…
        var parent = _path.NameAt(depth - 1);
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
        if (_findings.Count + _pending.Count >= ValidationOptions.MaxFindings)
        {
            _suppressed++;
            return;
        }
        // The handler runs inside Read(), before the loop has recorded the new node: resolve later.
        var r = sender as XmlReader ?? _reader;
        var nodeType = r.NodeType;
        var value = nodeType == XmlNodeType.EndElement ? _text.ToString().Trim() : null;
        _pending.Add(new Pending(e.Exception, nodeType, r.Depth, value, IsEmptyOptional(r, nodeType, value)));
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
            XmlNodeType.EndElement => value!.Length == 0 && !_path.HasChildren(r.Depth),
            XmlNodeType.Element => r.IsEmptyElement,
            _ => false,
        };
        return empty && r.SchemaInfo?.SchemaElement is { MinOccurs: 0 };
    }

    private void Flush()
    {
        if (_pending.Count == 0) return;
        foreach (var p in _pending)
        {
            var depth = p.NodeType is XmlNodeType.Element or XmlNodeType.EndElement ? p.Depth : p.Depth - 1;
            if (depth < 0) depth = 0;
            var where = _path.ToString(depth);
            var name = _path.NameAt(depth);
            var invoiceIndex = _path.InvoiceIndexAt(depth);
            if (p.EmptyOptional)
            {
                // One warning per element, however many facets the empty value failed.
                if (_tolerated.Add(where))
                {
                    var (line, column) = _path.PositionAt(depth);
                    _findings.Add(new Finding(ErrorCodes.EmptyOptionalElement, Severity.Warning,
                        $"<{name}> is empty and is treated as absent; leave an optional element out when it has no value",
                        line, column, where, Expected: $"no <{name}> element, or a value", InvoiceIndex: invoiceIndex));
                }
                continue;
            }
            var message = PrintableText.Of(SchemaMessages.Clean(p.Error.Message));
            _findings.Add(new Finding(
                _classify(where, name, SchemaMessages.IsStructural(p.Error)), Severity.Error, message,
                p.Error.LineNumber, p.Error.LinePosition, where,
                Value: string.IsNullOrEmpty(p.Text) ? null : PrintableText.Of(p.Text),
                Expected: SchemaMessages.Expected(p.Error, _schemas),
                InvoiceIndex: invoiceIndex));
        }
        _pending.Clear();
    }
}
