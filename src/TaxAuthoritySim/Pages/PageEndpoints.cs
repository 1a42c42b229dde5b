using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Pages;

/// <summary>The pages for people: / (recent packages, checks, notices) and /lookup (buyer look-up).</summary>
public static class PageEndpoints
{
    public static void MapPages(this IEndpointRouteBuilder app)
    {
        // Server-rendered HTML, no key: the operator's pages on loopback and the buyer's look-up.
        // Query values are bound as strings and checked by the pages, so odd input is a 400 page, not a binding error.
        app.MapGet("/", (string? refresh, ISimulatorStore store, SimulatedClock clock, SimulatorSettings settings,
                RegistryService registry, CancellationToken ct) =>
            OperatorPages.RecentAsync(refresh, store, clock, settings, registry, ct))
            .ExcludeFromDescription();

        app.MapGet("/messages/{messageId}", (string messageId, string? refresh, ISimulatorStore store, SimulatedClock clock,
                SimulatorSettings settings, RegistryService registry, CancellationToken ct) =>
            OperatorPages.MessageAsync(messageId, refresh, store, clock, settings, registry, ct))
            .ExcludeFromDescription();

        app.MapGet("/lookup", (string? mst, string? code, ISimulatorStore store, RegistryService registry, CancellationToken ct) =>
            LookupPage.LookupAsync(mst, code, store, registry, ct))
            .ExcludeFromDescription();
    }
}
