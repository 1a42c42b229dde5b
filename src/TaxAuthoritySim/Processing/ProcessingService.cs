using ConformanceKit.TaxAuthoritySim.Hosting;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Processing;

/// <summary>
/// Runs the data checks: recovers messages recorded but not yet processed (after a crash or
/// restart), then workers take due messages from the queue. A failure is logged and retried.
/// </summary>
public sealed class ProcessingService(
    ISimulatorStore store,
    ProcessingQueue queue,
    MessageProcessor processor,
    SimulatorSettings settings,
    Diagnostics.StageTimings timings,
    ILogger<ProcessingService> log) : BackgroundService
{
    public override async Task StartAsync(CancellationToken ct)
    {
        // Before the server takes requests: everything acknowledged earlier gets processed.
        var pending = await store.PendingAsync(ct);
        foreach (var m in pending) queue.Enqueue(m);
        if (pending.Count > 0) log.LogInformation("Recovered {Count} messages acknowledged before the last stop", pending.Count);
        await base.StartAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, settings.Workers).Select(_ => Task.Run(() => Worker(stoppingToken), stoppingToken)));

    private async Task Worker(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Store.InboundMessage m;
            try { m = await queue.TakeAsync(ct); }
            catch (OperationCanceledException) { return; }
            // Due → taken: how long a due message waited for a worker (real time).
            var waited = DateTimeOffset.UtcNow - m.ReceivedWallAt;
            timings.Add("queue-wait", (long)(waited.TotalSeconds * System.Diagnostics.Stopwatch.Frequency));
            try
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await processor.ProcessAsync(m, ct);
                timings.Record("process", started);
                queue.Done(m.MessageId, processed: true);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Not lost: still Received in the store. Try again a little later.
                log.LogError(ex, "Processing {MessageId} failed; retrying in 1 s", m.MessageId);
                queue.Done(m.MessageId);
                _ = Task.Delay(TimeSpan.FromSeconds(1), ct).ContinueWith(_ => queue.Enqueue(m), CancellationToken.None,
                    TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
        }
    }
}
