using System.Collections;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace ConformanceKit.TaxAuthoritySim.Hosting;

/// <summary>
/// Which environment variables are options. WebApplication.CreateBuilder reads every unprefixed variable as
/// configuration, so an unrelated SEED=7 or DATA=… in a shell stopped or redirected the simulator. Only
/// CK_SIM_* variables count (CK_SIM_PROCESSING_DELAY=5m is --processing-delay 5m); the host's own
/// ASPNETCORE_* and DOTNET_* variables (ASPNETCORE_URLS, ASPNETCORE_ENVIRONMENT) keep working.
/// </summary>
public static class SimulatorEnvironment
{
    public const string Prefix = "CK_SIM_";

    /// <summary>Replaces the unprefixed environment source by the CK_SIM_* variables, at the same precedence.</summary>
    public static void UsePrefixedVariables(IConfigurationBuilder config, IDictionary? environment = null)
    {
        var sources = config.Sources;
        var at = sources.Count;
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                sources.RemoveAt(i);
                at = i;
            }
        }
        sources.Insert(at, new MemoryConfigurationSource { InitialData = Options(environment ?? Environment.GetEnvironmentVariables()) });
    }

    /// <summary>CK_SIM_CLOCK_RATE=0 → clock-rate=0: the command line's option names.</summary>
    public static Dictionary<string, string?> Options(IDictionary environment)
    {
        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry e in environment)
        {
            if (e.Key is not string name || !name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || name.Length == Prefix.Length)
                continue;
            options[name[Prefix.Length..].ToLowerInvariant().Replace('_', '-')] = e.Value as string;
        }
        return options;
    }
}
