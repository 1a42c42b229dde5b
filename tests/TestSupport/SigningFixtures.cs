using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.TestSupport;

/// <summary>An unsigned sample 206, the seller's certificate, and a verification helper.</summary>
public static class SigningFixtures
{
    public static readonly DateTime SigningTime = new(2025, 6, 15, 10, 0, 0, DateTimeKind.Unspecified);

    private static readonly Lazy<X509Certificate2> SellerCert = new(() => SamplePackageBuilder.CreateCertificate());

    /// <summary>The sample seller's certificate with its private key.</summary>
    public static X509Certificate2 Seller => SellerCert.Value;

    public static byte[] UnsignedPackage(int invoices = 2) =>
        MessageWriter.Write(SamplePackageBuilder.Build(new SamplePackageOptions { Invoices = invoices }));

    public static SignatureCheck Verify(byte[] signed) => XmlSignatureVerifier.VerifyPackage(SafeXml.LoadDocument(signed));

    public static string Problems(SignatureCheck check) => string.Join(" | ", check.Problems);

    /// <summary>Writes <see cref="Seller"/> as a PFX into <paramref name="folder"/>.</summary>
    public static string WritePfx(string folder, string? password, X509Certificate2? certificate = null)
    {
        var path = Path.Combine(folder, "seller.pfx");
        File.WriteAllBytes(path, TestCertificates.ExportPfx(certificate ?? Seller, password));
        return path;
    }
}
