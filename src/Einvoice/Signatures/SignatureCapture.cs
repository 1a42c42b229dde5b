using System.Xml;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>Sibling counts of the elements a streaming pass has seen, by depth (the validation pass's element path).</summary>
internal interface IElementCounts
{
    /// <summary>1-based position of the open element at <paramref name="depth"/> among its parent's children of the same local name.</summary>
    int IndexAt(int depth);

    /// <summary>How many children named <paramref name="localName"/> the open element at <paramref name="depth"/> has had so far.</summary>
    int ChildCount(int depth, string localName);
}

/// <summary>
/// Gathers, from the same reader pass as the schema validation, what verifying a message's one placed signature needs,
/// so that no DOM of the message is built: every Id carrier (for the wrapping checks), the SHA-256 of the C14N of each
/// outermost element carrying an <c>Id</c> outside a signature (<see cref="StreamC14N"/>), a small DOM of the
/// ds:Signature subtree with copies of its ancestors (so SignedInfo and the signature's own objects canonicalise in
/// document context), element paths, and where the placement paths lead. <see cref="StreamedSignature"/> decides
/// from it; anything it cannot prove valid goes to the DOM verifier, which stays the reference.
/// </summary>
internal sealed partial class SignatureCapture
{
    /// <summary>Outermost Id elements hashed per message; a reference to one past the cap falls back to the DOM.</summary>
    public const int MaxHashed = 64;

    private static readonly int MaxDepth = XmlLimits.Message.MaxDepth;

    private readonly StreamedElement[] _open = new StreamedElement[MaxDepth + 2];
    private readonly IElementCounts _counts;
    private readonly Chain _signatureAt;
    private readonly Chain _contentAt;
    private readonly Dictionary<string, IdCarriers> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<int, HashedElement> _hashed = [];
    private readonly List<PendingPath> _paths = [];
    private int _sequence;
    private string _rootNamespace = "";

    // The subtree being hashed: its depth (-1 when none).
    private StreamC14N? _c14n;
    private int _apexDepth = -1;
    private HashedElement? _apex;

    // The ds:Signature subtree being copied (depth -1 when none), and what was copied.
    private XmlDocument? _doc;
    private XmlNode? _into;
    private int _signatureDepth = -1;
    private readonly Dictionary<int, XmlElement> _copiedIds = [];

    public SignatureCapture(IElementCounts counts, string[] signatureAt, string[] contentAt)
    {
        _counts = counts;
        _signatureAt = new Chain(signatureAt);
        _contentAt = new Chain(contentAt);
        for (var i = 0; i < _open.Length; i++) _open[i] = new StreamedElement();
    }

    /// <summary>ds:Signature elements anywhere in the message.</summary>
    public int SignatureCount { get; private set; }

    /// <summary>The first ds:Signature, copied with its ancestors (null when there is none).</summary>
    public XmlElement? Signature { get; private set; }

    private PendingPath? _signaturePath;
    private int _signatureParent;

    /// <summary>An element start (the reader on it; <paramref name="depth"/> its depth, <paramref name="localName"/> its local name).</summary>
    public void Element(XmlReader reader, int depth, string localName)
    {
        var e = _open[depth];
        e.Read(reader, localName, ++_sequence);
        if (depth == 0) _rootNamespace = e.NamespaceUri;
        string? id = null;
        if (e.Attributes is not null) id = IndexIds(e);
        _signatureAt.Enter(e, depth, _rootNamespace);
        _contentAt.Enter(e, depth, _rootNamespace);
        var isSignature = e.LocalName == "Signature" && e.NamespaceUri == DsigNames.Ns;
        if (isSignature) SignatureCount++;

        if (_apexDepth >= 0)
        {
            _c14n!.Start(e, depth);
            if (isSignature) _apex!.ContainsSignature = true;
        }
        else if (id is not null && _signatureDepth < 0 && !isSignature && _hashed.Count < MaxHashed)
        {
            _c14n ??= new StreamC14N(MaxDepth);
            _apex = new HashedElement(Track(depth));
            _hashed[e.Sequence] = _apex;
            _apexDepth = depth;
            _c14n.StartApex(_open, depth);
        }

        if (_signatureDepth >= 0)
        {
            var copy = e.CopyInto(_doc!);
            _into!.AppendChild(copy);
            if (id is not null) _copiedIds[e.Sequence] = copy;
            _into = copy;
        }
        else if (isSignature && Signature is null)
        {
            _doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
            XmlNode parent = _doc;
            for (var d = 0; d < depth; d++) parent = parent.AppendChild(_open[d].CopyInto(_doc))!;
            Signature = e.CopyInto(_doc);
            parent.AppendChild(Signature);
            if (id is not null) _copiedIds[e.Sequence] = Signature;
            _into = Signature;
            _signatureDepth = depth;
            _signaturePath = Track(depth);
            _signatureParent = depth > 0 ? _open[depth - 1].Sequence : 0;
        }

        // A validating reader hands an empty element with a schema default or fixed value its value as text (even <X/>):
        // a DOM of the bytes has no such text, so neither may the C14N or the copy.
        _defaulted = (_apexDepth >= 0 || _signatureDepth >= 0) && reader.SchemaInfo is { IsDefault: true };
        if (reader.IsEmptyElement) End(depth);
    }

    private bool _defaulted;

    /// <summary>An element end at <paramref name="depth"/> (also called for an empty element).</summary>
    public void End(int depth)
    {
        _defaulted = false;
        if (_apexDepth >= 0)
        {
            _c14n!.End(_open[depth].Name, depth);
            if (depth == _apexDepth)
            {
                _apex!.Digest = _c14n.Finish();
                _apexDepth = -1;
                _apex = null;
            }
        }
        if (_signatureDepth >= 0)
        {
            if (depth == _signatureDepth) { _signatureDepth = -1; _into = null; }
            else _into = _into!.ParentNode;
        }
        // The element at `depth` is complete: its children's counts are final for every path waiting on them.
        foreach (var p in _paths) p.Close(depth, _counts);
    }

    /// <summary>Text, CDATA or whitespace inside an element.</summary>
    public void Text(XmlNodeType type, string value)
    {
        if (_defaulted) return;
        if (_apexDepth >= 0) _c14n!.Text(value);
        if (_signatureDepth < 0) return;
        _into!.AppendChild(type switch
        {
            XmlNodeType.CDATA => _doc!.CreateCDataSection(value),
            XmlNodeType.Whitespace => _doc!.CreateWhitespace(value),
            XmlNodeType.SignificantWhitespace => _doc!.CreateSignificantWhitespace(value),
            _ => _doc!.CreateTextNode(value),
        });
    }

    /// <summary>A comment or processing instruction (anything else is ignored: outside elements C14N of a subtree never sees it).</summary>
    public void Other(XmlReader reader)
    {
        switch (reader.NodeType)
        {
            case XmlNodeType.ProcessingInstruction:
                if (_apexDepth >= 0) _c14n!.ProcessingInstruction(reader.Name, reader.Value);
                if (_signatureDepth >= 0) _into!.AppendChild(_doc!.CreateProcessingInstruction(reader.Name, reader.Value));
                break;
            case XmlNodeType.Comment:
                // References are digested without comments; SignedInfo may be canonicalised with them.
                if (_signatureDepth >= 0) _into!.AppendChild(_doc!.CreateComment(reader.Value));
                break;
        }
    }

    /// <summary>Records the element's Id carriers as <see cref="IdIndex"/> does; returns its <c>Id</c>, if any.</summary>
    private string? IndexIds(StreamedElement e)
    {
        string? id = null;
        foreach (var a in e.Attributes!)
        {
            var isId = a.NamespaceUri.Length == 0 && a.LocalName == "Id";
            var isOther = a.NamespaceUri.Length == 0
                ? a.LocalName is "ID" or "id"
                : a.LocalName == "id" && a.NamespaceUri == DsigNames.XmlNs;
            if (!isId && !isOther) continue;
            if (!_ids.TryGetValue(a.Value, out var carriers)) _ids[a.Value] = carriers = new IdCarriers();
            if (carriers.LastCarrier != e.Sequence) { carriers.Carriers++; carriers.LastCarrier = e.Sequence; }
            if (isId) { carriers.WithId++; carriers.Element = e.Sequence; id = a.Value; }
        }
        return id;
    }

    private PendingPath Track(int depth)
    {
        var path = new PendingPath(depth);
        for (var d = 0; d <= depth; d++) path.Set(d, _open[d].LocalName, d == 0 ? 1 : _counts.IndexAt(d));
        _paths.Add(path);
        return path;
    }
}
