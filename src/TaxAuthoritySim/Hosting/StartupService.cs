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
        var origin = await registry.LoadAsync(seed.Document, seed.Given, ct);
        var current = registry.Current;
        log.LogInformation("Registry in force: {Origin}; {Tvans} T-VANs, {Taxpayers} taxpayers, control plane {Admin}",
            origin switch
            {
                RegistryService.Origin.Seeded => $"seeded from {seed.Name} (the store had none)",
                RegistryService.Origin.StoredWithSeedKeys =>
                    $"the store's taxpayers with T-VANs, keys and admin key from {seed.Name} (--seed replaces them)",
                _ => $"the store's, as last left (without --seed, {seed.Name} applies only to an empty store and on reset)",
            },
            current.Tvans.Count, current.Taxpayers.Count,
            string.IsNullOrWhiteSpace(current.AdminKey) ? "closed (no admin key; give one with --seed FILE)"
                : ReferenceData.KeyProblem(current.AdminKey, ReferenceData.MinAdminKeyLength) is { } weak
                    ? $"open with a WEAK admin key ({weak}): replace it with POST /admin/v1/seed or --seed FILE"
                    : "open");
        var counts = await store.CountsAsync(ct);
        log.LogInformation(
            "Store {Kind} at {Where}: {Messages} messages, {Invoices} invoices; authority certificate {Thumbprint}",
            store.Kind, store.Description, counts.Messages, counts.Invoices, certificate.Certificate.Thumbprint);
        readiness.Ready = true;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Set once start-up is done; /health and the API answer 503 before.</summary>
public sealed class Readiness
{
    public volatile bool Ready;
}
