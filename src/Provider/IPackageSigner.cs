namespace ConformanceKit.Provider;

/// <summary>
/// Signs 206 packages (the seller's signature in CKSNNT). Modes: a software key (PFX), a remote
/// signing service (HSM-like, over HTTP), or deferred token signing (the package waits for `ck sign`).
/// </summary>
public interface IPackageSigner
{
    /// <summary>"pfx", "remote" or "token" — shown in status and logs.</summary>
    string Mode { get; }

    /// <summary>
    /// The signed package, or <c>null</c> when signing is deferred (token mode): the package then
    /// waits in the "to sign" queue until `ck sign` signs it.
    /// </summary>
    Task<byte[]?> SignAsync(byte[] unsignedPackage, DateTime signingTime, CancellationToken cancellationToken);
}
