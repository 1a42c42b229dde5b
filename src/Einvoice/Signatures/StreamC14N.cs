using System.Security.Cryptography;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// Inclusive C14N 1.0 (without comments) of one element subtree in document context, written while a reader streams
/// it, into SHA-256: what <see cref="DocumentC14N.Sha256"/> computes from a DOM, with no DOM. The namespace model is
/// <see cref="C14NWriter"/>'s (xmlns attributes plus the prefixes elements and attributes use; the apex renders every
/// binding its ancestors make and inherits their xml:* attributes), fed from <see cref="StreamedElement"/>s.
/// </summary>
internal sealed class StreamC14N
{
    private static readonly Comparison<StreamedAttribute> AttributeOrder = (a, b) =>
    {
        var c = string.CompareOrdinal(a.NamespaceUri, b.NamespaceUri);
        return c != 0 ? c : string.CompareOrdinal(a.LocalName, b.LocalName);
    };

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly CanonicalSink _sink;
    private readonly Dictionary<string, string> _scope = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, string? Old)> _undo = [];
    private readonly int[] _marks;
    private readonly List<(string Prefix, string Uri)> _decls = [];
    private readonly List<(string Prefix, string Uri)> _scratch = [];
    private readonly List<(string Prefix, string Uri)> _rendered = [];
    private readonly List<StreamedAttribute> _attributes = [];

    // The default namespace in scope ("" when none): a plain element needs no look-up while it is "".
    private string _defaultUri = "";

    public StreamC14N(int maxDepth)
    {
        _sink = new CanonicalSink(_hash);
        _marks = new int[maxDepth + 2];
    }

    /// <summary>Starts the apex at <paramref name="depth"/>; <paramref name="open"/>[0..depth] are it and its ancestors.</summary>
    public void StartApex(StreamedElement[] open, int depth)
    {
        _scope.Clear();
        _undo.Clear();
        _defaultUri = "";
        var apex = open[depth];
        _decls.Clear();
        Declarations(apex, _decls, overwrite: true);
        // The apex has no output parent: every binding its ancestors make is rendered on it.
        for (var d = depth - 1; d >= 0; d--)
        {
            _scratch.Clear();
            Declarations(open[d], _scratch, overwrite: true);
            foreach (var (prefix, uri) in _scratch) NamespaceBindings.Set(_decls, prefix, uri, overwrite: false);
        }
        _attributes.Clear();
        if (apex.Attributes is not null)
            foreach (var a in apex.Attributes)
                if (a.NamespaceUri != DsigNames.XmlnsNs) _attributes.Add(a);
        // C14N 1.0 makes the apex inherit the xml:* attributes (lang, space, base, id) of its ancestors.
        for (var d = depth - 1; d >= 0; d--)
        {
            if (open[d].Attributes is not { } inherited) continue;
            foreach (var a in inherited)
            {
                if (a.NamespaceUri != DsigNames.XmlNs) continue;
                if (_attributes.Exists(x => x.NamespaceUri == DsigNames.XmlNs && x.LocalName == a.LocalName)) continue;
                _attributes.Add(a);
            }
        }
        WriteStart(apex, depth);
    }

    /// <summary>An element start below the apex.</summary>
    public void Start(StreamedElement e, int depth)
    {
        if (e.IsPlain && _defaultUri.Length == 0)
        {
            // What the general case writes for it: no binding to render, no attribute.
            _marks[depth] = _undo.Count;
            _sink.Write('<');
            _sink.Write(e.Name);
            _sink.Write('>');
            return;
        }
        _decls.Clear();
        Declarations(e, _decls, overwrite: true);
        _attributes.Clear();
        if (e.Attributes is not null)
            foreach (var a in e.Attributes)
                if (a.NamespaceUri != DsigNames.XmlnsNs) _attributes.Add(a);
        WriteStart(e, depth);
    }

    public void End(string name, int depth)
    {
        _sink.Write("</");
        _sink.Write(name);
        _sink.Write('>');
        var mark = _marks[depth];
        if (_undo.Count == mark) return;
        for (var i = _undo.Count - 1; i >= mark; i--)
        {
            var (prefix, old) = _undo[i];
            if (old is null) _scope.Remove(prefix);
            else _scope[prefix] = old;
        }
        _undo.RemoveRange(mark, _undo.Count - mark);
        _defaultUri = _scope.GetValueOrDefault("") ?? "";
    }

    public void Text(string value) => _sink.WriteText(value);

    public void ProcessingInstruction(string target, string data)
    {
        _sink.Write("<?");
        _sink.Write(target);
        if (data.Length > 0) { _sink.Write(' '); _sink.Write(data); }
        _sink.Write("?>");
    }

    /// <summary>The digest of everything written since <see cref="StartApex"/>.</summary>
    public byte[] Finish()
    {
        _sink.Complete();
        return _hash.GetHashAndReset();
    }

    private void WriteStart(StreamedElement e, int depth)
    {
        _marks[depth] = _undo.Count;
        _sink.Write('<');
        _sink.Write(e.Name);
        NamespaceBindings.WriteChanged(_decls, _scope, _undo, _rendered, _sink);
        _defaultUri = _scope.GetValueOrDefault("") ?? "";
        if (_attributes.Count > 1) _attributes.Sort(AttributeOrder);
        foreach (var a in _attributes)
        {
            _sink.Write(' ');
            _sink.Write(a.Name);
            _sink.WriteAttributeValue(a.Value);
        }
        _sink.Write('>');
    }

    /// <summary>Namespace bindings an element makes: its xmlns attributes and the prefixes it uses (as <see cref="C14NWriter"/>).</summary>
    private static void Declarations(StreamedElement e, List<(string Prefix, string Uri)> into, bool overwrite)
    {
        if (e.Attributes is not null)
            foreach (var a in e.Attributes)
                if (a.NamespaceUri == DsigNames.XmlnsNs)
                    NamespaceBindings.Set(into, a.Prefix.Length == 0 ? string.Empty : a.LocalName, a.Value, overwrite);
        NamespaceBindings.Set(into, e.Prefix, e.NamespaceUri, overwrite);
        if (e.Attributes is not null)
            foreach (var a in e.Attributes)
                if (a.Prefix.Length > 0 && a.NamespaceUri != DsigNames.XmlnsNs)
                    NamespaceBindings.Set(into, a.Prefix, a.NamespaceUri, overwrite: false);
    }
}
