namespace ConformanceKit.TestSupport;

/// <summary>
/// Waits for a condition instead of sleeping: polls (10 ms, doubling up to 200 ms) until it holds or the time is up.
/// The one polling loop of the tests — support code and tests use it rather than a hand-written deadline loop.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The first value that satisfies <paramref name="done"/>, or the last one read when the time ran out.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null,
        Func<Task>? meanwhile = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            if (meanwhile is not null) await meanwhile();
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds; false when the time ran out first. <paramref name="meanwhile"/>
    /// runs between polls (e.g. to advance the simulated clock).
    /// </summary>
    public static Task<bool> TryUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, Func<Task>? meanwhile = null) =>
        ValueAsync(condition, held => held, timeout, meanwhile);

    public static Task<bool> TryUntilAsync(Func<bool> condition, TimeSpan? timeout = null) =>
        TryUntilAsync(() => Task.FromResult(condition()), timeout);

    /// <summary>Waits until <paramref name="condition"/> holds; a <see cref="TimeoutException"/> saying <paramref name="what"/> when it does not in time.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<Task>? meanwhile = null)
    {
        if (!await TryUntilAsync(condition, timeout, meanwhile))
            throw new TimeoutException($"timed out waiting until {what}");
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>The first non-null value <paramref name="read"/> gives; a <see cref="TimeoutException"/> saying <paramref name="what"/> when none comes in time.</summary>
    public static async Task<T> SomeAsync<T>(Func<Task<T?>> read, string what, TimeSpan? timeout = null) where T : class =>
        await ValueAsync(read, v => v is not null, timeout) ?? throw new TimeoutException($"timed out waiting for {what}");
}
