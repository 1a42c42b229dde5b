using ConformanceKit.Features.Bridge;

namespace ConformanceKit.Features.Features;

/// <summary>Runs Resending.feature: one test case per scenario and Examples row.</summary>
public sealed class ResendingFeature : FeatureTest
{
    [Theory]
    [MemberData(nameof(FeatureCatalog.Cases), "Resending.feature", MemberType = typeof(FeatureCatalog))]
    public Task Scenario(ScenarioCase scenario) => RunAsync(scenario);
}
