using ConformanceKit.Features.Bridge;

namespace ConformanceKit.Features.Features;

/// <summary>Runs TvanContract.feature: one test case per scenario and Examples row.</summary>
public sealed class TvanContractFeature : FeatureTest
{
    [Theory]
    [MemberData(nameof(FeatureCatalog.Cases), "TvanContract.feature", MemberType = typeof(FeatureCatalog))]
    public Task Scenario(ScenarioCase scenario) => RunAsync(scenario);
}
