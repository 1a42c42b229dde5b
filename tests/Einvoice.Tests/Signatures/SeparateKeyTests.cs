using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;
using static ConformanceKit.Einvoice.Tests.Signatures.SignatureFixtures;

namespace ConformanceKit.Einvoice.Tests.Signatures;

/// <summary>The overloads that take the signing key apart from the certificate (software key, HSM, remote service).</summary>
public class SeparateKeyTests
{
    /// <summary>The seller's certificate without its private key, as a remote signer or HSM client holds it.</summary>
    private static X509Certificate2 PublicOnly(X509Certificate2 cert) => X509CertificateLoader.LoadCertificate(cert.RawData);

    private static XmlDocument RoundTrip(XmlDocument doc) => SafeXml.LoadDocument(SafeXml.ToBytes(doc));

    [Fact]
    public void A_package_signed_with_a_separate_key_verifies_like_one_signed_with_the_certificate()
    {
        using var certificate = PublicOnly(Seller);
        Assert.False(certificate.HasPrivateKey);
        using var key = Seller.GetRSAPrivateKey()!;
        var doc = Load(Package206());

        XmlSigner.SignPackage(doc, certificate, key, SigningTime);
        var check = XmlSignatureVerifier.VerifyPackage(RoundTrip(doc));

        Assert.True(check.IsValid, AllProblems(check));
        Assert.Equal("NNT", check.SignatureId);
        Assert.Equal(SigningTime, check.SigningTime);
        Assert.Equal(Seller.Thumbprint, check.Certificate!.Thumbprint);
        Assert.Equal(SellerMst, XmlSignatureVerifier.CertificateTaxCode(check.Certificate));
    }

    [Fact]
    public void The_separate_key_overload_produces_the_same_bytes_as_the_certificate_overload()
    {
        // RSASSA-PKCS1-v1_5 is deterministic, so the same key over the same input gives the same document.
        var viaCertificate = Load(Package206());
        XmlSigner.SignPackage(viaCertificate, Seller, SigningTime);

        using var certificate = PublicOnly(Seller);
        using var key = RSA.Create();
        key.ImportParameters(Seller.GetRSAPrivateKey()!.ExportParameters(includePrivateParameters: true));
        var viaKey = Load(Package206());
        XmlSigner.SignPackage(viaKey, certificate, key, SigningTime);

        Assert.Equal(SafeXml.ToBytes(viaCertificate), SafeXml.ToBytes(viaKey));
    }

    [Fact]
    public void Sign_with_a_separate_key_signs_any_element_with_an_Id()
    {
        using var certificate = PublicOnly(Seller);
        using var key = Seller.GetRSAPrivateKey()!;
        var doc = Load(Package206());
        var invoice = (XmlElement)doc.SelectSingleNode("/TDiep/DLieu/HDon/DLHDon")!;
        var holder = (XmlElement)invoice.AppendChild(doc.CreateElement("CKS"))!;

        XmlSigner.Sign(doc, invoice, holder, certificate, key, SigningTime, "NBan");

        var check = Assert.Single(XmlSignatureVerifier.VerifyAll(RoundTrip(doc)));
        Assert.True(check.IsValid, AllProblems(check));
    }

    [Fact]
    public void A_key_that_does_not_match_the_certificate_is_refused_up_front()
    {
        using var certificate = PublicOnly(Seller);
        using var otherKey = RSA.Create(2048);
        var doc = Load(Package206());

        var error = Assert.Throws<ArgumentException>(() => XmlSigner.SignPackage(doc, certificate, otherKey, SigningTime));

        Assert.Equal("signingKey", error.ParamName);
        Assert.Contains("not the key of the certificate", error.Message);
        Assert.Empty(doc.GetElementsByTagName("Signature", Ds).Cast<XmlNode>());
    }

    [Fact]
    public void The_authority_key_with_the_seller_certificate_is_refused()
    {
        using var certificate = PublicOnly(Seller);
        using var authorityKey = Authority.GetRSAPrivateKey()!;
        var doc = Load(Package206());
        var content = (XmlElement)doc.SelectSingleNode("/TDiep/DLieu")!;
        var holder = (XmlElement)doc.DocumentElement!.AppendChild(doc.CreateElement("CKSNNT"))!;

        Assert.Throws<ArgumentException>(() => XmlSigner.Sign(doc, content, holder, certificate, authorityKey, SigningTime, "NNT"));
    }

    [Fact]
    public void A_signature_made_by_another_key_fails_verification()
    {
        // What the up-front check prevents: the seller's certificate in KeyInfo over another key's signature.
        var doc = Load(Package206());
        XmlSigner.SignPackage(doc, Authority, SigningTime);
        var text = Text(doc);
        var forged = ReplaceOnce(text,
            Convert.ToBase64String(Authority.RawData), Convert.ToBase64String(Seller.RawData));

        var check = XmlSignatureVerifier.VerifyPackage(Load(forged));

        Assert.False(check.IsValid);
    }

    [Fact]
    public void The_certificate_overload_still_needs_a_private_key()
    {
        using var certificate = PublicOnly(Seller);
        var doc = Load(Package206());

        var error = Assert.Throws<ArgumentException>(() => XmlSigner.SignPackage(doc, certificate, SigningTime));

        Assert.Contains("no RSA private key", error.Message);
    }
}
