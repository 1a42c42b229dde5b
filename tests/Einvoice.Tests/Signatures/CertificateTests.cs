using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Einvoice.Signatures;
using static ConformanceKit.Einvoice.Tests.Signatures.SignatureFixtures;

namespace ConformanceKit.Einvoice.Tests.Signatures;

public class CertificateTests
{
    private static readonly DateTimeOffset From = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_test_certificate_looks_like_a_Vietnamese_signing_certificate()
    {
        using var cert = TestCertificates.CreateSelfSigned("Shop A", "0106324653-001", From, To, keySize: 1024);

        Assert.Equal("CN=Shop A, O=Shop A, OID.0.9.2342.19200300.100.1.1=MST:0106324653-001, C=VN", CertificateSubject.Render(cert));
        Assert.StartsWith("CN=Shop A, O=Shop A, ", cert.Subject);
        Assert.Equal(From.UtcDateTime, cert.NotBefore.ToUniversalTime());
        Assert.Equal(To.UtcDateTime, cert.NotAfter.ToUniversalTime());
        using var key = cert.GetRSAPrivateKey();
        Assert.NotNull(key);
        Assert.Equal(1024, key.KeySize);
        Assert.Equal("0106324653-001", XmlSignatureVerifier.CertificateTaxCode(cert));
    }

    [Fact]
    public void Tax_codes_are_read_from_subjects_and_personal_ids_ignored()
    {
        Assert.Equal(SellerMst, XmlSignatureVerifier.CertificateTaxCode(Seller));
        Assert.Null(XmlSignatureVerifier.CertificateTaxCode(Authority));
        Assert.Equal("0101234567", TaxCodeOf("CN=Công ty A, OU=MST:0101234567, C=VN"));
        Assert.Null(TaxCodeOf("CN=Nguyễn Văn A, OU=CMND:012345678, C=VN"));
        Assert.Null(TaxCodeOf("CN=Nguyễn Văn A, OU=CCCD:001203004567, C=VN"));
        Assert.Null(TaxCodeOf("CN=A, OU=MST:01012345, C=VN"));
    }

    private static string? TaxCodeOf(string subject)
    {
        using var rsa = RSA.Create(1024);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(From, To);
        return XmlSignatureVerifier.CertificateTaxCode(cert);
    }

    [Fact]
    public void Subjects_render_as_the_real_signer_wrote_them()
    {
        var doc = Load(RealSampleText());
        var written = doc.GetElementsByTagName("X509SubjectName", Ds).Cast<System.Xml.XmlElement>().Select(e => e.InnerText).ToList();
        var certs = doc.GetElementsByTagName("X509Certificate", Ds).Cast<System.Xml.XmlElement>()
            .Select(e => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(e.InnerText))).ToList();

        Assert.Equal(written, certs.Select(CertificateSubject.Render));
    }

    [Fact]
    public void A_pfx_round_trip_keeps_a_usable_private_key()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ck-sig-{Guid.NewGuid():N}.pfx");
        try
        {
            File.WriteAllBytes(path, TestCertificates.ExportPfx(Seller, "secret"));
            using var loaded = TestCertificates.LoadPfx(path, "secret");

            Assert.Equal(Seller.Thumbprint, loaded.Thumbprint);
            Assert.True(loaded.HasPrivateKey);
            var doc = Load(Package206());
            XmlSigner.SignPackage(doc, loaded, SigningTime);
            Assert.True(XmlSignatureVerifier.VerifyPackage(doc).IsValid);
            Assert.ThrowsAny<CryptographicException>(() => TestCertificates.LoadPfx(path, "wrong"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentException>(() => TestCertificates.CreateSelfSigned("A", "12345", From, To));
        Assert.Throws<ArgumentException>(() => TestCertificates.CreateSelfSigned("A", null, To, From));
        using var publicOnly = X509CertificateLoader.LoadCertificate(Seller.RawData);
        Assert.Throws<ArgumentException>(() => TestCertificates.ExportPfx(publicOnly, null));
    }
}
