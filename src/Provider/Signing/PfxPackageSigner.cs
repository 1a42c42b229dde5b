using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Provider.Signing;

/// <summary>
/// Software-key mode: the seller's certificate and RSA private key from a PKCS#12 (PFX) file on the provider's
/// server; every package is signed immediately.
/// </summary>
public sealed class PfxPackageSigner : IPackageSigner, IDisposable
{
    private readonly X509Certificate2 _certificate;
    private readonly RSA _key;
    private readonly bool _ownsCertificate;
    private readonly Lock _gate = new();

    /// <summary>Loads <paramref name="path"/>; refuses a file without an RSA private key.</summary>
    /// <exception cref="FileNotFoundException">no such file.</exception>
    /// <exception cref="ArgumentException">not a PFX, wrong password, or no RSA private key.</exception>
    public PfxPackageSigner(string path, string? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"PFX file '{path}' not found", path);
        X509Certificate2 certificate;
        try
        {
            certificate = TestCertificates.LoadPfx(path, password);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"cannot open PFX '{path}': wrong password or not a PKCS#12 file ({e.Message})", nameof(path), e);
        }
        try
        {
            _key = KeyOf(certificate, $"PFX '{path}'", nameof(path));
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
        (_certificate, _ownsCertificate) = (certificate, true);
    }

    /// <summary>Signs with a certificate already in memory (not disposed by this signer).</summary>
    public PfxPackageSigner(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        (_certificate, _ownsCertificate) = (certificate, false);
        _key = KeyOf(certificate, "the certificate", nameof(certificate));
    }

    public string Mode => "pfx";

    /// <summary>The seller's certificate (goes into KeyInfo of every signature).</summary>
    public X509Certificate2 Certificate => _certificate;

    public Task<byte[]?> SignAsync(byte[] unsignedPackage, DateTime signingTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unsignedPackage);
        cancellationToken.ThrowIfCancellationRequested();
        var doc = SafeXml.LoadDocument(unsignedPackage);
        // One key object shared by all callers: serialise its use rather than rely on the platform's thread safety.
        lock (_gate)
        {
            if (XmlSigner.IsTbao(doc)) XmlSigner.SignErroneousNotice(doc, _certificate, _key, signingTime); // a 303
            else XmlSigner.SignPackage(doc, _certificate, _key, signingTime);
        }
        return Task.FromResult<byte[]?>(SafeXml.ToBytes(doc));
    }

    public void Dispose()
    {
        _key.Dispose();
        if (_ownsCertificate) _certificate.Dispose();
    }

    private static RSA KeyOf(X509Certificate2 certificate, string what, string parameter)
    {
        RSA? key = null;
        try
        {
            key = certificate.HasPrivateKey ? certificate.GetRSAPrivateKey() : null;
        }
        catch (CryptographicException) { /* a non-RSA or unusable key: refused below */ }
        if (key is not null) return key;
        var reason = !certificate.HasPrivateKey ? "has no private key" : "has no RSA private key (only RSA-SHA256 signatures are accepted)";
        throw new ArgumentException(
            $"{what} ({certificate.Subject}) {reason}: the pfx signing mode needs the seller's certificate together with its RSA private key", parameter);
    }
}
