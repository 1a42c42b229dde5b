using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Features.Drivers;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Import;
using ConformanceKit.Provider.Pos;
using ConformanceKit.Provider.Signing;

namespace ConformanceKit.Features.Support;

/// <summary>How the shop's register reaches its provider (seed 001's three connection modes).</summary>
public enum Connection
{
    /// <summary>The POS calls the provider's API.</summary>
    Api,

    /// <summary>The POS drops sale files into a folder the provider watches.</summary>
    SaleFiles,

    /// <summary>The POS writes rows into an intermediate database table the provider polls.</summary>
    Table,
}

/// <summary>Who signs the shop's packages.</summary>
public enum Signing
{
    /// <summary>The provider, with the seller's software key.</summary>
    SoftwareKey,

    /// <summary>A remote signing service (HSM-like) that sees only digests.</summary>
    Remote,

    /// <summary>A person, later, with the USB token: packages wait to be signed.</summary>
    Token,
}

/// <summary>
/// The shop's reference provider (src/Provider) in this test process, on a loopback port, sending to the scenario's
/// authority. Given steps choose its modes; it starts on the scenario's first use and can be stopped and restarted on
/// the same store. Drivers reach it over HTTP like a vendor's provider; only the connection modes that are not HTTP
/// (a folder, a table) and the restart use what this class knows about the machine.
/// </summary>
public sealed class ReferenceProvider(SimulatorDriver authority) : IAsyncDisposable
{
    private readonly Lazy<string> _folder = new(() => TestFolder.Create("ck-feature-shop-"));
    private ProviderHost? _host;
    private IPackageSigner? _signer;
    private RemoteSigningService? _remote;

    public static readonly RegisterConfig Shop =
        new("quay-1", DemoData.TaxCode, DemoData.SellerName, DemoData.SellerAddress, DemoData.CodeBlock);

    /// <summary>The options the next start uses; Given steps change them before the first sale.</summary>
    public ProviderOptions Options { get; private set; } = null!;

    public Connection Connection { get; set; } = Connection.Api;

    public Signing Signing { get; set; } = Signing.SoftwareKey;

    /// <summary>The shop's clock: real time moved by an offset (end of day without waiting for it).</summary>
    public ShopClock Clock { get; } = new();

    /// <summary>The folder the provider watches for sale files.</summary>
    public string Inbox => Path.Combine(_folder.Value, "inbox");

    /// <summary>The shop's database holding the intermediate tables.</summary>
    public string ShopDatabase => Path.Combine(_folder.Value, "shop.db");

    /// <summary>Signatures the remote signing service made (the HSM's own count).</summary>
    public long RemoteSignatures => _remote?.Signatures ?? 0;

    /// <summary>The provider's API address, starting it first if needed.</summary>
    public async Task<Uri> AddressAsync()
    {
        if (SeparateProgram is { } program) return program.Address;
        if (_host is null) await StartAsync();
        return _host!.Address;
    }

    /// <summary>Changes the options of the next start (sync, batch, end of day, target, key).</summary>
    public void Configure(Func<ProviderOptions, ProviderOptions> change)
    {
        if (_host is not null) throw new InvalidOperationException("the provider is already running: configure it before the first sale");
        Options = change(Options ?? Defaults());
    }

    public async Task StartAsync()
    {
        if (_host is not null) return;
        Options ??= Defaults();
        _signer ??= await CreateSignerAsync();
        _host = await ProviderHost.StartAsync(Options, _signer, "http://127.0.0.1:0", time: Clock);
        switch (Connection)
        {
            case Connection.SaleFiles:
                Directory.CreateDirectory(Inbox);
                _host.AddLoop(new SaleFolderWatcher(_host.Engine, Inbox, TimeSpan.FromMilliseconds(100)).RunAsync);
                break;
            case Connection.Table:
                var poller = new IntermediateTablePoller(_host.Engine, "Data Source=" + ShopDatabase, TimeSpan.FromMilliseconds(100));
                poller.EnsureSchema();
                _host.AddLoop(poller.RunAsync);
                break;
        }
    }

    /// <summary>Stops the provider (its API goes away; nothing is flushed) and starts it again on the same store.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _host, null) is { } host) await host.DisposeAsync();
    }

    /// <summary>Makes the remote signing service fail its next <paramref name="count"/> requests (the HSM is down).</summary>
    public void FailRemoteSigning(int count) =>
        (_remote ?? throw new InvalidOperationException("the shop does not sign with the remote service")).FailNext(count);

    private ProviderOptions Defaults() => new()
    {
        Database = Path.Combine(_folder.Value, "provider.db"), Register = Shop, Target = authority.Address,
        Sync = SyncMode.Realtime, PollInterval = TimeSpan.FromMilliseconds(100), RetryBase = TimeSpan.FromMilliseconds(100),
        RetryMax = TimeSpan.FromSeconds(1), SendTimeout = TimeSpan.FromSeconds(10),
    };

    private async Task<IPackageSigner> CreateSignerAsync()
    {
        switch (Signing)
        {
            case Signing.Remote:
                const string key = "feature-signer-key";
                _remote = await RemoteSigningService.StartAsync(new RemoteSigningOptions { Certificate = SellerKey.Certificate, SignerKey = key });
                return new RemoteSigner(_remote.Url, key);
            case Signing.Token:
                return new DeferredTokenSigner();
            default:
                return new PfxPackageSigner(SellerKey.Certificate);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        (_signer as IDisposable)?.Dispose();
        if (_remote is not null) await _remote.DisposeAsync();
        if (_folder.IsValueCreated) TestFolder.Delete(_folder.Value);
    }

    /// <summary>
    /// The provider as a program of its own (a child process that can be killed and started again): while set, the
    /// drivers reach it instead of the in-process one. Support/ProviderProgramCleanup stops it after the scenario.
    /// </summary>
    public ProviderProgram? SeparateProgram { get; set; }
}

/// <summary>The seller's key (the demo seller's MST), made once per run: the token holder and the HSM hold the same one.</summary>
public static class SellerKey
{
    private static readonly Lazy<System.Security.Cryptography.X509Certificates.X509Certificate2> Key =
        new(() => SamplePackageBuilder.CreateCertificate());

    public static System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate => Key.Value;
}

/// <summary>Real time moved by an offset: the shop's clock can be set to 21:59:58 and reach 22:00 in two seconds.</summary>
public sealed class ShopClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Sets the clock so that it shows <paramref name="now"/> now.</summary>
    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _offsetTicks, (now - System.GetUtcNow()).Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
