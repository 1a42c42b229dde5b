using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.Features;

/// <summary>Runs Registration.feature through Reqnroll: one test case per scenario and Examples row.</summary>
public sealed class RegistrationFeature
{
    [Scenarios("Features/Registration.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}
