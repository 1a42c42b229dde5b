using Microsoft.AspNetCore.Routing;

namespace ConformanceKit.ProviderSim.Backend;

/// <summary>
/// The code half of a profile: the routes a profile's mapping files proxy to (<c>"ProxyUrl": "${backend}"</c>), turning
/// the market provider's request into a sale of the reference provider and its answer into the provider's envelope.
/// </summary>
public interface IProfileBackend
{
    /// <summary>The name a profile.json gives as "backend".</summary>
    string Name { get; }

    void Map(IEndpointRouteBuilder app, BackendContext context);
}

public static class ProfileBackends
{
    public static IReadOnlyList<IProfileBackend> All { get; } = [new ViettelBackend(), new MisaBackend()];

    public static IProfileBackend? Find(string name) => All.FirstOrDefault(b => b.Name == name);
}
