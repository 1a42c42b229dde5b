using ConformanceKit.TaxAuthoritySim.Authority;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Hosting;

/// <summary>Runs first: the store's migrations (when resolved), the registry (seeded when empty), the authority's certificate,
/// the certification sessions (their clock offsets).</summary>
public sealed class StartupService(
    ISimulatorStore store,
    RegistryService registry,
    StartupSeed seed,
    AuthorityCertificate certificate,
    Readiness readiness,
    Certification.CertificationService certification,
    ILogger<StartupService> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var origin = await registry.LoadAsync(seed.Document, seed.Given, ct, reseed: seed.Reseed);
        var current = registry.Current;
        // A plain start after a run with another seed keeps that run's registry: the demo keys then get 401.
        // Say so, and how to start from the seed again, instead of leaving the user to find out.
        var difference = origin == RegistryService.Origin.Stored
            ? registry.DifferenceFrom(seed.Document) : RegistryService.SeedDifference.None;
        var where = origin switch
        {
            RegistryService.Origin.Seeded => $"seeded from {seed.Name} (the store had none)",
            RegistryService.Origin.Reseeded => $"seeded again from {seed.Name} (--reseed: the stored registry was replaced; messages and invoices kept)",
            RegistryService.Origin.StoredWithSeedKeys =>
                $"the store's taxpayers with T-VANs, keys and admin key from {seed.Name} (--seed replaces them)",
            _ when difference == RegistryService.SeedDifference.None =>
                $"the store's, as last left, the same as {seed.Name}",
            _ => $"the store's, as last left, which is NOT {seed.Name}: {Describe(difference)} (without --seed, the seed applies "
                 + "only to an empty store and on reset); to start from the seed again, keeping messages and invoices, add --reseed",
        };
        var admin = string.IsNullOrWhiteSpace(current.AdminKey) ? "closed (no admin key; give one with --seed FILE)"
            : ReferenceData.KeyProblem(current.AdminKey, ReferenceData.MinAdminKeyLength) is { } weak
                ? $"open with a WEAK admin key ({weak}): replace it with POST /admin/v1/seed or --seed FILE"
                : "open";
        log.Log(difference == RegistryService.SeedDifference.None ? LogLevel.Information : LogLevel.Warning,
            "Registry in force: {Origin}; {Tvans} T-VANs, {Taxpayers} taxpayers, control plane {Admin}",
            where, current.Tvans.Count, current.Taxpayers.Count, admin);
        // Before pending work is processed: the certification sessions' own clocks apply to their senders' messages.
        await certification.LoadAsync(ct);
        var counts = await store.CountsAsync(ct);
        log.LogInformation(
            "Store {Kind} at {Where}: {Messages} messages, {Invoices} invoices; authority certificate {Thumbprint}",
            store.Kind, store.Description, counts.Messages, counts.Invoices, certificate.Certificate.Thumbprint);
        readiness.Ready = true;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private static string Describe(RegistryService.SeedDifference difference)
    {
        var parts = new List<string>();
        if (difference.HasFlag(RegistryService.SeedDifference.TvansOrKeys))
            parts.Add("other T-VANs or keys (the seed's T-VAN key and admin key may get 401)");
        if (difference.HasFlag(RegistryService.SeedDifference.Taxpayers)) parts.Add("other taxpayers or registrations");
        if (difference.HasFlag(RegistryService.SeedDifference.Authority)) parts.Add("another authority name");
        return string.Join(", ", parts);
    }
}

/// <summary>Set once start-up is done; /health and the API answer 503 before.</summary>
public sealed class Readiness
{
    public volatile bool Ready;
}
