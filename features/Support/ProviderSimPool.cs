using ConformanceKit.Features.Drivers;
using ConformanceKit.ProviderSim;
using Reqnroll;

namespace ConformanceKit.Features.Support;

/// <summary>
/// One reference provider + authority simulator (<see cref="LocalPipeline"/>) and one provider simulator per profile, shared
/// by the scenarios of a feature (Features/ProviderSim): starting them per scenario was most of those features' time. Each
/// scenario takes its simulator reset (<see cref="ProviderSimServer.Reset"/>, what <c>POST /__sim/reset</c> does: the
/// profile's mappings as loaded, faults off, the journal empty) and uses its own transaction ids and MTDiep, so scenarios
/// stay isolated; a scenario that needs another authority (down) starts its own.
/// </summary>
[Binding]
public sealed class ProviderSimPool : IAsyncDisposable
{
    /// <summary>Off with CK_FEATURES_SHARED_SIMS=0: every scenario starts its own (to measure what sharing saves, docs/features.md).</summary>
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("CK_FEATURES_SHARED_SIMS") != "0";

    private LocalPipeline? _pipeline;
    private readonly Dictionary<string, ProviderSimServer> _sims = new(StringComparer.Ordinal);

    /// <summary>The feature's pool (made on first use).</summary>
    public static ProviderSimPool Of(FeatureContext feature)
    {
        if (feature.TryGetValue<ProviderSimPool>(out var pool)) return pool;
        pool = new ProviderSimPool();
        feature.Set(pool);
        return pool;
    }

    /// <summary>The feature's pipeline and <paramref name="profile"/>'s simulator on it, reset for a new scenario.</summary>
    public async Task<(LocalPipeline Pipeline, ProviderSimServer Sim)> TakeAsync(string profile)
    {
        _pipeline ??= await LocalPipeline.StartAsync();
        if (!_sims.TryGetValue(profile, out var sim))
        {
            sim = await ProviderSimServer.StartAsync(new ProfileCatalog(ProfileCatalog.DefaultFolder).Find(profile)!, _pipeline.ProviderApi,
                authority: _pipeline.Authority);
            _sims[profile] = sim;
        }
        else
            sim.Reset();
        return (_pipeline, sim);
    }

    [AfterFeature]
    public static async Task StopAsync(FeatureContext feature)
    {
        if (feature.TryGetValue<ProviderSimPool>(out var pool)) await pool.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sim in _sims.Values) await sim.DisposeAsync();
        _sims.Clear();
        if (_pipeline is not null) await _pipeline.DisposeAsync();
        _pipeline = null;
    }
}
