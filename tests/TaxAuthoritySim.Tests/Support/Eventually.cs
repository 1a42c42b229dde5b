namespace ConformanceKit.TaxAuthoritySim.Tests.Support;

/// <summary>Waits for a condition instead of sleeping: polls until it holds or the time is up.</summary>
public static class Eventually
{
    /// <summary>The first value that satisfies <paramref name="done"/>, or the last one read when the time ran out.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }
}
