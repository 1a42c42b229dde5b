using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;
using static ConformanceKit.Einvoice.Tests.Signatures.SignatureFixtures;

namespace ConformanceKit.Einvoice.Tests.Signatures;

/// <summary>
/// A carriage return or an attribute's line break in signed content survives the round trip through bytes: the
/// digest is over what the DOM holds, so the bytes must carry the CR as <c>&amp;#xD;</c> — a raw CR LF would be read
/// back as LF and the signature would no longer match (4002 for a till that sent a CR LF inside an address).
/// </summary>
public class LineBreakTests
{
    [Theory]
    [InlineData("Cửa hàng&#xD;\nThử Nghiệm")] // CR LF inside a text value
    [InlineData("Cửa hàng&#xD;Thử Nghiệm")] // a lone CR
    public void A_signed_package_with_a_carriage_return_in_a_value_still_verifies_after_a_round_trip(string name)
    {
        var doc = Load(ReplaceOnce(Package206(), "<Ten>Cửa hàng Thử Nghiệm</Ten>", $"<Ten>{name}</Ten>"));
        Assert.Contains("\r", doc.DocumentElement!.InnerText);
        XmlSigner.SignPackage(doc, Seller, SigningTime);

        var bytes = SafeXml.ToBytes(doc);
        var check = XmlSignatureVerifier.VerifyPackage(SafeXml.LoadDocument(bytes));

        Assert.True(check.IsValid, AllProblems(check));
        Assert.Contains("&#xD;", System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Bytes_without_carriage_returns_are_written_unchanged()
    {
        var text = Text(SignedPackage());
        Assert.Equal(text, Text(Load(text)));
        Assert.DoesNotContain("&#x", text);
    }
}
