using ConformanceKit.AuthorityContract;

namespace ConformanceKit.Features.Drivers;

/// <summary>
/// Changes a T-VAN the scenario registered (<see cref="TvanDriver"/>) at the authority's registry (POST /admin/v1/seed,
/// laid over the registry by code): its contract renewed, its key changed. The scenario acts as it with its key.
/// </summary>
public sealed class TvanRenewalDriver(SimulatorDriver simulator)
{
    /// <summary>The T-VAN's contract is in force again (2025 to 2099, active).</summary>
    public Task RenewContractAsync(TvanAccount tvan) => ReplaceAsync(tvan, TvanDriver.Contracts["with a contract in force"]);

    /// <summary>The authority registers <paramref name="apiKey"/> as the T-VAN's key (its old one no longer opens).</summary>
    public async Task<TvanAccount> ChangeKeyAsync(TvanAccount tvan, string apiKey)
    {
        var changed = tvan with { ApiKey = apiKey };
        await ReplaceAsync(changed, TvanDriver.Contracts["with a contract in force"]);
        return changed;
    }

    private async Task ReplaceAsync(TvanAccount tvan, SeedContract? contract)
    {
        await simulator.SeedAsync(new SeedDocument
        {
            Tvans = [new SeedTvan { Code = tvan.Code, Name = "T-VAN of a feature scenario", ApiKey = tvan.ApiKey, Contract = contract }],
        });
        simulator.UseTvan(tvan.ApiKey);
    }
}
