using System.Globalization;
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
    private static readonly object NoContract = new();

    /// <summary>The contracts a feature can name; every one but the first is judged on the simulated day of receipt.</summary>
    public static readonly IReadOnlyDictionary<string, object> Contracts = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase)
    {
        ["without a contract"] = NoContract,
        ["whose contract expired at the end of 2024"] = new { from = "2020-01-01", to = "2024-12-31", status = "active" },
        ["whose contract is suspended"] = new { from = "2025-01-01", to = "2099-12-31", status = "suspended" },
        ["with a contract in force"] = new { from = "2025-01-01", to = "2099-12-31", status = "active" },
    };

    /// <summary>Registers a T-VAN with the named contract (and a callback address) and acts as it from now on.</summary>
    public async Task<TvanAccount> RegisterAsync(string contract, Uri? callbackUrl = null)
    {
        var terms = Contracts.TryGetValue(contract, out var found) ? found
            : throw new ArgumentException($"Unknown T-VAN contract '{contract}'. Known: {string.Join(", ", Contracts.Keys.Select(k => $"'{k}'"))}");
        var account = NewAccount();
        await simulator.SeedAsync(new
        {
            tvans = new[]
            {
                new
                {
                    code = account.Code, name = "T-VAN of a feature scenario", apiKey = account.ApiKey,
                    callbackUrl = callbackUrl?.ToString(), contract = terms == NoContract ? null : terms,
                },
            },
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
