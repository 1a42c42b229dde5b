using ConformanceKit.Features.Drivers;
using ConformanceKit.Features.Reqnroll;

namespace ConformanceKit.Features.Support;

/// <summary>State per scenario: a fresh simulator before it; its HTTP exchange in the failure message after it.</summary>
[Binding]
public sealed class SimulatorHooks(SimulatorDriver simulator, HttpLog http, ScenarioContext scenario)
{
    [BeforeScenario(Order = 100)]
    public Task StartFreshSimulatorAsync() => simulator.StartAsync();

    [AfterScenario]
    public void PrintHttpExchangeOnFailure()
    {
        if (scenario.TestError is not null)
            scenario.AddFailureDetail($"HTTP exchange ({http.Count} requests)", http.Render());
    }
}
