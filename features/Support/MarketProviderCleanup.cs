using ConformanceKit.Features.Drivers;
using Reqnroll;

namespace ConformanceKit.Features.Support;

/// <summary>Stops a scenario's provider simulators, reference provider and authority (Features/ProviderSim).</summary>
[Binding]
public sealed class MarketProviderCleanup(MarketProviderDriver pos, SellerTvanDriver shop, VnptPosDriver vnpt)
{
    [AfterScenario(Order = int.MaxValue - 2)]
    public async Task StopAsync()
    {
        await pos.DisposeAsync();
        await shop.DisposeAsync();
        await vnpt.DisposeAsync();
    }
}
