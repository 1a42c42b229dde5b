namespace ConformanceKit.LoadTesting.Tests;

/// <summary>The runner on a hand-driven clock: latencies are exact, whatever the machine is doing.</summary>
[Collection(ManualClockCollection.Name)]
public sealed class ManualTimeRunnerTests
{
    internal static async Task<RunReport> RunOnManualClockAsync(ManualTime time, LoadTest test)
    {
        var run = test.WithTimeProvider(time).RunAsync();
        for (var i = 0; i < 100_000 && !run.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(5));
            await SettleAsync(time);
        }
        Assert.True(run.IsCompleted, "the run did not end on the manual clock");
        return await run;
    }

    /// <summary>
    /// Waits until the thread pool has nothing queued and the clock's timers stop changing, i.e. every dispatched
    /// step has started and parked on the clock. A fixed real-time pause was not enough on a busy CI machine: a step
    /// picked up three advances late measured 265 ms for a 250 ms delay.
    /// </summary>
    private static async Task SettleAsync(ManualTime time)
    {
        var last = -1;
        for (var stable = 0; stable < 2;)
        {
            await Task.Delay(1);
            var now = time.PendingTimers;
            if (ThreadPool.PendingWorkItemCount == 0 && now == last) stable++;
            else (stable, last) = (0, now);
        }
    }

    [Fact]
    public async Task On_a_manual_clock_each_latency_is_the_steps_own_time_from_its_scheduled_start()
    {
        var time = new ManualTime();
        var scenario = Scenario.Create("fixed", async ctx =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), ctx.TimeProvider);
                return StepResult.Ok();
            })
            .WithLoadSimulations(LoadSimulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        var report = await RunOnManualClockAsync(time, LoadTest.Create("manual", scenario));

        var s = Assert.Single(report.Scenarios);
        Assert.Equal(10, s.All.Ok);
        Assert.InRange(s.All.Latency.Min, 249.9, 256); // the clock moves in 5 ms steps
        Assert.InRange(s.All.Latency.Max, 249.9, 256);
        Assert.Equal(1.0, s.MeasuredSeconds, 2);
        Assert.Equal(10, s.All.Rps, 1);
    }

    [Fact]
    public async Task On_a_manual_clock_a_single_lane_target_that_stalls_shows_the_queue_in_every_later_latency()
    {
        var time = new ManualTime();
        using var lane = new SemaphoreSlim(1);
        var scenario = Scenario.Create("stall", async ctx =>
            {
                await lane.WaitAsync(ctx.CancellationToken);
                try
                {
                    // Invocation 2 (due at 200 ms) holds the only lane for a second; the others take 10 ms.
                    await Task.Delay(TimeSpan.FromMilliseconds(ctx.InvocationNumber == 2 ? 1000 : 10), ctx.TimeProvider);
                }
                finally
                {
                    lane.Release();
                }
                return StepResult.Ok();
            })
            .WithLoadSimulations(LoadSimulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        var report = await RunOnManualClockAsync(time, LoadTest.Create("manual", scenario));

        var s = Assert.Single(report.Scenarios).All;
        Assert.Equal(20, s.Ok);
        // Due at 300, 400 … 1100 ms, they queue behind the stall until 1200 ms and drain 10 ms each: 910 ms down to ~200 ms.
        Assert.InRange(s.Latency.Max, 999, 1020);
        Assert.True(s.Latency.P75 >= 400, $"p75 {s.Latency.P75} ms: the queue behind the stall is counted");
        Assert.InRange(s.Latency.Min, 9.9, 16);
    }
}

/// <summary>The manual-clock tests run alone so other tests' work does not delay the steps they dispatch.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ManualClockCollection
{
    public const string Name = "manual clock";
}
