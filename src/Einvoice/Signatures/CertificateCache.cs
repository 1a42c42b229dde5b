using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConformanceKit.Einvoice.Signatures;

/// <summary>
/// Certificates read from KeyInfo, parsed once: a T-VAN sends thousands of packages signed with the same few
/// certificates, and parsing one and importing its RSA key cost ~210 µs a signature (docs/performance.md, issues 2 and 16).
/// Keyed by the exact base64 text (same text, same bytes, same certificate); bounded, so a sender inventing
/// certificates fills it once and then only pays the parse it would have paid anyway.
/// </summary>
internal static class CertificateCache
{
    public const int Capacity = 256;

    private static readonly ConcurrentDictionary<string, Entry> Entries = new(StringComparer.Ordinal);

    /// <summary>A parsed certificate, its RSA public key (null when the key is not RSA) and its rendered subject.</summary>
    /// <remarks>Shared between threads: the certificate is never disposed; verify through <see cref="Verify"/>, which serialises use of the key.</remarks>
    public sealed class Entry(X509Certificate2 certificate, RSA? publicKey, string subject)
    {
        public X509Certificate2 Certificate { get; } = certificate;
        public bool HasRsaKey => publicKey is not null;
        public string Subject { get; } = subject;

        public bool Verify(byte[] data, byte[] signature)
        {
            lock (this) return publicKey!.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
    }

    /// <summary>The certificate for <paramref name="base64"/>; throws <see cref="FormatException"/> or <see cref="CryptographicException"/> as the parse would.</summary>
    public static Entry Get(string base64)
    {
        if (Entries.TryGetValue(base64, out var hit)) return hit;
        var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64));
        var entry = new Entry(certificate, certificate.GetRSAPublicKey(), CertificateSubject.Render(certificate));
        if (Entries.Count < Capacity && Entries.TryAdd(base64, entry)) return entry;
        return Entries.TryGetValue(base64, out var raced) ? raced : entry;
    }
}
