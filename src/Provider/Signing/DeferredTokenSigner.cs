namespace ConformanceKit.Provider.Signing;

/// <summary>
/// Token mode: the seller's key sits on a USB token that needs a person (PIN), so nothing is signed
/// automatically. <see cref="SignAsync"/> always answers <c>null</c>; the package waits in the "to sign"
/// queue until `ck sign` signs it.
/// </summary>
public sealed class DeferredTokenSigner : IPackageSigner
{
    public string Mode => "token";

    public Task<byte[]?> SignAsync(byte[] unsignedPackage, DateTime signingTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unsignedPackage);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<byte[]?>(null);
    }
}
