using ConformanceKit.LoadTesting.Targets;
using ConformanceKit.Provider;

namespace ConformanceKit.LoadTesting.Workloads;

/// <summary>The knobs a workload takes (from `ck load` options or code). Zero or null means the workload's own default.</summary>
public sealed record WorkloadOptions
{
    /// <summary>The measured length (warm-up not included).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Base arrival rate per second over the whole run (sales/s, packages/s); 0 = the workload's default.</summary>
    public double Rate { get; init; }

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(3);

    public int Stores { get; init; } = 4;

    public int RegistersPerStore { get; init; } = 3;

    /// <summary>pipeline-sales: POS clients (registers) selling at once, each waiting for its answer; 0 = the workload's 8.</summary>
    public int Clients { get; init; }

    public int Seed { get; init; } = 20261206;

    /// <summary>How long the checks wait for every invoice (204) after the load; the 15-minute bound is judged separately.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Phases that replace the workload's own arrival shape (rates over the whole fleet); null = the workload's.</summary>
    public IReadOnlyList<LoadSimulation>? Shape { get; init; }

    /// <summary>Soak: how many times faster than real time the simulated clock runs.</summary>
    public double ClockRate { get; init; } = 60;
}

/// <summary>What a workload hands the runner: its scenarios, the domain checks after the load, and thresholds that go without saying.</summary>
public sealed record PreparedWorkload(IReadOnlyList<Scenario> Scenarios, Func<CancellationToken, Task<IReadOnlyDictionary<string, double>>>? Checks,
    IReadOnlyList<string> DefaultThresholds, IReadOnlyList<string> Notes) : IAsyncDisposable
{
    public Func<ValueTask>? Cleanup { get; init; }

    public async ValueTask DisposeAsync()
    {
        if (Cleanup is not null) await Cleanup().ConfigureAwait(false);
    }
}

/// <summary>A ready-made load: a shop's day, a peak, a T-VAN's traffic. `ck load --list` lists them; copy one to write your own.</summary>
public abstract class Workload
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>Which side it loads: <see cref="TargetKind.Provider"/> (sales through the provider API) or <see cref="TargetKind.Authority"/> (packages as a T-VAN).</summary>
    public abstract TargetKind Speaks { get; }

    /// <summary>The sync mode the in-process pipeline's provider runs in for this workload.</summary>
    public virtual SyncMode PipelineSync => SyncMode.Periodic;

    /// <summary>Whether the pipeline's provider should run on the simulated (fast) clock.</summary>
    public virtual bool FastClock => false;

    public abstract Task<PreparedWorkload> PrepareAsync(LoadTarget target, WorkloadOptions options, CancellationToken ct);

    public bool CanTarget(TargetKind kind) => kind == TargetKind.Pipeline || kind == Speaks;
}

/// <summary>All the ready-made workloads.</summary>
public static class WorkloadCatalogue
{
    public static IReadOnlyList<Workload> All { get; } =
    [
        new SalesWorkload("pos-fleet", "a POS fleet: stores × registers, each register selling at its own rhythm, realistic baskets and VAT mixes (café, mini-mart, pharmacy, restaurant)", SalesShape.Steady),
        new SalesWorkload("lunch-peak", "the fleet through a lunch peak: base rate, ramp to 3× in 15% of the time, hold, ramp back", SalesShape.LunchPeak),
        new SalesWorkload("tet-peak", "the fleet before Tết: ramp up to 5× the base rate, hold, ramp down (ramping inject)", SalesShape.TetPeak),
        new SalesWorkload("end-of-day", "manual sync: every shop sells all day without packaging, then flushes at 22:00 (POST /api/v1/packages/flush); measures flush → all accepted", SalesShape.EndOfDay),
        new SalesWorkload("soak", "the fleet at a steady low rate for a long time with the simulated clock running fast (--clock-rate, pipeline) to cross day and month boundaries", SalesShape.Soak),
        new SalesWorkload("pipeline-sales", "8 POS clients (closed model) ringing up sales as fast as the pipeline answers; --store compares the provider's stores", SalesShape.Closed),
        new TvanWorkload("tvan-forward", "a T-VAN forwarding signed 206 packages of mixed sizes (1–200 invoices) to the authority; 204s read from the inbox feed", mixed: true),
        new TvanWorkload("sim-messages", "signed 50-invoice 206 packages at a constant rate to the authority, 204s from the inbox feed; --target simulator[=sqlite|postgres] starts one", mixed: false),
    ];

    public static Workload? Find(string name) => All.FirstOrDefault(w => w.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
