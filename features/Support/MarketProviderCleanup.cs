using ConformanceKit.Features.Drivers;
using Reqnroll;

namespace ConformanceKit.Features.Support;

/// <summary>Stops a scenario's provider simulator, reference provider and authority (Features/ProviderSim).</summary>
[Binding]
public sealed class MarketProviderCleanup(MarketProviderDriver pos)
{
    [AfterScenario(Order = int.MaxValue - 2)]
    public Task StopAsync() => pos.DisposeAsync().AsTask();
}
