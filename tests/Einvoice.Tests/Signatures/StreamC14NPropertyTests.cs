using System.Text;
using System.Xml;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.Einvoice.Xml;
using FsCheck;
using FsCheck.Fluent;

namespace ConformanceKit.Einvoice.Tests.Signatures;

/// <summary>
/// The streamed C14N digest of an element equals the DOM's (<see cref="DocumentC14N"/>) over generated documents:
/// namespaces declared, redeclared and undeclared on ancestors and inside, prefixed attributes, xml:* attributes to
/// inherit, text and attribute values with every character C14N escapes, comments, PIs, CDATA, whitespace, empty elements.
/// </summary>
public class StreamC14NPropertyTests
{
    [Fact]
    public void The_streamed_digest_equals_the_dom_digest_over_generated_documents()
    {
        Codes.Props.ForAll(Gen.Choose(0, int.MaxValue), 400, seed =>
        {
            var xml = GeneratedDocument.Build(new Random(seed));
            var bytes = Encoding.UTF8.GetBytes(xml);
            var doc = SafeXml.LoadDocument(bytes);
            var apex = (XmlElement)doc.SelectSingleNode("//*[@Id='apex']")!;
            var expected = Convert.ToHexString(DocumentC14N.Sha256(apex));
            var actual = Convert.ToHexString(StreamedDigest(bytes));
            Assert.True(expected == actual, $"seed {seed}: streamed digest differs from the DOM's for\n{xml}");
            return true;
        });
    }

    [Fact]
    public void A_generated_document_is_hashed_as_the_signer_canonicalised_it()
    {
        // The DOM's C14N is itself checked against SignedXml-independent expectations elsewhere; here one fixed case by hand.
        const string xml = "<r xmlns:a=\"urn:a\" xml:lang=\"vi\"><a:x Id=\"apex\" b=\"1\" a:c=\"&#9;&lt;\"><!--c--><y>&amp;&#xD;</y><z/></a:x></r>";
        using var sha = System.Security.Cryptography.SHA256.Create();
        var canonical = "<a:x xmlns:a=\"urn:a\" Id=\"apex\" b=\"1\" xml:lang=\"vi\" a:c=\"&#x9;&lt;\"><y>&amp;&#xD;</y><z></z></a:x>";
        Assert.Equal(Convert.ToHexString(sha.ComputeHash(Encoding.UTF8.GetBytes(canonical))),
            Convert.ToHexString(StreamedDigest(Encoding.UTF8.GetBytes(xml))));
    }

    /// <summary>Feeds a plain reader to a <see cref="SignatureCapture"/> as the schema pass does; the digest of the element with Id "apex".</summary>
    private static byte[] StreamedDigest(byte[] bytes)
    {
        var path = new ElementPath();
        var capture = new SignatureCapture(path, ["r"], ["r"]);
        using var reader = XmlReader.Create(new MemoryStream(bytes), SafeXml.ReaderSettings());
        var apex = 0;
        var sequence = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    sequence++;
                    if (reader.GetAttribute("Id") == "apex") apex = sequence;
                    path.Enter(reader.LocalName, reader.Depth, 0, 0);
                    capture.Element(reader, reader.Depth, reader.LocalName);
                    if (reader.IsEmptyElement) path.Leave(reader.Depth);
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    capture.Text(reader.NodeType, reader.Value);
                    break;
                case XmlNodeType.EndElement:
                    capture.End(reader.Depth);
                    path.Leave(reader.Depth);
                    break;
                default:
                    capture.Other(reader);
                    break;
            }
        }
        var hashed = capture.Hashed(apex);
        Assert.True(hashed is not null, "the apex was not hashed");
        return hashed.Value.Digest;
    }
}
