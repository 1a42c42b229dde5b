using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.Features;

/// <summary>Runs DataChecks.feature through Reqnroll: one test case per scenario and Examples row.</summary>
public sealed class DataChecksFeature
{
    [Scenarios("Features/DataChecks.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}
