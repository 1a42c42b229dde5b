using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.Features;

/// <summary>Runs Reception.feature through Reqnroll: one test case per scenario and Examples row.</summary>
public sealed class ReceptionFeature
{
    [Scenarios("Features/Reception.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}
