using ConformanceKit.Einvoice.Signatures;
using static ConformanceKit.Einvoice.Tests.Signatures.SignatureFixtures;

namespace ConformanceKit.Einvoice.Tests.Signatures;

/// <summary>Algorithms, transforms and reference forms outside the accepted profile are refused with a reason.</summary>
public class AlgorithmTests
{
    private static SignatureCheck VerifyEdited(string from, string to) =>
        XmlSignatureVerifier.VerifyPackage(Load(ReplaceOnce(Text(SignedPackage()), from, to)));

    [Fact]
    public void Rsa_sha1_is_refused()
    {
        var check = VerifyEdited("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2000/09/xmldsig#rsa-sha1");
        Assert.False(check.IsValid);
        Assert.False(check.SignatureValueValid);
        Assert.Contains("signature method rsa-sha1 is not accepted: SHA-1 signatures are not accepted, only rsa-sha256", check.Problems);
    }

    [Fact]
    public void Other_signature_methods_are_refused()
    {
        var check = VerifyEdited("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2000/09/xmldsig#hmac-sha1");
        Assert.Contains("signature method 'http://www.w3.org/2000/09/xmldsig#hmac-sha1' is not accepted", AllProblems(check));
    }

    [Fact]
    public void Sha1_digests_are_refused()
    {
        var text = Text(SignedPackage());
        var at = text.IndexOf("http://www.w3.org/2001/04/xmlenc#sha256", StringComparison.Ordinal);
        var edited = string.Concat(text.AsSpan(0, at), "http://www.w3.org/2000/09/xmldsig#sha1",
            text.AsSpan(at + "http://www.w3.org/2001/04/xmlenc#sha256".Length));

        var check = XmlSignatureVerifier.VerifyPackage(Load(edited));

        Assert.False(check.IsValid);
        Assert.Contains("reference #DL1: SHA-1 digests are not accepted", check.Problems);
        Assert.False(check.References[0].DigestValid);
    }

    [Fact]
    public void Exclusive_canonicalization_is_refused()
    {
        var check = VerifyEdited("<CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"",
            "<CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"");
        Assert.Contains("canonicalization method 'http://www.w3.org/2001/10/xml-exc-c14n#' is not accepted: only inclusive C14N 1.0",
            AllProblems(check));
    }

    [Fact]
    public void Other_transforms_are_refused()
    {
        var check = VerifyEdited("<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\" />",
            "<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\"><XPath>1</XPath></Transform>");
        Assert.Contains("reference #DL1 uses transform 'http://www.w3.org/TR/1999/REC-xpath-19991116', which is not allowed", AllProblems(check));
    }

    [Fact]
    public void An_explicit_c14n_transform_after_enveloped_is_accepted_but_not_before()
    {
        const string enveloped = "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\" />";
        const string c14n = "<Transform Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\" />";

        // Transforms are inside SignedInfo, so the signature value breaks either way; the reference is what differs.
        var after = VerifyEdited(enveloped, enveloped + c14n);
        Assert.True(after.References[0].DigestValid);

        var before = VerifyEdited(enveloped, c14n + enveloped);
        Assert.Contains("after canonicalization is not accepted", AllProblems(before));
    }

    [Theory]
    [InlineData("", "reference URI \"\" (the whole document) is not accepted")]
    [InlineData("http://example.com/dl.xml", "reference URI 'http://example.com/dl.xml' points outside the document")]
    [InlineData("#xpointer(id('DL1'))", "uses XPointer, which is not accepted")]
    [InlineData("#nowhere", "reference #nowhere does not resolve to any element with that Id")]
    public void Only_same_document_Id_references_are_accepted(string uri, string expected)
    {
        var check = VerifyEdited("URI=\"#DL1\"", $"URI=\"{uri}\"");
        Assert.False(check.IsValid);
        Assert.Contains(expected, AllProblems(check));
        Assert.Contains("the signature does not cover /TDiep/DLieu", check.Problems);
    }

    [Fact]
    public void Too_many_references_are_refused_before_any_digest_work()
    {
        var text = Text(SignedPackage());
        var start = text.IndexOf("<Reference URI=\"#DL1\">", StringComparison.Ordinal);
        var end = text.IndexOf("</Reference>", start, StringComparison.Ordinal) + "</Reference>".Length;
        var copies = string.Concat(Enumerable.Repeat(text[start..end], 16));

        var check = XmlSignatureVerifier.VerifyPackage(Load(text.Insert(end, copies)));

        Assert.False(check.IsValid);
        Assert.Contains("SignedInfo has 18 references; at most 16 are accepted", check.Problems);
        Assert.Empty(check.References);
    }

    [Fact]
    public void A_missing_certificate_is_reported()
    {
        var text = Text(SignedPackage());
        var start = text.IndexOf("<KeyInfo>", StringComparison.Ordinal);
        var end = text.IndexOf("</KeyInfo>", StringComparison.Ordinal) + "</KeyInfo>".Length;

        var check = XmlSignatureVerifier.VerifyPackage(Load(text.Remove(start, end - start)));

        Assert.False(check.IsValid);
        Assert.Contains("no X509Certificate in KeyInfo", check.Problems);
        Assert.Null(check.Certificate);
    }

    [Fact]
    public void A_certificate_from_someone_else_is_reported()
    {
        var text = Text(SignedPackage());
        var other = Convert.ToBase64String(Authority.RawData);
        var edited = ReplaceOnce(text, Convert.ToBase64String(Seller.RawData), other);

        var check = XmlSignatureVerifier.VerifyPackage(Load(edited));

        Assert.False(check.IsValid);
        Assert.Contains("signature value does not verify with the certificate's key", check.Problems);
    }
}
