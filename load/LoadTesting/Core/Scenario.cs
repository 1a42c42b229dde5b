namespace ConformanceKit.LoadTesting;

/// <summary>
/// A scenario: steps run in order for each invocation (stopping at the first failure), driven by its load simulations,
/// after an optional warm-up whose results are not counted. Build it in C#:
/// <code>
/// Scenario.Create("sale", Step.Create("post", async ctx => ...), Step.Create("look-up", async ctx => ...))
///         .WithWarmUp(TimeSpan.FromSeconds(3))
///         .WithLoadSimulations(LoadSimulation.Inject(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));
/// </code>
/// </summary>
public sealed class Scenario
{
    private Scenario(string name, IReadOnlyList<Step> steps)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a scenario needs a name", nameof(name));
        if (steps.Count == 0) throw new ArgumentException("a scenario needs at least one step", nameof(steps));
        if (steps.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != steps.Count)
            throw new ArgumentException($"scenario {name}: step names must be distinct", nameof(steps));
        Name = name;
        Steps = steps;
    }

    public string Name { get; }

    public IReadOnlyList<Step> Steps { get; }

    public IReadOnlyList<LoadSimulation> Simulations { get; private init; } =
        [LoadSimulation.Inject(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10))];

    public TimeSpan WarmUp { get; private init; }

    public Func<CancellationToken, Task>? Init { get; private init; }

    public Func<CancellationToken, Task>? Clean { get; private init; }

    public static Scenario Create(string name, params Step[] steps) => new(name, steps);

    /// <summary>A one-step scenario; the step carries the scenario's name.</summary>
    public static Scenario Create(string name, Func<ScenarioContext, Task<StepResult>> run) => new(name, [new Step(name, run)]);

    public Scenario WithLoadSimulations(params LoadSimulation[] simulations)
    {
        if (simulations.Length == 0) throw new ArgumentException("at least one load simulation", nameof(simulations));
        return Copy(simulations: simulations);
    }

    /// <summary>Runs the first simulation's shape for this long before measuring; its invocations are not counted.</summary>
    public Scenario WithWarmUp(TimeSpan duration) => Copy(warmUp: duration);

    public Scenario WithoutWarmUp() => Copy(warmUp: TimeSpan.Zero);

    public Scenario WithInit(Func<CancellationToken, Task> init) => Copy(init: init);

    public Scenario WithClean(Func<CancellationToken, Task> clean) => Copy(clean: clean);

    private Scenario Copy(IReadOnlyList<LoadSimulation>? simulations = null, TimeSpan? warmUp = null,
        Func<CancellationToken, Task>? init = null, Func<CancellationToken, Task>? clean = null) => new(Name, Steps)
    {
        Simulations = simulations ?? Simulations, WarmUp = warmUp ?? WarmUp, Init = init ?? Init, Clean = clean ?? Clean,
    };

    /// <summary>The phases as run: the warm-up (the first simulation cut to the warm-up's length), then each simulation.</summary>
    public IEnumerable<(LoadSimulation Simulation, bool IsWarmUp)> Phases()
    {
        if (WarmUp > TimeSpan.Zero) yield return (Simulations[0].ForWarmUp(WarmUp), true);
        foreach (var s in Simulations) yield return (s, false);
    }

    /// <summary>The measured part's planned length (fixed-iteration phases count as zero).</summary>
    public TimeSpan PlannedDuration => Simulations.Aggregate(TimeSpan.Zero, (t, s) => t + s.During);
}
