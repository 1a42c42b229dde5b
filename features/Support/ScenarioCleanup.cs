using ConformanceKit.Features.Drivers;
using Reqnroll;

namespace ConformanceKit.Features.Support;

/// <summary>
/// Stops the scenario's in-process servers last of all: Reqnroll's container disposes <see cref="IDisposable"/> objects
/// only, and the simulator and the callback receiver are <see cref="IAsyncDisposable"/>.
/// </summary>
[Binding]
public sealed class ScenarioCleanup(SimulatorDriver simulator, CallbackReceiver receiver)
{
    [AfterScenario(Order = int.MaxValue)]
    public async Task StopServersAsync()
    {
        await receiver.DisposeAsync();
        await simulator.DisposeAsync();
    }
}
