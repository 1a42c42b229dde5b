using System.Xml;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// Per-document state for one verification call: the Id index, and digests already computed, so
/// several signatures over the same element (a 202 carries two over DLHDon) hash it once and a
/// hostile document cannot multiply the work by repeating references.
/// </summary>
internal sealed class VerificationContext(XmlDocument doc)
{
    private readonly Dictionary<(XmlElement Target, XmlNode? Exclude), byte[]> _digests = [];

    public IdIndex Ids { get; } = new(doc);

    /// <summary>SHA-256 of the target canonicalised in document context, without <paramref name="exclude"/>.</summary>
    public byte[] Digest(XmlElement target, XmlNode? exclude)
    {
        // Excluding a node outside the subtree changes nothing: share the plain digest.
        if (exclude is not null && !DomPath.IsInside(exclude, target)) exclude = null;
        if (!_digests.TryGetValue((target, exclude), out var digest))
            _digests[(target, exclude)] = digest = DocumentC14N.Sha256(target, exclude);
        return digest;
    }
}
