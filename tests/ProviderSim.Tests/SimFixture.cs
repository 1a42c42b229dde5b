using System.Net.Http.Json;
using System.Text.Json;

namespace ConformanceKit.ProviderSim.Tests;

/// <summary>One reference provider + tax-authority simulator (in-process) for the whole assembly; each test starts its own provider simulator on it.</summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    public LocalPipeline Pipeline { get; private set; } = null!;

    public async Task InitializeAsync() => Pipeline = await LocalPipeline.StartAsync();

    public async Task DisposeAsync() => await Pipeline.DisposeAsync();

    public Task<ProviderSimServer> StartAsync(string profile) =>
        ProviderSimServer.StartAsync(new ProfileCatalog(ProfileCatalog.DefaultFolder).Find(profile)!, Pipeline.ProviderApi, authority: Pipeline.Authority);
}

[CollectionDefinition("pipeline")]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>;

public static class Admin
{
    public static HttpClient Client(ProviderSimServer sim) => new() { BaseAddress = sim.Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Turns a ready fault on the WireMock way: the state of its scenario.</summary>
    public static async Task FaultAsync(ProviderSimServer sim, string fault, bool on = true)
    {
        using var http = Client(sim);
        using var response = await http.PutAsJsonAsync($"__admin/scenarios/fault-{fault}/state", new { State = on ? "on" : "off" });
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<JsonElement> JournalAsync(ProviderSimServer sim)
    {
        using var http = Client(sim);
        return await http.GetFromJsonAsync<JsonElement>("__admin/requests");
    }
}
