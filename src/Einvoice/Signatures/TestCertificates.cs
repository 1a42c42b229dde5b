using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// Self-signed RSA certificates shaped like Vietnamese signing certificates (MST in the UID
/// attribute), for samples and the simulator; plus PFX load/export without the obsolete constructors.
/// </summary>
public static partial class TestCertificates
{
    private const string UidOid = "0.9.2342.19200300.100.1.1";

    [GeneratedRegex(@"^\d{10}(-\d{3})?$")]
    private static partial Regex TaxCodeShape();

    /// <summary>
    /// Subject "CN=<paramref name="commonName"/>, O=…, OID.0.9.2342.19200300.100.1.1=MST:<paramref name="taxCode"/>, C=VN";
    /// the private key is attached and usable for signing.
    /// </summary>
    public static X509Certificate2 CreateSelfSigned(string commonName, string? taxCode,
        DateTimeOffset notBefore, DateTimeOffset notAfter, int keySize = 2048)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        if (taxCode is not null && !TaxCodeShape().IsMatch(taxCode))
            throw new ArgumentException("tax code must be 10 digits or 10-3 digits", nameof(taxCode));
        if (notAfter <= notBefore) throw new ArgumentException("notAfter must be later than notBefore", nameof(notAfter));

        // Added in the order the subject is rendered: CN first, C last.
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(commonName);
        name.AddOrganizationName(commonName);
        if (taxCode is not null) name.Add(UidOid, "MST:" + taxCode, UniversalTagNumber.UTF8String);
        name.AddCountryOrRegion("VN");

        using var rsa = RSA.Create(keySize);
        var request = new CertificateRequest(name.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>Loads a PKCS#12 file with its private key (kept in memory where the OS allows it).</summary>
    public static X509Certificate2 LoadPfx(string path, string? password)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // macOS has no ephemeral key sets; elsewhere they avoid leaving key files behind.
        var flags = OperatingSystem.IsMacOS()
            ? X509KeyStorageFlags.Exportable
            : X509KeyStorageFlags.EphemeralKeySet | X509KeyStorageFlags.Exportable;
        return X509CertificateLoader.LoadPkcs12FromFile(path, password, flags);
    }

    /// <summary>PKCS#12 bytes holding the certificate and its private key.</summary>
    public static byte[] ExportPfx(X509Certificate2 certificate, string? password)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey) throw new ArgumentException("the certificate has no private key", nameof(certificate));
        return certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
    }
}
