namespace ConformanceKit.LoadTesting.Tests;

public sealed class LoadSimulationTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    [Fact]
    public void Inject_spaces_N_per_interval_evenly_over_the_duration()
    {
        var phase = (OpenPhase)Phase.Resolve([(LoadSimulation.Inject(50, S, TimeSpan.FromSeconds(2)), false)])[0];
        var offsets = phase.Offsets().ToList();
        Assert.Equal(100, offsets.Count);
        Assert.Equal(TimeSpan.Zero, offsets[0]);
        Assert.All(offsets.Zip(offsets.Skip(1)), p => Assert.Equal(TimeSpan.FromMilliseconds(20), p.Second - p.First));
        Assert.Equal(TimeSpan.FromMilliseconds(1980), offsets[^1]);
    }

    [Fact]
    public void Inject_per_other_interval_is_the_same_rate()
    {
        var phase = (OpenPhase)Phase.Resolve([(LoadSimulation.Inject(30, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)), false)])[0];
        Assert.Equal(60, phase.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), phase.OffsetOf(1));
    }

    [Fact]
    public void Ramping_inject_starts_from_the_previous_rate_and_its_arrivals_are_the_area_under_the_ramp()
    {
        var phases = Phase.Resolve([
            (LoadSimulation.Inject(10, S, TimeSpan.FromSeconds(5)), false),
            (LoadSimulation.RampingInject(30, S, TimeSpan.FromSeconds(10)), false),
            (LoadSimulation.RampingInject(0, S, TimeSpan.FromSeconds(4)), false),
        ]);
        var up = (OpenPhase)phases[1];
        Assert.Equal((10.0, 30.0), (up.From, up.To));
        Assert.Equal(200, up.Count); // (10 + 30) / 2 × 10 s
        var offsets = up.Offsets().ToList();
        // Gaps shrink as the rate grows: 1/10 s at the start, about 1/30 s at the end.
        Assert.InRange((offsets[1] - offsets[0]).TotalMilliseconds, 95, 100);
        Assert.InRange((offsets[^1] - offsets[^2]).TotalMilliseconds, 33, 35);
        Assert.True(offsets.Zip(offsets.Skip(1)).All(p => p.Second > p.First));
        Assert.True(offsets[^1] < TimeSpan.FromSeconds(10));
        // Half-way through the ramp (rate 20/s) the cumulative count is 10·5 + 10·5/2 = 75.
        Assert.InRange(offsets.Count(o => o < TimeSpan.FromSeconds(5)), 75, 76);
        var down = (OpenPhase)phases[2];
        Assert.Equal((30.0, 0.0, 60L), (down.From, down.To, down.Count));
        Assert.True(down.Offsets().All(o => o < TimeSpan.FromSeconds(4)));
    }

    [Fact]
    public void A_first_ramp_starts_from_zero()
    {
        var ramp = (OpenPhase)Phase.Resolve([(LoadSimulation.RampingInject(20, S, TimeSpan.FromSeconds(10)), false)])[0];
        Assert.Equal(100, ramp.Count);
        Assert.Equal(Math.Sqrt(50), ramp.OffsetOf(50).TotalSeconds, 6); // N(t) = t² → t = √50
    }

    [Fact]
    public void Closed_model_copies_hold_or_ramp_from_the_previous_phase()
    {
        var phases = Phase.Resolve([
            (LoadSimulation.KeepConstant(4, TimeSpan.FromSeconds(10)), false),
            (LoadSimulation.RampingConstant(12, TimeSpan.FromSeconds(8)), false),
            (LoadSimulation.IterationsForConstant(3, 500), false),
        ]);
        var keep = (ClosedPhase)phases[0];
        Assert.Equal(4, keep.CopiesAt(TimeSpan.FromSeconds(9)));
        var ramp = (ClosedPhase)phases[1];
        Assert.Equal(4, ramp.CopiesAt(TimeSpan.Zero));
        Assert.Equal(8, ramp.CopiesAt(TimeSpan.FromSeconds(4)));
        Assert.Equal(12, ramp.CopiesAt(TimeSpan.FromSeconds(8)));
        var fixedRun = (ClosedPhase)phases[2];
        Assert.Equal((3, 500L), (fixedRun.To, fixedRun.Iterations!.Value));
    }

    [Fact]
    public void Fixed_iterations_injected_at_a_rate()
    {
        var phase = (OpenPhase)Phase.Resolve([(LoadSimulation.IterationsForInject(4, S, 10), false)])[0];
        Assert.Equal(10, phase.Count);
        Assert.Equal(TimeSpan.FromSeconds(2.25), phase.OffsetOf(9));
        Assert.Equal(TimeSpan.FromSeconds(2.5), phase.During);
    }

    [Fact]
    public void Warm_up_runs_the_first_shape_for_its_length_before_the_measured_phases()
    {
        var scenario = Scenario.Create("s", _ => Task.FromResult(StepResult.Ok()))
            .WithWarmUp(TimeSpan.FromSeconds(2))
            .WithLoadSimulations(LoadSimulation.RampingInject(10, S, TimeSpan.FromSeconds(4)));
        var phases = Phase.Resolve(scenario.Phases());
        Assert.Equal(2, phases.Count);
        var warm = (OpenPhase)phases[0];
        Assert.True(warm.IsWarmUp);
        Assert.Equal((10.0, 10.0, 20L), (warm.From, warm.To, warm.Count));
        Assert.False(phases[1].IsWarmUp);
        Assert.Equal(10.0, ((OpenPhase)phases[1]).From); // the ramp continues from the warm-up's rate
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("60", 60_000)]
    public void Durations_parse(string text, double ms) => Assert.Equal(TimeSpan.FromMilliseconds(ms), Duration.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("10x")]
    [InlineData("-5")]
    public void Bad_durations_do_not_parse(string text) => Assert.False(Duration.TryParse(text, out _));

    [Fact]
    public void A_shape_on_one_line_becomes_load_simulations_and_scales_to_a_stores_share()
    {
        Assert.True(LoadShape.TryParse("inject:10:30s, ramp:50:1m, constant:4:10s, ramp-constant:8:5s, pause:2s", out var shape, out var error), error);
        Assert.Equal(
            [LoadSimulation.Inject(10, S, TimeSpan.FromSeconds(30)), LoadSimulation.RampingInject(50, S, TimeSpan.FromMinutes(1)),
             LoadSimulation.KeepConstant(4, TimeSpan.FromSeconds(10)), LoadSimulation.RampingConstant(8, TimeSpan.FromSeconds(5)), LoadSimulation.Pause(TimeSpan.FromSeconds(2))],
            shape);
        var half = LoadShape.Scale(shape, 0.5);
        Assert.Equal(5, ((InjectSimulation)half[0]).Rate);
        Assert.Equal(25, ((InjectSimulation)half[1]).Rate);
        Assert.Equal(4, ((ConstantSimulation)half[2]).Copies);
        Assert.False(LoadShape.TryParse("inject:10", out _, out error));
        Assert.Contains("'inject:10' is not a phase", error);
        Assert.False(LoadShape.TryParse("spike:10:5s", out _, out _));
        Assert.False(LoadShape.TryParse("", out _, out _));
    }
}
