using ConformanceKit.TaxAuthoritySim.Authority;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Hosting;

/// <summary>Runs first: the store's migrations (when resolved), the registry (seeded when empty), the authority's certificate.</summary>
public sealed class StartupService(
    ISimulatorStore store,
    RegistryService registry,
    StartupSeed seed,
    AuthorityCertificate certificate,
    Readiness readiness,
    ILogger<StartupService> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await registry.LoadAsync(seed.Document, ct);
        var counts = await store.CountsAsync(ct);
        log.LogInformation(
            "Store {Kind} at {Where}: {Messages} messages, {Invoices} invoices; registry: {Taxpayers} taxpayers, {Tvans} T-VANs; authority certificate {Thumbprint}",
            store.Kind, store.Description, counts.Messages, counts.Invoices, registry.Current.Taxpayers.Count,
            registry.Current.Tvans.Count, certificate.Certificate.Thumbprint);
        readiness.Ready = true;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Set once start-up is done; /health and the API answer 503 before.</summary>
public sealed class Readiness
{
    public volatile bool Ready;
}
