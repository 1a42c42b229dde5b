using ConformanceKit.AuthorityContract;

namespace ConformanceKit.TestSupport;

/// <summary>The simulator's GET /health (src/AuthorityContract's HealthView), for tests that wait for it.</summary>
public static class SimulatorHealth
{
    /// <summary>The health view (no key needed); <paramref name="client"/>'s base address is the simulator's root.</summary>
    public static Task<HealthView> ReadAsync(HttpClient client, CancellationToken ct = default) =>
        new AuthorityTvanClient(client, apiKey: null).HealthAsync(ct);

    /// <summary>Waits until the simulator answers 200 (start-up done); the last view read.</summary>
    public static async Task<HealthView> ReadyAsync(HttpClient client, TimeSpan? timeout = null, Func<string>? describe = null)
    {
        var health = await Eventually.ValueAsync(async () =>
        {
            try { return await ReadAsync(client); }
            catch (HttpRequestException) { return new HealthView { Status = "unreachable" }; }
        }, h => h.IsReady, timeout);
        return health.IsReady ? health
            : throw new TimeoutException($"the simulator at {client.BaseAddress} did not become ready ({health.Status})" + describe?.Invoke());
    }

    /// <summary>
    /// Waits until the simulator is idle: nothing queued, being processed or pending (the <c>idle</c> of /health) —
    /// instead of sleeping until processing "should" be over. The last view read.
    /// </summary>
    public static async Task<HealthView> IdleAsync(HttpClient client, TimeSpan? timeout = null)
    {
        var health = await Eventually.ValueAsync(() => ReadAsync(client), h => h.Idle == true, timeout);
        return health.Idle == true ? health
            : throw new TimeoutException($"the simulator at {client.BaseAddress} did not become idle: " +
                                         $"{health.Pending} pending, {health.Queued} queued, {health.Processed} processed");
    }
}
