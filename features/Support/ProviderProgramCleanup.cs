using Reqnroll;

namespace ConformanceKit.Features.Support;

/// <summary>Kills the scenario's provider program (if it ran one) before its authority goes away.</summary>
[Binding]
public sealed class ProviderProgramCleanup(ReferenceProvider provider, ScenarioContext scenario, FailureDetails failure)
{
    [AfterScenario(Order = int.MaxValue - 2)]
    public void StopProviderProgram()
    {
        if (provider.SeparateProgram is not { } program) return;
        if (scenario.TestError is not null) failure.Add("the provider program's log", program.Log);
        program.Dispose();
    }
}
