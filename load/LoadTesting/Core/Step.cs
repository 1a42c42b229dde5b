namespace ConformanceKit.LoadTesting;

/// <summary>One named step of a scenario: an async function of the invocation's context returning ok or fail.</summary>
public sealed record Step(string Name, Func<ScenarioContext, Task<StepResult>> Run)
{
    public static Step Create(string name, Func<ScenarioContext, Task<StepResult>> run) => new(name, run);
}
