using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.Features;

/// <summary>Runs Callbacks.feature through Reqnroll: one test case per scenario and Examples row.</summary>
public sealed class CallbacksFeature
{
    [Scenarios("Features/Callbacks.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}
