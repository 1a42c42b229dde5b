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

    [Fact]
    public void Values_a_schema_supplies_stay_out_of_the_streamed_digest_as_they_are_not_in_a_dom()
    {
        // A validating reader hands <d/> its default and <f></f> its fixed value as text, and adds the default attribute a.
        const string xsd = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"r\"><xs:complexType><xs:sequence>" +
            "<xs:element name=\"e\"><xs:complexType><xs:sequence><xs:element name=\"d\" type=\"xs:string\" default=\"dflt\"/>" +
            "<xs:element name=\"f\" type=\"xs:string\" fixed=\"fx\"/></xs:sequence><xs:attribute name=\"Id\" type=\"xs:string\"/>" +
            "<xs:attribute name=\"a\" type=\"xs:string\" default=\"A\"/></xs:complexType></xs:element></xs:sequence></xs:complexType></xs:element></xs:schema>";
        var schemas = new System.Xml.Schema.XmlSchemaSet { XmlResolver = null };
        schemas.Add(null, XmlReader.Create(new StringReader(xsd)));
        var settings = SafeXml.ReaderSettings();
        settings.ValidationType = ValidationType.Schema;
        settings.Schemas = schemas;
        var bytes = Encoding.UTF8.GetBytes("<r><e Id=\"apex\"><d/><f></f></e></r>");
        var apex = (XmlElement)SafeXml.LoadDocument(bytes).SelectSingleNode("//*[@Id='apex']")!;
        Assert.Equal(Convert.ToHexString(DocumentC14N.Sha256(apex)), Convert.ToHexString(StreamedDigest(bytes, settings)));
    }

    /// <summary>Feeds a reader to a <see cref="SignatureCapture"/> as the schema pass does; the digest of the element with Id "apex".</summary>
    private static byte[] StreamedDigest(byte[] bytes, XmlReaderSettings? settings = null)
    {
        var path = new ElementPath();
        var capture = new SignatureCapture(path, ["r"], ["r"]);
        using var reader = XmlReader.Create(new MemoryStream(bytes), settings ?? SafeXml.ReaderSettings());
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
