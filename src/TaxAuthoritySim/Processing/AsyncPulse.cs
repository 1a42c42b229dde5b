namespace ConformanceKit.TaxAuthoritySim.Processing;

/// <summary>Wakes every waiter at once. Take <see cref="Current"/> before checking the condition, then
/// wait on it, so a pulse between the check and the wait is not missed.</summary>
public sealed class AsyncPulse
{
    private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Current => Volatile.Read(ref _tcs).Task;

    public void Pulse() => Interlocked.Exchange(ref _tcs, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public static async Task WaitAsync(Task pulse, TimeSpan timeout, CancellationToken ct)
    {
        if (timeout <= TimeSpan.Zero) return;
        try
        {
            await pulse.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
        }
    }
}
