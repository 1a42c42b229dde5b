namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// A named step run at the arrival times of its load simulations, after a warm-up at the first
/// simulation's rate (as NBomber's <c>Scenario.Create(...).WithWarmUpDuration(...).WithLoadSimulations(...)</c>).
/// </summary>
public sealed class Scenario
{
    private Scenario(string name, Func<ScenarioContext, Task<StepResponse>> step) => (Name, Step) = (name, step);

    public string Name { get; }

    public Func<ScenarioContext, Task<StepResponse>> Step { get; }

    public TimeSpan WarmUpDuration { get; private set; }

    public IReadOnlyList<LoadSimulation> LoadSimulations { get; private set; } = [];

    public static Scenario Create(string name, Func<ScenarioContext, Task<StepResponse>> step) => new(name, step);

    public Scenario WithWarmUpDuration(TimeSpan warmUp)
    {
        WarmUpDuration = warmUp;
        return this;
    }

    public Scenario WithLoadSimulations(params LoadSimulation[] simulations)
    {
        if (simulations.Length == 0) throw new ArgumentException("at least one load simulation", nameof(simulations));
        LoadSimulations = simulations;
        return this;
    }

    /// <summary>The warm-up phase (if any) followed by the measured simulations.</summary>
    public IEnumerable<(LoadSimulation Simulation, bool IsWarmUp)> Phases()
    {
        if (WarmUpDuration > TimeSpan.Zero)
        {
            var first = LoadSimulations[0];
            yield return (first with { During = WarmUpDuration }, true);
        }
        foreach (var s in LoadSimulations) yield return (s, false);
    }

    /// <summary>Invocations the whole run schedules, warm-up included (size the payload set with it).</summary>
    public long TotalInvocations => Phases().Sum(p => p.Simulation.Invocations);

    public TimeSpan MeasuredDuration => TimeSpan.FromTicks(LoadSimulations.Sum(s => s.During.Ticks));
}
