using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.Features;

/// <summary>Runs Resending.feature through Reqnroll: one test case per scenario and Examples row.</summary>
public sealed class ResendingFeature
{
    [Scenarios("Features/Resending.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}
