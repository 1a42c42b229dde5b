using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Authority;

/// <summary>
/// The simulated authority's signing certificate: made on first start, kept in the store (it
/// survives a reset), so vendors can pin it. Served as PEM at /api/v1/certificate.
/// </summary>
public sealed class AuthorityCertificate : IDisposable
{
    internal const string SettingKey = "keep.authority.pfx";

    private AuthorityCertificate(X509Certificate2 certificate)
    {
        Certificate = certificate;
        Pem = certificate.ExportCertificatePem() + "\n";
        Signer = new XmlSigner.Identity(certificate);
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate with its private key, checked to match once at start-up: every notice is signed with it.</summary>
    public XmlSigner.Identity Signer { get; }

    public string Pem { get; }

    public static async Task<AuthorityCertificate> LoadOrCreateAsync(ISimulatorStore store, string name, CancellationToken ct = default)
    {
        var stored = await store.GetSettingAsync(SettingKey, ct);
        if (stored is not null)
        {
            var cert = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(stored), null,
                X509KeyStorageFlags.EphemeralKeySet | X509KeyStorageFlags.Exportable);
            return new AuthorityCertificate(cert);
        }
        // Valid over any date a test may set the simulated clock to.
        var created = TestCertificates.CreateSelfSigned(name, null,
            new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(7)),
            new DateTimeOffset(2045, 12, 31, 0, 0, 0, TimeSpan.FromHours(7)));
        var pfx = TestCertificates.ExportPfx(created, null);
        await store.SetSettingAsync(SettingKey, Convert.ToBase64String(pfx), ct);
        created.Dispose();
        return new AuthorityCertificate(X509CertificateLoader.LoadPkcs12(pfx, null,
            X509KeyStorageFlags.EphemeralKeySet | X509KeyStorageFlags.Exportable));
    }

    public void Dispose()
    {
        Signer.Dispose();
        Certificate.Dispose();
    }
}
