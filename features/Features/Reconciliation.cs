using ConformanceKit.Features.Bridge;

namespace ConformanceKit.Features.Features;

/// <summary>Runs Reconciliation.feature: one test case per scenario and Examples row.</summary>
public sealed class ReconciliationFeature : FeatureTest
{
    [Theory]
    [MemberData(nameof(FeatureCatalog.Cases), "Reconciliation.feature", MemberType = typeof(FeatureCatalog))]
    public Task Scenario(ScenarioCase scenario) => RunAsync(scenario);
}
