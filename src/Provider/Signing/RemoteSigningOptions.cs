using System.Security.Cryptography.X509Certificates;

namespace ConformanceKit.Provider.Signing;

/// <summary>How a <see cref="RemoteSigningService"/> is started.</summary>
public sealed record RemoteSigningOptions
{
    /// <summary>The PFX holding the seller's certificate and RSA private key (ignored when <see cref="Certificate"/> is set).</summary>
    public string? PfxPath { get; init; }

    /// <summary>Password of <see cref="PfxPath"/>.</summary>
    public string? PfxPassword { get; init; }

    /// <summary>A certificate with its RSA private key already in memory (tests); the caller keeps ownership.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>The shared secret clients send in <c>X-Signer-Key</c>; required.</summary>
    public required string SignerKey { get; init; }

    /// <summary>Kestrel URL to listen on; port 0 picks a free port (default http://127.0.0.1:0).</summary>
    public string Listen { get; init; } = "http://127.0.0.1:0";

    /// <summary>Artificial delay before each signature, to imitate an HSM (default none).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;
}
