using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Pos;
using ConformanceKit.Provider.Signing;
using ConformanceKit.TaxAuthoritySim.Hosting;

namespace ConformanceKit.TestSupport;

/// <summary>
/// One test's pipeline: its own simulator (codes are unique across a simulator, and every provider
/// here numbers block A1B2C from 1) and a provider on a free port sending to it.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    private readonly InProcessSimulator simulator;
    private readonly string folder;

    private Pipeline(InProcessSimulator simulator, ProviderHost provider, string folder, ProviderOptions options)
    {
        this.simulator = simulator;
        Provider = provider;
        this.folder = folder;
        Options = options;
        Api = new HttpClient { BaseAddress = provider.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public ProviderHost Provider { get; private set; }

    public ProviderOptions Options { get; }

    public HttpClient Api { get; private set; }

    public ProviderStore Store => Provider.Engine.Store;

    public Uri Simulator => simulator.Address;

    public static readonly RegisterConfig Register = new("quay-1", DemoData.TaxCode, DemoData.SellerName, DemoData.SellerAddress, DemoData.CodeBlock);

    /// <param name="configure">Changes to the options (sync, batch, deadlines); the target is set to the simulator.</param>
    /// <param name="signer">Default: the demo seller's software key.</param>
    /// <param name="beforeStart">Runs against the simulator before the provider starts (faults, pre-stored invoices).</param>
    public static async Task<Pipeline> StartAsync(Func<ProviderOptions, ProviderOptions>? configure = null, IPackageSigner? signer = null,
        Func<Uri, Task>? beforeStart = null, Uri? target = null)
    {
        var folder = TestFolder.Create();
        var simulator = await InProcessSimulator.StartAsync(Path.Combine(folder, "sim"));
        if (beforeStart is not null) await beforeStart(simulator.Address);
        var options = new ProviderOptions
        {
            Database = Path.Combine(folder, "provider.db"), Register = Register, Target = target ?? simulator.Address,
            Sync = SyncMode.Realtime, PollInterval = TimeSpan.FromMilliseconds(100), RetryBase = TimeSpan.FromMilliseconds(100),
            RetryMax = TimeSpan.FromSeconds(1),
        };
        options = configure?.Invoke(options) ?? options;
        var host = await ProviderHost.StartAsync(options, signer ?? new PfxPackageSigner(SamplePackageBuilder.CreateCertificate()), "http://127.0.0.1:0");
        return new Pipeline(simulator, host, folder, options);
    }

    public static object Sale(string saleId, decimal price = 29000, string rate = "10%") => new
    {
        saleId, lines = new[] { new { name = "Cà phê sữa đá", unit = "Ly", quantity = 2, unitPrice = price, rate } },
    };

    public async Task<JsonElement> SellAsync(string saleId, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await Api.PostAsJsonAsync("api/v1/sales", Sale(saleId));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {body}");
        return body;
    }

    public async Task<JsonElement> GetAsync(string path) => await Api.GetFromJsonAsync<JsonElement>(path);

    /// <summary>Waits (polling the store) until <paramref name="done"/> holds; fails with <paramref name="what"/> and the status.</summary>
    public async Task WaitUntilAsync(Func<ProviderStore, bool> done, string what, double seconds = 20)
    {
        if (!await Eventually.TryUntilAsync(() => done(Store), TimeSpan.FromSeconds(seconds)))
            Assert.Fail($"timed out waiting until {what}; status: {JsonSerializer.Serialize(Provider.Engine.Store.Counts())}, " +
                        $"last problem: {Provider.Engine.LastProblem}");
    }

    public int Count(string invoiceState) => Store.Invoices(invoiceState).Count;

    public static HttpClient Admin(Uri simulator)
    {
        var client = new HttpClient { BaseAddress = simulator, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Admin-Key", DemoData.AdminKey);
        return client;
    }

    public static async Task AddFaultAsync(Uri simulator, object rule)
    {
        using var admin = Admin(simulator);
        using var response = await admin.PostAsJsonAsync("admin/v1/faults", rule);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Whether the simulator stores the invoice (the buyer's look-up).</summary>
    public async Task<bool> StoredAsync(string code)
    {
        using var http = new HttpClient { BaseAddress = simulator.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", DemoData.TvanApiKey);
        using var response = await http.GetAsync($"api/v1/invoices/{DemoData.TaxCode}/{code}");
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>Stops the provider, runs <paramref name="whileStopped"/> on its database file, and starts it again (same simulator).</summary>
    public async Task RestartAsync(Action<string>? whileStopped = null)
    {
        var signer = Provider.Engine.Signer;
        Api.Dispose();
        await Provider.DisposeAsync();
        whileStopped?.Invoke(Options.Database);
        Provider = await ProviderHost.StartAsync(Options, signer, "http://127.0.0.1:0");
        Api = new HttpClient { BaseAddress = Provider.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Provider.DisposeAsync();
        (Provider.Engine.Signer as IDisposable)?.Dispose();
        await simulator.DisposeAsync();
        TestFolder.Delete(folder);
    }
}
