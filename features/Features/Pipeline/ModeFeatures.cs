using ConformanceKit.Features.Adapter;

namespace ConformanceKit.Features.Features.Pipeline;

// Temporary until the adapter discovers every feature file (issue 14: no class per feature); deleted at merge.

public sealed class ConnectionModesFeature
{
    [Scenarios("Features/Pipeline/ConnectionModes.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}

public sealed class SyncModesFeature
{
    [Scenarios("Features/Pipeline/SyncModes.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}

public sealed class SigningModesFeature
{
    [Scenarios("Features/Pipeline/SigningModes.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}

public sealed class NewCashRegisterFeature
{
    [Scenarios("Features/Pipeline/NewCashRegister.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}

public sealed class KetNoiQuaTepVaBangFeature
{
    [Scenarios("Features/Pipeline/KetNoiQuaTepVaBang.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}

public sealed class GuiKhiCuaHangYeuCauFeature
{
    [Scenarios("Features/Pipeline/GuiKhiCuaHangYeuCau.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}

public sealed class MayTinhTienMoiFeature
{
    [Scenarios("Features/Pipeline/MayTinhTienMoi.feature")]
    public Task Scenario(string feature, int pickle) => ScenarioRunner.RunAsync(feature, pickle);
}
