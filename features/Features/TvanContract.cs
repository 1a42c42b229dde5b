using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.Features;

/// <summary>Runs TvanContract.feature through Reqnroll: one test case per scenario and Examples row.</summary>
public sealed class TvanContractFeature
{
    [Scenarios("Features/TvanContract.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}
