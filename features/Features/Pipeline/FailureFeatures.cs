using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.Features.Pipeline;

// Temporary until the adapter discovers every feature file (issue 14: no class per feature); deleted at merge.

public sealed class CannotConnectFeature
{
    [Scenarios("Features/Pipeline/CannotConnect.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}

public sealed class CannotIssueFeature
{
    [Scenarios("Features/Pipeline/CannotIssue.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}

public sealed class WrongSaleDataFeature
{
    [Scenarios("Features/Pipeline/WrongSaleData.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}

public sealed class LostAndDoubledNumbersFeature
{
    [Scenarios("Features/Pipeline/LostAndDoubledNumbers.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}

public sealed class AfterRecoveryFeature
{
    [Scenarios("Features/Pipeline/AfterRecovery.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}
