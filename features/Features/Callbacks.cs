using ConformanceKit.Features.Bridge;

namespace ConformanceKit.Features.Features;

/// <summary>Runs Callbacks.feature: one test case per scenario and Examples row.</summary>
public sealed class CallbacksFeature : FeatureTest
{
    [Theory]
    [MemberData(nameof(FeatureCatalog.Cases), "Callbacks.feature", MemberType = typeof(FeatureCatalog))]
    public Task Scenario(ScenarioCase scenario) => RunAsync(scenario);
}
