using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Pos;
using ConformanceKit.Provider.Signing;
using ConformanceKit.TaxAuthoritySim.Hosting;

namespace ConformanceKit.ProviderSim;

/// <summary>
/// The reference provider and the tax-authority simulator in this process, for a provider simulator given neither:
/// the demo seller (MST 0106324653, block A1B2C), a self-signed key, realtime sync — an issued invoice is packaged,
/// signed and sent at once, and its 204 comes back within a second or two.
/// </summary>
public sealed class LocalPipeline : IAsyncDisposable
{
    private readonly InProcessSimulator? _simulator;
    private readonly IPackageSigner _signer;
    private readonly string _folder;
    private readonly bool _ownsFolder;

    private LocalPipeline(InProcessSimulator? simulator, ProviderHost provider, IPackageSigner signer, string folder, bool ownsFolder)
    {
        _simulator = simulator;
        Provider = provider;
        _signer = signer;
        _folder = folder;
        _ownsFolder = ownsFolder;
    }

    public ProviderHost Provider { get; }

    /// <summary>The provider's JSON API (what the profiles' backends call).</summary>
    public Uri ProviderApi => Provider.Address;

    /// <summary>The authority the provider sends to: the in-process simulator, or the one given.</summary>
    public Uri Authority { get; private init; } = null!;

    /// <param name="folder">Where the stores go; null = a temporary folder removed afterwards.</param>
    /// <param name="authority">Send to this authority instead of starting a simulator (e.g. an unreachable one).</param>
    public static async Task<LocalPipeline> StartAsync(string? folder = null, Uri? authority = null, CancellationToken ct = default)
    {
        var owns = folder is null;
        folder ??= Directory.CreateTempSubdirectory("ck-provider-sim-").FullName;
        Directory.CreateDirectory(folder);
        var simulator = authority is null ? await InProcessSimulator.StartAsync(Path.Combine(folder, "authority"), ct) : null;
        var target = authority ?? simulator!.Address;
        var options = new ProviderOptions
        {
            Database = Path.Combine(folder, "provider.db"),
            Register = new RegisterConfig("quay-1", DemoData.TaxCode, DemoData.SellerName, DemoData.SellerAddress, DemoData.CodeBlock),
            Target = target, Sync = SyncMode.Realtime, PollInterval = TimeSpan.FromMilliseconds(100),
            RetryBase = TimeSpan.FromMilliseconds(200), RetryMax = TimeSpan.FromSeconds(2),
        };
        var signer = new PfxPackageSigner(SamplePackageBuilder.CreateCertificate());
        var provider = await ProviderHost.StartAsync(options, signer, "http://127.0.0.1:0", ct: ct);
        return new LocalPipeline(simulator, provider, signer, folder, owns) { Authority = target };
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        (_signer as IDisposable)?.Dispose();
        if (_simulator is not null) await _simulator.DisposeAsync();
        if (_ownsFolder)
            try { Directory.Delete(_folder, recursive: true); }
            catch (IOException) { /* a file still held: the OS cleans temp */ }
            catch (UnauthorizedAccessException) { }
    }
}
