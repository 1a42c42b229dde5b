using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.Features.Pipeline;

/// <summary>Temporary until the adapter discovers every feature file (issue 14: no class per feature).</summary>
public sealed class SellingAtTheRegisterFeature
{
    [Scenarios("Features/Pipeline/SellingAtTheRegister.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}

public sealed class BanHangTaiQuayFeature
{
    [Scenarios("Features/Pipeline/BanHangTaiQuay.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}
