namespace ConformanceKit.Provider.Signing;

/// <summary>Makes the <see cref="IPackageSigner"/> a <c>--sign</c> spec names.</summary>
public static class PackageSignerFactory
{
    /// <summary>The accepted forms, for help texts and errors.</summary>
    public const string AcceptedForms = "pfx:PATH (software key; password via --sign-password), " +
        "remote:URL (remote signing service; key via --signer-key), token (deferred: signed later with 'ck sign')";

    /// <summary>
    /// <c>pfx:PATH</c> → <see cref="PfxPackageSigner"/>; <c>remote:URL</c> → <see cref="RemoteSigner"/>;
    /// <c>token</c> → <see cref="DeferredTokenSigner"/>. Prefixes are case-insensitive. Signers that hold
    /// resources implement <see cref="IDisposable"/>; the caller disposes them.
    /// </summary>
    /// <param name="spec">the <c>--sign</c> value.</param>
    /// <param name="password">PFX password (pfx mode only).</param>
    /// <param name="signerKey">the remote service's X-Signer-Key (required in remote mode).</param>
    /// <param name="http">HttpClient for remote mode (default a new one).</param>
    /// <exception cref="ArgumentException">a bad spec (the message lists the accepted forms), a missing signer key,
    /// or a PFX that cannot be opened or has no RSA private key.</exception>
    /// <exception cref="FileNotFoundException">the PFX file does not exist.</exception>
    public static IPackageSigner Create(string spec, string? password = null, string? signerKey = null, HttpClient? http = null)
    {
        var trimmed = spec?.Trim() ?? "";
        if (trimmed.Equals("token", StringComparison.OrdinalIgnoreCase)) return new DeferredTokenSigner();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var (mode, value) = colon < 0 ? (trimmed, "") : (trimmed[..colon].ToLowerInvariant(), trimmed[(colon + 1)..].Trim());
        switch (mode)
        {
            case "pfx" when value.Length > 0:
                return new PfxPackageSigner(value, password);
            case "remote" when value.Length > 0:
                if (string.IsNullOrEmpty(signerKey))
                    throw new ArgumentException("remote signing needs the signing service's key (--signer-key)", nameof(signerKey));
                return new RemoteSigner(value, signerKey, http);
            case "pfx":
                throw Bad(spec, "pfx: needs the path of the PFX file");
            case "remote":
                throw Bad(spec, "remote: needs the URL of the signing service");
            default:
                throw Bad(spec, null);
        }
    }

    private static ArgumentException Bad(string? spec, string? why) =>
        new($"bad signing mode '{spec}'{(why is null ? "" : ": " + why)}; accepted: {AcceptedForms}", nameof(spec));
}
