using ConformanceKit.Features.Bridge;

namespace ConformanceKit.Features.Features;

/// <summary>Runs Faults.feature: one test case per scenario and Examples row.</summary>
public sealed class FaultsFeature : FeatureTest
{
    [Theory]
    [MemberData(nameof(FeatureCatalog.Cases), "Faults.feature", MemberType = typeof(FeatureCatalog))]
    public Task Scenario(ScenarioCase scenario) => RunAsync(scenario);
}
