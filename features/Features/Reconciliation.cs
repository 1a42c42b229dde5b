using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.Features;

/// <summary>Runs Reconciliation.feature through Reqnroll: one test case per scenario and Examples row.</summary>
public sealed class ReconciliationFeature
{
    [Scenarios("Features/Reconciliation.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}
