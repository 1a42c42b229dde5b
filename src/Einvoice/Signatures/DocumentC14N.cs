using System.Security.Cryptography;
using System.Xml;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// Inclusive C14N 1.0 of one element subtree <b>in document context</b>, written straight from the
/// DOM: the apex carries every namespace declaration in scope from its ancestors and inherits their
/// xml:* attributes, as the C14N spec requires for a document subset. This is what real signers
/// hash; SignedXml leaves the ancestors' declarations out of SignedInfo (samples/real/README.md).
/// </summary>
internal static class DocumentC14N
{
    /// <summary>Canonical bytes of <paramref name="apex"/>, skipping <paramref name="exclude"/> (the enveloped signature).</summary>
    public static byte[] Canonicalize(XmlElement apex, XmlNode? exclude = null, bool withComments = false)
    {
        using var ms = new MemoryStream();
        var sink = new CanonicalSink(ms);
        new C14NWriter(sink, withComments).Write(apex, exclude);
        sink.Complete();
        return ms.ToArray();
    }

    /// <summary>SHA-256 of the canonical form, computed without materialising it.</summary>
    public static byte[] Sha256(XmlElement apex, XmlNode? exclude = null, bool withComments = false)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sink = new CanonicalSink(hash);
        new C14NWriter(sink, withComments).Write(apex, exclude);
        sink.Complete();
        return hash.GetHashAndReset();
    }
}
