namespace ConformanceKit.Features.Bridge;

/// <summary>
/// Base of the per-feature test classes (features/Features/*.cs), the hand-written equivalent of the class
/// Reqnroll generates per .feature file. Each class is its own xunit collection, so features run in parallel.
/// </summary>
public abstract class FeatureTest
{
    protected static Task RunAsync(ScenarioCase scenario) => ScenarioRunner.RunAsync(scenario.Plan, BindingRegistry.Suite);
}
