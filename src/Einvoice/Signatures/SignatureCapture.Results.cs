using System.Text;
using System.Xml;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>What the pass gathered, asked by <see cref="StreamedSignature"/> once the reader reached the end.</summary>
internal sealed partial class SignatureCapture
{
    /// <summary>DomPath of the copied signature (its real position, sibling indexes included).</summary>
    public string? SignaturePath => _signaturePath?.ToString();

    /// <summary>
    /// The signature sits where its placement says, as <c>XmlSignatureVerifier.Locate</c> would find it: each step of the
    /// placement path unique, the signature a child of the last one.
    /// </summary>
    public bool SignatureIsPlaced =>
        Signature is not null && _signatureAt.Unique && _signatureParent == _signatureAt.Last
        && _signaturePath!.Depth == _signatureAt.Length;

    /// <summary>Sequence number of the element the content placement path leads to, 0 when it is missing or not unique.</summary>
    public int Content => _contentAt.Unique ? _contentAt.Last : 0;

    /// <summary>
    /// The element a same-document reference <c>#id</c> resolves to, as <see cref="IdIndex"/> resolves it: exactly one
    /// carrier of the value, carrying it in <c>Id</c>. 0 when the reference would fail.
    /// </summary>
    public int Resolve(string id) =>
        _ids.TryGetValue(id, out var c) && c.Carriers == 1 && c.WithId == 1 ? c.Element : 0;

    /// <summary>The copy of an element inside the signature, by sequence number; null when it is not one.</summary>
    public XmlElement? Copied(int sequence) => _copiedIds.GetValueOrDefault(sequence);

    /// <summary>Digest and path of an element hashed while streaming; null when it was not (nested, past the cap, or inside a signature).</summary>
    public (byte[] Digest, string Path)? Hashed(int sequence) =>
        _hashed.TryGetValue(sequence, out var h) && h.Digest is not null && !h.ContainsSignature ? (h.Digest, h.Path.ToString()) : null;

    /// <summary>DomPath of an element copied inside the signature: the signature's real path, then the steps below it.</summary>
    public string PathInsideSignature(XmlElement copy)
    {
        var steps = new List<string>();
        for (XmlNode? n = copy; n is XmlElement e && !ReferenceEquals(e, Signature); n = n.ParentNode)
            steps.Add(DomPath.Step(e));
        var sb = new StringBuilder(SignaturePath);
        for (var i = steps.Count - 1; i >= 0; i--) sb.Append('/').Append(steps[i]);
        return sb.ToString();
    }

    private sealed class IdCarriers
    {
        public int Carriers;
        public int LastCarrier;
        public int WithId;
        public int Element;
    }

    private sealed class HashedElement(PendingPath path)
    {
        public PendingPath Path { get; } = path;
        public byte[]? Digest;
        public bool ContainsSignature;
    }

    /// <summary>
    /// An element's DomPath, whose sibling indexes are known only once each ancestor has ended (an index is written
    /// only where the parent has more than one child of that name).
    /// </summary>
    private sealed class PendingPath(int depth)
    {
        private readonly string[] _names = new string[depth + 1];
        private readonly int[] _index = new int[depth + 1];
        private readonly int[] _count = new int[depth + 1];

        public int Depth { get; } = depth;

        public void Set(int d, string name, int index) => (_names[d], _index[d]) = (name, index);

        /// <summary>The element at <paramref name="depth"/> ended: if it is this path's ancestor, its child count is final.</summary>
        public void Close(int depth, IElementCounts counts)
        {
            if (depth >= Depth || _count[depth + 1] != 0) return;
            _count[depth + 1] = counts.ChildCount(depth, _names[depth + 1]);
        }

        public override string ToString()
        {
            var sb = new StringBuilder("/").Append(_names[0]);
            for (var d = 1; d <= Depth; d++)
            {
                sb.Append('/').Append(_names[d]);
                if (_count[d] > 1) sb.Append('[').Append(_index[d]).Append(']');
            }
            return sb.ToString();
        }
    }

    /// <summary>
    /// A placement path of local names (<c>TDiep/CKSNNT</c>): how many elements match each step under a matching parent
    /// (the root by local name, the rest in the root's namespace), and the last one matched at the final step.
    /// </summary>
    private sealed class Chain(string[] names)
    {
        private readonly int[] _matches = new int[names.Length];
        private readonly bool[] _open = new bool[names.Length];

        public int Length => names.Length;
        public int Last { get; private set; }

        public bool Unique => Array.TrueForAll(_matches, m => m == 1);

        public void Enter(StreamedElement e, int depth, string rootNamespace)
        {
            if (depth >= names.Length) return;
            var match = depth == 0
                ? e.LocalName == names[0]
                : _open[depth - 1] && e.LocalName == names[depth] && e.NamespaceUri == rootNamespace;
            _open[depth] = match;
            if (!match) return;
            _matches[depth]++;
            if (depth == names.Length - 1) Last = e.Sequence;
        }
    }
}
