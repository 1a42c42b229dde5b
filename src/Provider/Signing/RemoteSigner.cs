using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Provider.Signing;

/// <summary>
/// Remote mode: packages are signed automatically by a remote signing service (HSM-like, see
/// <see cref="RemoteSigningService"/>). Only SHA-256 digests travel; the document stays here. The certificate is
/// fetched once (and again after a failed fetch). A failed call is a <see cref="SigningUnavailableException"/>;
/// the package stays unsigned and the provider can retry later.
/// </summary>
public sealed class RemoteSigner : IPackageSigner, IDisposable
{
    /// <summary>Timeout of the HttpClient this signer makes when none is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly RemoteSigningClient _client;
    private readonly HttpClient? _ownedHttp;
    private readonly SemaphoreSlim _certificateGate = new(1, 1);
    private X509Certificate2? _certificate;

    /// <param name="serviceUrl">Base URL of the service, e.g. http://127.0.0.1:5090.</param>
    /// <param name="signerKey">The service's key (header X-Signer-Key).</param>
    /// <param name="http">The HttpClient to use (not disposed here); default a new one with <see cref="DefaultTimeout"/>.</param>
    public RemoteSigner(string serviceUrl, string signerKey, HttpClient? http = null)
    {
        if (http is null) _ownedHttp = http = new HttpClient { Timeout = DefaultTimeout };
        try
        {
            _client = new RemoteSigningClient(http, serviceUrl, signerKey);
        }
        catch
        {
            _ownedHttp?.Dispose();
            throw;
        }
    }

    public string Mode => "remote";

    public Uri ServiceUrl => _client.ServiceUrl;

    /// <summary>The service's certificate, fetched on first use.</summary>
    public async Task<X509Certificate2> GetCertificateAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _certificate) is { } known) return known;
        await _certificateGate.WaitAsync(cancellationToken);
        try
        {
            return _certificate ??= await _client.GetCertificateAsync(cancellationToken);
        }
        finally
        {
            _certificateGate.Release();
        }
    }

    public async Task<byte[]?> SignAsync(byte[] unsignedPackage, DateTime signingTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unsignedPackage);
        var certificate = await GetCertificateAsync(cancellationToken);
        // XmlSigner is synchronous and RemoteRsa blocks on HTTP inside SignHash: keep that off the caller's thread.
        return await Task.Run(() =>
        {
            var doc = SafeXml.LoadDocument(unsignedPackage);
            using var key = new RemoteRsa(_client, certificate, cancellationToken);
            if (XmlSigner.IsTbao(doc)) XmlSigner.SignErroneousNotice(doc, certificate, key, signingTime); // a 303
            else XmlSigner.SignPackage(doc, certificate, key, signingTime);
            return (byte[]?)SafeXml.ToBytes(doc);
        }, cancellationToken);
    }

    public void Dispose()
    {
        _certificate?.Dispose();
        _certificateGate.Dispose();
        _ownedHttp?.Dispose();
    }
}
