using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConformanceKit.Provider.Signing;

/// <summary>
/// An <see cref="RSA"/> whose private half lives in a remote signing service: <see cref="SignHash"/> sends the
/// SHA-256 digest to the service and returns its signature, checked against the certificate before use. Only
/// SHA-256 with PKCS#1 v1.5 is supported; the public parameters are the certificate's; the private ones cannot
/// be exported, and encryption and decryption are not offered.
/// <para>
/// Why synchronous: <see cref="Einvoice.Signatures.XmlSigner"/> is synchronous and calls
/// <see cref="RSA.SignData(byte[], HashAlgorithmName, RSASignaturePadding)"/>, which hashes and then calls
/// <see cref="SignHash"/>, so the HTTP call blocks here. That is safe in ck — a console app and ASP.NET Core have no
/// synchronization context to deadlock on — and <see cref="RemoteSigner"/> runs the signing on the thread pool.
/// </para>
/// </summary>
public sealed class RemoteRsa : RSA
{
    private readonly RemoteSigningClient _client;
    private readonly RSA _publicKey;
    private readonly CancellationToken _cancellationToken;

    /// <param name="client">The signing service.</param>
    /// <param name="certificate">The service's certificate (its public key; no private key needed).</param>
    /// <param name="cancellationToken">Cancels the HTTP calls SignHash makes.</param>
    public RemoteRsa(RemoteSigningClient client, X509Certificate2 certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(certificate);
        _client = client;
        _publicKey = certificate.GetRSAPublicKey() ?? throw new ArgumentException("the certificate has no RSA public key", nameof(certificate));
        _cancellationToken = cancellationToken;
        KeySizeValue = _publicKey.KeySize;
        LegalKeySizesValue = [new KeySizes(_publicKey.KeySize, _publicKey.KeySize, 0)];
    }

    /// <summary>HTTP calls made by <see cref="SignHash"/> so far.</summary>
    public int RemoteCalls { get; private set; }

    public override byte[] SignHash(byte[] hash, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
    {
        ArgumentNullException.ThrowIfNull(hash);
        EnsureSupported(hashAlgorithm, padding);
        if (hash.Length != SHA256.HashSizeInBytes) throw new CryptographicException("a SHA-256 hash is 32 bytes");
        RemoteCalls++;
        var signature = _client.SignDigestAsync(hash, _cancellationToken).GetAwaiter().GetResult();
        if (!_publicKey.VerifyHash(hash, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            throw new SigningUnavailableException(SigningFailure.BadResponse,
                $"the signing service {_client.ServiceUrl} returned a signature that does not verify with its certificate " +
                "(is it holding another key?)");
        return signature;
    }

    public override bool VerifyHash(byte[] hash, byte[] signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding) =>
        _publicKey.VerifyHash(hash, signature, hashAlgorithm, padding);

    public override RSAParameters ExportParameters(bool includePrivateParameters) =>
        includePrivateParameters
            ? throw new CryptographicException("the private key stays in the remote signing service and cannot be exported")
            : _publicKey.ExportParameters(false);

    public override void ImportParameters(RSAParameters parameters) =>
        throw new NotSupportedException("a remote key cannot be replaced");

    public override byte[] Encrypt(byte[] data, RSAEncryptionPadding padding) =>
        throw new NotSupportedException("the remote signing service only signs");

    public override byte[] Decrypt(byte[] data, RSAEncryptionPadding padding) =>
        throw new NotSupportedException("the remote signing service only signs");

    protected override void Dispose(bool disposing)
    {
        if (disposing) _publicKey.Dispose();
        base.Dispose(disposing);
    }

    private static void EnsureSupported(HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
    {
        if (hashAlgorithm != HashAlgorithmName.SHA256)
            throw new NotSupportedException($"the remote signing service signs SHA-256 digests only, not {hashAlgorithm.Name}");
        if (padding != RSASignaturePadding.Pkcs1)
            throw new NotSupportedException($"the remote signing service uses PKCS#1 v1.5 padding only, not {padding}");
    }
}
