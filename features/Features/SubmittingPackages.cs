using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.Features;

/// <summary>Runs SubmittingPackages.feature through Reqnroll: one test case per scenario and Examples row.</summary>
public sealed class SubmittingPackagesFeature
{
    [Scenarios("Features/SubmittingPackages.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}
