namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// Runs a scenario as an open model: one scheduling loop computes each arrival's time from the load
/// simulations and hands the step to the thread pool at that time without waiting for earlier
/// invocations; latency is measured from the scheduled time, so a stalled target (or a late
/// runner) cannot hide its queueing delay.
/// </summary>
public static class ScenarioRunner
{
    public static async Task<ScenarioStats> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        var stats = new ScenarioStats(scenario.Name);
        var tasks = new List<Task>((int)Math.Min(int.MaxValue, scenario.TotalInvocations));
        // The schedule runs on its own thread: Thread.Sleep wakes within ~0.1 ms of the requested
        // millisecond on Linux, where timer-queue Task.Delay is often 1–4 ms late under load.
        var scheduler = new Thread(() => Schedule(scenario, stats, tasks, cancellationToken))
        {
            IsBackground = true,
            Name = "open-model scheduler",
            Priority = ThreadPriority.AboveNormal,
        };
        scheduler.Start();
        await Task.Run(scheduler.Join, CancellationToken.None).ConfigureAwait(false);
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return stats;
    }

    private static void Schedule(Scenario scenario, ScenarioStats stats, List<Task> tasks, CancellationToken cancellationToken)
    {
        var phaseStart = MonoClock.Add(MonoClock.Now, TimeSpan.FromMilliseconds(20));
        long number = 0;
        foreach (var (simulation, isWarmUp) in scenario.Phases())
        {
            if (!isWarmUp && stats.WindowStart == 0)
            {
                stats.WindowStart = phaseStart;
                stats.WindowEnd = MonoClock.Add(phaseStart, scenario.MeasuredDuration);
            }
            var invocations = simulation.Invocations;
            for (long k = 0; k < invocations && !cancellationToken.IsCancellationRequested; k++)
            {
                var due = MonoClock.Add(phaseStart, simulation.OffsetOf(k));
                WaitUntil(due);
                var context = new ScenarioContext(number++, due, isWarmUp, cancellationToken);
                tasks.Add(Task.Run(() => InvokeAsync(scenario, context, stats), CancellationToken.None));
            }
            phaseStart = MonoClock.Add(phaseStart, simulation.During);
        }
    }

    private static async Task InvokeAsync(Scenario scenario, ScenarioContext context, ScenarioStats stats)
    {
        stats.RecordStart(context, MonoClock.Now);
        StepResponse response;
        try
        {
            response = await scenario.Step(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            response = StepResponse.Fail(0, context.CancellationToken.IsCancellationRequested ? "cancelled" : "timeout");
        }
        catch (Exception)
        {
            response = StepResponse.Fail(0, "transport");
        }
        stats.RecordEnd(context, response, MonoClock.Now);
    }

    /// <summary>
    /// Sleeps until <paramref name="due"/>, never firing early: whole milliseconds with Thread.Sleep,
    /// then at most one more 1 ms sleep (no spinning: the two cores belong to the server).
    /// </summary>
    private static void WaitUntil(long due)
    {
        while (true)
        {
            var now = MonoClock.Now;
            if (now >= due) return;
            var remainingMs = MonoClock.Between(now, due).TotalMilliseconds;
            Thread.Sleep(Math.Max(1, (int)remainingMs));
        }
    }
}
