using System.Globalization;

namespace ConformanceKit.LoadTesting;

/// <summary>
/// How a scenario is driven, NBomber's vocabulary. Open model (arrivals do not wait for earlier ones; latency counted from
/// the scheduled start): <see cref="Inject"/>, <see cref="RampingInject"/>, <see cref="IterationsForInject"/>. Closed model
/// (N copies each looping): <see cref="KeepConstant"/>, <see cref="RampingConstant"/>, <see cref="IterationsForConstant"/>.
/// Ramps start from the previous simulation's rate or copies (0 for the first).
/// </summary>
public abstract record LoadSimulation
{
    /// <summary>How long the phase lasts; zero for fixed-iteration phases (they last until done).</summary>
    public abstract TimeSpan During { get; }

    /// <summary><paramref name="rate"/> arrivals per <paramref name="interval"/>, evenly spaced, for <paramref name="during"/>.</summary>
    public static LoadSimulation Inject(double rate, TimeSpan interval, TimeSpan during) => new InjectSimulation(Check(rate), Positive(interval), Positive(during), Ramp: false);

    /// <summary>Arrival rate moving linearly from the previous phase's to <paramref name="rate"/> per <paramref name="interval"/>.</summary>
    public static LoadSimulation RampingInject(double rate, TimeSpan interval, TimeSpan during) => new InjectSimulation(Check(rate), Positive(interval), Positive(during), Ramp: true);

    /// <summary>Exactly <paramref name="iterations"/> arrivals at <paramref name="rate"/> per <paramref name="interval"/>.</summary>
    public static LoadSimulation IterationsForInject(double rate, TimeSpan interval, long iterations) =>
        new InjectIterationsSimulation(Check(rate) > 0 ? rate : throw new ArgumentOutOfRangeException(nameof(rate)), Positive(interval), iterations > 0 ? iterations : throw new ArgumentOutOfRangeException(nameof(iterations)));

    /// <summary><paramref name="copies"/> copies, each running the scenario again as soon as it finishes, for <paramref name="during"/>.</summary>
    public static LoadSimulation KeepConstant(int copies, TimeSpan during) => new ConstantSimulation(copies >= 0 ? copies : throw new ArgumentOutOfRangeException(nameof(copies)), Positive(during), Ramp: false);

    /// <summary>Copies moving linearly from the previous phase's to <paramref name="copies"/>.</summary>
    public static LoadSimulation RampingConstant(int copies, TimeSpan during) => new ConstantSimulation(copies >= 0 ? copies : throw new ArgumentOutOfRangeException(nameof(copies)), Positive(during), Ramp: true);

    /// <summary><paramref name="copies"/> copies sharing exactly <paramref name="iterations"/> invocations.</summary>
    public static LoadSimulation IterationsForConstant(int copies, long iterations) =>
        new IterationsSimulation(copies > 0 ? copies : throw new ArgumentOutOfRangeException(nameof(copies)), iterations > 0 ? iterations : throw new ArgumentOutOfRangeException(nameof(iterations)));

    /// <summary>Nothing for a while.</summary>
    public static LoadSimulation Pause(TimeSpan during) => new InjectSimulation(0, TimeSpan.FromSeconds(1), Positive(during), Ramp: false);

    internal abstract LoadSimulation ForWarmUp(TimeSpan duration);

    private static double Check(double rate) => rate >= 0 && double.IsFinite(rate) ? rate : throw new ArgumentOutOfRangeException(nameof(rate));

    private static TimeSpan Positive(TimeSpan t) => t > TimeSpan.Zero ? t : throw new ArgumentOutOfRangeException(nameof(t), "must be positive");

    protected static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    protected static string D(TimeSpan t) => Duration.Format(t);
}

public sealed record InjectSimulation(double Rate, TimeSpan Interval, TimeSpan Length, bool Ramp) : LoadSimulation
{
    public override TimeSpan During => Length;

    public double PerSecond => Rate / Interval.TotalSeconds;

    internal override LoadSimulation ForWarmUp(TimeSpan duration) => this with { Length = duration, Ramp = false };

    public override string ToString() => Rate == 0 ? $"pause {D(Length)}"
        : $"{(Ramp ? "ramping inject to" : "inject")} {F(Rate)}/{D(Interval)} during {D(Length)}";
}

public sealed record InjectIterationsSimulation(double Rate, TimeSpan Interval, long Iterations) : LoadSimulation
{
    public override TimeSpan During => TimeSpan.FromSeconds(Iterations / (Rate / Interval.TotalSeconds));

    internal override LoadSimulation ForWarmUp(TimeSpan duration) => new InjectSimulation(Rate, Interval, duration, Ramp: false);

    public override string ToString() => $"{Iterations} iterations injected at {F(Rate)}/{D(Interval)}";
}

public sealed record ConstantSimulation(int Copies, TimeSpan Length, bool Ramp) : LoadSimulation
{
    public override TimeSpan During => Length;

    internal override LoadSimulation ForWarmUp(TimeSpan duration) => this with { Length = duration, Ramp = false };

    public override string ToString() => $"{(Ramp ? "ramping constant to" : "keep constant")} {Copies} copies during {D(Length)}";
}

public sealed record IterationsSimulation(int Copies, long Iterations) : LoadSimulation
{
    public override TimeSpan During => TimeSpan.Zero;

    internal override LoadSimulation ForWarmUp(TimeSpan duration) => new ConstantSimulation(Copies, duration, Ramp: false);

    public override string ToString() => $"{Iterations} iterations by {Copies} copies";
}

/// <summary>A simulation with its starting point resolved (ramps start where the previous phase ended).</summary>
public abstract record Phase(bool IsWarmUp)
{
    /// <summary>Resolves ramps: each starts at the previous phase's rate (open) or copies (closed); the first at 0.</summary>
    public static IReadOnlyList<Phase> Resolve(IEnumerable<(LoadSimulation Simulation, bool IsWarmUp)> simulations)
    {
        var phases = new List<Phase>();
        double rate = 0;
        var copies = 0;
        foreach (var (simulation, warm) in simulations)
        {
            switch (simulation)
            {
                case InjectSimulation i:
                    phases.Add(new OpenPhase(warm, i.Ramp ? rate : i.PerSecond, i.PerSecond, i.Length, null));
                    rate = i.PerSecond;
                    break;
                case InjectIterationsSimulation n:
                    var perSecond = n.Rate / n.Interval.TotalSeconds;
                    phases.Add(new OpenPhase(warm, perSecond, perSecond, n.During, n.Iterations));
                    rate = perSecond;
                    break;
                case ConstantSimulation c:
                    phases.Add(new ClosedPhase(warm, c.Ramp ? copies : c.Copies, c.Copies, c.Length, null));
                    copies = c.Copies;
                    break;
                case IterationsSimulation n:
                    phases.Add(new ClosedPhase(warm, n.Copies, n.Copies, TimeSpan.Zero, n.Iterations));
                    copies = n.Copies;
                    break;
                default:
                    throw new NotSupportedException(simulation.GetType().Name);
            }
        }
        return phases;
    }
}

/// <summary>Open model: arrivals at a rate moving linearly from <paramref name="From"/> to <paramref name="To"/> per second.</summary>
public sealed record OpenPhase(bool IsWarmUp, double From, double To, TimeSpan During, long? Iterations) : Phase(IsWarmUp)
{
    /// <summary>How many arrivals: the area under the rate, or the fixed iteration count.</summary>
    public long Count => Iterations ?? (long)Math.Floor((From + To) / 2 * During.TotalSeconds + 1e-9);

    /// <summary>
    /// The k-th arrival's offset from the phase start: the first time the cumulative arrivals N(t) = From·t + (To−From)·t²/(2T)
    /// reach k (evenly spaced when From = To).
    /// </summary>
    public TimeSpan OffsetOf(long k)
    {
        var seconds = During.TotalSeconds;
        double t;
        if (Math.Abs(To - From) < 1e-12 || Iterations is not null) t = k / From;
        else
        {
            var b = (To - From) / seconds;
            var discriminant = From * From + 2 * b * k;
            t = (-From + Math.Sqrt(Math.Max(0, discriminant))) / b;
        }
        return TimeSpan.FromTicks((long)Math.Round(t * TimeSpan.TicksPerSecond));
    }

    public IEnumerable<TimeSpan> Offsets()
    {
        for (long k = 0; k < Count; k++) yield return OffsetOf(k);
    }
}

/// <summary>Closed model: copies moving linearly from <paramref name="From"/> to <paramref name="To"/>, or a fixed iteration count.</summary>
public sealed record ClosedPhase(bool IsWarmUp, int From, int To, TimeSpan During, long? Iterations) : Phase(IsWarmUp)
{
    /// <summary>The copies that should be running at <paramref name="elapsed"/> into the phase.</summary>
    public int CopiesAt(TimeSpan elapsed)
    {
        if (During <= TimeSpan.Zero || From == To) return To;
        var f = Math.Clamp(elapsed / During, 0, 1);
        return (int)Math.Round(From + (To - From) * f, MidpointRounding.AwayFromZero);
    }
}
