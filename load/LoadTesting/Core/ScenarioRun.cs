namespace ConformanceKit.LoadTesting;

/// <summary>
/// Runs one scenario through its phases. Open-model phases: one scheduling loop computes each arrival's due time and
/// starts the invocation then, never waiting for earlier ones; latency is counted from the due time, so a stalled
/// target (or a lagging generator) cannot hide its queueing (no coordinated omission). Closed-model phases: copies
/// loop, latency from each invocation's own start.
/// </summary>
internal sealed class ScenarioRun(Scenario scenario, TimeProvider time)
{
    private readonly InFlight _inFlight = new();
    private readonly IReadOnlyList<Phase> _phases = Phase.Resolve(scenario.Phases());
    private long _invocations;
    private long _measuredEnd;

    public Scenario Scenario { get; } = scenario;

    public ScenarioStats Stats { get; } = new(scenario, BucketWidthFor(scenario.PlannedDuration));

    public string PhaseName { get; private set; } = "starting";

    /// <summary>End of the last phase (timestamp); 0 until the run is over.</summary>
    public long MeasuredEnd => _measuredEnd;

    /// <summary>About 300 buckets at most, at least one second each.</summary>
    internal static TimeSpan BucketWidthFor(TimeSpan planned) =>
        TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(planned.TotalSeconds / 300)));

    public async Task RunAsync(CancellationToken ct)
    {
        var phaseStart = time.GetTimestamp() + Ticks(TimeSpan.FromMilliseconds(10));
        for (var i = 0; i < _phases.Count && !ct.IsCancellationRequested; i++)
        {
            var phase = _phases[i];
            PhaseName = phase.IsWarmUp ? "warm-up" : $"phase {i + 1 - (_phases[0].IsWarmUp ? 1 : 0)}";
            if (!phase.IsWarmUp && Stats.WindowStart == 0)
            {
                Stats.WindowStart = phaseStart;
            }
            phaseStart = phase switch
            {
                OpenPhase open => await RunOpenAsync(open, phaseStart, ct).ConfigureAwait(false),
                ClosedPhase closed => await RunClosedAsync(closed, phaseStart, ct).ConfigureAwait(false),
                _ => phaseStart,
            };
        }
        _measuredEnd = phaseStart;
        PhaseName = "draining";
        await _inFlight.DrainAsync().ConfigureAwait(false);
        PhaseName = "done";
    }

    public ScenarioReport Report()
    {
        var measured = Stats.WindowStart == 0 ? TimeSpan.Zero : time.GetElapsedTime(Stats.WindowStart, Math.Max(_measuredEnd, Stats.WindowStart));
        return new ScenarioReport(Scenario.Name, Scenario.Simulations.Select(s => s.ToString()).ToList(), Scenario.WarmUp.TotalSeconds,
            Math.Round(measured.TotalSeconds, 3), Stats.All.Snapshot(measured), Stats.Steps.Select(s => s.Snapshot(measured)).ToList(),
            Stats.Timeline(), Interlocked.Read(ref Stats.LateDispatches));
    }

    private long Ticks(TimeSpan t) => (long)(t.TotalSeconds * time.TimestampFrequency);

    /// <summary>
    /// The open-model schedule runs on its own thread: with the system clock, Thread.Sleep wakes within ~0.1 ms of the
    /// requested millisecond on Linux, where timer-queue Task.Delay is often 1–4 ms late under load; with another
    /// <see cref="TimeProvider"/> (tests) it waits on that provider's timers.
    /// </summary>
    private Task<long> RunOpenAsync(OpenPhase phase, long start, CancellationToken ct)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { done.SetResult(RunOpen(phase, start, ct)); }
            catch (Exception e) { done.SetException(e); }
        })
        {
            IsBackground = true, Name = "open-model scheduler " + Scenario.Name, Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        return done.Task;
    }

    private void SleepUntil(long due, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var now = time.GetTimestamp();
            if (now >= due) return;
            var wait = time.GetElapsedTime(now, due);
            if (ReferenceEquals(time, TimeProvider.System)) Thread.Sleep(Math.Max(1, (int)wait.TotalMilliseconds));
            else
                try { Task.Delay(wait, time, ct).Wait(ct); }
                catch (OperationCanceledException) { return; }
        }
    }

    private long RunOpen(OpenPhase phase, long start, CancellationToken ct)
    {
        var count = phase.Count;
        var lateAfter = Ticks(TimeSpan.FromMilliseconds(5));
        for (long k = 0; k < count && !ct.IsCancellationRequested; k++)
        {
            var due = start + Ticks(phase.OffsetOf(k));
            SleepUntil(due, ct);
            if (ct.IsCancellationRequested) break;
            var now = time.GetTimestamp();
            if (!phase.IsWarmUp && now - due > lateAfter) Interlocked.Increment(ref Stats.LateDispatches);
            Interlocked.Increment(ref Stats.Scheduled);
            var context = new ScenarioContext(Scenario.Name, Interlocked.Increment(ref _invocations) - 1, due, phase.IsWarmUp, -1, time, ct);
            _inFlight.Add();
            ThreadPool.UnsafeQueueUserWorkItem(static c => _ = c.Run.InvokeAsync(c.Context), (Run: this, Context: context), preferLocal: false);
        }
        var end = start + Ticks(phase.During);
        SleepUntil(end, ct);
        return Math.Max(end, phase.Iterations is null ? end : time.GetTimestamp());
    }

    private async Task<long> RunClosedAsync(ClosedPhase phase, long start, CancellationToken ct)
    {
        var now = time.GetTimestamp();
        if (start > now) await Task.Delay(time.GetElapsedTime(now, start), time, ct).ConfigureAwait(false);
        var target = phase.CopiesAt(TimeSpan.Zero);
        long taken = 0;
        var workers = new List<Task>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        bool MayContinue(int copy) => !stop.IsCancellationRequested && copy < Volatile.Read(ref target)
            && (phase.Iterations is null || Interlocked.Increment(ref taken) <= phase.Iterations);

        async Task Worker(int copy)
        {
            await Task.Yield();
            while (MayContinue(copy))
            {
                var context = new ScenarioContext(Scenario.Name, Interlocked.Increment(ref _invocations) - 1, time.GetTimestamp(), phase.IsWarmUp, copy, time, stop.Token);
                Interlocked.Increment(ref Stats.Scheduled);
                _inFlight.Add();
                await InvokeAsync(context).ConfigureAwait(false);
            }
        }

        var running = 0;
        while (!ct.IsCancellationRequested)
        {
            var elapsed = time.GetElapsedTime(start);
            Volatile.Write(ref target, phase.CopiesAt(elapsed));
            for (var c = 0; c < Volatile.Read(ref target); c++)
            {
                if (c >= running)
                {
                    workers.Add(Worker(c));
                    running++;
                }
                else if (phase.Iterations is null && workers[c].IsCompleted)
                {
                    workers[c] = Worker(c); // a copy stopped by a ramp down, wanted again
                }
            }
            if (phase.Iterations is not null)
            {
                if (workers.All(w => w.IsCompleted)) break;
            }
            else if (elapsed >= phase.During) break;
            try { await Task.Delay(TimeSpan.FromMilliseconds(20), time, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
        var planned = start + Ticks(phase.During);
        Volatile.Write(ref target, 0);
        await Task.WhenAll(workers).ConfigureAwait(false);
        return phase.Iterations is null ? planned : time.GetTimestamp();
    }

    private async Task InvokeAsync(ScenarioContext context)
    {
        Interlocked.Increment(ref Stats.Running);
        try
        {
            var stepStart = context.ScheduledTimestamp;
            StepResult? failed = null;
            string? failedStep = null;
            long bytes = 0;
            var status = 0;
            for (var i = 0; i < Scenario.Steps.Count; i++)
            {
                var step = Scenario.Steps[i];
                StepResult result;
                try
                {
                    result = await step.Run(context).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
                {
                    result = StepResult.Fail("cancelled");
                }
                catch (OperationCanceledException e)
                {
                    result = StepResult.Fail("timeout", message: e.Message);
                }
                catch (HttpRequestException e)
                {
                    result = StepResult.Fail("transport", (int)(e.StatusCode ?? 0), message: e.Message);
                }
                catch (Exception e)
                {
                    result = StepResult.Fail(e.GetType().Name, message: e.Message);
                }
                var end = time.GetTimestamp();
                if (!context.IsWarmUp) Stats.Steps[i].Record(result, Micros(stepStart, end));
                stepStart = end;
                bytes += result.SizeBytes;
                status = result.StatusCode;
                if (!result.IsOk)
                {
                    failed = result;
                    failedStep = step.Name;
                    break;
                }
            }
            if (context.IsWarmUp) return;
            var finished = time.GetTimestamp();
            var total = failed is null
                ? StepResult.Ok(status, bytes)
                : StepResult.Fail(Scenario.Steps.Count > 1 ? $"{failedStep}: {failed.Error}" : failed.Error ?? "failed", status, bytes, failed.Message);
            var micros = Micros(context.ScheduledTimestamp, finished);
            Stats.All.Record(total, micros);
            if (Stats.WindowStart != 0) Stats.RecordTimeline(time.GetElapsedTime(Stats.WindowStart, finished), total, micros);
        }
        finally
        {
            Interlocked.Decrement(ref Stats.Running);
            _inFlight.Done();
        }
    }

    private long Micros(long from, long to) => (long)(time.GetElapsedTime(from, to).Ticks / 10);

    /// <summary>Invocations started and not yet finished; <see cref="DrainAsync"/> waits until none is left.</summary>
    private sealed class InFlight
    {
        private long _count;

        public void Add() => Interlocked.Increment(ref _count);

        public void Done() => Interlocked.Decrement(ref _count);

        public async Task DrainAsync()
        {
            while (Interlocked.Read(ref _count) > 0) await Task.Delay(10).ConfigureAwait(false);
        }
    }
}
