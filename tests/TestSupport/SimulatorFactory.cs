using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Samples;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConformanceKit.TestSupport;

/// <summary>
/// The simulator in-process on a TestServer (no socket) with its own data folder, so test classes (and scenarios) run
/// in parallel. Settings are the command-line keys (store, seed, processing-delay, …). For a simulator served on a real
/// loopback port use TaxAuthoritySim.Hosting.InProcessSimulator (product code) or <see cref="ObservedSimulator"/>;
/// for one in a child process, <see cref="SimulatorProcess"/>.
/// </summary>
public class SimulatorFactory : WebApplicationFactory<Program>
{
    public SimulatorFactory() : this(null) { }

    /// <summary>A simulator on another store (e.g. PostgreSQL) or with other settings.</summary>
    public static SimulatorFactory With(string? store, IDictionary<string, string?>? settings = null) => new(store, settings);

    protected SimulatorFactory(string? store, IDictionary<string, string?>? settings = null)
    {
        Store = store;
        Settings = settings ?? new Dictionary<string, string?>();
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "ck-sim-tests", Guid.NewGuid().ToString("N"));

    public string? Store { get; }

    public IDictionary<string, string?> Settings { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("data", DataDirectory);
        if (Store is not null) builder.UseSetting("store", Store);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>A client with the demo T-VAN's key.</summary>
    public HttpClient Tvan(string key = DemoData.TvanApiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A client with the admin key.</summary>
    public HttpClient Admin(string key = DemoData.AdminKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", key);
        return client;
    }

    /// <summary>The typed control-plane client (src/AuthorityContract) with the admin key.</summary>
    public AuthorityAdminClient AdminClient(string key = DemoData.AdminKey) => new(CreateClient(), key);

    /// <summary>The typed T-VAN client (src/AuthorityContract) with the demo T-VAN's key.</summary>
    public AuthorityTvanClient TvanClient(string key = DemoData.TvanApiKey) => new(CreateClient(), key);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TestFolder.Delete(DataDirectory);
        }
    }
}
