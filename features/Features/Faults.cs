using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.Features;

/// <summary>Runs Faults.feature through Reqnroll: one test case per scenario and Examples row.</summary>
public sealed class FaultsFeature
{
    [Scenarios("Features/Faults.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}
