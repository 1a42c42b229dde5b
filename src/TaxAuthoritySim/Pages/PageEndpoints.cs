using ConformanceKit.TaxAuthoritySim.Access;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Pages;

/// <summary>
/// The pages for people: / (recent packages, checks, notices) and /messages/{id} for the operator (admin
/// key) or a T-VAN (its own messages only), behind /login; /lookup (buyer look-up) for anyone.
/// </summary>
public static class PageEndpoints
{
    public static void MapPages(this IEndpointRouteBuilder app)
    {
        // Server-rendered HTML. Query values are bound as strings and checked by the pages, so odd input is a 400 page, not a binding error.
        app.MapGet("/", async (HttpContext http, string? refresh, ISimulatorStore store, SimulatedClock clock, SimulatorSettings settings,
                RegistryService registry, PageSessions sessions, AccessLimits limits, CancellationToken ct) =>
            Gate(http, registry, sessions, limits) is { } refused ? refused
                : await OperatorPages.RecentAsync(Viewer(http, registry, sessions), refresh, store, clock, settings, registry, ct))
            .ExcludeFromDescription();

        app.MapGet("/messages/{messageId}", async (HttpContext http, string messageId, string? refresh, ISimulatorStore store,
                SimulatedClock clock, SimulatorSettings settings, RegistryService registry, PageSessions sessions, AccessLimits limits,
                CancellationToken ct) =>
            Gate(http, registry, sessions, limits) is { } refused ? refused
                : await OperatorPages.MessageAsync(Viewer(http, registry, sessions), messageId, refresh, store, clock, settings, registry, ct))
            .ExcludeFromDescription();

        app.MapGet(LoginPage.Path, (string? @return) => LoginPage.Form(@return)).ExcludeFromDescription();
        app.MapPost(LoginPage.Path, LoginPage.PostAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost("/logout", LoginPage.Logout).ExcludeFromDescription().DisableAntiforgery();

        app.MapGet("/lookup", (HttpContext http, string? mst, string? code, string? total, ISimulatorStore store, RegistryService registry,
                PageSessions sessions, AccessLimits limits, CancellationToken ct) =>
            LookupPage.LookupAsync(http, mst, code, total, store, registry, sessions, limits, ct))
            .ExcludeFromDescription();
    }

    /// <summary>Null when the request may see an operator page; the login page (401) or a 429 otherwise.</summary>
    private static IResult? Gate(HttpContext http, RegistryService registry, PageSessions sessions, AccessLimits limits)
    {
        var (viewer, blocked) = limits.Identify(http, registry.Current, sessions);
        if (blocked is { } b) return LoginPage.TooMany(http, b, http.Request.Path + http.Request.QueryString);
        if (!viewer.IsKnown) return LoginPage.Required(http);
        http.Items[typeof(Viewer)] = viewer;
        return null;
    }

    private static Viewer Viewer(HttpContext http, RegistryService registry, PageSessions sessions) =>
        http.Items[typeof(Viewer)] as Viewer ?? sessions.Resolve(http, registry.Current, out _);
}
