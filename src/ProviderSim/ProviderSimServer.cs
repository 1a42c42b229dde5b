using ConformanceKit.ProviderSim.Backend;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace ConformanceKit.ProviderSim;

/// <summary>
/// A provider simulator: a WireMock.Net server (admin API at /__admin/) loaded with one profile's mapping files, and the
/// profile's backend (a loopback Kestrel app) that the mappings' <c>"ProxyUrl": "${backend}"</c> reach, which issues
/// through the reference provider at <see cref="ProviderApi"/>.
/// </summary>
public sealed class ProviderSimServer : IAsyncDisposable
{
    private readonly WebApplication _backend;
    private readonly string _backendUrl;
    private readonly object _reloading = new();

    private ProviderSimServer(Profile profile, WireMockServer server, WebApplication backend, string backendUrl, BackendContext context, Uri providerApi)
    {
        Profile = profile;
        Server = server;
        _backend = backend;
        _backendUrl = backendUrl;
        Context = context;
        ProviderApi = providerApi;
    }

    public Profile Profile { get; }

    public WireMockServer Server { get; }

    public BackendContext Context { get; }

    public Uri ProviderApi { get; }

    /// <summary>The simulator's base address (the POS's "provider URL"), e.g. http://127.0.0.1:5090/.</summary>
    public Uri Address => new(Server.Urls[0].TrimEnd('/') + "/");

    /// <param name="urls">Where the POS reaches it; null = a free loopback port.</param>
    /// <param name="authority">The authority the provider sends to (<see cref="LocalPipeline.Authority"/>): what the T-VAN profile forwards to.</param>
    public static async Task<ProviderSimServer> StartAsync(Profile profile, Uri providerApi, string? urls = null, CancellationToken ct = default, Uri? authority = null)
    {
        var backendImpl = ProfileBackends.Find(profile.Backend)
                          ?? throw new InvalidOperationException($"profile {profile.Name}: no backend named '{profile.Backend}' " +
                                                                 $"(known: {string.Join(", ", ProfileBackends.All.Select(b => b.Name))})");
        var provider = new ReferenceProvider(new HttpClient { BaseAddress = providerApi, Timeout = TimeSpan.FromSeconds(60) });
        var context = new BackendContext(provider, await provider.SellerTaxCodeAsync(ct)) { Authority = authority };

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var backend = builder.Build();
        backendImpl.Map(backend, context);
        ProviderSimServer? self = null;
        backend.MapPost("/__sim/reset", () => { self!.Reset(); return Results.Ok(new { reset = true, profile = profile.Name }); });
        backend.MapGet("/__sim/faults", () => Results.Ok(self!.FaultStates()));
        backend.MapPut("/__sim/faults/{name}", (string name, bool? on) =>
            self!.Profile.Faults.Contains(name)
                ? Results.Ok(new { fault = name, on = self.SetFault(name, on ?? true) })
                : Results.NotFound(new { error = $"no fault {name} in profile {profile.Name}", faults = self.Profile.Faults }));
        backend.MapGet("/__sim/judge", () => Results.Json(self!.Judge(), JudgeJson));
        backend.MapGet("/__sim/profile", () => Results.Ok(new
        {
            profile.Name, profile.Title, profile.Description, faults = profile.Faults, providerApi, sellerTaxCode = context.SellerTaxCode,
        }));
        await backend.StartAsync(ct);
        var backendUrl = backend.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        var settings = new WireMockServerSettings
        {
            StartAdminInterface = true,
            Logger = new WireMockNullLogger(),
            MaxRequestLogCount = 10_000,
        };
        if (urls is not null) settings.Urls = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var server = WireMockServer.Start(settings);
        self = new ProviderSimServer(profile, server, backend, backendUrl, context, providerApi);
        self.Load();
        return self;
    }

    /// <summary>The profile's mappings and faults (faults off), and the /__sim/ routes; what a reset returns to.</summary>
    private void Load()
    {
        Server.WithMapping(Substitute(SimRoutes));
        foreach (var file in Profile.MappingFiles.Concat(Profile.FaultFiles))
        {
            try
            {
                Server.WithMapping(Substitute(File.ReadAllText(file)));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new InvalidDataException($"{file}: not a WireMock.Net mapping: {e.Message}", e);
            }
        }
        foreach (var fault in Profile.Faults) Server.SetScenarioState(Profile.Scenario(fault), "off");
    }

    /// <summary>Back to the profile as loaded: user-added mappings removed, faults off, the request journal emptied.</summary>
    public void Reset()
    {
        lock (_reloading)
        {
            Server.ResetMappings();
            Server.ResetScenarios();
            Server.ResetLogEntries();
            Load();
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions JudgeJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The judgement of what the POS sent so far (the journal since the start or the last reset).</summary>
    public PosJudge.Judgement Judge() =>
        PosJudge.Judge(Profile.Name, ProfileBackends.Find(Profile.Backend)!.Judge, Server.LogEntries);

    public bool SetFault(string name, bool on)
    {
        Server.SetScenarioState(Profile.Scenario(name), on ? "on" : "off");
        return on;
    }

    public IReadOnlyDictionary<string, bool> FaultStates()
    {
        var states = Server.Scenarios.ToDictionary(s => s.Key, s => s.Value.NextState);
        return Profile.Faults.ToDictionary(f => f, f => states.GetValueOrDefault(Profile.Scenario(f)) == "on");
    }

    private string Substitute(string json) => json.Replace("${backend}", _backendUrl).Replace("${sellerTaxCode}", Context.SellerTaxCode);

    /// <summary>The simulator's own routes (reset, faults, profile) pass through WireMock to the backend, so they are journalled too.</summary>
    private const string SimRoutes = """
        {
          "Title": "provider-sim: reset, faults and profile (/__sim/...)",
          "Priority": 0,
          "Request": { "Path": { "Matchers": [ { "Name": "WildcardMatcher", "Pattern": "/__sim/*" } ] } },
          "Response": { "ProxyUrl": "${backend}" }
        }
        """;

    public async ValueTask DisposeAsync()
    {
        Server.Stop();
        Server.Dispose();
        await _backend.StopAsync();
        await _backend.DisposeAsync();
    }
}
