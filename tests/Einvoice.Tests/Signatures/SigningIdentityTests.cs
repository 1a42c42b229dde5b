using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;
using static ConformanceKit.Einvoice.Tests.Signatures.SignatureFixtures;

namespace ConformanceKit.Einvoice.Tests.Signatures;

/// <summary>
/// XmlSigner.Identity: the certificate's key checked once, then many notices signed with it (concurrently too) —
/// byte for byte what the per-notice overload writes, and accepted by the verifier.
/// </summary>
public class SigningIdentityTests
{
    [Fact]
    public void A_notice_signed_with_an_identity_is_what_the_certificate_overload_signs_and_verifies()
    {
        using var identity = new XmlSigner.Identity(Authority);
        var viaIdentity = Load(Notice204());
        XmlSigner.SignNotice(viaIdentity, identity, SigningTime);
        var viaCertificate = Load(Notice204());
        XmlSigner.SignNotice(viaCertificate, Authority, SigningTime);

        // RSA PKCS#1 v1.5 is deterministic: the same key over the same SignedInfo gives the same bytes.
        Assert.Equal(Text(viaCertificate), Text(viaIdentity));
        var check = XmlSignatureVerifier.VerifyNotice(SafeXml.LoadDocument(SafeXml.ToBytes(viaIdentity)));
        Assert.True(check.IsValid, AllProblems(check));
        Assert.Equal(Authority.Thumbprint, check.Certificate!.Thumbprint);
        Assert.Same(Authority, identity.Certificate);
    }

    [Fact]
    public async Task Concurrent_notices_each_verify()
    {
        using var identity = new XmlSigner.Identity(Authority);
        var signed = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() =>
        {
            var doc = Load(Notice204().Replace("<So>TB-1</So>", $"<So>TB-{i}</So>", StringComparison.Ordinal));
            XmlSigner.SignNotice(doc, identity, SigningTime);
            return SafeXml.ToBytes(doc);
        })));
        Assert.All(signed, bytes =>
        {
            var check = XmlSignatureVerifier.VerifyNotice(SafeXml.LoadDocument(bytes));
            Assert.True(check.IsValid, AllProblems(check));
        });
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_refused_up_front()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(Authority.RawData);
        Assert.Throws<ArgumentException>(() => new XmlSigner.Identity(publicOnly));
    }

    [Fact]
    public void A_disposed_identity_signs_nothing()
    {
        var identity = new XmlSigner.Identity(Authority);
        identity.Dispose();
        Assert.Throws<ObjectDisposedException>(() => XmlSigner.SignNotice(Load(Notice204()), identity, SigningTime));
    }
}
