using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.Features;

/// <summary>Runs TaxpayerChecks.feature through Reqnroll: one test case per scenario and Examples row.</summary>
public sealed class TaxpayerChecksFeature
{
    [Scenarios("Features/TaxpayerChecks.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}
