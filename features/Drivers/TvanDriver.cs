using System.Globalization;
using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.Features.Drivers;

/// <summary>A T-VAN the scenario registered: its code (MNGui) and API key.</summary>
public sealed record TvanAccount(string Code, string ApiKey);

/// <summary>
/// Registers T-VANs of the scenario's own through the control plane (POST /admin/v1/seed), by contract name
/// ("without a contract", "whose contract is suspended", …), and makes the scenario act as the last one.
/// </summary>
/// <remarks>
/// Each T-VAN gets a random code (V + a random valid MST) and a random API key. A seed is laid on top of the registry
/// and replaces a T-VAN with the same code, so fixed values would clash on a shared CK_TARGET endpoint (another
/// scenario, another run, a real T-VAN); random ones touch nothing anyone else uses. The in-process simulator is fresh
/// per scenario anyway.
/// </remarks>
public sealed class TvanDriver(SimulatorDriver simulator)
{
    /// <summary>The contracts a feature can name (null: none); every one but the first is judged on the simulated day of receipt.</summary>
    public static readonly IReadOnlyDictionary<string, SeedContract?> Contracts = new Dictionary<string, SeedContract?>(StringComparer.OrdinalIgnoreCase)
    {
        ["without a contract"] = null,
        ["whose contract expired at the end of 2024"] = new() { From = new(2020, 1, 1), To = new(2024, 12, 31), Status = "active" },
        ["whose contract is suspended"] = new() { From = new(2025, 1, 1), To = new(2099, 12, 31), Status = "suspended" },
        ["with a contract in force"] = new() { From = new(2025, 1, 1), To = new(2099, 12, 31), Status = "active" },
    };

    /// <summary>Registers a T-VAN with the named contract (and a callback address) and acts as it from now on.</summary>
    public async Task<TvanAccount> RegisterAsync(string contract, Uri? callbackUrl = null)
    {
        var terms = Contracts.TryGetValue(contract, out var found) ? found
            : throw new ArgumentException($"Unknown T-VAN contract '{contract}'. Known: {string.Join(", ", Contracts.Keys.Select(k => $"'{k}'"))}");
        var account = NewAccount();
        await simulator.SeedAsync(new SeedDocument
        {
            Tvans =
            [
                new SeedTvan
                {
                    Code = account.Code, Name = "T-VAN of a feature scenario", ApiKey = account.ApiKey,
                    CallbackUrl = callbackUrl?.ToString(), Contract = terms,
                },
            ],
        });
        simulator.UseTvan(account.ApiKey);
        return account;
    }

    private static TvanAccount NewAccount()
    {
        while (true)
        {
            var nine = Random.Shared.Next(100_000_000, 1_000_000_000).ToString(CultureInfo.InvariantCulture);
            if (TaxCode.CheckDigit(nine) is null) continue;
            var mst = TaxCode.Create(nine);
            if (!TaxCode.TryParse(mst.Value, out _, out _)) continue;
            return new TvanAccount("V" + mst.Value, "ck-features-" + Guid.NewGuid().ToString("N"));
        }
    }
}
