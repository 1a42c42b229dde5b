using Reqnroll;

namespace ConformanceKit.Features.Support;

/// <summary>Stops the scenario's reference provider (and its signing service) before its authority goes away.</summary>
[Binding]
public sealed class PipelineCleanup(ReferenceProvider provider)
{
    [AfterScenario(Order = int.MaxValue - 1)]
    public Task StopProviderAsync() => provider.DisposeAsync().AsTask();
}
