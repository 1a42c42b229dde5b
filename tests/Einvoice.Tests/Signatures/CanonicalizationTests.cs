using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using System.Xml.XPath;
using ConformanceKit.Einvoice.Signatures;
using static ConformanceKit.Einvoice.Tests.Signatures.SignatureFixtures;

namespace ConformanceKit.Einvoice.Tests.Signatures;

/// <summary>
/// The streaming canonicaliser against an oracle built from .NET's own XmlDsigC14NTransform:
/// clone the element, make its in-scope namespaces and inherited xml:* attributes explicit, canonicalise.
/// </summary>
public class CanonicalizationTests
{
    private const string Tricky =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- before --><r xmlns=\"urn:d\" xmlns:a=\"urn:a\" xml:lang=\"vi\" xml:space=\"preserve\">" +
        "<a:x b=\"2\" a:c=\"1\" xmlns:z=\"urn:z\" z:k=\"3\" xmlns:b=\"urn:b\" b:k=\"4\" A=\"&#9;t&#10;n&#13;r&quot;&lt;&amp;>\">" +
        "text &amp; &lt; &gt; &#13; <![CDATA[cdata <&>]]><!-- comment --><?pi  data ?><?pi2?>" +
        "<y xmlns=\"\" xml:lang=\"en\"><w xmlns=\"urn:d\" xmlns:a=\"urn:a\"/><v xmlns=\"\"/></y>" +
        "<a:q xmlns:a=\"urn:a2\"><e/>  \n  </a:q></a:x><m Id=\"1\">ẞ ệ 😀</m></r>";

    private static byte[] Oracle(XmlElement element, XmlNode? exclude = null)
    {
        var doc = new XmlDocument { PreserveWhitespace = true };
        var clone = (XmlElement)doc.ImportNode(element, deep: true);
        doc.AppendChild(clone);
        if (exclude is not null)
        {
            var path = new Stack<int>();
            for (XmlNode n = exclude; !ReferenceEquals(n, element); n = n.ParentNode!)
                path.Push(IndexOf(n));
            XmlNode target = clone;
            while (path.Count > 0) target = target.ChildNodes[path.Pop()]!;
            target.ParentNode!.RemoveChild(target);
        }

        var inScope = element.CreateNavigator()!.GetNamespacesInScope(XmlNamespaceScope.ExcludeXml);
        foreach (var (prefix, uri) in inScope)
        {
            var name = prefix.Length == 0 ? "xmlns" : "xmlns:" + prefix;
            if (element.HasAttribute(name)) continue;
            if (prefix.Length == 0 && uri.Length == 0) continue;
            clone.SetAttribute(name, uri);
        }
        for (var n = element.ParentNode; n is XmlElement ancestor; n = n.ParentNode)
            foreach (XmlAttribute a in ancestor.Attributes)
                if (a.Prefix == "xml" && !clone.HasAttribute(a.Name))
                    clone.SetAttributeNode(doc.CreateAttribute("xml", a.LocalName, a.NamespaceURI))!.Value = a.Value;

        var transform = new XmlDsigC14NTransform(includeComments: false);
        transform.LoadInput(doc);
        using var output = (Stream)transform.GetOutput(typeof(Stream));
        using var ms = new MemoryStream();
        output.CopyTo(ms);
        return ms.ToArray();
    }

    private static int IndexOf(XmlNode n)
    {
        var i = 0;
        for (var s = n.ParentNode!.FirstChild; !ReferenceEquals(s, n); s = s!.NextSibling) i++;
        return i;
    }

    private static void AssertEveryElementMatchesOracle(XmlDocument doc)
    {
        var count = 0;
        foreach (XmlElement e in doc.SelectNodes("//*")!)
        {
            var expected = Encoding.UTF8.GetString(Oracle(e));
            var actual = Encoding.UTF8.GetString(DocumentC14N.Canonicalize(e));
            Assert.True(expected == actual, $"{DomPath.Of(e)}\nexpected: {expected}\nactual:   {actual}");
            count++;
        }
        Assert.True(count > 5);
    }

    [Fact]
    public void Every_element_of_the_real_sample_matches_the_oracle() =>
        AssertEveryElementMatchesOracle(Load(RealSampleText()));

    [Fact]
    public void Every_element_of_a_tricky_document_matches_the_oracle() =>
        AssertEveryElementMatchesOracle(Load(Tricky));

    [Fact]
    public void Every_element_of_signed_messages_matches_the_oracle()
    {
        AssertEveryElementMatchesOracle(SignedPackage());
        AssertEveryElementMatchesOracle(SignedNotice());
    }

    [Fact]
    public void The_apex_carries_inherited_namespaces_and_xml_attributes()
    {
        var doc = Load(Tricky);
        var y = (XmlElement)doc.SelectSingleNode("//*[local-name()='y']")!;

        var canonical = Encoding.UTF8.GetString(DocumentC14N.Canonicalize(y));

        Assert.Equal("<y xmlns:a=\"urn:a\" xmlns:b=\"urn:b\" xmlns:z=\"urn:z\" xml:lang=\"en\" xml:space=\"preserve\">" +
            "<w xmlns=\"urn:d\"></w><v></v></y>", canonical);
    }

    [Fact]
    public void The_enveloped_signature_is_left_out_like_the_oracle_does()
    {
        var doc = Load("<r><a Id=\"x\">1<s xmlns=\"" + Ds + "\"><t/></s>2</a></r>");
        var a = (XmlElement)doc.DocumentElement!.FirstChild!;
        var s = a.ChildNodes[1]!;

        Assert.Equal("<a Id=\"x\">12</a>", Encoding.UTF8.GetString(DocumentC14N.Canonicalize(a, s)));
        Assert.Equal(Oracle(a, s), DocumentC14N.Canonicalize(a, s));
    }

    [Fact]
    public void Comments_are_kept_only_when_asked()
    {
        var doc = Load("<r><!--c--><x/></r>");
        Assert.Equal("<r><x></x></r>", Encoding.UTF8.GetString(DocumentC14N.Canonicalize(doc.DocumentElement!)));
        Assert.Equal("<r><!--c--><x></x></r>", Encoding.UTF8.GetString(DocumentC14N.Canonicalize(doc.DocumentElement!, withComments: true)));
    }

    [Fact]
    public void The_streamed_digest_equals_the_digest_of_the_bytes()
    {
        var big = new StringBuilder("<r>");
        for (var i = 0; i < 3000; i++) big.Append("<l n=\"").Append(i).Append("\">Cà phê 😀 ").Append(i).Append("</l>");
        var doc = Load(big.Append("</r>").ToString());

        var bytes = DocumentC14N.Canonicalize(doc.DocumentElement!);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(bytes), DocumentC14N.Sha256(doc.DocumentElement!));
        Assert.Equal(Oracle(doc.DocumentElement!), bytes);
    }

    [Fact]
    public void A_DOM_built_in_memory_canonicalises_like_its_reparsed_bytes()
    {
        var doc = new XmlDocument { PreserveWhitespace = true };
        var root = doc.AppendChild(doc.CreateElement("r", "urn:d"))!;
        var child = (XmlElement)root.AppendChild(doc.CreateElement("p", "c", "urn:p"))!;
        // Prefixes come from the DOM: an attribute put in a namespace without one is not fixed up.
        child.SetAttributeNode(doc.CreateAttribute("q", "k", "urn:q"))!.Value = "v";
        child.AppendChild(doc.CreateElement("n"));

        var reparsed = Load(doc.OuterXml);
        Assert.Equal(DocumentC14N.Canonicalize((XmlElement)reparsed.DocumentElement!.FirstChild!),
            DocumentC14N.Canonicalize(child));
    }
}
