using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.Features;

/// <summary>Runs GuiGoiHoaDon.feature through Reqnroll: one test case per scenario and Examples row.</summary>
public sealed class GuiGoiHoaDonFeature
{
    [Scenarios("Features/GuiGoiHoaDon.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}
